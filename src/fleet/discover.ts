import { UserError } from '../core/errors.js';
import type { Octokit } from '../hosts/github/client.js';
import type { FleetInputs } from './inputs.js';
import { matchesAny } from './patterns.js';

/** What the listing endpoints tell us about a repository (a subset of GitHub's minimal-repository). */
export interface ListedRepository {
  full_name: string;
  archived?: boolean;
  fork?: boolean;
  disabled?: boolean;
  topics?: string[];
}

export type SkipReason = 'archived' | 'fork' | 'disabled' | 'excluded' | 'not included' | 'no topic';

export interface Discovered {
  /** owner/name, sorted (case-insensitively), no duplicates. */
  repositories: string[];
  skipped: { repository: string; reason: SkipReason }[];
  /** Where the candidates came from, for the log and the summary. */
  sources: string[];
}

/**
 * Lists the target repositories: the explicit list, plus every repository of `organization` (paginated,
 * 100 per request), or, when neither is given, every repository the token's GitHub App installation can
 * reach. Archived, disabled and forked repositories are skipped unless asked for; `topic` keeps listed
 * repositories carrying one of the topics; `include`/`exclude` patterns apply to all.
 */
export async function discover(octokit: Octokit, fleet: FleetInputs): Promise<Discovered> {
  const sources: string[] = [];
  const candidates: ListedRepository[] = fleet.repositories.map((r) => ({
    full_name: `${r.owner}/${r.repo}`,
  }));
  const explicit = new Set(candidates.map((c) => c.full_name.toLowerCase()));
  if (candidates.length) sources.push(`${candidates.length} listed`);
  if (fleet.organization) {
    const org = fleet.organization;
    const listed = await octokit
      .paginate(octokit.rest.repos.listForOrg, { org, type: 'all', per_page: 100 })
      .catch((error: { status?: number }) => {
        if (error.status === 404)
          throw new UserError(`organisation \`${org}\` was not found, or the token cannot see it`, {
            hint: 'check the `organization` input; pass a GitHub App installation token for that organisation (the workflow token only reaches its own repository)',
          });
        throw error;
      });
    candidates.push(...(listed as ListedRepository[]));
    sources.push(`organisation ${org} (${listed.length})`);
  } else if (candidates.length === 0) {
    const listed: ListedRepository[] = [];
    for (let page = 1; ; page++) {
      const response = await octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100, page });
      listed.push(...(response.data.repositories as ListedRepository[]));
      if (!/rel="next"/.test(response.headers.link ?? '')) break;
    }
    candidates.push(...(listed as ListedRepository[]));
    sources.push(`the token's installation (${listed.length})`);
  }
  const seen = new Set<string>();
  const repositories: string[] = [];
  const skipped: Discovered['skipped'] = [];
  for (const repo of candidates) {
    const key = repo.full_name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = skipReason(repo, fleet, explicit.has(key));
    if (reason) skipped.push({ repository: repo.full_name, reason });
    else repositories.push(repo.full_name);
  }
  const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
  repositories.sort(byName);
  skipped.sort((a, b) => byName(a.repository, b.repository));
  return { repositories, skipped, sources };
}

function skipReason(
  repo: ListedRepository,
  fleet: FleetInputs,
  listedByHand: boolean,
): SkipReason | undefined {
  if (repo.disabled) return 'disabled';
  if (repo.archived && !fleet.includeArchived) return 'archived';
  if (repo.fork && !fleet.includeForks) return 'fork';
  if (fleet.exclude.length && matchesAny(fleet.exclude, repo.full_name)) return 'excluded';
  if (fleet.include.length && !matchesAny(fleet.include, repo.full_name)) return 'not included';
  // Topics come with listed repositories; a repository named in `repositories` is wanted as it is.
  if (fleet.topics.length && !listedByHand && !(repo.topics ?? []).some((t) => fleet.topics.includes(t)))
    return 'no topic';
  return undefined;
}
