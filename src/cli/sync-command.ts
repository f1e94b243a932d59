import { UserError } from '../core/errors.js';
import type { Agent } from '../core/model.js';
import { isLockPath, LOCK_PATH, MANIFEST_PATH } from '../core/paths.js';
import { needsAttention, planText } from '../core/report/text.js';
import { preparePlan, readManifest, type EngineResult } from '../engine.js';
import type { CliContext } from './context.js';

/**
 * Plans from `manifestText` (or the manifest on disk) and applies the plan unless `--dry-run`. When the
 * manifest text is new (add/remove), it is written in the same all-or-nothing batch as the agent files.
 */
export async function syncWith(
  ctx: CliContext,
  manifestText?: string,
  updateSources?: true | readonly string[],
): Promise<number> {
  const result = await preparePlan(ctx.host, ctx.catalog, {
    ...(manifestText === undefined ? {} : { edits: new Map([[MANIFEST_PATH, manifestText]]) }),
    sourceReader: ctx.sourceReader,
    ...(updateSources ? { updateSources } : {}),
  });
  refuseIfFrozen(ctx, result);
  const { changes } = result;
  const plan = { ...result.plan, changes };
  printWarnings(ctx, result);
  if (updateSources && !ctx.flags.json) ctx.output.out(sourceUpdateText(result));
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

/** `update [source…]`: named sources (or all) move to the newest commit of their ref. */
export async function update(ctx: CliContext, ids: string[]): Promise<number> {
  const { loaded } = await readManifest(ctx.host);
  const known = Object.keys(loaded.manifest.sources);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length)
    throw new UserError(`\`update\`: no source \`${unknown[0]}\` in the manifest`, {
      location: { file: MANIFEST_PATH },
      hint: known.length ? `sources: ${known.join(', ')}` : 'the manifest has no `sources`',
    });
  return syncWith(ctx, undefined, ids.length ? ids : true);
}

/** `check`: exit 1 with a readable list when files are stale, missing or hand-edited. */
export async function check(ctx: CliContext): Promise<number> {
  const result = await preparePlan(ctx.host, ctx.catalog, { sourceReader: ctx.sourceReader });
  refuseIfFrozen(ctx, result);
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

/** `--frozen`: the lock must not change (CI proves that the committed lock is what the manifest gives). */
function refuseIfFrozen(ctx: CliContext, result: EngineResult): void {
  if (!ctx.flags.frozen) return;
  // The lock is its root and, when large, its parts: a change to any of them is a change of the lock.
  const lockChange = result.plan.changes.find((c) => isLockPath(c.path));
  if (!lockChange) return;
  const moved = result.sources.filter((s) => s.before !== s.commit).map((s) => s.id);
  throw new UserError(
    `--frozen: the lock would change${moved.length ? ` (sources resolved again: ${moved.join(', ')})` : ''}`,
    {
      location: { file: LOCK_PATH },
      hint: 'run `npx blue-gardener@1 sync` (or `update`) and commit the lock it writes',
    },
  );
}

/** What `update` moved: per source, the commits and the agents whose content changed. */
export function sourceUpdateText(result: EngineResult): string {
  if (result.sources.length === 0) return 'No sources in the manifest.';
  return result.sources
    .map((s) => {
      const from = s.before ? s.before.slice(0, 12) : 'new';
      if (s.before === s.commit) return `source ${s.id}: at ${s.commit.slice(0, 12)} (no change)`;
      const agents = s.changedAgents.length
        ? `; agents changed: ${s.changedAgents.join(', ')}`
        : '; no installed agent changed';
      const skills = s.changedSkills.length ? `; skills changed: ${s.changedSkills.join(', ')}` : '';
      return `source ${s.id}: ${from} → ${s.commit.slice(0, 12)}${agents}${skills}`;
    })
    .concat(
      result.plan.merged.map((path) => `merged the upstream change into your edit of ${path}`),
      result.plan.conflicts.map(
        (path) =>
          `conflict: ${path} was edited by hand and changed upstream; kept your file (merge it by hand)`,
      ),
    )
    .join('\n');
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
