import type { FileChange, RenderedFile } from './model.js';
import { gitBlobSha } from './hash.js';
import { lockEntryFor, serializeLock, type Lock, type LockEntry } from './lock.js';
import { readBlock, writeBlock } from './markers.js';
import type { Manifest } from './manifest-schema.js';
import { LOCK_PATH } from './manifest-schema.js';

export type FindingKind =
  'missing' | 'stale' | 'hand-edited' | 'orphaned' | 'foreign' | 'lock-without-file' | 'bad-markers';

export interface Finding {
  kind: FindingKind;
  path: string;
  agent?: string;
  platform?: string;
  /** What we did about it. `blocked` stops the whole run before anything is written. */
  action: 'fixed' | 'kept' | 'blocked' | 'dropped';
  message: string;
}

/** A file as the repository holds it: its git blob SHA always, its text when the host has it. */
export interface CurrentFile {
  blob: string;
  text?: string;
}

export interface Plan {
  /** Sorted by path; includes the lock file when it changes. */
  changes: FileChange[];
  findings: Finding[];
  lock: Lock;
  /** A finding refuses the run: nothing may be written. */
  blocked: boolean;
}

export interface PlanInput {
  rendered: RenderedFile[];
  /** Every path in `rendered` and in the lock (undefined: no such file). Texts: see `textsNeeded`. */
  current: ReadonlyMap<string, CurrentFile | undefined>;
  lock: Lock;
  lockText: string | undefined;
  handEdits: Manifest['hand-edits'];
  /** Content hash per installed agent, recorded in the lock (to tell when the catalog changed one). */
  agentHashes: Lock['agents'];
}

/** Wraps a text as a CurrentFile (hosts that hold the text: the local disk, memory). */
export const currentOf = (text: string | undefined): CurrentFile | undefined =>
  text === undefined ? undefined : { blob: gitBlobSha(text), text };

/**
 * The paths whose text the planner needs: the shared files that hold (or will hold) one of our blocks.
 * Whole files are decided from blob SHAs alone, so a host that knows SHAs (GitHub's tree) downloads only these.
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
 * Pure: the result says exactly which files to create, update and delete, and why.
 */
export function plan(input: PlanInput): Plan {
  const { current, handEdits } = input;
  const previous = new Map(input.lock.files.map((e) => [e.path, e]));
  const changes: FileChange[] = [];
  const findings: Finding[] = [];
  const entries: LockEntry[] = [];
  const desired = new Set(input.rendered.map((f) => f.path));
  const owner = (e: { agent?: string; platform?: string }) => ({
    ...(e.agent ? { agent: e.agent } : {}),
    ...(e.platform ? { platform: e.platform } : {}),
  });
  const handEditAction = handEdits === 'overwrite' ? 'fixed' : handEdits === 'fail' ? 'blocked' : 'kept';
  const textOf = (path: string, file: CurrentFile) => {
    if (file.text === undefined) throw new Error(`internal: the planner needs the text of ${path}`);
    return file.text;
  };

  for (const file of input.rendered) {
    const now = current.get(file.path);
    const locked = previous.get(file.path);
    const desiredBlob = gitBlobSha(file.content);
    const before = now?.text;
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
      const handEdited =
        locked && inner !== undefined && gitBlobSha(inner) !== locked.blob && inner !== file.content;
      if (handEdited) {
        findings.push({
          kind: 'hand-edited',
          path: file.path,
          ...owner(file),
          action: handEditAction,
          message: handEditMessage(handEdits),
        });
        if (handEdits !== 'overwrite') {
          entries.push(locked);
          continue;
        }
      } else if (locked && inner === undefined && now) {
        findings.push({
          kind: 'missing',
          path: file.path,
          ...owner(file),
          action: 'fixed',
          message: 'our block was removed from the file; added it again',
        });
      }
      const next = inner === file.content ? before! : writeBlock(before, file.content, file.path)!;
      if (next !== before)
        changes.push({
          path: file.path,
          operation: now ? 'update' : 'create',
          content: next,
          ...(now ? { before } : {}),
        });
      entries.push(lockEntryFor(file, desiredBlob));
      continue;
    }
    const keep = () => entries.push(lockEntryFor(file, desiredBlob));
    const write = () =>
      changes.push({
        path: file.path,
        operation: now ? 'update' : 'create',
        content: file.content,
        ...(before !== undefined ? { before } : {}),
      });
    if (now?.blob === desiredBlob) {
      keep();
      continue;
    }
    if (!now) {
      if (locked)
        findings.push({
          kind: 'missing',
          path: file.path,
          ...owner(file),
          action: 'fixed',
          message: 'generated file was deleted; recreated',
        });
      write();
      keep();
      continue;
    }
    if (!locked) {
      findings.push({
        kind: 'foreign',
        path: file.path,
        ...owner(file),
        action: 'blocked',
        message:
          'a file we did not generate is in the way; move or delete it, then run again (we never overwrite it)',
      });
      continue;
    }
    if (now.blob !== locked.blob) {
      findings.push({
        kind: 'hand-edited',
        path: file.path,
        ...owner(file),
        action: handEditAction,
        message: handEditMessage(handEdits),
      });
      if (handEdits !== 'overwrite') {
        entries.push(locked);
        continue;
      }
    }
    write();
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
        message: 'no longer generated and already gone',
      });
      continue;
    }
    let ours: string | undefined = undefined;
    let oursBlob = now.blob;
    if (entry.kind === 'block') {
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
          message: 'our block is already gone',
        });
        continue;
      }
      oursBlob = gitBlobSha(ours);
    }
    if (oursBlob !== entry.blob && handEdits !== 'overwrite') {
      findings.push({
        kind: 'orphaned',
        path: entry.path,
        ...owner(entry),
        action: handEditAction,
        message: `no longer generated, but ${handEditMessage(handEdits)}`,
      });
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

  const lock: Lock = { version: 1, files: entries, agents: input.agentHashes };
  const lockText = serializeLock(lock);
  if (lockText !== input.lockText) {
    changes.push({
      path: LOCK_PATH,
      operation: input.lockText === undefined ? 'create' : 'update',
      content: lockText,
      ...(input.lockText === undefined ? {} : { before: input.lockText }),
    });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { changes, findings, lock, blocked: findings.some((f) => f.action === 'blocked') };
}

function handEditMessage(policy: Manifest['hand-edits']): string {
  if (policy === 'overwrite') return 'edited by hand; overwritten (hand-edits: overwrite)';
  if (policy === 'fail')
    return 'edited by hand; stopping (hand-edits: fail) — move your change into the manifest or a custom agent';
  return 'edited by hand; kept (hand-edits: keep) — set `hand-edits: overwrite` or delete the file to regenerate it';
}

/** The paths whose current state the planner needs: everything rendered and everything locked. */
export function pathsToRead(rendered: RenderedFile[], lock: Lock): string[] {
  return [...new Set([...rendered.map((f) => f.path), ...lock.files.map((e) => e.path)])].sort();
}
