import { UserError } from '../core/errors.js';
import { parseManifestRef, type ManifestRef } from '../core/manifest/extends.js';
import type { ActionIO } from '../runs/io.js';
import type { RepoRef } from '../hosts/github/snapshot.js';

/** The matrix limit of GitHub Actions: one matrix makes at most 256 jobs. */
export const MATRIX_LIMIT = 256;

/** The inputs of the fleet: which repositories, how to pack them into jobs, where results go. */
export interface FleetInputs {
  /** `repositories`: discover's explicit list; in the sync modes, the repositories this job manages. */
  repositories: RepoRef[];
  organization: string | undefined;
  include: string[];
  exclude: string[];
  topics: string[];
  includeArchived: boolean;
  includeForks: boolean;
  maxJobs: number;
  defaultManifest: ManifestRef | undefined;
  onboarding: boolean;
  /** Folder of per-repository result files: written by the sync modes, read by `aggregate`. */
  results: string | undefined;
  /** Least time between two content-creating requests of this job, in milliseconds (0: the plugin's 1 s). */
  writeIntervalMs: number;
}

/** Patterns are separated by newlines, spaces or commas; a comma inside `{a,b}` belongs to the pattern. */
const patterns = (raw: string) => raw.split(/[\s]+|,(?![^{]*\})/).filter(Boolean);

const list = (raw: string) =>
  raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A list of owner/name, as text (comma, space or newline separated) or as a JSON array (discover's output). */
export function parseRepositories(raw: string, input = 'repositories'): RepoRef[] {
  const text = raw.trim();
  let items: unknown[];
  if (text.startsWith('[')) {
    try {
      items = JSON.parse(text) as unknown[];
    } catch {
      throw new UserError(`input \`${input}\` starts with [ but is not a JSON list`);
    }
  } else items = list(text);
  const seen = new Set<string>();
  const out: RepoRef[] = [];
  for (const item of items) {
    const match = typeof item === 'string' ? /^([\w.-]+)\/([\w.-]+)$/.exec(item) : null;
    if (!match) throw new UserError(`input \`${input}\`: \`${String(item)}\` is not owner/name`);
    const key = (item as string).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ owner: match[1]!, repo: match[2]! });
  }
  return out;
}

export function readFleetInputs(
  io: ActionIO,
  bool: (name: string, fallback: boolean) => boolean,
): FleetInputs {
  const organization = io.input('organization').trim() || undefined;
  if (organization && !/^[\w.-]+$/.test(organization))
    throw new UserError(`input \`organization\` must be an organisation login, got \`${organization}\``);
  const maxRaw = io.input('max-jobs').trim();
  const maxJobs = maxRaw === '' ? MATRIX_LIMIT : Number(maxRaw);
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MATRIX_LIMIT)
    throw new UserError(
      `input \`max-jobs\` must be a whole number from 1 to ${MATRIX_LIMIT}, got \`${maxRaw}\``,
      {
        hint: `GitHub Actions runs at most ${MATRIX_LIMIT} jobs from one matrix`,
      },
    );
  const defaultManifest = io.input('default-manifest').trim();
  const intervalRaw = io.input('write-interval').trim();
  const interval = intervalRaw === '' ? 0 : Number(intervalRaw);
  if (!Number.isFinite(interval) || interval < 0 || interval > 600)
    throw new UserError(
      `input \`write-interval\` must be a number of seconds from 0 to 600, got \`${intervalRaw}\``,
    );
  return {
    repositories: parseRepositories(io.input('repositories')),
    organization,
    include: patterns(io.input('include')),
    exclude: patterns(io.input('exclude')),
    topics: list(io.input('topic')).map((t) => t.toLowerCase()),
    includeArchived: bool('include-archived', false),
    includeForks: bool('include-forks', false),
    maxJobs,
    defaultManifest: defaultManifest
      ? parseManifestRef(defaultManifest, 'input `default-manifest`')
      : undefined,
    onboarding: bool('onboarding', false),
    results: io.input('results').trim() || undefined,
    writeIntervalMs: Math.round(interval * 1000),
  };
}
