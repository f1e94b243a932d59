import { jobSummary } from '../core/report/markdown.js';
import { BranchProtected, landCommit } from '../hosts/github/land.js';
import { noPullRequest, type FlowContext, type FlowRequest, type Outcome } from './context.js';
import { planAt } from './plan-at.js';
import { pullRequestFlow } from './pull-request.js';

/** `commit`: one commit on the branch, planned against its head; re-planned when the branch moves. */
export async function commitFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const { io, octokit, repo, options } = ctx;
  const first = await planAt(ctx, request);
  const { changes, report: md } = first;
  if (changes.length === 0)
    return {
      changes,
      pullRequest: noPullRequest,
      summary: jobSummary(md, 'up to date, nothing to commit'),
      report: md,
    };
  if (options.dryRun)
    return {
      changes,
      pullRequest: noPullRequest,
      summary: jobSummary(md, `dry run: would commit ${changes.length} file(s)`),
      report: md,
    };
  try {
    const { planned, sha } = await landCommit(
      { octokit, repo, log: io, first, replan: () => planAt(ctx, request) },
      options.commitMessage,
    );
    const branch = planned.snapshot.branch;
    if (!sha)
      return {
        changes: [],
        pullRequest: noPullRequest,
        summary: jobSummary(planned.report, 'up to date, nothing to commit'),
        report: planned.report,
      };
    io.info(`Committed ${planned.changes.length} file(s) to ${branch}: ${sha}`);
    return {
      changes: planned.changes,
      commitSha: sha,
      pullRequest: noPullRequest,
      summary: jobSummary(planned.report, `committed ${planned.changes.length} file(s) to \`${branch}\``),
      report: planned.report,
    };
  } catch (error) {
    if (!(error instanceof BranchProtected) || !options.fallbackToPullRequest) throw error;
    io.warning(`${error.branch} is protected; opening a pull request instead`);
    return pullRequestFlow(ctx, { ...request, base: error.branch });
  }
}
