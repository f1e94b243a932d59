import type { FileChange, RenderedFile } from './model.js';
import { sha256 } from './hash.js';
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
  /** Current content of every path in `rendered` and in the lock (undefined: no such file). */
  current: ReadonlyMap<string, string | undefined>;
  lock: Lock;
  lockText: string | undefined;
  handEdits: Manifest['hand-edits'];
  /** Content hash per installed agent, recorded in the lock (to tell when the catalog changed one). */
  agentHashes: Lock['agents'];
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

  for (const file of input.rendered) {
    const before = current.get(file.path);
    const locked = previous.get(file.path);
    let ours: string | undefined; // the text of ours in the file now (whole file, or block inner)
    try {
      ours =
        file.kind === 'block' ? (before === undefined ? undefined : readBlock(before, file.path)) : before;
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
    const write = () => {
      const next = file.kind === 'block' ? writeBlock(before, file.content, file.path)! : file.content;
      changes.push({
        path: file.path,
        operation: before === undefined ? 'create' : 'update',
        content: next,
        ...(before === undefined ? {} : { before }),
      });
    };
    const keepEntry = () => entries.push(lockEntryFor(file, sha256(file.content)));
    if (ours === file.content) {
      keepEntry();
      continue;
    }
    if (ours === undefined) {
      if (locked)
        findings.push({
          kind: 'missing',
          path: file.path,
          ...owner(file),
          action: 'fixed',
          message: 'generated file was deleted; recreated',
        });
      write();
      keepEntry();
      continue;
    }
    if (!locked && file.kind === 'file') {
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
    if (locked && sha256(ours) !== locked.sha256) {
      findings.push({
        kind: 'hand-edited',
        path: file.path,
        ...owner(file),
        action: handEditAction,
        message: handEditMessage(handEdits),
      });
      if (handEdits === 'overwrite') {
        write();
        keepEntry();
      } else entries.push(locked);
      continue;
    }
    write();
    keepEntry();
  }

  for (const entry of input.lock.files) {
    if (desired.has(entry.path)) continue;
    const before = current.get(entry.path);
    let ours: string | undefined;
    try {
      ours =
        entry.kind === 'block' ? (before === undefined ? undefined : readBlock(before, entry.path)) : before;
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
        message: 'no longer generated and already gone',
      });
      continue;
    }
    if (sha256(ours) !== entry.sha256 && handEdits !== 'overwrite') {
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
    const next = entry.kind === 'block' ? writeBlock(before, undefined, entry.path) : undefined;
    changes.push(
      next === undefined
        ? { path: entry.path, operation: 'delete', before }
        : { path: entry.path, operation: 'update', content: next, before },
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

/** The paths whose current content the planner needs: everything rendered and everything locked. */
export function pathsToRead(rendered: RenderedFile[], lock: Lock): string[] {
  return [...new Set([...rendered.map((f) => f.path), ...lock.files.map((e) => e.path)])].sort();
}
