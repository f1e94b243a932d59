import { mentionsIn, parseBody, renderMentions } from '../../src/core/mentions.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { renderEveryTarget } from '../helpers/render-fixtures.js';

// Every profile works as installed (issue 22): what its agents route to is installed, or the routing is left
// out of their prompts by the structural rules of core/mentions.ts; nothing in a prompt points at an agent the
// profile does not install.
const catalog = bundledCatalog();

// The original CLI's profile memberships (../shared/catalog.md): ours keep every member, so a manifest that
// names a profile installs at least what the original installed.
const orchestrators = [
  'feature-specification-analyst',
  'architecture-designer',
  'refactoring-strategy-planner',
  'app-quality-gate-keeper',
  'implementation-review-coordinator',
];
const original: Record<string, string[]> = {
  core: [
    ...orchestrators,
    'react-developer',
    'state-management-expert',
    'ui-styling-specialist',
    'api-integration-expert',
    'node-backend-implementation-specialist',
    'database-architecture-specialist',
    'relational-database-specialist',
    'frontend-code-reviewer',
    'node-backend-code-reviewer',
    'accessibility-specialist',
    'security-specialist',
    'performance-specialist',
    'unit-testing-specialist',
    'e2e-testing-specialist',
  ],
  orchestration: [
    ...orchestrators,
    'security-specialist',
    'performance-specialist',
    'unit-testing-specialist',
  ],
  'frontend-react': [
    ...orchestrators,
    'react-developer',
    'state-management-expert',
    'ui-styling-specialist',
    'api-integration-expert',
    'frontend-code-reviewer',
    'accessibility-specialist',
    'performance-specialist',
    'security-specialist',
    'unit-testing-specialist',
    'e2e-testing-specialist',
  ],
  'backend-node': [
    ...orchestrators.slice(1),
    'node-backend-implementation-specialist',
    'database-architecture-specialist',
    'relational-database-specialist',
    'node-backend-code-reviewer',
    'security-specialist',
    'unit-testing-specialist',
  ],
  infrastructure: [
    'github-actions-specialist',
    'docker-specialist',
    'monorepo-specialist',
    'cron-job-implementation-specialist',
    'database-architecture-specialist',
  ],
  blockchain: [
    ...orchestrators.slice(1),
    'blockchain-product-strategist',
    'blockchain-architecture-designer',
    'blockchain-code-reviewer',
    'blockchain-security-auditor',
    'blockchain-frontend-integrator',
    'blockchain-backend-integrator',
    'security-specialist',
  ],
};

describe.each([...catalog.profiles.keys()])('profile %s', (id) => {
  const run = renderEveryTarget(`profiles: [${id}]\n`);
  const installed = new Set(run.resolution.agents.map((a) => a.name));

  it('fits every target with no warning at all', () => {
    expect(run.warnings).toEqual([]);
  });

  it('keeps the original CLI’s members', () => {
    for (const member of original[id] ?? [])
      expect([id, installed.has(`blue-${member}`)]).toEqual([id, true]);
  });

  it('is closed: no agent routes work to a missing agent without an installed alternative', () => {
    expect(run.resolution.dangling).toEqual([]);
    // The same, through the rendering path: no prompt falls back to handing work back.
    for (const agent of run.resolution.agents) {
      const text = renderMentions(
        parseBody(agent.body),
        (n) => (installed.has(n) ? n : null),
        '\u0000UNROUTED',
      );
      expect([agent.name, text.includes('\u0000UNROUTED')]).toEqual([agent.name, false]);
    }
  });

  it('renders no prompt that names an agent the profile does not install', () => {
    const missing = [...catalog.agents.keys()].filter((n) => !installed.has(n));
    for (const file of run.files.filter((f) => f.kind === 'file'))
      for (const name of missing)
        expect([file.path, file.content.includes(name)]).toEqual([file.path, false]);
  });

  it('leaves every installed orchestrator someone to route to', () => {
    for (const agent of run.resolution.agents.filter((a) => a.role === 'orchestrator'))
      expect([agent.name, agent.delegates.some((d) => installed.has(d))]).toEqual([agent.name, true]);
  });
});

describe('routing in the catalog', () => {
  it('the blockchain profile installs a contract implementer, and the shared orchestrators route to it', () => {
    const members = catalog.profiles.get('blockchain')!.agents;
    const implementers = ['blue-blockchain-ethereum-developer', 'blue-blockchain-solana-developer'];
    expect(members.filter((m) => implementers.includes(m)).length).toBeGreaterThan(0);
    const coordinator = catalog.agents.get('blue-implementation-review-coordinator')!;
    for (const name of implementers) expect(coordinator.delegates).toContain(name);
    for (const name of ['blue-app-quality-gate-keeper', 'blue-architecture-designer'])
      expect(catalog.agents.get(name)!.delegates.some((d) => d.startsWith('blue-blockchain-'))).toBe(true);
  });

  it('never routes Go work to the JavaScript-only unit-testing agent', () => {
    const go = /\bGo\b|golang|go test/;
    for (const agent of catalog.agents.values())
      for (const item of parseBody(agent.body)) {
        if (typeof item === 'string') continue;
        const names = item.parts.flatMap((p) => (typeof p === 'string' ? [] : p.mentions.map((m) => m.name)));
        const text = item.parts.map((p) => (typeof p === 'string' ? p : '')).join('');
        if (names.includes('blue-unit-testing-specialist'))
          expect([agent.name, go.test(text) || names.some((n) => n.includes('-go-'))]).toEqual([
            agent.name,
            false,
          ]);
      }
    expect(catalog.agents.get('blue-unit-testing-specialist')!.description).toMatch(/JavaScript\/TypeScript/);
  });

  it('lists the routing data of every agent as its mentions (the explicit data matches the prompt)', () => {
    for (const agent of catalog.agents.values())
      expect([
        agent.name,
        mentionsIn(agent.body)
          .filter((n) => n !== agent.name)
          .sort(),
      ]).toEqual([agent.name, agent.delegates]);
  });
});
