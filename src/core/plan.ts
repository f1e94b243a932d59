import { ownEntry } from './model.js';
import type { CurrentFile } from './current-file.js';
import type { FileChange, RenderedFile } from './model.js';
import { gitBlobSha } from './hash.js';
import { lockEntryFor, type Lock, type LockEntry } from './lock.js';
import { lockFiles } from './lock-parts.js';
import { readBlock, writeBlock } from './markers.js';
import { decide, outcome, type Decision, type DriftClass, type DriftPolicy } from './drift-policy.js';
import { LOCK_PATH } from './paths.js';
import { skillsRunningCode, type SkillCode } from './skill-code.js';
import { ownership } from './ownership.js';
import { mergeThreeWay } from './three-way.js';

export type FindingKind =
  | 'missing'
  | 'stale'
  | 'hand-edited'
  | 'orphaned'
  | 'foreign'
  | 'unmarked'
  | 'lock-without-file'
  | 'bad-markers';

export interface Finding {
  kind: FindingKind;
  path: string;
  agent?: string;
  skill?: string;
  platform?: string;
  /** What we did about it. `blocked` stops the whole run before anything is written. */
  action: 'fixed' | 'kept' | 'blocked' | 'dropped';
  message: string;
}

export interface Plan {
  /** Sorted by path; includes the lock's files (root, parts) that change. */
  changes: FileChange[];
  findings: Finding[];
  lock: Lock;
  /** A finding refuses the run: nothing may be written. */
  blocked: boolean;
  /** Catalog agents whose content changed since the lock was written (the catalog we ship was updated). */
  changedAgents: string[];
  /** Skills whose code (scripts, executable files) this plan adds or changes. */
  runsCode: SkillCode[];
  /** `update`: hand-edited files the upstream change was merged into (clean three-way merges). */
  merged: string[];
  /** `update`: hand-edited files whose merge conflicted: kept exactly as the user has them. */
  conflicts: string[];
}

export interface PlanInput {
  rendered: RenderedFile[];
  /** Every path in `rendered` and in the lock (undefined: no such file). Texts: see `textsNeeded`. */
  current: ReadonlyMap<string, CurrentFile | undefined>;
  lock: Lock;
  /** The root lock file's text as it is (undefined: none). */
  lockText: string | undefined;
  /**
   * The files named like a part of the lock in its folder, as they are (path → text; see LOCK_PARTS_DIR):
   * the plan writes the parts the new lock needs and deletes the others.
   */
  lockParts?: ReadonlyMap<string, string>;
  /** What to do about each class of drift (the manifest's `hand-edits`, see drift-policy.ts). */
  policy: DriftPolicy;
  /** Content hash per installed agent, recorded in the lock (to tell when the catalog changed one). */
  agentHashes: Lock['agents'];
  /** The manifest's sources as resolved: spec, commit and a hash per installed agent (see core/sources.ts). */
  sources?: NonNullable<Lock['sources']>;
  /**
   * `update`: whole files as generated from the locked version (path → text). A file the user edited is
   * merged three-way (base: this, ours: the user's, theirs: the new render) instead of kept or overwritten;
   * its text must be in `current`.
   */
  bases?: ReadonlyMap<string, string>;
}

/**
 * The paths whose text the planner needs first: the shared files that hold (or will hold) one of our blocks.
 * Whole files are compared by blob SHA, so a host that knows SHAs (GitHub's tree) downloads only these, and
 * then the few that `ownershipTexts` (ownership.ts) names: locked files that would change.
 */
export function textsNeeded(rendered: RenderedFile[], lock: Lock): string[] {
  const blocks = [
    ...rendered.filter((f) => f.kind === 'block').map((f) => f.path),
    ...lock.files.filter((e) => e.kind === 'block').map((e) => e.path),
  ];
  return [...new Set(blocks)].sort();
}

/**
 * Compares what we would generate with what the repository holds and what the lock says we generated.
 * Pure: the result says exactly which files to create, update and delete, and why. Every path that
 * drifted gets one finding of its class, and the manifest's drift policy decides what happens to it.
 */
export function plan(input: PlanInput): Plan {
  const { current, policy } = input;
  const previous = new Map(input.lock.files.map((e) => [e.path, e]));
  const changes: FileChange[] = [];
  const findings: Finding[] = [];
  const entries: LockEntry[] = [];
  const merged: string[] = [];
  const conflicts: string[] = [];
  const desired = new Set(input.rendered.map((f) => f.path));
  const changedAgents = catalogChanges(input.lock.agents, input.agentHashes);
  const installed = new Set([
    ...Object.keys(input.agentHashes),
    ...Object.values(input.sources ?? {}).flatMap((s) => Object.keys(s.agents)),
  ]);
  const skillsNow = new Set(input.rendered.flatMap((f) => (f.skill ? [f.skill] : [])));
  const platformsNow = new Set(input.rendered.map((f) => f.platform));
  const owner = (e: { agent?: string; skill?: string; platform?: string }) => ({
    ...(e.agent ? { agent: e.agent } : {}),
    ...(e.skill ? { skill: e.skill } : {}),
    ...(e.platform ? { platform: e.platform } : {}),
  });
  /** Records a finding and returns what the policy says to do about it. */
  const find = (
    kind: DriftClass,
    at: { path: string; agent?: string; skill?: string; platform?: string },
    what: string,
    as: FindingKind = kind,
  ) => {
    const decision = decide(policy, kind);
    findings.push({
      kind: as,
      path: at.path,
      ...owner(at),
      action: decision === 'fix' ? 'fixed' : decision === 'fail' ? 'blocked' : 'kept',
      message: `${what}; ${outcome(policy, kind, decision, at.agent)}`,
    });
    return decision;
  };
  const staleReason = (file: RenderedFile) =>
    file.agent && changedAgents.includes(file.agent)
      ? `the catalog changed \`${file.agent}\` since it was generated`
      : 'differs from what the manifest generates now';
  const desiredBlobs = new Map<string, string>();
  const blobOf = (file: RenderedFile) => {
    let blob = desiredBlobs.get(file.path);
    if (blob === undefined) desiredBlobs.set(file.path, (blob = gitBlobSha(file.content)));
    return blob;
  };
  const renderedAt = new Map(input.rendered.map((f) => [f.path, f]));
  const ours = ownership(input.lock, current, (path) => {
    const file = renderedAt.get(path);
    return file && file.kind === 'file' ? blobOf(file) : undefined;
  });
  /**
   * A locked whole file without our mark: the person's, whatever the lock says, so never changed. Its entry
   * stays (harmless without the mark), so the finding stays until someone decides, and putting the mark
   * back hands the file back to us.
   */
  const unmarked = (entry: LockEntry, generatedNow: boolean) => {
    findings.push({
      kind: 'unmarked',
      path: entry.path,
      ...owner(entry),
      action: 'kept',
      message: `the lock lists it, but it does not start with blue-gardener's generated-by mark, so it is treated as your file and left untouched; ${
        generatedNow
          ? 'to have blue-gardener manage it again, delete it and run sync (or put the mark line back)'
          : 'delete it yourself if you no longer need it'
      }`,
    });
    entries.push(entry);
  };
  const textOf = (path: string, file: CurrentFile) => {
    if (file.text === undefined) throw new Error(`internal: the planner needs the text of ${path}`);
    return file.text;
  };

  for (const file of input.rendered) {
    const now = current.get(file.path);
    const locked = previous.get(file.path);
    const desiredBlob = blobOf(file);
    const before = now?.text;
    const keep = () => entries.push(lockEntryFor(file, desiredBlob));
    if (file.kind === 'block') {
      let inner: string | undefined;
      try {
        inner = now ? readBlock(textOf(file.path, now), file.path) : undefined;
      } catch (error) {
        findings.push({
          kind: 'bad-markers',
          path: file.path,
          ...owner(file),
          action: 'blocked',
          message: (error as Error).message,
        });
        continue;
      }
      if (inner === file.content) {
        keep();
        continue;
      }
      if (locked) {
        const decision =
          inner === undefined
            ? find(
                'missing',
                file,
                now ? 'our block was removed from the file' : 'the file holding our block was deleted',
              )
            : gitBlobSha(inner) !== locked.blob
              ? find('hand-edited', file, 'our block was edited by hand')
              : find('stale', file, staleReason(file));
        if (decision !== 'fix') {
          entries.push(locked);
          continue;
        }
      }
      changes.push({
        path: file.path,
        operation: now ? 'update' : 'create',
        content: writeBlock(before, file.content, file.path)!,
        ...(now ? { before } : {}),
      });
      keep();
      continue;
    }
    if (now && (now.text === undefined ? now.blob === desiredBlob : now.text === file.content)) {
      // Our bytes, locked, without the executable bit a skill's script is written with (a `chmod -x`, a
      // checkout on a disk without modes): the script would not run, so it is stale, and the update adds the
      // bit back. Only the bit changes: the bytes are exactly what we generate, so no text is lost.
      if (file.executable && now.executable === false && locked) {
        if (find('stale', file, 'has lost its executable bit') === 'fix')
          changes.push({
            path: file.path,
            operation: 'update',
            content: file.content,
            // The same bytes (a GitHub host compared blob SHAs and read no text).
            before: file.content,
            executable: true,
          });
      }
      keep();
      continue;
    }
    let decision: Decision = 'fix';
    if (!now) {
      if (locked) decision = find('missing', file, 'generated file was deleted');
    } else if (!locked) {
      find('foreign', file, 'a file we did not generate is where this one goes');
      continue;
    } else if (!ours.owns(file.path)) {
      unmarked(locked, true);
      continue;
    } else if (now.blob !== locked.blob) {
      const base = input.bases?.get(file.path);
      // Upstream changed a file the user edited: merge (a file upstream left alone follows the policy).
      if (
        base !== undefined &&
        base !== file.content &&
        now.text !== undefined &&
        gitBlobSha(base) === locked.blob
      ) {
        const result = mergeThreeWay(base, now.text, file.content);
        if (result === 'conflict') {
          conflicts.push(file.path);
          findings.push({
            kind: 'hand-edited',
            path: file.path,
            ...owner(file),
            action: 'kept',
            message:
              'edited by hand, and the upstream change conflicts with the edit; kept as it is (merge it by hand)',
          });
          entries.push(locked);
        } else {
          merged.push(file.path);
          findings.push({
            kind: 'hand-edited',
            path: file.path,
            ...owner(file),
            action: 'fixed',
            message: 'edited by hand; the upstream change was merged into the edit',
          });
          if (result.merged !== now.text)
            changes.push({ path: file.path, operation: 'update', content: result.merged, before: now.text });
          keep();
        }
        continue;
      }
      decision = find('hand-edited', file, 'edited by hand');
    } else decision = find('stale', file, staleReason(file));
    if (decision !== 'fix') {
      if (locked) entries.push(locked);
      continue;
    }
    changes.push({
      path: file.path,
      operation: now ? 'update' : 'create',
      content: file.content,
      ...(before !== undefined ? { before } : {}),
      ...(file.executable ? { executable: true } : {}),
    });
    keep();
  }

  for (const entry of input.lock.files) {
    if (desired.has(entry.path)) continue;
    const now = current.get(entry.path);
    if (!now) {
      findings.push({
        kind: 'lock-without-file',
        path: entry.path,
        ...owner(entry),
        action: 'dropped',
        message: 'no longer generated and already gone; dropped from the lock',
      });
      continue;
    }
    let oursBlob = now.blob;
    if (entry.kind === 'block') {
      let ours: string | undefined;
      try {
        ours = readBlock(textOf(entry.path, now), entry.path);
      } catch (error) {
        findings.push({
          kind: 'bad-markers',
          path: entry.path,
          ...owner(entry),
          action: 'blocked',
          message: (error as Error).message,
        });
        continue;
      }
      if (ours === undefined) {
        findings.push({
          kind: 'lock-without-file',
          path: entry.path,
          ...owner(entry),
          action: 'dropped',
          message: 'our block is already gone; dropped from the lock',
        });
        continue;
      }
      oursBlob = gitBlobSha(ours);
    } else if (!ours.owns(entry.path)) {
      unmarked(entry, false);
      continue;
    }
    const why = orphanReason(entry, installed, platformsNow, skillsNow);
    const decision =
      oursBlob !== entry.blob
        ? find('hand-edited', entry, `${why}, and edited by hand`, 'orphaned')
        : find('orphaned', entry, why);
    if (decision !== 'fix') {
      entries.push(entry);
      continue;
    }
    const next = entry.kind === 'block' ? writeBlock(now.text, undefined, entry.path) : undefined;
    changes.push(
      next === undefined
        ? { path: entry.path, operation: 'delete', ...(now.text !== undefined ? { before: now.text } : {}) }
        : { path: entry.path, operation: 'update', content: next, before: now.text! },
    );
  }

  const lock: Lock = {
    version: 2,
    files: entries,
    agents: input.agentHashes,
    ...(input.sources && Object.keys(input.sources).length ? { sources: input.sources } : {}),
  };
  // The lock is ours by path (its root and its parts): written whenever its text changes, compare-and-swap
  // against the text it was planned from; a part the new lock does not have is deleted.
  const was = new Map(input.lockParts ?? []);
  if (input.lockText !== undefined) was.set(LOCK_PATH, input.lockText);
  const next = lockFiles(lock);
  for (const [path, content] of next) {
    const before = was.get(path);
    if (content !== before)
      changes.push(
        before === undefined
          ? { path, operation: 'create', content }
          : { path, operation: 'update', content, before },
      );
  }
  for (const [path, before] of was) if (!next.has(path)) changes.push({ path, operation: 'delete', before });
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    changes,
    findings,
    lock,
    blocked: findings.some((f) => f.action === 'blocked'),
    changedAgents,
    runsCode: skillsRunningCode(changes, input.rendered),
    merged: merged.sort(),
    conflicts: conflicts.sort(),
  };
}

/** Catalog agents installed before and now whose content hash differs: the catalog we ship changed them. */
export function catalogChanges(before: Lock['agents'], now: Lock['agents']): string[] {
  return Object.keys(now)
    .filter((name) => {
      const was = ownEntry(before, name);
      return was?.source === 'catalog' && now[name]!.source === 'catalog' && was.sha256 !== now[name]!.sha256;
    })
    .sort();
}

function orphanReason(
  entry: LockEntry,
  installed: Set<string>,
  platformsNow: Set<string>,
  skillsNow: Set<string>,
): string {
  if (entry.skill && !skillsNow.has(entry.skill))
    return `skill \`${entry.skill}\` is no longer in the manifest`;
  if (!platformsNow.has(entry.platform)) return `platform \`${entry.platform}\` is no longer in the manifest`;
  if (entry.agent && !installed.has(entry.agent))
    return `agent \`${entry.agent}\` is no longer in the manifest`;
  return 'no longer generated';
}

/** The paths whose current state the planner needs: everything rendered and everything locked. */
export function pathsToRead(rendered: RenderedFile[], lock: Lock): string[] {
  return [...new Set([...rendered.map((f) => f.path), ...lock.files.map((e) => e.path)])].sort();
}
