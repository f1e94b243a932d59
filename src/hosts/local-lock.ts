import * as nodeFs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { diskError } from './disk-errors.js';

/** How long a run waits for another run on the same repository before giving up. */
export const LOCK_WAIT_MS = 30_000;
const POLL_MS = 50;
/** A stale-lock breaker that has held its claim this long was killed while breaking; its claim is dropped. */
const BREAKER_STALE_MS = 10_000;

export interface LockOptions {
  waitMs?: number;
  /** Where the lock file goes when the repository has no `.git` folder (tests pass their own). */
  fallbackDir?: string;
}

/**
 * The lock file for a repository: `.git/blue-gardener.lock` when `.git` is a real folder, else a file outside
 * the repository named after the repository's real path (a worktree's `.git` is a file; a plain folder has none).
 */
export function lockPath(root: string, options: LockOptions = {}): string {
  const git = join(root, '.git');
  if (nodeFs.lstatSync(git, { throwIfNoEntry: false })?.isDirectory()) return join(git, 'blue-gardener.lock');
  const key = createHash('sha256').update(nodeFs.realpathSync(root)).digest('hex').slice(0, 32);
  return join(options.fallbackDir ?? join(tmpdir(), 'blue-gardener-locks'), `${key}.lock`);
}

/** Whether a process with this id runs (on this machine). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process id written in a lock file; undefined when the file is gone or not ours to read. */
function holder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(nodeFs.readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the repository's advisory lock: one writing blue-gardener run per repository at a time. The lock file
 * appears whole (written beside it, then hard-linked to its name, which fails when it exists), so a reader
 * never sees it empty. A lock whose process is gone (killed) is broken, by one waiter at a time. Waits at most
 * `waitMs`, then refuses with the holder's pid and the lock file. Returns the release function.
 */
export async function lockRepository(
  root: string,
  shown: string,
  options: LockOptions = {},
): Promise<() => void> {
  const file = lockPath(root, options);
  const dir = join(file, '..');
  try {
    nodeFs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw diskError(error, dir, 'while taking the lock');
  }
  const mine = `${process.pid}\n`;
  const deadline = Date.now() + (options.waitMs ?? LOCK_WAIT_MS);
  for (;;) {
    if (tryTake(file, mine)) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (holder(file) === process.pid) nodeFs.rmSync(file, { force: true });
      };
    }
    const pid = holder(file);
    if (pid !== undefined && !processAlive(pid) && breakStale(file, pid)) continue;
    if (Date.now() >= deadline) {
      throw new UserError(
        `another blue-gardener run is in progress in ${shown} (pid ${pid ?? 'unknown'}); wait for it or delete ${file} if it is stale`,
        { hint: 'nothing was changed; run the command again once the other run has finished' },
      );
    }
    await sleep(POLL_MS);
  }
}

function tryTake(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    nodeFs.writeFileSync(temp, content, { flag: 'wx' });
    try {
      nodeFs.linkSync(temp, file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // A file system without hard links: exclusive create, then the pid (a reader may see it empty a moment).
      try {
        nodeFs.writeFileSync(file, content, { flag: 'wx' });
        return true;
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw inner;
      }
    }
  } catch (error) {
    throw diskError(error, file, 'while taking the lock');
  } finally {
    nodeFs.rmSync(temp, { force: true });
  }
}

/**
 * Removes the lock left by `pid`, which is gone. Breakers take turns through a second exclusive file, and
 * the lock is re-read under it: two waiters never both break, and a fresh lock taken meanwhile is kept.
 */
function breakStale(file: string, pid: number): boolean {
  const breaker = `${file}.break`;
  try {
    nodeFs.writeFileSync(breaker, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw diskError(error, breaker, 'while taking the lock');
    const age = Date.now() - (nodeFs.statSync(breaker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > BREAKER_STALE_MS) nodeFs.rmSync(breaker, { force: true });
    return false;
  }
  try {
    if (holder(file) === pid && !processAlive(pid)) nodeFs.rmSync(file, { force: true });
    return true;
  } finally {
    nodeFs.rmSync(breaker, { force: true });
  }
}
