import { UserError, formatUserError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { DEFAULT_CUSTOM_AGENTS, LOCK_PATH } from '../core/manifest-schema.js';
import type { Catalog, FileChange } from '../core/model.js';
import { needsAttention, planText } from '../core/report.js';
import { jobSummary, pullRequestBody, type MarkdownReport } from '../core/report-markdown.js';
import { preparePlan, type EngineResult } from '../engine.js';
import { bundledCatalog } from '../hosts/bundled-catalog.js';
import { createOctokit, type Octokit } from '../hosts/github/client.js';
import { createCommit, isNotFastForward, isProtectedBranch } from '../hosts/github/commit.js';
import { closePullRequest, upsertPullRequest, type PullRequestResult } from '../hosts/github/pull-request.js';
import { repoHost } from '../hosts/github/repo-host.js';
import { readSnapshot, type RepoRef, type Snapshot } from '../hosts/github/snapshot.js';
import { platforms } from '../platforms/registry.js';
import type { RunContext } from './context.js';
import { translateGitHubError } from './github-errors.js';
import { readInputs, type Inputs } from './inputs.js';
import type { ActionIO } from './io.js';

export interface RunDeps {
  io: ActionIO;
  context: RunContext;
  /** Builds the API client; tests point it at a fake GitHub. */
  octokit?: (token: string, io: ActionIO) => Octokit;
  catalog?: Catalog;
}

/** Attempts of plan → commit → move ref when the branch moves under us. */
const MAX_ATTEMPTS = 3;
const TRAILER_BASE = 'Blue-Gardener-Base:';
const TRAILER_PLAN = 'Blue-Gardener-Plan:';

interface Outcome {
  changes: FileChange[];
  commitSha?: string;
  pullRequest: PullRequestResult;
  summary: string;
}

/** The action: read inputs, plan against the repository through the API, then commit, open a PR or check. */
export async function run(deps: RunDeps): Promise<void> {
  const { io } = deps;
  let repository = `${deps.context.repo.owner}/${deps.context.repo.repo}`;
  try {
    const inputs = readInputs(io);
    const repo = inputs.repository ?? deps.context.repo;
    repository = `${repo.owner}/${repo.repo}`;
    const octokit = (deps.octokit ?? ((token, actionIO) => createOctokit(token, actionIO)))(inputs.token, io);
    const catalog = deps.catalog ?? bundledCatalog();
    const outcome =
      inputs.mode === 'commit'
        ? await commitMode(deps, octokit, repo, inputs, catalog)
        : inputs.mode === 'check'
          ? await checkMode(deps, octokit, repo, inputs, catalog)
          : await pullRequestMode(deps, octokit, repo, inputs, catalog);
    setOutputs(io, outcome);
    await io.summary(outcome.summary);
  } catch (raw) {
    const error = translateGitHubError(raw, repository);
    if (error instanceof UserError) {
      // Problems with a line become annotations on that line; the failure message carries the others.
      const located = error.all().filter((e) => e.location?.line);
      for (const e of located) io.error(formatUserError(e), e.location);
      const rest = error.all().filter((e) => !e.location?.line);
      io.setFailed(
        rest.length
          ? rest.map(formatUserError).join('\n')
          : `${located.length} problem(s) in ${located[0]!.location!.file}; see the annotations`,
      );
    } else {
      io.debug((error as Error).stack ?? String(error));
      io.setFailed(
        `blue-gardener failed unexpectedly (please report it): ${(error as Error).message ?? String(error)}`,
      );
    }
  }
}

async function planAt(
  deps: RunDeps,
  octokit: Octokit,
  repo: RepoRef,
  inputs: Inputs,
  catalog: Catalog,
  ourBranch?: string,
) {
  const { io } = deps;
  const base = inputs.base ?? deps.context.branch;
  const snapshot = await io.group(`Read ${repo.owner}/${repo.repo}${base ? `@${base}` : ''}`, () =>
    readSnapshot(octokit, repo, base, ourBranch),
  );
  const host = repoHost(octokit, repo, snapshot);
  const shared = [...new Set(Object.values(platforms).flatMap((p) => (p.index ? [p.index.path] : [])))];
  await host.prefetch([inputs.manifest, LOCK_PATH, ...shared], [DEFAULT_CUSTOM_AGENTS]);
  const result = await io.group('Plan', async () => {
    const r = await preparePlan(host, catalog, undefined, inputs.manifest);
    for (const w of [...r.warnings, ...r.renderWarnings.map((x) => x.message)]) io.warning(w);
    io.info(planText(r.plan, { applied: false }));
    return r;
  });
  if (result.plan.blocked) {
    throw new UserError(
      `blue-gardener will not write ${snapshot.branch}: ${result.plan.findings
        .filter((f) => f.action === 'blocked')
        .map((f) => `${f.path} (${f.kind})`)
        .join(', ')}`,
      {
        hint: 'see the findings in the log; nothing was changed',
      },
    );
  }
  return { snapshot, result };
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
  };
}

const none: PullRequestResult = { operation: 'none' };

async function checkMode(
  deps: RunDeps,
  octokit: Octokit,
  repo: RepoRef,
  inputs: Inputs,
  catalog: Catalog,
): Promise<Outcome> {
  const { snapshot, result } = await planAt(deps, octokit, repo, inputs, catalog);
  const changes = result.plan.changes;
  const summary = jobSummary(
    report(snapshot, repo, inputs, result, changes),
    needsAttention(result.plan) ? 'agent files are out of date' : 'up to date',
  );
  if (needsAttention(result.plan)) {
    await deps.io.summary(summary);
    throw new UserError(
      `agent files in ${snapshot.branch} are out of date with ${inputs.manifest}:\n${planText(result.plan, { applied: false })}`,
      {
        hint: 'run `npx blue-gardener sync` and commit the result, or run this action with `mode: pull-request`',
      },
    );
  }
  deps.io.info('Up to date: every generated file matches the manifest.');
  return { changes: [], pullRequest: none, summary };
}

async function commitMode(
  deps: RunDeps,
  octokit: Octokit,
  repo: RepoRef,
  inputs: Inputs,
  catalog: Catalog,
): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    const { snapshot, result } = await planAt(deps, octokit, repo, inputs, catalog);
    const changes = result.plan.changes;
    const summary = (outcome: string) => jobSummary(report(snapshot, repo, inputs, result, changes), outcome);
    if (changes.length === 0)
      return { changes, pullRequest: none, summary: summary('up to date, nothing to commit') };
    if (inputs.dryRun)
      return {
        changes,
        pullRequest: none,
        summary: summary(`dry run: would commit ${changes.length} file(s)`),
      };
    const sha = await deps.io.group('Commit', () =>
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
      deps.io.info(`Committed ${changes.length} file(s) to ${snapshot.branch}: ${sha}`);
      return {
        changes,
        commitSha: sha,
        pullRequest: none,
        summary: summary(`committed ${changes.length} file(s) to \`${snapshot.branch}\``),
      };
    } catch (error) {
      if (isNotFastForward(error) && attempt < MAX_ATTEMPTS) {
        deps.io.info(
          `${snapshot.branch} moved while we planned; planning again (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`,
        );
        continue;
      }
      if (isNotFastForward(error))
        throw new UserError(
          `${snapshot.branch} kept moving; gave up after ${MAX_ATTEMPTS} attempts without changing anything`,
          { hint: 'run the workflow again when the branch is quiet' },
        );
      if (isProtectedBranch(error)) {
        if (inputs.fallbackToPullRequest) {
          deps.io.warning(`${snapshot.branch} is protected; opening a pull request instead`);
          return pullRequestMode(deps, octokit, repo, inputs, catalog);
        }
        throw new UserError(`branch protection refused a direct commit to ${snapshot.branch}`, {
          hint: 'use `mode: pull-request`, set `fallback-to-pull-request: true`, or allow the token’s actor to bypass the rule',
        });
      }
      throw error;
    }
  }
}

async function pullRequestMode(
  deps: RunDeps,
  octokit: Octokit,
  repo: RepoRef,
  inputs: Inputs,
  catalog: Catalog,
): Promise<Outcome> {
  const { io } = deps;
  const { snapshot, result } = await planAt(deps, octokit, repo, inputs, catalog, inputs.branch);
  const ours = snapshot.ours!;
  const changes = result.plan.changes;
  const md = report(snapshot, repo, inputs, result, changes);
  if (changes.length === 0) {
    if (ours.pullRequest && !inputs.dryRun) {
      const closed = await closePullRequest(octokit, repo, ours.pullRequest);
      io.info(`Nothing left to change; closed pull request #${closed.number}`);
      return {
        changes,
        pullRequest: closed,
        summary: jobSummary(md, `up to date; closed pull request #${closed.number}`),
      };
    }
    return { changes, pullRequest: none, summary: jobSummary(md, 'up to date, no pull request needed') };
  }
  const planHash = sha256(JSON.stringify(changes.map((c) => [c.path, c.operation, c.content ?? null])));
  const head = ours.head;
  if (head && !head.message.includes(TRAILER_PLAN)) {
    throw new UserError(
      `someone else pushed to \`${inputs.branch}\`; blue-gardener will not force-push over their commit ${head.oid.slice(0, 7)}`,
      {
        hint: `merge or close that work, or delete the branch \`${inputs.branch}\`, then run again`,
      },
    );
  }
  const upToDate =
    head !== null &&
    head.parents[0] === snapshot.headOid &&
    head.message.includes(`${TRAILER_PLAN} ${planHash}`);
  if (inputs.dryRun)
    return {
      changes,
      pullRequest: none,
      summary: jobSummary(md, `dry run: would propose ${changes.length} file(s)`),
    };
  let commitSha: string | undefined;
  if (!upToDate) {
    const message = `${inputs.commitMessage}\n\n${TRAILER_BASE} ${snapshot.headOid}\n${TRAILER_PLAN} ${planHash}\n`;
    commitSha = await io.group('Commit', () => createCommit(octokit, repo, snapshot, changes, message));
    if (head)
      await octokit.rest.git.updateRef({
        owner: repo.owner,
        repo: repo.repo,
        ref: `heads/${inputs.branch}`,
        sha: commitSha,
        force: true,
      });
    else
      await octokit.rest.git.createRef({
        owner: repo.owner,
        repo: repo.repo,
        ref: `refs/heads/${inputs.branch}`,
        sha: commitSha,
      });
  }
  const pullRequest = await io.group('Pull request', () =>
    upsertPullRequest(octokit, repo, ours.pullRequest, {
      head: inputs.branch,
      base: snapshot.branch,
      title: inputs.prTitle,
      body: pullRequestBody(md, undefined),
      draft: inputs.draft,
    }),
  );
  if (pullRequest.operation === 'created' && inputs.labels.length) {
    try {
      await octokit.rest.issues.addLabels({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: pullRequest.number!,
        labels: inputs.labels,
      });
    } catch (error) {
      io.warning(`could not add labels ${inputs.labels.join(', ')}: ${(error as Error).message}`);
    }
  }
  if (pullRequest.operation === 'created')
    io.info(
      'Note: pull requests opened with the workflow token do not trigger other workflows; use a GitHub App token if checks must run on it.',
    );
  io.info(`Pull request ${pullRequest.operation}: ${pullRequest.url ?? ''}`);
  return {
    changes,
    ...(commitSha ? { commitSha } : {}),
    pullRequest,
    summary: jobSummary(
      md,
      `pull request ${pullRequest.operation === 'none' ? 'already up to date' : pullRequest.operation}: ${pullRequest.url}`,
    ),
  };
}

function setOutputs(io: ActionIO, outcome: Outcome): void {
  io.setOutput('changed', String(outcome.changes.length > 0));
  io.setOutput(
    'files',
    JSON.stringify(outcome.changes.map((c) => ({ path: c.path, operation: c.operation }))),
  );
  io.setOutput('commit-sha', outcome.commitSha ?? '');
  io.setOutput('pull-request-number', outcome.pullRequest.number ? String(outcome.pullRequest.number) : '');
  io.setOutput('pull-request-url', outcome.pullRequest.url ?? '');
  io.setOutput('pull-request-operation', outcome.pullRequest.operation);
}
