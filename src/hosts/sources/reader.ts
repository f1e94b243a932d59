import type { SourceLocationSpec, SourceTreeFile } from '../../core/sources.js';

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
