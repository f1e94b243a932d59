import type { Octokit } from './client.js';
import type { OpenPullRequest, RepoRef } from './snapshot.js';

export type PullRequestOperation = 'created' | 'updated' | 'closed' | 'none';

export interface PullRequestResult {
  operation: PullRequestOperation;
  number?: number;
  url?: string;
}

/**
 * Creates our pull request, or updates the open one in place (never a second one). A pull request that
 * appears between our read and our create (another run) is found and updated instead.
 */
export async function upsertPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  open: OpenPullRequest | null,
  pr: { head: string; base: string; title: string; body: string; draft: boolean },
): Promise<PullRequestResult> {
  let existing = open;
  if (!existing) {
    try {
      const created = await octokit.rest.pulls.create({
        owner: repo.owner,
        repo: repo.repo,
        head: pr.head,
        base: pr.base,
        title: pr.title,
        body: pr.body,
        draft: pr.draft,
      });
      return { operation: 'created', number: created.data.number, url: created.data.html_url };
    } catch (error) {
      if (
        (error as { status?: number }).status !== 422 ||
        !/already exists/i.test(String((error as Error).message))
      )
        throw error;
      const found = await octokit.rest.pulls.list({
        owner: repo.owner,
        repo: repo.repo,
        head: `${repo.owner}:${pr.head}`,
        state: 'open',
        per_page: 1,
      });
      const first = found.data[0];
      if (!first) throw error;
      existing = { number: first.number, url: first.html_url, title: first.title, body: first.body ?? '' };
    }
  }
  if (existing.title === pr.title && existing.body === pr.body)
    return { operation: 'none', number: existing.number, url: existing.url };
  await octokit.rest.pulls.update({
    owner: repo.owner,
    repo: repo.repo,
    pull_number: existing.number,
    title: pr.title,
    body: pr.body,
  });
  return { operation: 'updated', number: existing.number, url: existing.url };
}

export async function closePullRequest(
  octokit: Octokit,
  repo: RepoRef,
  open: OpenPullRequest,
): Promise<PullRequestResult> {
  await octokit.rest.pulls.update({
    owner: repo.owner,
    repo: repo.repo,
    pull_number: open.number,
    state: 'closed',
  });
  return { operation: 'closed', number: open.number, url: open.url };
}
