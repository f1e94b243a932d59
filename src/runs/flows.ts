import { UserError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { type Manifest } from '../core/manifest/schema.js';
import { DEFAULT_CUSTOM_AGENTS, LOCK_PATH } from '../core/paths.js';
import { loadManifest } from '../core/manifest/load.js';
import type { Agent, Catalog, FileChange } from '../core/model.js';
import { needsAttention, planText } from '../core/report/text.js';
import { jobSummary, pullRequestBody, type MarkdownReport } from '../core/report/markdown.js';
import { loadCustomAgents, preparePlan, readManifest, type EngineResult } from '../engine.js';
import type { Octokit } from '../hosts/github/client.js';
import {
  createCommit,
  isAlreadyExists,
  isNotFastForward,
  isProtectedBranch,
  pointBranch,
} from '../hosts/github/commit.js';
import { closePullRequest, upsertPullRequest, type PullRequestResult } from '../hosts/github/pull-request.js';
import { repoHost } from '../hosts/github/repo-host.js';
import { readSnapshot, type RepoRef, type Snapshot } from '../hosts/github/snapshot.js';
import { platforms } from '../platforms/registry.js';
import { resolveManifestSource } from '../fleet/inheritance.js';
import type { Inputs } from '../action/inputs.js';
import type { ActionIO } from './io.js';

type RepoHost = ReturnType<typeof repoHost>;

/** Everything a flow needs: the client, the repository, the inputs, the catalog and the runner's IO. */
export interface FlowContext {
  io: ActionIO;
  octokit: Octokit;
  repo: RepoRef;
  inputs: Inputs;
  catalog: Catalog;
}

/** One regeneration: on which branch, and an optional edit of the manifest (the bot's commands). */
export interface FlowRequest {
  base: string | undefined;
  /** Edits the manifest text read from the branch the change lands on; the edit is committed with the files. */
  editManifest?: (text: string, custom: readonly Agent[], base?: Manifest) => string;
  /** Plans something other than the manifest's regeneration (a migration); runs on the read snapshot. */
  prepare?: (host: RepoHost) => Promise<{ result: EngineResult; changes: FileChange[] }>;
  /** The pull request's title and body, when they are not the regeneration's (repair, migration). */
  title?: string;
  pullRequestBody?: (report: MarkdownReport) => string;
}

export interface Outcome {
  changes: FileChange[];
  commitSha?: string;
  pullRequest: PullRequestResult;
  summary: string;
  report: MarkdownReport;
}

const MAX_ATTEMPTS = 3;
const TRAILER_BASE = 'Blue-Gardener-Base:';
export const TRAILER_PLAN = 'Blue-Gardener-Plan:';
const none: PullRequestResult = { operation: 'none' };

/** Reads the branch, applies the manifest edit, plans. Blocked plans stop here, before any write. */
async function planAt(
  ctx: FlowContext,
  request: FlowRequest,
  ourBranch?: string,
  manifestFrom?: (s: Snapshot) => string | null,
) {
  const { io, octokit, repo, inputs, catalog } = ctx;
  const snapshot = await io.group(
    `Read ${repo.owner}/${repo.repo}${request.base ? `@${request.base}` : ''}`,
    () =>
      readSnapshot(
        octokit,
        repo,
        request.base,
        ourBranch ? { branch: ourBranch, manifest: inputs.manifest } : undefined,
      ),
  );
  const host = repoHost(octokit, repo, snapshot);
  const shared = [...new Set(Object.values(platforms).flatMap((p) => (p.index ? [p.index.path] : [])))];
  await host.prefetch([inputs.manifest, LOCK_PATH, ...shared], [DEFAULT_CUSTOM_AGENTS]);
  if (request.prepare) {
    const { result, changes } = await io.group('Plan', () => request.prepare!(host));
    io.info(planText({ ...result.plan, changes }, { applied: false }));
    return { snapshot, result, changes, report: report(snapshot, repo, inputs, result, changes) };
  }
  // The repository's own manifest (and the one it extends), or the organisation's default.
  const source = await resolveManifestSource(octokit, inputs.fleet, inputs.manifest, host, snapshot);
  if (source.shared)
    io.info(
      `Manifest: ${source.origin === 'default' ? 'the organisation default' : 'extends'} ${source.shared}`,
    );
  let manifestChange: FileChange | undefined;
  let manifestText: string | undefined;
  if (request.editManifest) {
    const baseText = (await readManifest(host, inputs.manifest, source.base)).text;
    const startText = manifestFrom?.(snapshot) ?? baseText;
    const custom = await loadCustomAgents(
      host,
      loadManifest(startText, inputs.manifest, source.base).manifest['custom-agents'],
    );
    manifestText = request.editManifest(startText, custom, source.base);
    if (manifestText !== baseText)
      manifestChange = {
        path: inputs.manifest,
        operation: 'update',
        content: manifestText,
        before: baseText,
      };
  }
  const result = await io.group('Plan', async () => {
    const r = await preparePlan(host, catalog, manifestText ?? source.text, inputs.manifest, source.base);
    for (const w of [...r.warnings, ...r.renderWarnings.map((x) => x.message)]) io.warning(w);
    io.info(planText(r.plan, { applied: false }));
    return r;
  });
  if (result.plan.blocked) {
    const blocked = result.plan.findings.filter((f) => f.action === 'blocked');
    throw new UserError(
      `blue-gardener will not write ${snapshot.branch}: ${blocked.map((f) => `${f.path} (${f.kind}: ${f.message})`).join('; ')}`,
      {
        hint: 'nothing was changed',
      },
    );
  }
  const changes = manifestChange ? [manifestChange, ...result.plan.changes] : result.plan.changes;
  const md = report(snapshot, repo, inputs, result, changes);
  if (source.origin === 'default') md.manifest = source.shared!;
  return { snapshot, result, changes, report: md };
}

function report(
  snapshot: Snapshot,
  repo: RepoRef,
  inputs: Inputs,
  result: EngineResult,
  changes: FileChange[],
): MarkdownReport {
  return {
    repository: `${repo.owner}/${repo.repo}`,
    branch: snapshot.branch,
    manifest: inputs.manifest,
    changes,
    findings: result.plan.findings,
    agentsByPlatform: Object.fromEntries(
      result.resolution.platforms.map((p) => [p, result.resolution.agents.map((a) => a.name)]),
    ),
    warnings: [...result.warnings, ...result.renderWarnings.map((w) => w.message)],
    changedAgents: result.plan.changedAgents,
  };
}

/** What `check` throws when files are out of date; `drift` counts the files that would change. */
export class StaleFiles extends UserError {
  constructor(
    message: string,
    options: { hint: string },
    readonly drift: number,
  ) {
    super(message, options);
  }
}

/** `check`: write nothing; fail with the list and the fix when anything is out of date. */
export async function checkFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const { snapshot, result, report: md } = await planAt(ctx, request);
  const stale = needsAttention(result.plan);
  const summary = jobSummary(md, stale ? 'agent files are out of date' : 'up to date');
  if (stale) {
    await ctx.io.summary(summary);
    throw new StaleFiles(
      `agent files in ${snapshot.branch} are out of date with ${ctx.inputs.manifest}:\n${planText(result.plan, { applied: false })}`,
      {
        hint: 'run `npx blue-gardener sync` and commit the result, or run this action with `mode: pull-request`',
      },
      result.plan.changes.length,
    );
  }
  ctx.io.info('Up to date: every generated file matches the manifest.');
  return { changes: [], pullRequest: none, summary, report: md };
}

/** `commit`: one commit on the branch, planned against its head; re-planned when the branch moves. */
export async function commitFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const { io, octokit, repo, inputs } = ctx;
  const committed = (branch: string, sha: string, changes: FileChange[], md: MarkdownReport): Outcome => {
    io.info(`Committed ${changes.length} file(s) to ${branch}: ${sha}`);
    return {
      changes,
      commitSha: sha,
      pullRequest: none,
      summary: jobSummary(md, `committed ${changes.length} file(s) to \`${branch}\``),
      report: md,
    };
  };
  // A ref update refused on a retry may have landed on the first try (its answer lost): if the branch now
  // points at our commit, it did, and that is the outcome to report.
  let sent: { sha: string; changes: FileChange[]; md: MarkdownReport } | undefined;
  for (let attempt = 1; ; attempt++) {
    const { snapshot, changes, report: md } = await planAt(ctx, request);
    if (sent && snapshot.headOid === sent.sha)
      return committed(snapshot.branch, sent.sha, sent.changes, sent.md);
    if (changes.length === 0)
      return {
        changes,
        pullRequest: none,
        summary: jobSummary(md, 'up to date, nothing to commit'),
        report: md,
      };
    if (inputs.dryRun)
      return {
        changes,
        pullRequest: none,
        summary: jobSummary(md, `dry run: would commit ${changes.length} file(s)`),
        report: md,
      };
    const sha = await io.group('Commit', () =>
      createCommit(octokit, repo, snapshot, changes, inputs.commitMessage),
    );
    try {
      await octokit.rest.git.updateRef({
        owner: repo.owner,
        repo: repo.repo,
        ref: `heads/${snapshot.branch}`,
        sha,
        force: false,
      });
      return committed(snapshot.branch, sha, changes, md);
    } catch (error) {
      sent = { sha, changes, md };
      if (isNotFastForward(error) && attempt < MAX_ATTEMPTS) {
        io.info(
          `${snapshot.branch} moved while we planned; planning again (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`,
        );
        continue;
      }
      if (isNotFastForward(error)) {
        throw new UserError(
          `${snapshot.branch} kept moving; gave up after ${MAX_ATTEMPTS} attempts without changing anything`,
          { hint: 'run the workflow again when the branch is quiet' },
        );
      }
      if (isProtectedBranch(error)) {
        if (inputs.fallbackToPullRequest) {
          io.warning(`${snapshot.branch} is protected; opening a pull request instead`);
          return pullRequestFlow(ctx, { ...request, base: snapshot.branch });
        }
        throw new UserError(`branch protection refused a direct commit to ${snapshot.branch}`, {
          hint: 'use `mode: pull-request`, set `fallback-to-pull-request: true`, or allow the token’s actor to bypass the rule',
        });
      }
      throw error;
    }
  }
}

/**
 * `pull-request`: one stable branch on top of the base head and one pull request, updated in place,
 * closed when nothing is left. Never force-pushes over a commit it did not make.
 */
export async function pullRequestFlow(ctx: FlowContext, request: FlowRequest, attempt = 1): Promise<Outcome> {
  const { io, octokit, repo, inputs } = ctx;
  // A bot edit builds on the manifest already proposed on our branch (if that branch is ours).
  const proposed = (s: Snapshot) =>
    s.ours?.head?.message.includes(TRAILER_PLAN) ? s.ours.manifestText : null;
  const { snapshot, changes, report: md } = await planAt(ctx, request, inputs.branch, proposed);
  const ours = snapshot.ours!;
  if (changes.length === 0) {
    if (ours.pullRequest && !inputs.dryRun) {
      const closed = await closePullRequest(octokit, repo, ours.pullRequest);
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
      pullRequest: none,
      summary: jobSummary(md, 'up to date, no pull request needed'),
      report: md,
    };
  }
  const planHash = sha256(JSON.stringify(changes.map((c) => [c.path, c.operation, c.content ?? null])));
  const head = ours.head;
  if (head && !head.message.includes(TRAILER_PLAN)) {
    throw someoneElsePushed(inputs.branch, head.oid);
  }
  if (inputs.dryRun)
    return {
      changes,
      pullRequest: none,
      summary: jobSummary(md, `dry run: would propose ${changes.length} file(s)`),
      report: md,
    };
  const upToDate =
    head !== null &&
    head.parents[0] === snapshot.headOid &&
    head.message.includes(`${TRAILER_PLAN} ${planHash}`);
  let commitSha: string | undefined;
  if (!upToDate) {
    const message = `${inputs.commitMessage}\n\n${TRAILER_BASE} ${snapshot.headOid}\n${TRAILER_PLAN} ${planHash}\n`;
    // Our previous commit is a second parent, so the update is a fast forward and needs no force: a push
    // that lands on our branch after we read it makes GitHub refuse the update instead of losing it.
    commitSha = await io.group('Commit', () =>
      createCommit(octokit, repo, snapshot, changes, message, head ? [head.oid] : []),
    );
    try {
      await pointBranch(octokit, repo, inputs.branch, commitSha, head !== null);
    } catch (error) {
      // The branch moved, or another run created it, since we read it: plan again from what is there now.
      if (!(isNotFastForward(error) || isAlreadyExists(error)) || attempt >= MAX_ATTEMPTS) throw error;
      io.info(
        `${inputs.branch} changed while we planned; planning again (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`,
      );
      return pullRequestFlow(ctx, request, attempt + 1);
    }
  }
  const pullRequest = await io.group('Pull request', () =>
    upsertPullRequest(octokit, repo, ours.pullRequest, {
      head: inputs.branch,
      base: snapshot.branch,
      title: request.title ?? inputs.prTitle,
      body: (request.pullRequestBody ?? pullRequestBody)(md),
      draft: inputs.draft,
    }),
  );
  if (pullRequest.operation === 'created') await softSteps(ctx, pullRequest.number!);
  if (pullRequest.operation === 'created') {
    io.info(
      'Note: pull requests opened with the workflow token do not trigger other workflows; use a GitHub App token if checks must run on it.',
    );
  }
  io.info(`Pull request ${pullRequest.operation}: ${pullRequest.url ?? ''}`);
  const what = pullRequest.operation === 'none' ? 'already up to date' : pullRequest.operation;
  return {
    changes,
    ...(commitSha ? { commitSha } : {}),
    pullRequest,
    summary: jobSummary(md, `pull request ${what}: ${pullRequest.url}`),
    report: md,
  };
}

/** Labels and reviewers on a new pull request: wanted, not essential, so a failure is a warning. */
async function softSteps({ io, octokit, repo, inputs }: FlowContext, pullNumber: number): Promise<void> {
  const { users, teams } = inputs.reviewers;
  const steps: [string, boolean, () => Promise<unknown>][] = [
    [
      `add labels ${inputs.labels.join(', ')}`,
      inputs.labels.length > 0,
      () => octokit.rest.issues.addLabels({ ...repo, issue_number: pullNumber, labels: inputs.labels }),
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

/** Our branch's head is a commit we did not make: we stop rather than move the branch past it. */
export function someoneElsePushed(branch: string, oid: string): UserError {
  return new UserError(
    `someone else pushed to \`${branch}\`; blue-gardener will not force-push over their commit ${oid.slice(0, 7)}`,
    { hint: `merge or close that work, or delete the branch \`${branch}\`, then run again` },
  );
}
