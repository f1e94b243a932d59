import type { FileChange } from './model.js';
import type { Finding, Plan } from './plan.js';
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

export function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((f) => `  ${f.kind.padEnd(17)} ${f.path}: ${f.message}`);
}

/** A person's summary of a plan, for the terminal. */
export function planText(plan: Plan, options: { applied: boolean; diff?: boolean }): string {
  const lines: string[] = [];
  if (plan.findings.length) lines.push('Findings:', ...findingLines(plan.findings), '');
  if (plan.blocked) {
    lines.push('Nothing was written: fix the findings marked above, then run again.');
    return lines.join('\n');
  }
  if (plan.changes.length === 0) {
    lines.push('Up to date: nothing to change.');
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
