import type { FileChange } from '../model.js';
import type { Finding } from '../plan.js';
import { catalogUpdateLine, notableFindings } from './text.js';

export interface MarkdownReport {
  repository: string;
  branch: string;
  manifest: string;
  changes: readonly FileChange[];
  findings: readonly Finding[];
  /** Installed agents per platform id. */
  agentsByPlatform: Record<string, string[]>;
  warnings: readonly string[];
  /** Catalog agents whose content changed since the lock was written. */
  changedAgents?: readonly string[];
}

/** Escapes text we echo into Markdown tables (paths, messages). */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/@/g, '@\u200b');
}

export function changesTable(changes: readonly FileChange[]): string {
  if (changes.length === 0) return '_No file changes._\n';
  return (
    [
      '| file | change |',
      '|---|---|',
      ...changes.map((c) => `| \`${escapeCell(c.path)}\` | ${c.operation} |`),
    ].join('\n') + '\n'
  );
}

export function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  return (
    [
      '| finding | file | what happened |',
      '|---|---|---|',
      ...findings.map((f) => `| ${f.kind} | \`${escapeCell(f.path)}\` | ${escapeCell(f.message)} |`),
    ].join('\n') + '\n'
  );
}

/** The findings a person should read, and the catalog update, if any. */
function findingsSection(report: MarkdownReport): string[] {
  const notable = notableFindings(report.findings);
  const update = catalogUpdateLine(report.changedAgents ?? []);
  return [
    ...(update ? [update, ''] : []),
    ...(notable.length ? ['### Findings', '', findingsTable(notable)] : []),
  ];
}

function agentsTable(agentsByPlatform: Record<string, string[]>): string {
  const rows = Object.entries(agentsByPlatform).map(
    ([platform, agents]) =>
      `| ${platform} | ${agents.length} | ${agents.map((a) => `\`${a}\``).join(', ')} |`,
  );
  return ['| platform | agents | installed |', '|---|---|---|', ...rows].join('\n') + '\n';
}

/** The job summary: what changed, what was found, and what is installed where. */
export function jobSummary(report: MarkdownReport, outcome: string): string {
  return [
    `## blue-gardener: ${outcome}`,
    '',
    `Repository \`${report.repository}\`, branch \`${report.branch}\`, manifest \`${report.manifest}\`.`,
    '',
    '### Files',
    '',
    changesTable(report.changes),
    ...findingsSection(report),
    ...(report.warnings.length
      ? ['### Warnings', '', ...report.warnings.map((w) => `- ${escapeCell(w)}`), '']
      : []),
    '### Agents per platform',
    '',
    agentsTable(report.agentsByPlatform),
  ].join('\n');
}

/** The pull request's body: why it exists, what it changes, and how to change it. */
export function pullRequestBody(report: MarkdownReport): string {
  return [
    `This pull request regenerates the AI coding-agent files of \`${report.branch}\` from \`${report.manifest}\`. It is kept up to date by the blue-gardener action: new runs update it in place, and it is closed when nothing is left to change.`,
    '',
    '### Changes',
    '',
    changesTable(report.changes),
    ...findingsSection(report),
    '### Agents per platform',
    '',
    agentsTable(report.agentsByPlatform),
    'To change what is generated, edit the manifest (or run `npx blue-gardener add <agent>` locally); do not edit the generated files, which the next run would report as hand-edited.',
    '',
  ].join('\n');
}
