import { join } from 'node:path';
import type { Catalog } from '../../src/core/model.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import {
  formatOverlap,
  MAX_OVERALL,
  MAX_PER_AGENT,
  measureOverlap,
  readReference,
  shingles,
} from '../../scripts/shingle-overlap.js';

const catalog = bundledCatalog();
const reference = readReference(join('node_modules', 'blue-gardener', 'agents'));
const report = measureOverlap(catalog, reference);

/** The catalog with one agent's body replaced. */
function withBody(name: string, body: string): Catalog {
  const agents = new Map(catalog.agents);
  agents.set(name, { ...agents.get(name)!, body });
  return { agents, profiles: catalog.profiles };
}

describe('8-word shingle overlap with the original CLI (npm run overlap)', () => {
  it('compares against every agent file of the original 0.2.0', () => {
    const names = reference.map((r) => r.file.split('/').pop()!.replace(/\.md$/, ''));
    // The original's 47 agents all share a name with ours, so a changed layout cannot make the test vacuous.
    const originals = names.filter((n) => catalog.agents.has(n));
    expect(originals).toHaveLength(47);
    expect(report.agents).toHaveLength(catalog.agents.size);
  });

  it('stays under 1% overall and small for every agent', () => {
    expect(report.fraction).toBeLessThan(MAX_OVERALL);
    for (const agent of report.agents)
      expect([agent.name, agent.fraction < MAX_PER_AGENT]).toEqual([agent.name, true]);
  });

  it('detects a copied agent, also when its case, markup and line breaks are changed', () => {
    const original = reference.find((r) => r.file.endsWith('blue-docker-specialist.md'))!.text;
    const disguised = original
      .toUpperCase()
      .replace(/\n+/g, ' ')
      .replace(/[-*#`]/g, ' ');
    for (const body of [original, disguised]) {
      const copied = measureOverlap(withBody('blue-docker-specialist', body), reference);
      const agent = copied.agents.find((a) => a.name === 'blue-docker-specialist')!;
      expect(agent.fraction).toBeGreaterThan(0.9);
      expect(agent.closest?.file).toBe('infrastructure/blue-docker-specialist.md');
      expect(copied.fraction).toBeGreaterThan(report.fraction);
    }
  });

  it('detects one copied paragraph inside an original body', () => {
    const original = reference.find((r) => r.file.endsWith('blue-react-developer.md'))!.text;
    const paragraph = original
      .split(/\n\s*\n/)
      .filter((p) => !p.startsWith('---'))
      .sort((a, b) => b.length - a.length)[0]!;
    const ours = catalog.agents.get('blue-react-developer')!.body;
    const copied = measureOverlap(withBody('blue-react-developer', `${ours}\n${paragraph}\n`), reference);
    const agent = copied.agents.find((a) => a.name === 'blue-react-developer')!;
    expect(shingles(paragraph).length).toBeGreaterThan(20);
    expect(agent.shared).toBeGreaterThanOrEqual(shingles(paragraph).length);
  });

  it('counts shingles of exactly eight words', () => {
    expect(shingles('one two three four five six seven')).toEqual([]);
    expect(shingles('One, two; three **four** five `six` seven eight nine')).toEqual([
      'one two three four five six seven eight',
      'two three four five six seven eight nine',
    ]);
  });

  it('prints every agent and the overall figure', () => {
    const text = formatOverlap(report);
    for (const name of catalog.agents.keys()) expect(text).toContain(name);
    expect(text).toMatch(/^overall: \d+ \/ \d+ shingles = \d+\.\d\d% /m);
  });
});
