import type { SourceFile } from '../core/catalog.js';
import type { FileChange } from '../core/model.js';

/** Where the engine reads the repository from and writes it to: a working tree or GitHub's API. */
export interface Host {
  /** A human name for messages (a folder, or owner/repo@branch). */
  readonly label: string;
  /** The text of a file (strictly UTF-8, exact bytes), or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /** Several files at once; hosts batch this (one tree read on GitHub). */
  readMany(paths: readonly string[]): Promise<Map<string, string | undefined>>;
  /** The `*.md` files of a folder (not recursive); empty when the folder does not exist. */
  listAgentFiles(dir: string): Promise<SourceFile[]>;
  /** Carries the changes out, all or nothing. */
  apply(changes: readonly FileChange[]): Promise<void>;
}
