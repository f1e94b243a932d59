import type { Finding, FindingKind, Plan } from '../plan.js';
import { changesTable, escapeCell, type MarkdownReport } from './markdown.js';
import { plain, type Style } from './style.js';
import { catalogUpdateLine, changeStatLines, findingMessage } from './text.js';

/** What each class of finding means, in one line, for people reading a report. */
export const FINDING_MEANING: Record<FindingKind, string> = {
  missing: 'a file (or block) we generated was deleted',
  stale: 'we generated it and nobody edited it, but the manifest or the catalog now gives other content',
  'hand-edited': 'a file we generated was changed by hand',
  orphaned: 'we generated it for an agent or platform that is no longer in the manifest',
  foreign: 'a file we did not generate is where one of ours goes',
  unmarked: 'the lock lists it, but the file lacks our generated-by mark, so it is yours and left alone',
  'lock-without-file': 'the lock lists a file that no longer exists and is no longer generated',
  'bad-markers': 'our begin/end markers in a shared file are broken',
};

const ORDER: FindingKind[] = [
  'bad-markers',
  'foreign',
  'unmarked',
  'hand-edited',
  'orphaned',
  'missing',
  'stale',
  'lock-without-file',
];

/** Findings in a stable reading order: the ones that need a person first, then by path. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** `doctor` and `repair` in the terminal: every finding with its class, then what changes. */
export function driftText(
  plan: Plan,
  mode: { command: 'doctor' | 'repair'; applied: boolean },
  style: Style = plain,
): string {
  const findings = sortedFindings(plan.findings);
  const lines: string[] = [];
  if (findings.length === 0 && plan.changes.length === 0)
    return 'Healthy: every generated file matches the manifest and the lock.';
  if (findings.length) {
    const width = Math.max(...findings.map((f) => f.path.length));
    lines.push(
      mode.command === 'doctor'
        ? `${findings.length} finding(s); after each, what \`repair\` does about it (doctor writes nothing):`
        : `${findings.length} finding(s):`,
    );
    for (const f of findings)
      lines.push(`  ${f.kind.padEnd(17)} ${f.path.padEnd(width)}  ${findingMessage(f, mode.applied)}`);
  }
  const update = catalogUpdateLine(plan.changedAgents);
  if (update) lines.push('', update);
  if (plan.blocked) {
    lines.push('', 'Nothing can be written until the findings marked `stopping` are resolved.');
    return lines.join('\n');
  }
  if (plan.changes.length) {
    const verb = mode.applied ? 'Wrote' : mode.command === 'doctor' ? '`repair` would write' : 'Would write';
    lines.push(
      '',
      style('heading', `${verb} ${plan.changes.length} file(s):`),
      ...changeStatLines(plan.changes, style),
    );
  }
  if (mode.command === 'doctor' && plan.changes.length)
    lines.push(
      '',
      'Run `npx blue-gardener@1 repair` to apply the policy (`--dry-run` shows the diff first).',
    );
  return lines.join('\n');
}

/** The findings as a Markdown table for a pull request: class, file, what it means, what we did. */
export function driftTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  return (
    [
      '| finding | file | what it means | what this pull request does |',
      '|---|---|---|---|',
      ...sortedFindings(findings).map(
        (f) =>
          `| ${f.kind} | \`${escapeCell(f.path)}\` | ${escapeCell(FINDING_MEANING[f.kind])} | ${escapeCell(f.message)} |`,
      ),
    ].join('\n') + '\n'
  );
}

/** The body of the scheduled repair pull request: every finding explained, then the changes. */
export function repairPullRequestBody(report: MarkdownReport): string {
  const update = catalogUpdateLine(report.changedAgents ?? []);
  return [
    `This pull request repairs the AI coding-agent files of \`${report.branch}\`: what drifted from \`${report.manifest}\`, from the lock, or from the catalog shipped with blue-gardener. A scheduled run keeps it up to date and closes it when nothing is left to repair.`,
    '',
    ...(update ? [`${update} Their files are regenerated below.`, ''] : []),
    '### Findings',
    '',
    driftTable(report.findings) || '_No findings: only the lock changes._\n',
    '### Changes',
    '',
    changesTable(report.changes),
    'What happens to each kind of finding is set by `hand-edits` in the manifest (missing, stale, hand-edited, orphaned, foreign); files we did not generate are never touched. Run `npx blue-gardener@1 doctor` locally for the same report.',
    '',
  ].join('\n');
}
