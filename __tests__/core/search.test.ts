import type { Agent } from '../../src/core/model.js';
import { search } from '../../src/core/search.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';

const catalog = [...bundledCatalog().agents.values()];
const names = (query: string, agents: Agent[] = catalog) => search(agents, query).map((h) => h.agent.name);
/** Whether the agent's name or tags are about one of these words (what a result must be to not be noise). */
const about = (name: string, ...stems: string[]) => {
  const agent = [...catalog, ...newcomers].find((a) => a.name === name)!;
  const text = [agent.name, ...agent.tags].join(' ');
  return stems.some((s) => text.includes(s));
};

// Agents of the kind the catalog grows by (python, jvm, kubernetes, terraform, …), as they might look, unless
// the catalog has them already: the table must hold with them too, so it asserts top results and the
// absence of junk, not whole lists.
const newcomer = (name: string, category: string, tags: string[], description: string): Agent =>
  ({ ...catalog[0]!, name, category, tags, description, delegates: [], body: 'x' }) as Agent;
const newcomers = (
  [
    newcomer(
      'blue-terraform-specialist',
      'infrastructure',
      ['terraform', 'iac', 'cloud'],
      'Use for Terraform modules and state.',
    ),
    newcomer(
      'blue-kubernetes-specialist',
      'infrastructure',
      ['kubernetes', 'k8s', 'helm'],
      'Use for Kubernetes manifests and Helm charts.',
    ),
    newcomer(
      'blue-python-developer',
      'development',
      ['python', 'django', 'pytest'],
      'Use for Python services and their tests.',
    ),
    newcomer(
      'blue-jvm-code-reviewer',
      'quality',
      ['code-review', 'java', 'kotlin'],
      'Use to review Java and Kotlin code.',
    ),
  ] as Agent[]
).filter((a) => !catalog.some((c) => c.name === a.name));

describe.each([
  ['today’s catalog', catalog],
  ['the catalog with more agents', [...catalog, ...newcomers]],
])('search over %s', (_label, agents) => {
  it.each([
    // query, what must be among the first results, which stems every result must be about
    ['testing', ['blue-unit-testing-specialist', 'blue-e2e-testing-specialist'], ['test']],
    ['githb actions', ['blue-github-actions-specialist'], ['github', 'ci-cd']],
    ['react', ['blue-react-developer'], ['react']],
    ['docker', ['blue-docker-specialist'], ['docker', 'container']],
    ['dokcer', ['blue-docker-specialist'], ['docker']],
    ['unit tests', ['blue-unit-testing-specialist'], ['test']],
    ['typescript cli', ['blue-typescript-cli-developer'], ['cli', 'typescript']],
    [
      'databse',
      [
        'blue-database-architecture-specialist',
        'blue-document-database-specialist',
        'blue-keyvalue-database-specialist',
        'blue-relational-database-specialist',
      ],
      ['database'],
    ],
    ['accessibility', ['blue-accessibility-specialist'], ['accessibility', 'a11y']],
  ])('%s → %j first, nothing unrelated', (query, first, stems) => {
    const found = names(query, agents);
    expect(found.slice(0, first.length).sort()).toEqual([...first].sort());
    for (const name of found) expect([name, about(name, ...stems)]).toEqual([name, true]);
  });

  it('go review → the Go reviewer first, then other reviewers or Go agents only', () => {
    const found = names('go review', agents);
    expect(found[0]).toBe('blue-go-backend-code-reviewer');
    for (const name of found)
      expect([name, about(name, 'go', 'review', 'code-review')]).toEqual([name, true]);
  });

  it('security review → the security specialist near the top, nothing unrelated', () => {
    const found = names('security review', agents);
    expect(found.slice(0, 2)).toContain('blue-security-specialist');
    for (const name of found)
      expect([name, about(name, 'security', 'review', 'audit', 'quality')]).toEqual([name, true]);
  });

  it('cuts weak matches: a few results, never a page of them', () => {
    for (const query of ['testing', 'githb actions', 'react', 'docker', 'security review'])
      expect(names(query, agents).length).toBeLessThanOrEqual(8);
  });
});

describe('a word no agent is about', () => {
  it.each(['xyzzy', 'quantum annealing', 'cobol mainframe'])('%s: nothing', (query) => {
    expect(names(query)).toEqual([]);
  });

  it.each(['terraform', 'kubernetes', 'terraform kubernetes'])(
    '%s: the agents about it, if the catalog has any, and nothing else',
    (query) => {
      for (const name of names(query, [...catalog, ...newcomers]))
        expect([name, about(name, 'terraform', 'kubernetes')]).toEqual([name, true]);
    },
  );

  it('terraform: the terraform agent once there is one, and nothing else', () => {
    expect(names('terraform', [...catalog, ...newcomers])).toEqual(['blue-terraform-specialist']);
    expect(names('terrafrom', [...catalog, ...newcomers])).toEqual(['blue-terraform-specialist']);
  });

  it('ignores `blue` and punctuation; an empty query finds nothing', () => {
    expect(names('blue-docker')).toEqual(names('docker'));
    expect(names('  ,, ')).toEqual([]);
  });

  it('short words get no typo tolerance (ci is not go, api is not aws)', () => {
    expect(names('ci')).toEqual(['blue-github-actions-specialist']);
    expect(names('aws')).toEqual([]);
  });
});
