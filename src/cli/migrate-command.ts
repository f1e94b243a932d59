import { diffText } from '../core/report/text.js';
import { migrationText } from '../migration/report.js';
import { planMigration } from '../migration/plan.js';
import type { CliContext } from './context.js';

/** `migrate`: from the original CLI's state file to our manifest, in one all-or-nothing write. */
export async function migrate(ctx: CliContext): Promise<number> {
  const migration = await planMigration(ctx.host, ctx.catalog);
  const apply = !ctx.flags.dryRun;
  if (apply) await ctx.host.apply(migration.changes);
  if (ctx.flags.json)
    ctx.output.out(
      JSON.stringify(
        {
          applied: apply,
          ...migration.summary,
          changes: migration.changes.map((c) => ({ path: c.path, operation: c.operation })),
        },
        null,
        2,
      ),
    );
  else {
    ctx.output.out(migrationText(migration.summary, migration.changes, apply, ctx.output.outStyle));
    if (ctx.flags.diff) ctx.output.out(`\n${diffText(migration.changes, ctx.output.outStyle)}`);
  }
  return 0;
}
