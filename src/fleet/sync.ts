import { UserError, formatUserError } from '../core/errors.js';
import type { RunContext } from '../runs/event.js';
import { StaleFiles } from '../runs/check.js';
import type { Flow, FlowContext, Outcome } from '../runs/context.js';
import { translateGitHubError } from '../runs/github-errors.js';
import { setOutputs } from '../runs/outputs.js';
import { aggregate } from './aggregate.js';
import type { FleetInputs } from './inputs.js';
import { ManifestMissing } from '../runs/manifest-source.js';
import { onboard } from './onboarding.js';
import { paceWrites } from './pacing.js';
import { writeResult, type RepoResult, type ResultKind } from './result.js';

function kindOf(mode: string, outcome: Outcome): ResultKind {
  const op = outcome.pullRequest.operation;
  if (op === 'created') return 'pull-request-created';
  if (op === 'updated') return 'pull-request-updated';
  if (op === 'closed') return 'pull-request-closed';
  if (outcome.commitSha) return 'committed';
  if (outcome.changes.length === 0) return 'up-to-date';
  if (outcome.declined) return 'update-declined';
  if ((mode === 'pull-request' || mode === 'update') && outcome.pullRequest.url) return 'pull-request-open';
  return 'dry-run';
}

function message(error: unknown): string {
  if (error instanceof UserError) return error.all().map(formatUserError).join('\n');
  return `blue-gardener failed unexpectedly (please report it): ${(error as Error).message ?? String(error)}`;
}

/** Counts the API requests a client makes (each logical request once, whatever the retries). */
function requestCounter(ctx: FlowContext): () => number {
  let count = 0;
  ctx.octokit.hook.before('request', () => {
    count++;
  });
  return () => count;
}

/** The fleet's part of a run: which mode (for the results), whether it writes, the base branch, the fleet inputs. */
export interface FleetJob {
  mode: string;
  writes: boolean;
  base: string | undefined;
  fleet: FleetInputs;
}

/**
 * Runs the flow for each repository of this job, one after the other, each isolated: a failure is recorded
 * in that repository's result and the next one runs. With `results`, every repository leaves a JSON result
 * for `aggregate`. The step fails at the end when any repository failed.
 */
export async function syncRepositories(
  ctx: FlowContext,
  flow: Flow,
  run: RunContext,
  fail: (error: unknown) => void,
  job: FleetJob,
): Promise<void> {
  const { io } = ctx;
  const { fleet } = job;
  const targets = fleet.repositories.length ? fleet.repositories : [ctx.repo];
  const self = `${run.repo.owner}/${run.repo.repo}`;
  const requests = requestCounter(ctx);
  paceWrites(ctx.octokit, fleet.writeIntervalMs);
  const results: RepoResult[] = [];
  const errors: { name: string; error: unknown }[] = [];
  const summaries: string[] = [];
  let single: Outcome | undefined;
  for (const repo of targets) {
    const name = `${repo.owner}/${repo.repo}`;
    if (targets.length > 1) io.info(`━━ ${name}`);
    // Another repository's default branch, unless `base` says otherwise; the event's branch is ours only.
    const base = job.base ?? (name.toLowerCase() === self.toLowerCase() ? run.branch : undefined);
    const started = requests();
    const repoCtx: FlowContext = { ...ctx, repo };
    let result: Omit<RepoResult, 'requests'>;
    try {
      const outcome = await flow(repoCtx, { base });
      single = outcome;
      summaries.push(outcome.summary);
      result = {
        version: 1,
        repository: name,
        mode: job.mode,
        result: kindOf(job.mode, outcome),
        drift: outcome.changes.length,
        ...(outcome.pullRequest.url
          ? {
              pullRequest: {
                number: outcome.pullRequest.number!,
                url: outcome.pullRequest.url,
                operation: outcome.pullRequest.operation,
              },
            }
          : {}),
        ...(outcome.commitSha ? { commitSha: outcome.commitSha } : {}),
      };
    } catch (raw) {
      const recovered = await recover(repoCtx, job, raw, name, self);
      result = recovered.result;
      if (recovered.error !== undefined) errors.push({ name, error: recovered.error });
    }
    const full: RepoResult = { ...result, requests: requests() - started };
    results.push(full);
    if (fleet.results) writeResult(fleet.results, full);
    io.info(
      `${name}: ${full.result}${full.drift ? `, ${full.drift} file(s) out of date` : ''} (${full.requests} requests)`,
    );
  }
  if (targets.length === 1 && single) setOutputs(io, single);
  else io.setOutput('changed', String(results.some((r) => r.commitSha !== undefined)));
  if (targets.length > 1) summaries.unshift(aggregate(results, []).markdown);
  if (summaries.length) await io.summary(summaries.join('\n'));
  if (errors.length === 0) return;
  if (targets.length === 1) return fail(translateGitHubError(errors[0]!.error, errors[0]!.name));
  for (const { name, error } of errors) io.error(`${name}: ${message(translateGitHubError(error, name))}`);
  io.setFailed(
    `${errors.length} of ${targets.length} repositories failed: ${errors.map((e) => e.name).join(', ')}; the others were handled (see the job summary)`,
  );
}

async function recover(
  ctx: FlowContext,
  job: FleetJob,
  raw: unknown,
  name: string,
  self: string,
): Promise<{ result: Omit<RepoResult, 'requests'>; error?: unknown }> {
  const base = { version: 1 as const, repository: name, mode: job.mode, drift: 0 };
  const failed = (error: unknown) => ({
    result: { ...base, result: 'failed' as const, error: message(translateGitHubError(error, name)) },
    error,
  });
  if (raw instanceof StaleFiles)
    return {
      result: { ...base, result: 'drift', drift: raw.drift, error: raw.message.split('\n')[0] },
      error: raw,
    };
  if (raw instanceof ManifestMissing && job.fleet.onboarding && job.writes) {
    try {
      const done = await onboard(ctx, raw.snapshot, self);
      const pr = done.pullRequest;
      return {
        result: {
          ...base,
          result: done.result,
          ...(pr?.url ? { pullRequest: { number: pr.number!, url: pr.url, operation: pr.operation } } : {}),
        },
      };
    } catch (error) {
      return failed(error);
    }
  }
  if (raw instanceof UserError && / is empty$/.test(raw.message))
    return { result: { ...base, result: 'empty' } };
  return failed(raw);
}
