import type * as NodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './local-lock.js';

/** The file-system calls the local host makes; tests pass a copy of `node:fs` with faults injected. */
export type Disk = typeof NodeFs;

/** Our temporary files: `.<name>.bg-<pid>-<random>.tmp`, beside the file they become. */
const TEMP = /^\..+\.bg-(\d+)-[0-9a-f]{12}\.tmp$/;

export function isTempName(name: string): boolean {
  return TEMP.test(name);
}

/**
 * Random bytes for temporary names, drawn from the system 6 KB at a time: one call per 1,024 names instead of
 * one per name (each call cost about 0.2 ms on a busy machine, seconds for a sync of 16,000 files).
 */
let pool = Buffer.alloc(0);
let used = 0;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(bytes * 1024);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** A unique temporary name in the folder of `absolute` (a new file or a backup of the old one). */
export function tempPathFor(absolute: string): string {
  return join(dirname(absolute), `.${basename(absolute)}.bg-${process.pid}-${randomHex(6)}.tmp`);
}

/**
 * Keeps the file at `absolute` under a temporary name (a second hard link, so nothing is copied and a full
 * disk cannot stop it), to be renamed back if the batch fails. Undefined when the file system has no hard
 * links; the caller then keeps the bytes in memory.
 */
export function backUp(disk: Disk, absolute: string): string | undefined {
  const backup = tempPathFor(absolute);
  try {
    disk.linkSync(absolute, backup);
    return backup;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return undefined;
    throw error;
  }
}

/** How the new file's permission bits are chosen. */
export interface ModeRule {
  /** The mode of the file being replaced: kept as it is (read-only, executable, group bits). */
  keep?: number;
  /** Adds the execute bits the umask allows (a new file: 0777 less the umask; else 0666 less the umask). */
  executable?: boolean;
}

/**
 * Writes `content` to a new temporary file in the same folder as `absolute` (a unique name: pid and random
 * bytes), with the mode chosen by `rule`, flushed to the disk unless `flush` is false (the caller then flushes
 * it with `flushFiles` before placing it). Returns its path; the caller renames or links it into place, so the
 * file at `absolute` is always either wholly old or wholly new.
 */
export function writeTemp(
  disk: Disk,
  absolute: string,
  content: string | Buffer,
  rule: ModeRule,
  flush = true,
): string {
  const temp = tempPathFor(absolute);
  const fd = disk.openSync(temp, 'wx', rule.executable ? 0o777 : 0o666);
  try {
    try {
      disk.writeFileSync(fd, content);
      if (rule.keep !== undefined) {
        const executeBits = rule.executable ? disk.fstatSync(fd).mode & 0o111 : 0;
        disk.fchmodSync(fd, (rule.keep & 0o7777) | executeBits);
      }
      if (flush) disk.fsyncSync(fd);
    } finally {
      disk.closeSync(fd);
    }
  } catch (error) {
    disk.rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

/** How many files are flushed at once: the disk's journal commits concurrent flushes together. */
const FLUSH_CONCURRENCY = 32;

/**
 * Flushes finished files (written by `writeTemp` with `flush` false) to the disk, several at a time. One
 * flush after another cost a journal commit each (1–5 ms on a virtual machine's disk, a minute for 16,000
 * files); flushes in flight together share commits. Resolves when every file is on the disk; rejects with the
 * first error (each file is closed either way).
 */
export async function flushFiles(
  disk: Disk,
  paths: string[],
  failed: (index: number) => void = () => {},
): Promise<void> {
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async () => {
    while (next < paths.length && !firstError) {
      const index = next++;
      try {
        await flushOne(disk, paths[index]!);
      } catch (error) {
        if (!firstError) {
          firstError = { error };
          failed(index);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FLUSH_CONCURRENCY, paths.length) }, worker));
  if (firstError) throw firstError.error;
}

async function flushOne(disk: Disk, path: string): Promise<void> {
  const fd = disk.openSync(path, 'r+');
  try {
    await new Promise<void>((resolve, reject) =>
      disk.fsync(fd, (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    disk.closeSync(fd);
  }
}

/**
 * Moves a finished temporary file to a name that must not exist: a hard link fails when the name was taken
 * meanwhile, so a file that appeared is never overwritten. Returns false when the name exists.
 */
export function placeNew(disk: Disk, temp: string, absolute: string): boolean {
  try {
    disk.linkSync(temp, absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      disk.rmSync(temp, { force: true });
      return false;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
      disk.rmSync(temp, { force: true });
      throw error;
    }
    // No hard links here (some network or FAT file systems): look, then rename.
    if (disk.lstatSync(absolute, { throwIfNoEntry: false })) {
      disk.rmSync(temp, { force: true });
      return false;
    }
    disk.renameSync(temp, absolute);
    return true;
  }
  disk.rmSync(temp, { force: true });
  return true;
}

/** Replaces `absolute` with the temporary file in one step (rename). */
export function placeOver(disk: Disk, temp: string, absolute: string): void {
  try {
    disk.renameSync(temp, absolute);
  } catch (error) {
    disk.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Removes temporary files a killed run left in `dir` (their process is gone); only called under the
 * repository lock. They are never read as agents, never planned, and never block a folder's removal.
 */
export function removeLeftovers(disk: Disk, dir: string): void {
  let names: string[];
  try {
    names = disk.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid !== undefined && !processAlive(Number(pid))) disk.rmSync(join(dir, name), { force: true });
  }
}
