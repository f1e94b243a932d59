import { driftPolicy } from '../core/drift-policy.js';
import { driftText } from '../core/report/drift.js';
import { diffText, needsAttention } from '../core/report/text.js';
import { preparePlan, type EngineResult } from '../engine.js';
import type { CliContext } from './context.js';

/** `doctor`: every drift finding and what `repair` would do; exit 1 when something needs attention. */
export async function doctor(ctx: CliContext): Promise<number> {
  const result = await preparePlan(ctx.host, ctx.catalog, { sourceReader: ctx.sourceReader });
  const attention = needsAttention(result.plan);
  if (ctx.flags.json) ctx.output.out(JSON.stringify(driftJson(result, false, attention), null, 2));
  else ctx.output.out(driftText(result.plan, { command: 'doctor', applied: false }, ctx.output.outStyle));
  return attention ? 1 : 0;
}

/**
 * `repair`: applies the manifest's drift policy (the plan already follows it) and reports every finding.
 * Exit 1 when the policy stops the run; findings the policy keeps are reported, not failures.
 */
export async function repair(ctx: CliContext): Promise<number> {
  const result = await preparePlan(ctx.host, ctx.catalog, { sourceReader: ctx.sourceReader });
  const { plan } = result;
  const apply = !ctx.flags.dryRun && !plan.blocked && plan.changes.length > 0;
  if (apply) await ctx.host.apply(plan.changes);
  if (ctx.flags.json) ctx.output.out(JSON.stringify(driftJson(result, apply, needsAttention(plan)), null, 2));
  else {
    ctx.output.out(driftText(plan, { command: 'repair', applied: apply }, ctx.output.outStyle));
    if (ctx.flags.diff && plan.changes.length)
      ctx.output.out(`\n${diffText(plan.changes, ctx.output.outStyle)}`);
  }
  return plan.blocked ? 1 : 0;
}

function driftJson(result: EngineResult, applied: boolean, attention: boolean) {
  return {
    healthy: !attention,
    applied,
    blocked: result.plan.blocked,
    policy: driftPolicy(result.loaded.manifest['hand-edits']),
    findings: result.plan.findings,
    changedAgents: result.plan.changedAgents,
    changes: result.plan.changes.map((c) => ({ path: c.path, operation: c.operation })),
  };
}
