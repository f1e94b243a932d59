import type { FileChange } from '../model.js';
import type { Finding, Plan } from '../plan.js';
import { unifiedDiff } from './diff.js';

const verb: Record<FileChange['operation'], string> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
};

/** One line per change: `  create  .claude/agents/blue-x.md`. */
export function changeLines(changes: readonly FileChange[]): string[] {
  return changes.map((c) => `  ${verb[c.operation].padEnd(7)} ${c.path}`);
}

/** Findings a person should read: a stale file regenerated or an orphan deleted is already a change. */
export function notableFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.action === 'fixed' && (f.kind === 'stale' || f.kind === 'orphaned')));
}

/** One sentence naming the catalog agents that changed since the lock was written, or nothing. */
export function catalogUpdateLine(changedAgents: readonly string[]): string | undefined {
  if (changedAgents.length === 0) return undefined;
  return `The catalog shipped with this version of blue-gardener changed ${changedAgents.length} installed agent(s): ${changedAgents.map((a) => `\`${a}\``).join(', ')}.`;
}

export function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `  ${f.kind.padEnd(17)} ${f.path}: ${f.message}`);
}

/** A person's summary of a plan, for the terminal. */
export function planText(plan: Plan, options: { applied: boolean; diff?: boolean }): string {
  const lines: string[] = [];
  const notable = notableFindings(plan.findings);
  if (notable.length) lines.push('Findings:', ...findingLines(notable), '');
  const update = catalogUpdateLine(plan.changedAgents);
  if (update) lines.push(update, '');
  if (plan.blocked) {
    lines.push('Nothing was written: fix the findings marked above, then run again.');
    return lines.join('\n');
  }
  if (plan.changes.length === 0) {
    lines.push(notable.length ? 'Nothing to write.' : 'Up to date: nothing to change.');
    return lines.join('\n');
  }
  const counts = (['create', 'update', 'delete'] as const)
    .map((op) => [op, plan.changes.filter((c) => c.operation === op).length] as const)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n} to ${op}`);
  lines.push(
    `${options.applied ? 'Wrote' : 'Would write'} ${plan.changes.length} file(s): ${counts.join(', ')}`,
  );
  lines.push(...changeLines(plan.changes));
  if (options.diff) lines.push('', ...plan.changes.map((c) => unifiedDiff(c.path, c.before, c.content)));
  return lines.join('\n');
}

/** Whether `check` should fail: anything to change, or a finding that needs a person. */
export function needsAttention(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.findings.some((f) => f.kind !== 'lock-without-file');
}
