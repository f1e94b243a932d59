import { UserError } from '../core/errors.js';
import { ORIGINAL_STATE_PATH } from '../core/paths.js';

/**
 * What a repository managed by the original `blue-gardener` CLI (npm 0.1/0.2) holds, as data: where its
 * state file is, which files each of its platforms wrote, and how to tell its generated sections from a
 * person's text in the two whole files it wrote.
 */

/** The original's platforms: our id, and either one file per agent or one shared file for all of them. */
export const ORIGINAL_PLATFORMS: Readonly<
  Record<string, { ours: string; file?: (agent: string) => string; shared?: string }>
> = {
  cursor: { ours: 'cursor', file: (a) => `.cursor/agents/${a}.md` },
  'claude-desktop': { ours: 'claude-code', file: (a) => `.claude/agents/${a}.md` },
  opencode: { ours: 'opencode', file: (a) => `.opencode/agents/${a}.md` },
  windsurf: { ours: 'windsurf', file: (a) => `.windsurf/rules/${a}.md` },
  codex: { ours: 'codex', shared: 'AGENTS.md' },
  'github-copilot': { ours: 'copilot', shared: '.github/copilot-instructions.md' },
};

export interface OriginalState {
  /** Platform ids as the original wrote them, in its order. */
  platforms: string[];
  /** Installed agent names, in installation order. */
  agents: string[];
  /** `0.1`: only the legacy `platform` key; `0.2`: the `platforms` list. */
  format: '0.1' | '0.2';
}

/** Reads the original's state file (0.1.0: `platform` only; 0.2.0: `platforms`). Timestamps are ignored. */
export function parseOriginalState(text: string, file = ORIGINAL_STATE_PATH): OriginalState {
  const bad = (what: string) =>
    new UserError(`the original CLI's state file ${what}`, {
      location: { file },
      hint: 'restore it from git, or write .github/blue-gardener.yml by hand (`npx blue-gardener@1 init`) and delete it',
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw bad(`is not valid JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('is not a JSON object');
  const record = data as Record<string, unknown>;
  const list = Array.isArray(record['platforms']) ? record['platforms'] : undefined;
  const legacy = typeof record['platform'] === 'string' ? [record['platform']] : [];
  const platforms = list ?? legacy;
  if (!platforms.every((p): p is string => typeof p === 'string') || platforms.length === 0)
    throw bad('names no platform (`platforms` or `platform`)');
  const agents = record['agents'] ?? {};
  if (typeof agents !== 'object' || agents === null || Array.isArray(agents))
    throw bad('has an `agents` value that is not a map of agent names');
  return { platforms: [...new Set(platforms)], agents: Object.keys(agents), format: list ? '0.2' : '0.1' };
}

/** A part of a shared file we take out: what it was and where (1-based lines of the original file). */
export interface RemovedPart {
  what: string;
  fromLine: number;
  toLine: number;
}

const HEADER = '# Blue Gardener AI Agents';
const HEADER_SENTENCE = 'This project uses specialized AI agents from Blue Gardener.';

/**
 * Takes the original's generated parts out of AGENTS.md or copilot-instructions.md and keeps every other
 * line byte for byte. The original wrote its header at the top of a file it created, and one section per
 * agent, each a `## <description>` line after a `---` line, appended at the end; its sections hold no
 * other `## ` line. So the generated sections are the last `agents` such `---` + `## ` parts; an earlier
 * one (a person's own horizontal rule and heading), or text after a `## ` heading that no `---` precedes,
 * stays. Returns undefined as the text when nothing but blank lines would remain.
 */
export function stripGeneratedSections(
  text: string,
  agents: number,
): { text: string | undefined; removed: RemovedPart[]; notes: string[] } {
  const lines = text.split('\n');
  const offsets: number[] = [];
  lines.reduce((at, line) => (offsets.push(at), at + line.length + 1), 0);
  const bare = (i: number) => lines[i]!.replace(/\r$/, '');
  const blank = (i: number) => bare(i).trim() === '';
  const skipBlank = (i: number) => {
    while (i < lines.length && blank(i)) i++;
    return i;
  };
  let headerEnd = 0;
  if (bare(0) === HEADER) {
    headerEnd = skipBlank(1);
    if (headerEnd < lines.length && bare(headerEnd) === HEADER_SENTENCE) headerEnd = skipBlank(headerEnd + 1);
  }
  const headings: number[] = [];
  const candidates: { line: number; start: number }[] = [];
  for (let i = headerEnd; i < lines.length; i++) {
    if (!/^## \S/.test(bare(i))) continue;
    headings.push(i);
    let j = i - 1;
    while (j >= 0 && blank(j)) j--;
    if (j >= headerEnd && bare(j).trim() === '---') candidates.push({ line: i, start: j });
    else if (headerEnd > 0 && j < headerEnd) candidates.push({ line: i, start: i });
  }
  const taken = agents > 0 ? candidates.slice(-agents) : [];
  const removed: RemovedPart[] = [];
  const ranges: [number, number][] = [];
  if (headerEnd > 0) {
    ranges.push([0, offsets[headerEnd] ?? text.length]);
    removed.push({ what: `the header \`${HEADER}\``, fromLine: 1, toLine: headerEnd });
  }
  for (const part of taken) {
    // A section runs to the next `## ` line: the next section's `---`, or a person's own heading.
    const next = headings.find((h) => h > part.line);
    const nextTaken = taken.find((t) => t.line === next);
    let end = next === undefined ? lines.length : nextTaken ? nextTaken.start : next;
    if (next !== undefined && !nextTaken) while (end > part.line + 1 && blank(end - 1)) end--;
    ranges.push([offsets[part.start]!, end < lines.length ? offsets[end]! : text.length]);
    const title = bare(part.line).slice(3);
    removed.push({
      what: `the section \`## ${title.length > 70 ? `${title.slice(0, 69)}…` : title}\``,
      fromLine: part.start + 1,
      toLine: end,
    });
  }
  const notes: string[] = [];
  if (candidates.length > taken.length && taken.length > 0)
    notes.push(
      `kept ${candidates.length - taken.length} earlier \`---\` + \`## \` part(s) (line ${candidates
        .slice(0, candidates.length - taken.length)
        .map((c) => c.line + 1)
        .join(
          ', ',
        )}): the state file lists ${agents} agent(s), and the original appended its sections last; delete them by hand if it wrote them`,
    );
  if (candidates.length < agents)
    notes.push(
      `found ${candidates.length} generated section(s) for the ${agents} agent(s) in the state file; the others were edited or removed by hand, and whatever is left of them was kept`,
    );
  const merged: [number, number][] = [];
  for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  // Appending, the original wrote "\n\n---\n\n" after the text before: those two line breaks are its own.
  const tail = merged[merged.length - 1];
  if (tail && tail[1] === text.length)
    for (let k = 0; k < 2 && tail[0] > 0 && text[tail[0] - 1] === '\n'; k++) tail[0]--;
  let kept = '';
  let at = 0;
  for (const [from, to] of merged) {
    kept += text.slice(at, from);
    at = to;
  }
  kept += text.slice(at);
  return { text: kept.trim() === '' ? undefined : kept, removed, notes };
}
