import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { catalogMarkdown } from '../../src/core/catalog-doc.js';
import { delegationGraph } from '../../src/core/delegation-graph.js';
import { mentionsIn } from '../../src/core/mentions.js';
import { bundledCatalog, readCatalogFiles } from '../../src/hosts/bundled-catalog.js';
import { platformIds } from '../../src/platforms/registry.js';

const catalog = bundledCatalog();
const agents = [...catalog.agents.values()];
const files = readCatalogFiles();

// Facts about the original CLI's catalog: categories and profile membership users of the original CLI know.
const categoryCounts = {
  orchestrator: 6,
  development: 9,
  quality: 11,
  infrastructure: 9,
  configuration: 1,
  blockchain: 11,
};
const profileSizes = {
  core: 19,
  orchestration: 8,
  'frontend-react': 15,
  'backend-node': 10,
  infrastructure: 5,
  blockchain: 11,
};

describe('the bundled catalog', () => {
  it('has 47 agents with unique names, name = file name, category = folder', () => {
    expect(agents).toHaveLength(47);
    for (const file of files.agents) {
      const [, category, name] = /^agents\/([^/]+)\/([^/]+)\.md$/.exec(file.path)!;
      const agent = catalog.agents.get(name!);
      expect(agent?.category).toBe(category);
    }
    const counts: Record<string, number> = {};
    for (const a of agents) counts[a.category] = (counts[a.category] ?? 0) + 1;
    expect(counts).toEqual(categoryCounts);
  });

  it.each(agents.map((a) => [a.name, a] as const))('%s follows the conventions', (_name, agent) => {
    expect(agent.tags.length).toBeGreaterThanOrEqual(2);
    expect(agent.tags.length).toBeLessThanOrEqual(6);
    expect(agent.description.length).toBeLessThanOrEqual(200);
    expect(agent.description).toMatch(/^Use (when|to|for) /);
    expect(agent.body.length).toBeLessThanOrEqual(6000);
    expect(agent.body.length).toBeGreaterThan(1500);
    // The explicit delegation data matches the body's @-mentions, and every mention resolves.
    const mentioned = mentionsIn(agent.body)
      .filter((n) => n !== agent.name)
      .sort();
    expect(mentioned).toEqual(agent.delegates);
    for (const target of agent.delegates) expect(catalog.agents.has(target)).toBe(true);
    // Routing agents end with a handoff block: orchestrators, and any agent that routes to three or more.
    if ((agent.delegates.length >= 2 && agent.category === 'orchestrator') || agent.delegates.length >= 3) {
      const handoff = agent.body.slice(agent.body.lastIndexOf('\n## '));
      expect(handoff).toMatch(/^\n## Handoff/);
      for (const field of ['Inputs', 'Assumptions', 'Artifacts', 'Done criteria', 'Next agents'])
        expect(handoff).toContain(`**${field}:**`);
    }
  });

  it('parses with a strict YAML parser and never uses block-scalar descriptions', () => {
    for (const file of files.agents) {
      const front = /^---\n([\s\S]*?)\n---\n/.exec(file.text)![1]!;
      expect(() => parse(front, { strict: true, uniqueKeys: true })).not.toThrow();
      expect(front).toMatch(/^description: "[^"\n]*"$/m);
      expect(matter(file.text).data['name']).toBeDefined();
    }
  });

  it('has the six profiles with the known membership, every member existing', () => {
    expect(Object.fromEntries([...catalog.profiles.values()].map((p) => [p.id, p.agents.length]))).toEqual(
      profileSizes,
    );
    for (const p of catalog.profiles.values())
      for (const member of p.agents) expect(catalog.agents.has(member)).toBe(true);
  });

  it('computes the delegation graph with its cycles from the data', () => {
    const graph = delegationGraph(catalog);
    expect(graph.edges).toBe(agents.reduce((n, a) => n + a.delegates.length, 0));
    // The orchestrators route to each other: the largest cycle group contains the review coordinator.
    expect(graph.cycles[0]).toEqual(
      expect.arrayContaining([
        'blue-implementation-review-coordinator',
        'blue-feature-specification-analyst',
        'blue-architecture-designer',
      ]),
    );
  });

  it('agents/CATALOG.md is generated from the files and up to date (npm run build)', () => {
    expect(readFileSync('agents/CATALOG.md', 'utf8')).toBe(catalogMarkdown(catalog));
  });

  it('the README’s counts are the catalog’s and the registry’s', () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const word = (n: number) => words[n] ?? ['eleven', 'twelve', 'thirteen', 'fourteen'][n - 11] ?? String(n);
    const readme = readFileSync('README.md', 'utf8');
    const categories = new Set([...catalog.agents.values()].map((a) => a.category)).size;
    expect(readme).toContain(
      `${catalog.agents.size} agents in ${word(categories)} categories and ${word(catalog.profiles.size)} profiles`,
    );
    expect(readme).toContain(`| \`profiles\` | the ${word(catalog.profiles.size)} profiles`);
    expect(readme).toContain(`| \`platforms\` | the ${word(platformIds.length)} targets`);
  });
});
