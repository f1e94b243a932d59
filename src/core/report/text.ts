import { skillCodeLines } from '../skill-code.js';
import type { FileChange } from '../model.js';
import type { Finding, Plan } from '../plan.js';
import { lineCounts, unifiedDiff } from './diff.js';
import { plain, type Style } from './style.js';

/** One line per change: `  create  .claude/agents/blue-x.md`. */
export function changeLines(changes: readonly FileChange[], style: Style = plain): string[] {
  return changes.map((c) => `  ${style(c.operation, c.operation.padEnd(7))} ${c.path}`);
}

/**
 * One line per change with the lines it adds and removes, paths aligned:
 * `  update  AGENTS.md   +3 −1`. A side whose text is not known (a delete planned without reading the
 * file) is left out rather than guessed.
 */
export function changeStatLines(changes: readonly FileChange[], style: Style = plain): string[] {
  const width = Math.max(0, ...changes.map((c) => c.path.length));
  return changes.map((c) => {
    const known = c.operation === 'create' || c.before !== undefined;
    const { added, removed } = known ? lineCounts(c.before, c.content) : { added: 0, removed: 0 };
    const counts = [
      added || c.operation === 'create' ? style('added', `+${added}`) : '',
      removed || (c.operation === 'delete' && known) ? style('removed', `−${removed}`) : '',
      isModeOnly(c) ? MODE_ONLY : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `  ${style(c.operation, c.operation.padEnd(7))} ${counts ? `${c.path.padEnd(width)}  ${counts}` : c.path}`;
  });
}

/** What a change that only adds the executable bit says in place of line counts. */
export const MODE_ONLY = 'executable bit added';

/** An update whose bytes stay the same and that adds the executable bit (a skill's script that lost it). */
export const isModeOnly = (c: FileChange): boolean =>
  c.operation === 'update' && c.executable === true && c.before !== undefined && c.before === c.content;

/** The diff of every change, coloured by line when the style colours. */
export function diffText(changes: readonly FileChange[], style: Style = plain): string {
  return changes
    .map((c) => unifiedDiff(c.path, c.before, c.content))
    .join('\n')
    .split('\n')
    .map((line) =>
      /^(\+\+\+|---) /.test(line)
        ? style('heading', line)
        : line.startsWith('+')
          ? style('added', line)
          : line.startsWith('-')
            ? style('removed', line)
            : line.startsWith('@@')
              ? style('dim', line)
              : line,
    )
    .join('\n');
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

export function findingLines(findings: readonly Finding[], applied = true): string[] {
  return findings.map((f) => `  ${f.kind.padEnd(17)} ${f.path}: ${findingMessage(f, applied)}`);
}

/**
 * A finding's message as a run that wrote nothing (check, doctor, a dry run) must say it: a fix the plan
 * holds is what would happen, not what happened ("regenerated" → "would be regenerated").
 */
export function findingMessage(finding: Finding, applied: boolean): string {
  if (applied || finding.action !== 'fixed') return finding.message;
  return finding.message.replace(/; (regenerated|deleted|overwritten)\b/, '; would be $1');
}

/**
 * A person's summary of a plan, for the terminal: findings, then one line per file with the lines it adds
 * and removes; the whole diff only when asked for (`diff`), since one profile is a thousand lines of it.
 */
export function planText(plan: Plan, options: { applied: boolean; diff?: boolean; style?: Style }): string {
  const style = options.style ?? plain;
  const lines: string[] = [];
  const notable = notableFindings(plan.findings);
  if (notable.length)
    lines.push(style('heading', 'Findings:'), ...findingLines(notable, options.applied), '');
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
    style(
      'heading',
      `${options.applied ? 'Wrote' : 'Would write'} ${plan.changes.length} file(s): ${counts.join(', ')}`,
    ),
  );
  lines.push(...changeStatLines(plan.changes, style));
  if (plan.runsCode.length) lines.push('', ...skillCodeLines(plan.runsCode));
  if (options.diff) lines.push('', diffText(plan.changes, style));
  return lines.join('\n');
}

/** Whether `check` should fail: anything to change, or a finding that needs a person. */
export function needsAttention(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.findings.some((f) => f.kind !== 'lock-without-file');
}
