import { UserError, formatUserError } from '../core/errors.js';
import type { Catalog } from '../core/model.js';
import { bundledCatalog } from '../hosts/bundled-catalog.js';
import { createOctokit, type Octokit } from '../hosts/github/client.js';
import { handleComment } from '../bot/dispatch.js';
import { syncRepositories } from '../fleet/sync.js';
import type { FlowContext } from '../runs/context.js';
import type { RunContext } from '../runs/event.js';
import { translateGitHubError } from '../runs/github-errors.js';
import type { ActionIO } from '../runs/io.js';
import { setOutputs } from '../runs/outputs.js';
import { StaleFiles } from '../runs/check.js';
import { escapeCell } from '../core/report/markdown.js';
import { readInputs } from './inputs.js';
import { modes } from './modes.js';

export interface RunDeps {
  io: ActionIO;
  context: RunContext;
  /** Builds the API client; tests point it at a fake GitHub. */
  octokit?: (token: string, io: ActionIO) => Octokit;
  catalog?: Catalog;
}

/** The action: read inputs, then either answer a `/blue` comment or run `modes[mode]`. */
export async function run(deps: RunDeps): Promise<void> {
  const { io } = deps;
  let repository = `${deps.context.repo.owner}/${deps.context.repo.repo}`;
  try {
    const inputs = readInputs(io);
    const repo = inputs.repository ?? deps.context.repo;
    repository = `${repo.owner}/${repo.repo}`;
    const octokit = (deps.octokit ?? ((token, actionIO) => createOctokit(token, actionIO)))(inputs.token, io);
    const ctx: FlowContext = {
      io,
      octokit,
      repo,
      options: inputs.run,
      catalog: deps.catalog ?? bundledCatalog(),
    };
    if (deps.context.eventName === 'issue_comment') return await handleComment(ctx, deps.context, inputs.bot);
    const mode = modes[inputs.mode];
    if (mode.kind === 'fleet-step') return await mode.step(io, octokit, inputs.fleet);
    // Many repositories, results for `aggregate`, or onboarding: each repository isolated (src/fleet/sync.ts).
    const { fleet } = inputs;
    if (fleet.repositories.length || fleet.results || fleet.onboarding || fleet.writeIntervalMs)
      return await syncRepositories(ctx, mode.flow, deps.context, (error) => fail(io, error), {
        mode: inputs.mode,
        writes: mode.writes,
        base: inputs.base,
        fleet,
      });
    // Another repository is read at its default branch: the event's branch belongs to this one.
    const elsewhere =
      repository.toLowerCase() !== `${deps.context.repo.owner}/${deps.context.repo.repo}`.toLowerCase();
    const base = inputs.base ?? (elsewhere ? undefined : deps.context.branch);
    // A read-only mode on a pull request judges its head: what would be merged, not what is on the base.
    const review = !mode.writes && !elsewhere && !inputs.base ? deps.context.review : undefined;
    const outcome = await mode.flow(ctx, { base, ...(review ? { at: review } : {}) });
    setOutputs(io, outcome);
    await io.summary(outcome.summary);
  } catch (raw) {
    const error = translateGitHubError(raw, repository);
    // A failed check still says what it found (its summary is written already).
    if (error instanceof StaleFiles && error.outcome) setOutputs(io, error.outcome);
    else await io.summary(failureSummary(error));
    fail(io, error);
  }
}

/** The job summary of a run that stopped: the error, where it is, and the fix. */
export function failureSummary(error: unknown): string {
  if (!(error instanceof UserError))
    return `## blue-gardener: failed unexpectedly\n\n${escapeCell((error as Error).message ?? String(error))}\n\nPlease report it, with the log of this step.\n`;
  return [
    '## blue-gardener: failed',
    '',
    ...error.all().map((e) => {
      const at = e.location
        ? `\`${e.location.file}${e.location.line ? `:${e.location.line}` : ''}${e.location.column ? `:${e.location.column}` : ''}\`: `
        : '';
      return `- ${at}${escapeCell(e.message)}${e.hint ? ` — ${escapeCell(e.hint)}` : ''}`;
    }),
    '',
    'Nothing was changed.',
    '',
  ].join('\n');
}

/** Problems with a line become annotations on that line; the failure message carries the others. */
export function fail(io: ActionIO, error: unknown): void {
  if (error instanceof UserError) {
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
