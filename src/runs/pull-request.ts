import { sha256 } from '../core/hash.js';
import { jobSummary, pullRequestBody } from '../core/report/markdown.js';
import {
  checkOurBranch,
  isOurCommit,
  landOnBranch,
  TRAILER_BASE,
  TRAILER_PLAN,
} from '../hosts/github/land.js';
import { closePullRequest, upsertPullRequest } from '../hosts/github/pull-request.js';
import type { Snapshot } from '../hosts/github/snapshot.js';
import { noPullRequest, type FlowContext, type FlowRequest, type Outcome } from './context.js';
import { planAt, type PlannedRun } from './plan-at.js';

/**
 * `pull-request`: one stable branch on top of the base head and one pull request, updated in place,
 * closed when nothing is left. Never force-pushes over a commit it did not make (see hosts/github/land.ts).
 */
export async function pullRequestFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const { io, octokit, repo, options } = ctx;
  // A bot edit builds on the manifest already proposed on our branch (if that branch is ours).
  const proposed = (s: Snapshot) => (s.ours?.head && isOurCommit(s.ours.head) ? s.ours.manifestText : null);
  const plan = () => planAt(ctx, request, options.branch, proposed);
  const first = await plan();
  if (first.changes.length === 0) return nothingLeft(ctx, first);
  const stop = await request.gate?.({ ...first, openPullRequest: first.snapshot.ours?.pullRequest ?? null });
  if (stop) return stop;
  // Checked before a dry run too: a dry run says what a real run would refuse.
  checkOurBranch(first.snapshot, options.branch);
  if (options.dryRun)
    return {
      changes: first.changes,
      pullRequest: noPullRequest,
      summary: jobSummary(first.report, `dry run: would propose ${first.changes.length} file(s)`),
      report: first.report,
    };
  const { planned, sha } = await landOnBranch(
    { octokit, repo, log: io, first, replan: plan },
    options.branch,
    ({ snapshot, changes }) => {
      const planHash = sha256(JSON.stringify(changes.map((c) => [c.path, c.operation, c.content ?? null])));
      const head = snapshot.ours?.head ?? null;
      return {
        message: `${options.commitMessage}\n\n${TRAILER_BASE} ${snapshot.headOid}\n${TRAILER_PLAN} ${planHash}\n`,
        upToDate:
          head !== null &&
          head.parents[0] === snapshot.headOid &&
          head.message.includes(`${TRAILER_PLAN} ${planHash}`),
      };
    },
  );
  if (planned.changes.length === 0) return nothingLeft(ctx, planned);
  const { snapshot, changes, report: md } = planned;
  const pullRequest = await io.group('Pull request', () =>
    upsertPullRequest(octokit, repo, snapshot.ours!.pullRequest, {
      head: options.branch,
      base: snapshot.branch,
      title: request.title ?? options.prTitle,
      body: (request.pullRequestBody ?? pullRequestBody)(md),
      draft: options.draft,
    }),
  );
  if (pullRequest.operation === 'created') {
    await softSteps(ctx, pullRequest.number!);
    io.info(
      'Note: pull requests opened with the workflow token do not trigger other workflows; use a GitHub App token if checks must run on it.',
    );
  }
  io.info(`Pull request ${pullRequest.operation}: ${pullRequest.url ?? ''}`);
  const what = pullRequest.operation === 'none' ? 'already up to date' : pullRequest.operation;
  return {
    changes,
    ...(sha ? { commitSha: sha } : {}),
    pullRequest,
    summary: jobSummary(md, `pull request ${what}: ${pullRequest.url}`),
    report: md,
  };
}

/** Nothing to change: an open pull request of ours is closed (it has nothing left to propose). */
async function nothingLeft({ io, octokit, repo, options }: FlowContext, run: PlannedRun): Promise<Outcome> {
  const { changes, report: md } = run;
  const open = run.snapshot.ours?.pullRequest;
  if (open && !options.dryRun) {
    const closed = await closePullRequest(octokit, repo, open);
    io.info(`Nothing left to change; closed pull request #${closed.number}`);
    return {
      changes,
      pullRequest: closed,
      summary: jobSummary(md, `up to date; closed pull request #${closed.number}`),
      report: md,
    };
  }
  return {
    changes,
    pullRequest: noPullRequest,
    summary: jobSummary(md, 'up to date, no pull request needed'),
    report: md,
  };
}

/** Labels and reviewers on a new pull request: wanted, not essential, so a failure is a warning. */
async function softSteps({ io, octokit, repo, options }: FlowContext, pullNumber: number): Promise<void> {
  const { users, teams } = options.reviewers;
  const steps: [string, boolean, () => Promise<unknown>][] = [
    [
      `add labels ${options.labels.join(', ')}`,
      options.labels.length > 0,
      () => octokit.rest.issues.addLabels({ ...repo, issue_number: pullNumber, labels: options.labels }),
    ],
    [
      `request reviews from ${[...users, ...teams].join(', ')}`,
      users.length + teams.length > 0,
      () =>
        octokit.rest.pulls.requestReviewers({
          ...repo,
          pull_number: pullNumber,
          reviewers: users,
          team_reviewers: teams,
        }),
    ],
  ];
  for (const [what, wanted, step] of steps) {
    if (!wanted) continue;
    try {
      await step();
    } catch (error) {
      io.warning(`could not ${what}: ${(error as Error).message}`);
    }
  }
}
