import { bundledCatalog } from '../hosts/bundled-catalog.js';
import type { Host } from '../hosts/host.js';
import { localHost } from '../hosts/local.js';
import { lockRepository } from '../hosts/local-lock.js';
import type { Catalog } from '../core/model.js';
import type { Output } from './output.js';
import { gitSourceReader } from '../hosts/sources/git-reader.js';
import type { SourceReader } from '../hosts/sources/reader.js';

/** Everything a command needs, built once per invocation; tests pass their own. */
export interface CliContext {
  host: Host;
  catalog: Catalog;
  output: Output;
  /** `diff`: print the full diff of every change (with or without --dry-run). */
  /** `frozen`: fail when the lock would change (sources re-resolved, agents added). */
  flags: { json: boolean; dryRun: boolean; diff: boolean; frozen?: boolean };
  /** Reads the manifest's `sources` (the system `git`). */
  sourceReader?: SourceReader;
  version: string;
  /**
   * Takes the repository's lock for a command that writes (one writer per repository; see local-lock.ts),
   * returning its release; absent when the host is not a folder (tests with their own host).
   */
  lock?: () => Promise<() => void>;
}

export function defaultContext(
  dir: string,
  output: Output,
  flags: CliContext['flags'],
  version: string,
): CliContext {
  return {
    host: localHost(dir),
    get catalog() {
      return bundledCatalog();
    },
    output,
    flags,
    version,
    lock: () => lockRepository(dir, dir),
    sourceReader: gitSourceReader({ cwd: dir }),
  };
}
