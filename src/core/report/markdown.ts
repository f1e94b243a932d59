import { revealHidden } from '../hidden-characters.js';
import type { FileChange } from '../model.js';
import type { Finding } from '../plan.js';
import { catalogUpdateLine, isModeOnly, MODE_ONLY, notableFindings } from './text.js';
import { skillCodeLines, type SkillCode } from '../skill-code.js';
import type { SourceState } from '../sources.js';

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
  /** Skills whose code this change set adds or changes. */
  runsCode?: readonly SkillCode[];
  /** `update`: where each source moved, and the hand-edited files the upstream change met. */
  update?: SourceUpdate;
}

/** What an update of the sources did, for a reviewer. */
export interface SourceUpdate {
  sources: readonly SourceState[];
  /** Generated files edited by hand that the upstream change also changed: merged, or kept on a conflict. */
  handEdits: readonly { path: string; conflict: boolean; agent?: string; source?: string }[];
}

/** A section that says plainly which skills' scripts this change set adds or changes (empty when none). */
function skillCodeSection(report: MarkdownReport): string[] {
  if (!report.runsCode?.length) return [];
  return [
    '### Skills that run code',
    '',
    ...skillCodeLines(report.runsCode).map((line) => `- ${escapeCell(line)}`),
    '',
  ];
}

/**
 * The one way text someone else wrote (a comment's words, an option, a name we refuse) enters what we
 * write as Markdown: inside a code span, where GitHub renders no mention, link, image, autolink, HTML tag
 * or `#123` reference. Back-ticks cannot close the span (they become '), line breaks cannot end it (they
 * become spaces), hidden characters show as �, `@` is defused as well (for renderers that ignore code
 * spans, such as notifications), and the text is shortened to `max` characters.
 */
export function echo(text: string, max = 80): string {
  const chars = [...text];
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  const safe = revealHidden(short.replace(/\r\n?|\n/g, ' '))
    .replace(/`/g, "'")
    .replace(/@/g, '@\u200b');
  return `\`${safe}\``;
}

/** Escapes text we echo into Markdown tables (paths, messages). */
export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/@/g, '@\u200b');
}

/** At most this many rows in a files table: a body stays well inside GitHub's limits at 1,000 agents. */
export const MAX_FILE_ROWS = 200;

export function changesTable(changes: readonly FileChange[], maxRows = MAX_FILE_ROWS): string {
  if (changes.length === 0) return '_No file changes._\n';
  const shown = changes.slice(0, maxRows);
  const more = changes.length - shown.length;
  return (
    [
      '| file | change |',
      '|---|---|',
      ...shown.map(
        (c) => `| \`${escapeCell(c.path)}\` | ${c.operation}${isModeOnly(c) ? ` (${MODE_ONLY})` : ''} |`,
      ),
      ...(more > 0 ? [`| … and ${more} more file(s) | |`] : []),
    ].join('\n') + '\n'
  );
}

/** `3 to create, 1 to update`: the changes counted by operation. */
export function changeCounts(changes: readonly FileChange[]): string {
  return (['create', 'update', 'delete'] as const)
    .map((op) => [op, changes.filter((c) => c.operation === op).length] as const)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n} to ${op}`)
    .join(', ');
}

/** The files table folded away: the counts show, the paths open on a click. */
function filesDetails(changes: readonly FileChange[]): string[] {
  if (changes.length === 0) return ['_No file changes._', ''];
  return [
    '<details>',
    `<summary>${changes.length} file(s): ${changeCounts(changes)}</summary>`,
    '',
    changesTable(changes),
    '</details>',
    '',
  ];
}

export function findingsTable(findings: readonly Finding[], maxRows = MAX_FILE_ROWS): string {
  if (findings.length === 0) return '';
  const shown = findings.slice(0, maxRows);
  const more = findings.length - shown.length;
  return (
    [
      '| finding | file | what happened |',
      '|---|---|---|',
      ...shown.map((f) => `| ${f.kind} | \`${escapeCell(f.path)}\` | ${escapeCell(f.message)} |`),
      ...(more > 0 ? [`| … | and ${more} more finding(s) | |`] : []),
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

/** At most this many agent names in one line; the rest are counted. */
const MAX_AGENT_NAMES = 60;

/**
 * Agents × platforms, said once: platforms that install the same agents share one line (usually all of
 * them do), instead of repeating every name for every platform.
 */
export function agentsSection(agentsByPlatform: Record<string, string[]>): string {
  const groups = new Map<string, { platforms: string[]; agents: string[] }>();
  for (const [platform, agents] of Object.entries(agentsByPlatform)) {
    const key = agents.join('\n');
    const group = groups.get(key) ?? { platforms: [], agents };
    group.platforms.push(platform);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map(({ platforms, agents }) => {
    const names = agents.slice(0, MAX_AGENT_NAMES).map((a) => `\`${a}\``);
    const more = agents.length - names.length;
    return `- **${agents.length} agent(s)** for ${platforms.map((p) => `\`${p}\``).join(', ')}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  });
  return (lines.length ? lines : ['- no platforms']).join('\n') + '\n';
}

/** The job summary: the outcome first, then what changed, what needs a person, and what is installed. */
export function jobSummary(report: MarkdownReport, outcome: string, fix?: string): string {
  return [
    `## blue-gardener: ${outcome}`,
    '',
    `Repository \`${report.repository}\`, ${report.branch.includes(' ') ? report.branch : `branch \`${report.branch}\``}, manifest \`${report.manifest}\`.`,
    '',
    ...(fix ? [`**To fix:** ${fix}`, ''] : []),
    ...(report.update ? sourceUpdateSection(report.update) : []),
    ...findingsSection(report),
    ...skillCodeSection(report),
    '### Files',
    '',
    ...filesDetails(report.changes),
    ...(report.warnings.length
      ? ['### Warnings', '', ...report.warnings.map((w) => `- ${escapeCell(w)}`), '']
      : []),
    '### Agents',
    '',
    agentsSection(report.agentsByPlatform),
  ].join('\n');
}

/** The pull request's body: what it changes and why first, then the details, then how to change it. */
export function pullRequestBody(report: MarkdownReport): string {
  const platforms = Object.keys(report.agentsByPlatform);
  const agents = new Set(Object.values(report.agentsByPlatform).flat()).size;
  return [
    `This pull request brings the AI coding-agent files of \`${report.branch}\` in line with \`${report.manifest}\`: ${changeCounts(report.changes) || 'no file changes'}, for ${agents} agent(s) on ${platforms.length} platform(s).`,
    '',
    ...findingsSection(report),
    ...skillCodeSection(report),
    '### Files',
    '',
    ...filesDetails(report.changes),
    '### Agents',
    '',
    agentsSection(report.agentsByPlatform),
    'The blue-gardener action keeps this pull request up to date: new runs update it in place, and it is closed when nothing is left to change. To change what is generated, edit the manifest (or run `npx blue-gardener@1 add <agent>` locally); do not edit the generated files, which the next run would report as hand-edited.',
    '',
  ].join('\n');
}

/** A commit of a source: a link on GitHub, else its short SHA. */
function commitLink(source: SourceState, sha: string): string {
  const short = `\`${sha.slice(0, 12)}\``;
  return source.github ? `[${short}](https://github.com/${source.github}/commit/${sha})` : short;
}

/** The sources that moved to another commit (new ones included), sorted by id. */
export function movedSources(update: SourceUpdate): SourceState[] {
  return update.sources.filter((s) => s.before !== s.commit);
}

/**
 * The hidden line that names the source commits an update pull request proposes: a pull request a person
 * closed unmerged with this line is not proposed again for the same commits ("closed means no"). Ids are
 * slugs and commits hex, so the line cannot be forged by a source's text; empty when no source moved.
 */
export function updateMarker(update: SourceUpdate): string {
  const moved = movedSources(update);
  if (moved.length === 0) return '';
  return `<!-- blue-gardener-update ${moved.map((s) => `${s.id}@${s.commit}`).join(' ')} -->`;
}

/** Names as code, the first MAX_AGENT_NAMES of them, then how many more. */
const namesList = (names: readonly string[]) =>
  names
    .slice(0, MAX_AGENT_NAMES)
    .map((a) => echo(a))
    .join(', ') + (names.length > MAX_AGENT_NAMES ? ` and ${names.length - MAX_AGENT_NAMES} more` : '');

/** The update's sections: each source with its commits and changed agents, then the hand edits it met. */
export function sourceUpdateSection(update: SourceUpdate): string[] {
  const rows = update.sources.map((s) => {
    const moved = s.before !== s.commit;
    const from = s.before ? commitLink(s, s.before) : 'new';
    const compare =
      moved && s.before && s.github
        ? ` ([compare](https://github.com/${s.github}/compare/${s.before}...${s.commit}))`
        : '';
    const agents = s.changedAgents.length
      ? namesList(s.changedAgents)
      : moved
        ? 'none of the installed ones'
        : 'none (the source did not move)';
    const where = moved ? `${from} → ${commitLink(s, s.commit)}${compare}` : `at ${commitLink(s, s.commit)}`;
    const skills = s.changedSkills.length ? `; skills changed: ${namesList(s.changedSkills)}` : '';
    return `- ${echo(s.id)} (${echo(s.spec, 200)}): ${where}; agents changed: ${agents}${skills}`;
  });
  const merged = update.handEdits.filter((h) => !h.conflict);
  const conflicts = update.handEdits.filter((h) => h.conflict);
  const of = (h: SourceUpdate['handEdits'][number]) =>
    h.agent ? ` (agent ${echo(h.agent)}${h.source ? ` of source ${echo(h.source)}` : ''})` : '';
  return [
    '### Sources',
    '',
    ...rows,
    '',
    ...(merged.length
      ? [
          '### Hand edits kept, upstream change merged',
          '',
          'These generated files were edited by hand; the upstream change merged cleanly into the edit (three-way, from the file as last generated). Check the result:',
          '',
          ...merged.slice(0, MAX_FILE_ROWS).map((h) => `- ${echo(h.path, 200)}${of(h)}`),
          '',
        ]
      : []),
    ...(conflicts.length
      ? [
          '### Conflicts: your files left unchanged',
          '',
          'These generated files were edited by hand, and the upstream change touches the same lines. This pull request leaves each file exactly as it is; merge the upstream change (the compare link above) into it by hand:',
          '',
          ...conflicts.slice(0, MAX_FILE_ROWS).map((h) => `- ${echo(h.path, 200)}${of(h)}`),
          '',
        ]
      : []),
  ];
}

/** The body of the update pull request (`mode: update`, `/blue update`): the sources first, then the files. */
export function updatePullRequestBody(report: MarkdownReport): string {
  const update = report.update ?? { sources: [], handEdits: [] };
  const moved = movedSources(update);
  const marker = updateMarker(update);
  return [
    moved.length
      ? `This pull request moves ${moved.length} agent source(s) of \`${report.branch}\` to the newest commit of their ref and regenerates the agent files: ${changeCounts(report.changes) || 'no file changes'}.`
      : `This pull request regenerates the agent files of \`${report.branch}\` from its sources: ${changeCounts(report.changes) || 'no file changes'}.`,
    '',
    ...sourceUpdateSection(update),
    ...findingsSection(report),
    ...skillCodeSection(report),
    '### Files',
    '',
    ...filesDetails(report.changes),
    'The blue-gardener action updates this pull request in place when a source moves again. Closing it without merging declines these source commits: they are not proposed again, and the next commit of a source is. The lock (`.github/blue-gardener.lock`) records the commits, so `sync` and `check` stay on them once merged.',
    '',
    ...(marker ? [marker, ''] : []),
  ].join('\n');
}
