import type { FileChange } from '../core/model.js';
import { ORIGINAL_STATE_PATH } from '../core/paths.js';
import { changesTable, escapeCell } from '../core/report/markdown.js';
import { changeStatLines } from '../core/report/text.js';
import { plain, type Style } from '../core/report/style.js';

/** What a migration did, as both reports need it (see src/migrate.ts). */
export interface MigrationFacts {
  state: { format: '0.1' | '0.2'; platforms: string[] };
  platforms: string[];
  agents: string[];
  /** The profiles the agents were written as (see asProfiles); the rest are listed one by one. */
  profiles: string[];
  skipped: string[];
  adopted: string[];
  cleaned: {
    path: string;
    removed: { what: string; fromLine: number; toLine: number }[];
    notes: string[];
    deleted: boolean;
  }[];
}

/** One sentence per shared file: what we took out, where, and what happened to the person's text. */
function cleanedLines(facts: MigrationFacts, code: (s: string) => string): string[] {
  return facts.cleaned.flatMap((c) => [
    `${code(c.path)}: removed ${c.removed
      .map((r) => `${r.what} (lines ${r.fromLine}–${r.toLine})`)
      .join(', ')}; ${c.deleted ? 'nothing else was in it' : 'every other line is kept byte for byte'}.`,
    ...c.notes.map((n) => `${code(c.path)}: ${n}.`),
  ]);
}

/** The migration for the terminal. */
export function migrationText(
  facts: MigrationFacts,
  changes: readonly FileChange[],
  applied: boolean,
  style: Style = plain,
): string {
  const code = (s: string) => s;
  return [
    `Migrating from the original blue-gardener CLI (${facts.state.format}.x state file, platforms ${facts.state.platforms.join(', ')}):`,
    `  manifest: ${facts.platforms.join(', ')} with ${facts.agents.length} agent(s)${facts.profiles.length ? ` (profiles: ${facts.profiles.join(', ')})` : ''}`,
    ...facts.skipped.map((s) => `  skipped: ${s}`),
    `  adopted ${facts.adopted.length} file(s) it generated (regenerated in our format)`,
    ...cleanedLines(facts, code).map((l) => `  ${l}`),
    `  removed its state file ${ORIGINAL_STATE_PATH}`,
    '',
    style('heading', `${applied ? 'Wrote' : 'Would write'} ${changes.length} file(s):`),
    ...changeStatLines(changes, style),
    '',
    applied
      ? 'Next: review the changes (`git diff`), commit them, and use `npx blue-gardener@1 sync` from now on.'
      : 'Run `npx blue-gardener@1 migrate` without --dry-run to write them (--diff shows every line).',
  ].join('\n');
}

/** The migration pull request's body: why it exists, what moved where, and what was taken out. */
export function migrationPullRequestBody(facts: MigrationFacts, changes: readonly FileChange[]): string {
  const code = (s: string) => `\`${escapeCell(s)}\``;
  return [
    `This repository holds agent files from the original \`blue-gardener\` CLI (its state file \`${ORIGINAL_STATE_PATH}\`, ${facts.state.format}.x format). This pull request moves it to the blue-gardener action's manifest, so that the files are generated, checked and repaired from one place.`,
    '',
    '### What moves',
    '',
    `- \`.github/blue-gardener.yml\` is written with the same platforms (${facts.platforms.map((p) => `\`${p}\``).join(', ')}) and the same ${facts.agents.length} agent(s): ${facts.agents.map((a) => `\`${a}\``).join(', ') || 'none'}.`,
    ...facts.skipped.map((s) => `- Skipped: ${escapeCell(s)}.`),
    `- ${facts.adopted.length} file(s) the original generated are adopted and regenerated in each tool's own format; \`.github/blue-gardener.lock\` records them, so later edits by hand are noticed.`,
    `- The original's state file \`${ORIGINAL_STATE_PATH}\` is removed.`,
    ...cleanedLines(facts, code).map((l) => `- ${l}`),
    '',
    '### Changes',
    '',
    changesTable(changes),
    'After merging, edit the manifest (or use `/blue add <agent>` in a comment) instead of the generated files. Text you write outside the `blue-gardener` markers in `AGENTS.md` is yours and is never touched.',
    '',
  ].join('\n');
}
