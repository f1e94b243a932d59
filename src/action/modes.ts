import type { Octokit } from '../hosts/github/client.js';
import type { FleetInputs } from '../fleet/inputs.js';
import { aggregateStep, discoverStep } from '../fleet/steps.js';
import { checkFlow } from '../runs/check.js';
import { commitFlow } from '../runs/commit.js';
import type { Flow } from '../runs/context.js';
import type { ActionIO } from '../runs/io.js';
import { withMigration } from '../runs/migrate.js';
import { pullRequestFlow } from '../runs/pull-request.js';
import { repairFlow } from '../runs/repair.js';
import { updateFlow } from '../runs/update.js';

/** A mode that regenerates each repository it is given (one, or a fleet's). */
interface RepositoryMode {
  kind: 'repository';
  /** Whether it may write to GitHub (commits, branches, pull requests). */
  writes: boolean;
  summary: string;
  flow: Flow;
}

/** A fleet step that plans nothing itself: it lists repositories or gathers results. */
interface FleetStepMode {
  kind: 'fleet-step';
  writes: false;
  summary: string;
  step: (io: ActionIO, octokit: Octokit, fleet: FleetInputs) => Promise<void>;
}

/**
 * The action's modes, each registered once: `inputs.mode` is checked against these keys and the entry
 * runs `modes[mode]`. A repository still on the original CLI is migrated by every mode that writes.
 */
export const modes = {
  'pull-request': {
    kind: 'repository',
    writes: true,
    summary: 'propose the regenerated files in one pull request, updated in place',
    flow: withMigration(pullRequestFlow, true),
  },
  commit: {
    kind: 'repository',
    writes: true,
    summary: 'commit the regenerated files to the branch',
    flow: withMigration(commitFlow, true),
  },
  check: {
    kind: 'repository',
    writes: false,
    summary: 'fail when the agent files are stale, missing or hand-edited; write nothing',
    flow: withMigration(checkFlow, false),
  },
  repair: {
    kind: 'repository',
    writes: true,
    summary: 'a pull request that repairs drift, each finding explained (for a schedule)',
    flow: withMigration(repairFlow, true),
  },
  update: {
    kind: 'repository',
    writes: true,
    summary:
      'move each source to the newest commit of its ref and propose it in one pull request, updated in place (for a schedule)',
    flow: withMigration(updateFlow, true),
  },
  discover: {
    kind: 'fleet-step',
    writes: false,
    summary: 'list the fleet’s repositories as a job matrix',
    step: discoverStep,
  },
  aggregate: {
    kind: 'fleet-step',
    writes: false,
    summary: 'gather the per-repository results into one report',
    step: (io, _octokit, fleet) => aggregateStep(io, fleet),
  },
} as const satisfies Record<string, RepositoryMode | FleetStepMode>;

export type Mode = keyof typeof modes;

export function isMode(value: string): value is Mode {
  return Object.hasOwn(modes, value);
}
