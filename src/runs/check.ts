import { UserError } from '../core/errors.js';
import { jobSummary } from '../core/report/markdown.js';
import { needsAttention, planText } from '../core/report/text.js';
import { noPullRequest, type FlowContext, type FlowRequest, type Outcome } from './context.js';
import { planAt } from './plan-at.js';

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
      `agent files in ${snapshot.branch} are out of date with ${ctx.options.manifest}:\n${planText(result.plan, { applied: false })}`,
      {
        hint: 'run `npx blue-gardener sync` and commit the result, or run this action with `mode: pull-request`',
      },
      result.plan.changes.length,
    );
  }
  ctx.io.info('Up to date: every generated file matches the manifest.');
  return { changes: [], pullRequest: noPullRequest, summary, report: md };
}
