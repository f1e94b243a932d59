import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What happened in one repository; `failed` is the only outcome that fails the fleet, with `drift` in check mode. */
export type ResultKind =
  | 'up-to-date'
  | 'drift'
  | 'committed'
  | 'pull-request-created'
  | 'pull-request-updated'
  | 'pull-request-open'
  | 'pull-request-closed'
  | 'onboarding-created'
  | 'onboarding-updated'
  | 'onboarding-open'
  | 'onboarding-declined'
  | 'update-declined'
  | 'dry-run'
  | 'empty'
  | 'failed';

/**
 * The per-repository result a sync job writes (one JSON file per repository, `<owner>--<name>.json`) and
 * `aggregate` reads. Deterministic: no timestamps, so a re-run with nothing new writes the same bytes.
 */
export interface RepoResult {
  version: 1;
  repository: string;
  mode: string;
  result: ResultKind;
  /** Files whose content in the base branch differs from what the manifest generates. */
  drift: number;
  pullRequest?: { number: number; url: string; operation: string };
  commitSha?: string;
  error?: string;
  /** API requests this repository took (retries excluded). */
  requests: number;
}

const FAILING: readonly ResultKind[] = ['failed'];

/** Whether the result fails the fleet: an error, or drift found by `check`. */
export function isFailure(result: RepoResult): boolean {
  return FAILING.includes(result.result) || (result.mode === 'check' && result.result === 'drift');
}

export function resultFileName(repository: string): string {
  return `${repository.replace('/', '--')}.json`;
}

export function writeResult(dir: string, result: RepoResult): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, resultFileName(result.repository));
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/**
 * Every result under `dir`, in sub-folders too (actions/download-artifact without `merge-multiple` puts each
 * artifact in its own folder). Unreadable files are returned as problems, not thrown: one broken file must
 * not hide the other repositories.
 */
export function readResults(dir: string): { results: RepoResult[]; problems: string[] } {
  const results: RepoResult[] = [];
  const problems: string[] = [];
  let entries: string[];
  try {
    entries = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.endsWith('.json')).sort();
  } catch {
    return { results, problems: [`no results folder at ${dir}`] };
  }
  for (const entry of entries) {
    try {
      const value = JSON.parse(readFileSync(join(dir, entry), 'utf8')) as Partial<RepoResult>;
      if (value.version !== 1 || typeof value.repository !== 'string' || typeof value.result !== 'string')
        throw new Error('not a blue-gardener result (version 1, repository, result)');
      results.push(value as RepoResult);
    } catch (error) {
      problems.push(`${entry}: ${(error as Error).message}`);
    }
  }
  return { results, problems };
}
