import type { FileChange } from '../core/model.js';
import {
  jobSummary,
  updateMarker,
  updatePullRequestBody,
  type MarkdownReport,
} from '../core/report/markdown.js';
import { closePullRequest } from '../hosts/github/pull-request.js';
import type { OpenPullRequest } from '../hosts/github/snapshot.js';
import {
  DEFAULT_SYNC_BRANCH,
  noPullRequest,
  type FlowContext,
  type FlowRequest,
  type Outcome,
} from './context.js';
import { pullRequestFlow } from './pull-request.js';

/** Our update branch: beside the sync branch, never under it (git cannot hold `a` and `a/b` as branches). */
export function updateBranch(syncBranch: string): string {
  return syncBranch === DEFAULT_SYNC_BRANCH ? 'blue-gardener/update' : `${syncBranch}-update`;
}

export const UPDATE_TITLE = 'Update AI agents from their sources (blue-gardener)';
export const UPDATE_COMMIT_MESSAGE = 'chore(agents): move agent sources to the newest commit of their ref';

/**
 * `update` (for a `schedule:` workflow, and `/blue update`): every source moves to the newest commit of its
 * ref, the files are regenerated (hand edits merged three-way, conflicts kept as the user's), and the result
 * is proposed in ONE pull request per repository, on a fixed branch, updated in place.
 *
 * Closed means no: the body carries a hidden line naming the source commits it proposes. A pull request of
 * our update branch that a person closed without merging, with the same line, declines those commits: they
 * are not proposed again; once a source moves on, the line differs and a new pull request is opened. The
 * memory is GitHub's own: the closed pull requests of the branch (the 100 most recent), nothing else.
 */
export async function updateFlow(
  ctx: FlowContext,
  request: FlowRequest,
  /** `/blue update`: a person asks for it now, so commits a closed pull request declined are proposed again. */
  { askedFor = false }: { askedFor?: boolean } = {},
): Promise<Outcome> {
  const options = {
    ...ctx.options,
    branch: updateBranch(ctx.options.branch),
    prTitle: UPDATE_TITLE,
    commitMessage: UPDATE_COMMIT_MESSAGE,
  };
  const here = { ...ctx, options };
  return pullRequestFlow(here, {
    ...request,
    updateSources: request.updateSources ?? true,
    title: UPDATE_TITLE,
    pullRequestBody: updatePullRequestBody,
    gate: async ({ changes, report, openPullRequest }) => {
      const marker = report.update ? updateMarker(report.update) : '';
      // No source moved: nothing to update (the regeneration itself is `pull-request` mode's to propose).
      if (!marker) return noMove(here, changes, report, openPullRequest);
      if (askedFor) return undefined;
      const declined = await declinedIn(here, options.branch, marker);
      if (!declined) return undefined;
      ctx.io.info(
        `Not proposed: these source commits were declined in pull request #${declined.number} (closed without merging); the next commit of a source will be proposed.`,
      );
      return {
        changes,
        pullRequest: noPullRequest,
        declined: { pullRequest: declined.number },
        summary: jobSummary(
          report,
          `not proposed: these source commits were declined in pull request #${declined.number}`,
        ),
        report,
      };
    },
  });
}

/** The most recent pull request of our update branch closed unmerged with the same commits, if any. */
async function declinedIn(
  { octokit, repo }: FlowContext,
  branch: string,
  marker: string,
): Promise<{ number: number } | undefined> {
  const closed = await octokit.rest.pulls.list({
    owner: repo.owner,
    repo: repo.repo,
    head: `${repo.owner}:${branch}`,
    state: 'closed',
    per_page: 100,
  });
  return closed.data.find((p) => !p.merged_at && (p.body ?? '').split('\n').includes(marker));
}

/**
 * Every source is where the lock has it: no update to propose. An update pull request still open proposes
 * commits the base branch has now (merged another way) or that are gone: it is closed.
 */
async function noMove(
  { io, octokit, repo, options }: FlowContext,
  changes: FileChange[],
  report: MarkdownReport,
  open: OpenPullRequest | null,
): Promise<Outcome> {
  const what = report.update?.sources.length
    ? 'every source is at its locked commit'
    : 'the manifest has no sources';
  if (open && !options.dryRun) {
    const closed = await closePullRequest(octokit, repo, open);
    io.info(`Nothing to update (${what}); closed pull request #${closed.number}`);
    return {
      changes: [],
      pending: changes,
      pullRequest: closed,
      summary: jobSummary(report, `nothing to update (${what}); closed pull request #${closed.number}`),
      report,
    };
  }
  io.info(`Nothing to update: ${what}.`);
  return {
    changes: [],
    pending: changes,
    pullRequest: noPullRequest,
    summary: jobSummary(report, `nothing to update: ${what}`),
    report,
  };
}
