import { UserError } from '../../core/errors.js';
import type { SourceLocationSpec, SourceTreeFile } from '../../core/sources.js';

/** A source larger than this is refused, by every reader: agents are small text files, and a huge tree is a mistake. */
export const MAX_SOURCE_FILES = 5_000;
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** Refuses a source folder with more files than MAX_SOURCE_FILES (before any text is read). */
export function checkSourceFileCount(location: SourceLocationSpec, count: number): void {
  if (count > MAX_SOURCE_FILES)
    throw new UserError(`source \`${location.id}\` has ${count} files; the limit is ${MAX_SOURCE_FILES}`, {
      hint: 'point the source at the folder that holds the agents (`path`)',
    });
}

/** Refuses a source folder whose files add up to more than MAX_SOURCE_BYTES. */
export function checkSourceBytes(location: SourceLocationSpec, bytes: number): void {
  if (bytes > MAX_SOURCE_BYTES)
    throw new UserError(`source \`${location.id}\` is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`, {
      hint: 'point the source at the folder that holds the agents (`path`)',
    });
}

/** A source's folder as read at an exact commit: what core/sources.ts builds agents (and skills) from. */
export interface SourceSnapshot {
  commit: string;
  /** Every file under the source folder, paths relative to it, sorted. */
  files: SourceTreeFile[];
}

/**
 * Reads sources: the CLI's reads git URLs with the system `git`, the action's reads GitHub through the
 * API. `commit` given: read exactly that commit (the lock's); else resolve the ref to its newest commit.
 */
export interface SourceReader {
  read(location: SourceLocationSpec, commit?: string): Promise<SourceSnapshot>;
}
