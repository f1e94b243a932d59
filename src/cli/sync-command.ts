import type { Agent } from '../core/model.js';
import { LOCK_PATH, MANIFEST_PATH } from '../core/paths.js';
import { needsAttention, planText } from '../core/report/text.js';
import { preparePlan, type EngineResult } from '../engine.js';
import type { CliContext } from './context.js';

/**
 * Plans from `manifestText` (or the manifest on disk) and applies the plan unless `--dry-run`. When the
 * manifest text is new (add/remove), it is written in the same all-or-nothing batch as the agent files.
 */
export async function syncWith(ctx: CliContext, manifestText?: string): Promise<number> {
  const result = await preparePlan(
    ctx.host,
    ctx.catalog,
    manifestText === undefined ? {} : { edits: new Map([[MANIFEST_PATH, manifestText]]) },
  );
  const { changes } = result;
  const plan = { ...result.plan, changes };
  printWarnings(ctx, result);
  const apply = !ctx.flags.dryRun && !plan.blocked && changes.length > 0;
  // Applied even when empty: the local host then only clears what a killed run left behind.
  if (!ctx.flags.dryRun && !plan.blocked) await ctx.host.apply(changes);
  if (ctx.flags.json) ctx.output.out(JSON.stringify(planJson(result, changes, apply), null, 2));
  else {
    ctx.output.out(planText(plan, { applied: apply, diff: ctx.flags.diff, style: ctx.output.outStyle }));
    if (ctx.flags.dryRun && !ctx.flags.diff && changes.length && !plan.blocked)
      ctx.output.out('\nNothing was written (--dry-run). Add --diff to see every line.');
  }
  return plan.blocked ? 1 : 0;
}

/** `check`: exit 1 with a readable list when files are stale, missing or hand-edited. */
export async function check(ctx: CliContext): Promise<number> {
  const result = await preparePlan(ctx.host, ctx.catalog);
  printWarnings(ctx, result);
  const failing = needsAttention(result.plan);
  if (ctx.flags.json) {
    ctx.output.out(
      JSON.stringify({ upToDate: !failing, ...planJson(result, result.plan.changes, false) }, null, 2),
    );
  } else if (!failing) {
    ctx.output.out('Up to date: every generated file matches the manifest.');
  } else {
    ctx.output.out(planText(result.plan, { applied: false, style: ctx.output.outStyle }));
    ctx.output.out(
      result.plan.changes.length
        ? '\nRun `npx blue-gardener@1 sync` to bring the files up to date.'
        : '\n`sync` has nothing to write for these: each finding says how to resolve it.',
    );
  }
  return failing ? 1 : 0;
}

function printWarnings(ctx: CliContext, result: EngineResult): void {
  const label = ctx.output.errStyle('warning', 'warning:');
  for (const w of result.warnings) ctx.output.err(`${label} ${w}`);
  for (const w of result.renderWarnings) ctx.output.err(`${label} ${w.message}`);
}

function planJson(result: EngineResult, changes: EngineResult['plan']['changes'], applied: boolean) {
  return {
    applied,
    blocked: result.plan.blocked,
    agents: result.resolution.agents.map((a: Agent) => a.name),
    platforms: result.resolution.platforms,
    changes: changes.map((c) => ({ path: c.path, operation: c.operation })),
    findings: result.plan.findings,
    warnings: [...result.warnings, ...result.renderWarnings.map((w) => w.message)],
    lock: LOCK_PATH,
  };
}
