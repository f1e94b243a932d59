import type { SourceFile } from '../core/catalog.js';
import type { FileChange } from '../core/model.js';
import type { CurrentFile } from '../core/current-file.js';
import type { TreeFile } from '../core/skill.js';

/** Where the engine reads the repository from and writes it to: a working tree or GitHub's API. */
export interface Host {
  /** A human name for messages (a folder, or owner/repo@branch). */
  readonly label: string;
  /** The text of a file (strictly UTF-8, exact bytes), or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /**
   * The state of several paths at once: the blob SHA of each existing file, and the text of those in
   * `withText` (hosts that hold every text anyway may return them all). GitHub hosts batch this.
   * `expected`: the text the plan would give some of the paths (path → text). A host that reads every file
   * anyway may compare the file's text with it and, when they are the same, return that very string as the
   * file's text: a file that is already as generated then costs no second copy of its text in memory.
   * `modes`: paths whose executable bit the plan needs (a skill's scripts); the host sets `executable` on
   * those it finds (a host that knows every file's mode may set it on all).
   */
  current(
    paths: readonly string[],
    withText: readonly string[],
    expected?: ReadonlyMap<string, string>,
    modes?: ReadonlySet<string>,
  ): Promise<Map<string, CurrentFile | undefined>>;
  /**
   * Whether the repository has `path`: a file, or for a path ending in `/`, a folder holding at least one
   * file at any depth. Reads nothing; `init` asks it which tools a repository already uses.
   */
  has(path: string): Promise<boolean>;
  /** The `*.md` files of a folder (not recursive); empty when the folder does not exist. */
  listAgentFiles(dir: string): Promise<SourceFile[]>;
  /**
   * Every file under a folder, at any depth, with its executable bit; symbolic links are listed (flagged,
   * never followed) so that the caller can refuse them. Sorted by path; empty when the folder does not exist.
   * `keep`: only the files (and links) whose path it accepts are listed, and only those are read — what else a
   * person keeps in the folder (a binary file, a note) is neither read nor refused.
   */
  listTree(dir: string, keep?: (path: string) => boolean): Promise<TreeFile[]>;
  /** Carries the changes out, all or nothing. */
  apply(changes: readonly FileChange[]): Promise<void>;
}
