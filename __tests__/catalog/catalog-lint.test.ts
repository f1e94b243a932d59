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

// Facts about the original CLI's catalog: categories and profile membership users of the original CLI know,
// plus the agents and profiles added for the stacks it did not cover (issue 22).
const categoryCounts = {
  orchestrator: 6,
  development: 9 + 7,
  quality: 11 + 2,
  infrastructure: 9 + 5,
  configuration: 1,
  blockchain: 11,
};
// The original six keep their members (closure.test.ts); `blockchain` adds the two contract implementers.
const originalProfileSizes = {
  core: 19,
  orchestration: 8,
  'frontend-react': 15,
  'backend-node': 10,
  infrastructure: 5,
  blockchain: 13,
};
const profileSizes = {
  ...originalProfileSizes,
  python: 10,
  jvm: 9,
  dotnet: 9,
  platform: 12,
  'ai-apps': 13,
  rust: 5,
  mobile: 5,
  data: 11,
};
// The coverage agents: name → category. Reviewers and auditors that only report are read-only.
const coverageAgents: Record<string, string> = {
  'blue-python-implementation-specialist': 'development',
  'blue-python-code-reviewer': 'quality',
  'blue-jvm-implementation-specialist': 'development',
  'blue-dotnet-implementation-specialist': 'development',
  'blue-debugger': 'quality',
  'blue-kubernetes-specialist': 'infrastructure',
  'blue-terraform-specialist': 'infrastructure',
  'blue-llm-application-engineer': 'development',
  'blue-technical-writer': 'development',
  'blue-incident-responder': 'infrastructure',
  'blue-mobile-native-developer': 'development',
  'blue-rust-implementation-specialist': 'development',
  'blue-data-engineer': 'infrastructure',
  'blue-dependency-upgrade-specialist': 'infrastructure',
};
const readonlyCoverage = new Set(['blue-python-code-reviewer']);

describe('the bundled catalog', () => {
  it('has 61 agents with unique names, name = file name, category = folder', () => {
    expect(agents).toHaveLength(47 + Object.keys(coverageAgents).length);
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

  it('has the known profiles and sizes, every member existing', () => {
    expect(Object.fromEntries([...catalog.profiles.values()].map((p) => [p.id, p.agents.length]))).toEqual(
      profileSizes,
    );
    for (const p of catalog.profiles.values())
      for (const member of p.agents) expect(catalog.agents.has(member)).toBe(true);
  });

  it.each(Object.entries(coverageAgents))(
    'coverage agent %s: category, short description, stop rule, handoff',
    (name, category) => {
      const agent = catalog.agents.get(name)!;
      expect(agent.category).toBe(category);
      // Factory shows at most 161 characters of a description; the "when to use" must survive.
      expect(agent.description.length).toBeLessThanOrEqual(160);
      expect(agent.access === 'read-only').toBe(readonlyCoverage.has(name));
      expect(agent.body.length).toBeGreaterThanOrEqual(3500);
      // A stop-or-escalate section that names who takes over.
      const stop = /\n## When to stop\n([\s\S]*?)(?=\n## |$)/.exec(agent.body)?.[1] ?? '';
      expect(mentionsIn(stop).length).toBeGreaterThan(0);
      // Every coverage agent hands back through the same handoff block as the routing agents.
      const handoff = agent.body.slice(agent.body.lastIndexOf('\n## '));
      expect(handoff).toMatch(/^\n## Handoff/);
      for (const field of ['Inputs', 'Assumptions', 'Artifacts', 'Done criteria', 'Next agents'])
        expect(handoff).toContain(`**${field}:**`);
    },
  );

  it('every coverage agent is in a profile, and the new profiles are closed under delegation', () => {
    const inProfiles = new Set([...catalog.profiles.values()].flatMap((p) => p.agents));
    for (const name of Object.keys(coverageAgents))
      expect([name, inProfiles.has(name)]).toEqual([name, true]);
    for (const profile of catalog.profiles.values()) {
      if (profile.id in originalProfileSizes) continue;
      const missing = profile.agents.flatMap((member) =>
        catalog.agents
          .get(member)!
          .delegates.filter((d) => !profile.agents.includes(d))
          .map((d) => `${member} → ${d}`),
      );
      expect([profile.id, missing]).toEqual([profile.id, []]);
    }
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
