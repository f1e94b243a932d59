// How much of our catalog's prose also appears in the original blue-gardener CLI's agent files, measured
// as shared 8-word shingles. Used by `npm run overlap` (scripts/overlap.ts) and by a test that keeps the
// figure under budget, so text copied or closely paraphrased from the original cannot slip in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Catalog } from '../src/core/model.js';

/** Words per shingle: long enough that shared technical phrases ("go test -race ./...") rarely match. */
export const SHINGLE_WORDS = 8;
/** The whole catalog must share less than this fraction of its shingles with the original. */
export const MAX_OVERALL = 0.01;
/** No single agent may share this fraction or more. */
export const MAX_PER_AGENT = 0.03;

/**
 * Lower-cased runs of letters and digits: punctuation, Markdown markup and line breaks never decide
 * whether two texts share a phrase, so reformatting a copied sentence does not hide it.
 */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Every run of `SHINGLE_WORDS` consecutive words, in order, duplicates kept. */
export function shingles(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) out.push(w.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}

export interface AgentOverlap {
  name: string;
  shingles: number;
  shared: number;
  /** shared / shingles (0 for a text shorter than one shingle). */
  fraction: number;
  /** The original file with which this agent shares the most shingles, when it shares any. */
  closest?: { file: string; shared: number };
}

export interface OverlapReport {
  agents: AgentOverlap[];
  shingles: number;
  shared: number;
  fraction: number;
  referenceFiles: number;
}

/** The original CLI's agent texts: every Markdown file under its `agents/` folder, frontmatter included. */
export function readReference(dir: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.md'))
        found.push({ file: relative(dir, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  if (found.length === 0)
    throw new Error(`no agent files under ${dir}; run npm ci (blue-gardener@0.2.0 is a devDependency)`);
  return found;
}

/**
 * Each agent's description and body against the union of the reference texts. A shingle counts once per
 * position in our text, so repeating a shared phrase counts every time.
 */
export function measureOverlap(catalog: Catalog, reference: { file: string; text: string }[]): OverlapReport {
  const perFile = reference.map((r) => ({ file: r.file, set: new Set(shingles(r.text)) }));
  const union = new Set(perFile.flatMap((f) => [...f.set]));
  const agents: AgentOverlap[] = [];
  for (const agent of catalog.agents.values()) {
    const ours = shingles(`${agent.description}\n${agent.body}`);
    const shared = ours.filter((s) => union.has(s));
    let closest: AgentOverlap['closest'];
    for (const f of perFile) {
      const n = shared.filter((s) => f.set.has(s)).length;
      if (n > 0 && (!closest || n > closest.shared)) closest = { file: f.file, shared: n };
    }
    agents.push({
      name: agent.name,
      shingles: ours.length,
      shared: shared.length,
      fraction: ours.length ? shared.length / ours.length : 0,
      ...(closest ? { closest } : {}),
    });
  }
  const total = agents.reduce((n, a) => n + a.shingles, 0);
  const shared = agents.reduce((n, a) => n + a.shared, 0);
  return {
    agents,
    shingles: total,
    shared,
    fraction: total ? shared / total : 0,
    referenceFiles: reference.length,
  };
}

/** The report as a plain-text table, highest overlap first (name order breaks ties, so output is stable). */
export function formatOverlap(report: OverlapReport): string {
  const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
  const rows = [...report.agents].sort((a, b) => b.fraction - a.fraction || (a.name < b.name ? -1 : 1));
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = [
    `${SHINGLE_WORDS}-word shingle overlap with the original CLI's ${report.referenceFiles} agent files`,
    '',
    `${'agent'.padEnd(width)}  shared / shingles  overlap  closest original file`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${`${r.shared} / ${r.shingles}`.padStart(17)}  ${pct(r.fraction).padStart(7)}  ${r.closest ? `${r.closest.file} (${r.closest.shared})` : '—'}`,
    ),
    '',
    `overall: ${report.shared} / ${report.shingles} shingles = ${pct(report.fraction)} (budget < ${pct(MAX_OVERALL)}; per agent < ${pct(MAX_PER_AGENT)})`,
  ];
  return `${lines.join('\n')}\n`;
}
