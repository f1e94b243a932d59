import { UserError } from '../core/errors.js';
import { migrationPullRequestBody } from '../migration/report.js';
import { ORIGINAL_SHARED_FILES, ORIGINAL_STATE_PATH } from '../core/paths.js';
import { ManifestMissing } from './manifest-source.js';
import { planMigration, type MigrationSummary } from '../migration/plan.js';
import type { Flow, FlowContext, FlowRequest, Outcome } from './context.js';
import { pullRequestFlow } from './pull-request.js';

export const MIGRATION_TITLE = 'Move the AI agent files to blue-gardener’s manifest';

/**
 * Wraps a flow: when the repository has no manifest but has the original CLI's state file, it is migrated
 * through a pull request that explains the move (whatever the mode; `check` says how to migrate instead).
 */
export function withMigration(flow: Flow, writes: boolean): Flow {
  return async (ctx, request) => {
    try {
      return await flow(ctx, request);
    } catch (error) {
      if (!(error instanceof ManifestMissing) || !error.snapshot.files.has(ORIGINAL_STATE_PATH)) throw error;
      if (!writes)
        throw new UserError(
          `${ctx.options.manifest} is missing; this repository still uses the original blue-gardener CLI (${ORIGINAL_STATE_PATH})`,
          {
            hint: 'run `npx blue-gardener@1 migrate` and commit the result, or run this action with `mode: pull-request` or `mode: repair` to propose the migration',
          },
        );
      ctx.io.info(`No ${ctx.options.manifest}, but the original CLI's state file: proposing the migration`);
      return migrationFlow(ctx, request);
    }
  };
}

/** The migration as a pull request on our branch (see src/migrate.ts for what it does). */
function migrationFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  let summary: MigrationSummary | undefined;
  return pullRequestFlow(ctx, {
    ...request,
    title: MIGRATION_TITLE,
    async prepare(host) {
      await host.prefetch([ORIGINAL_STATE_PATH, ...ORIGINAL_SHARED_FILES], []);
      const migration = await planMigration(host, ctx.catalog, ctx.options.manifest);
      summary = migration.summary;
      return { result: migration.result, changes: migration.changes };
    },
    pullRequestBody: (report) => migrationPullRequestBody(summary!, report.changes),
  });
}
