import { z } from 'zod';

/**
 * The kinds of drift between the repository and what we generate, each with its own policy. Every class
 * has a fixing value (the default, except for foreign files, which are never touched), a value that
 * leaves the file and reports it, and `fail`, which stops the run before anything is written.
 */
const classes = {
  missing: z
    .enum(['regenerate', 'report', 'fail'])
    .describe('A file (or our block) we generated was deleted. Default `regenerate`.'),
  stale: z
    .enum(['regenerate', 'report', 'fail'])
    .describe(
      'A file we generated and nobody edited differs from what we would generate now (the manifest or the catalog changed). Default `regenerate`.',
    ),
  'hand-edited': z
    .enum(['keep', 'overwrite', 'fail'])
    .describe('A file we generated was changed by hand. Default `keep` (and report it).'),
  orphaned: z
    .enum(['delete', 'keep', 'fail'])
    .describe(
      'A file we generated for an agent or platform no longer in the manifest. Default `delete` (only when nobody edited it; an edited one follows `hand-edited`).',
    ),
  foreign: z
    .enum(['report', 'fail'])
    .describe(
      'A file we did not generate sits where we would write. Never touched: `report` (default) skips it, `fail` stops the run.',
    ),
} as const;

export type DriftClass = keyof typeof classes;
export type DriftPolicy = { [K in DriftClass]: z.output<(typeof classes)[K]> };

export const DEFAULT_DRIFT_POLICY: Readonly<DriftPolicy> = {
  missing: 'regenerate',
  stale: 'regenerate',
  'hand-edited': 'keep',
  orphaned: 'delete',
  foreign: 'report',
};

/**
 * The manifest's `hand-edits` key: the short form names the policy for hand-edited files (the only one
 * before drift classes existed); the long form sets a policy per class, defaults for the rest.
 */
export const handEditsSchema = z
  .union([
    classes['hand-edited'],
    z.strictObject(
      Object.fromEntries(Object.entries(classes).map(([k, v]) => [k, v.optional()])) as {
        [K in DriftClass]: z.ZodOptional<(typeof classes)[K]>;
      },
    ),
  ])
  .default('keep')
  .describe(
    'What to do when generated files drift. A single value (keep, overwrite, fail) is the policy for hand-edited files; a map sets a policy per class: missing, stale, hand-edited, orphaned, foreign.',
  );

/** The full policy from the manifest's `hand-edits` value (either form). */
export function driftPolicy(value: z.output<typeof handEditsSchema> | undefined): DriftPolicy {
  if (value === undefined) return { ...DEFAULT_DRIFT_POLICY };
  if (typeof value === 'string') return { ...DEFAULT_DRIFT_POLICY, 'hand-edited': value };
  return { ...DEFAULT_DRIFT_POLICY, ...Object.fromEntries(Object.entries(value).filter(([, v]) => v)) };
}

/** What the planner does about one finding: fix it, leave it (and report), or stop the run. */
export type Decision = 'fix' | 'leave' | 'fail';

const fixes: Record<DriftClass, string> = {
  missing: 'regenerate',
  stale: 'regenerate',
  'hand-edited': 'overwrite',
  orphaned: 'delete',
  foreign: '',
};

export function decide(policy: DriftPolicy, kind: DriftClass): Decision {
  const value = policy[kind];
  if (value === 'fail') return 'fail';
  return value === fixes[kind] ? 'fix' : 'leave';
}

/** The outcome half of a finding's message: what we did, and which manifest setting made us do it. */
export function outcome(policy: DriftPolicy, kind: DriftClass, decision: Decision, agent?: string): string {
  // A person's own file where a catalog agent goes: keep theirs by leaving the agent out, or move theirs.
  const keepYours = agent
    ? `, or keep yours and leave the agent out with \`exclude: [${agent}]\` in the manifest`
    : '';
  if (kind === 'foreign')
    return decision === 'fail'
      ? `stopping (hand-edits: { foreign: fail }) — nothing was written; move or delete the file${keepYours}`
      : `left untouched: we never overwrite a file we did not generate — move or delete it so we can write there${keepYours}`;
  const setting =
    kind === 'hand-edited' ? `hand-edits: ${policy[kind]}` : `hand-edits: { ${kind}: ${policy[kind]} }`;
  if (decision === 'fail') {
    return kind === 'hand-edited'
      ? `stopping (${setting}) — move your change into the manifest or a custom agent`
      : `stopping (${setting}) — nothing was written; resolve it or change the policy`;
  }
  if (decision === 'fix') {
    if (kind === 'hand-edited') return `overwritten (${setting})`;
    return kind === 'orphaned' ? 'deleted' : 'regenerated';
  }
  switch (kind) {
    case 'hand-edited':
      return `kept (${setting}) — move the change into the manifest or a custom agent, then set \`hand-edits: overwrite\` (or run \`repair\` with it) to regenerate`;
    case 'orphaned':
      return `kept (${setting})`;
    default:
      return `left as is (${setting})`;
  }
}
