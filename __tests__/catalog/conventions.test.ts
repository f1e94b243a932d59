import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { mentionsIn } from '../../src/core/mentions.js';
import { bundledCatalog, readCatalogFiles } from '../../src/hosts/bundled-catalog.js';

// The catalog's conventions that every agent keeps (issue 22): short descriptions, a stop rule, orchestrators
// that say how to run them, current facts, tags from one vocabulary, and explicit cost and access.
const catalog = bundledCatalog();
const agents = [...catalog.agents.values()];
const files = readCatalogFiles();
const vocabulary = parse(readFileSync('agents/tags.yml', 'utf8')) as Record<string, string>;
const staleTerms = parse(readFileSync('agents/stale-terms.yml', 'utf8')) as {
  pattern: string;
  current: string;
}[];

/** The text of a `## <title>` section, up to the next `## ` heading. */
function section(body: string, title: string): string | undefined {
  return new RegExp(`\\n## ${title}\\n([\\s\\S]*?)(?=\\n## |$)`).exec(`\n${body}`)?.[1];
}

/** Agents that violate a rule, as `name: detail`, so a failure lists every offender at once. */
const offenders = (check: (agent: (typeof agents)[number]) => string | undefined) =>
  agents.flatMap((a) => {
    const problem = check(a);
    return problem === undefined ? [] : [`${a.name}: ${problem}`];
  });

describe('catalog conventions', () => {
  it('keeps every description within the 160 characters every tool shows (Factory cuts at 161)', () => {
    expect(offenders((a) => (a.description.length > 160 ? `${a.description.length}` : undefined))).toEqual(
      [],
    );
  });

  it('gives every agent a "When to stop" section that says when to stop and to whom work goes back', () => {
    expect(
      offenders((a) => {
        const stop = section(a.body, 'When to stop');
        if (stop === undefined) return 'no "## When to stop" section';
        if (stop.trim().split('\n').length < 2) return 'a stop section of one line';
        if (!/\bstop\b/i.test(stop)) return 'the stop section never says stop';
        const handsBack =
          mentionsIn(stop).length > 0 || /\b(hand|report|send|return|escalate|ask)/i.test(stop);
        return handsBack ? undefined : 'the stop section names nobody to hand back to';
      }),
    ).toEqual([]);
  });

  it('makes orchestrators say how they run, and run them as the main agent where a tool can', () => {
    expect(
      offenders((a) => {
        if ((a.category === 'orchestrator') !== (a.role === 'orchestrator'))
          return `category ${a.category} with role ${a.role}`;
        if (a.role !== 'orchestrator') return undefined;
        const run = section(a.body, 'How to run') ?? '';
        if (!/main agent/.test(run)) return 'no "## How to run" saying it is best as the main agent';
        return /cannot start other agents/.test(run) ? undefined : 'no plan for when it cannot delegate';
      }),
    ).toEqual([]);
  });

  it.each(staleTerms.map((t) => [t.pattern, t] as const))('has no stale fact matching /%s/', (_p, term) => {
    const pattern = new RegExp(term.pattern, 'i');
    expect(
      offenders((a) => (pattern.test(`${a.description}\n${a.body}`) ? term.current : undefined)),
    ).toEqual([]);
  });

  it('the stale-terms list catches what it was written for (each pattern matches its own example)', () => {
    const examples = [
      'run `gitleaks detect --source .`',
      'gitleaks protect --staged',
      'Walk the OWASP Top 10 (2021)',
      'use `clinic flame`',
      'import "github.com/gofiber/fiber/v2"',
      'with @nomicfoundation/hardhat-chai-matchers',
      'uses: actions/checkout@v4',
    ];
    const patterns = staleTerms.map((t) => new RegExp(t.pattern, 'i'));
    for (const example of examples)
      expect([example, patterns.some((p) => p.test(example))]).toEqual([example, true]);
    // Current text passes.
    for (const ok of [
      'gitleaks git',
      'OWASP Top 10:2025',
      'node --cpu-prof',
      'actions/checkout@<sha> # vX.Y.Z',
    ])
      expect([ok, patterns.some((p) => p.test(ok))]).toEqual([ok, false]);
  });

  it('uses only tags from agents/tags.yml, and every tag there is used', () => {
    expect(offenders((a) => a.tags.filter((t) => !(t in vocabulary)).join(', ') || undefined)).toEqual([]);
    const used = new Set(agents.flatMap((a) => a.tags));
    expect(Object.keys(vocabulary).filter((t) => !used.has(t))).toEqual([]);
    expect(Object.keys(vocabulary).length).toBeLessThanOrEqual(60);
  });

  it('states tier and access explicitly, and no longer uses the older `readonly` key', () => {
    for (const file of files.agents) {
      const data = matter(file.text).data as Record<string, unknown>;
      expect([file.path, 'tier' in data, 'access' in data, 'readonly' in data]).toEqual([
        file.path,
        true,
        true,
        false,
      ]);
    }
  });
});
