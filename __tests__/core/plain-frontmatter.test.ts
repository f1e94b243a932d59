import fc from 'fast-check';
import matter from 'gray-matter';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAgent } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import { readPlainFrontmatter } from '../../src/core/plain-frontmatter.js';
import { normalizeText } from '../../src/core/text-input.js';
import { parseYaml } from '../../src/core/yaml-text.js';
import { syntheticAgents } from '../helpers/synthetic-agents.js';

// The fast path for plain frontmatter (plain-frontmatter.ts) must give exactly what the full YAML parser gives,
// or step aside: wherever it returns data, the full parser accepts the text and its `toJS()` is equal.

/** What the full parser makes of a frontmatter: its data, or the error it throws. */
function full(raw: string): { data: unknown } | { error: string } {
  try {
    return { data: parseYaml(raw, 'agent.md').doc.toJS() };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error: error.message };
  }
}

/** The fast path agrees with the full parser on `raw`; returns whether it took it. */
function agrees(raw: string): boolean {
  const fast = readPlainFrontmatter(raw);
  if (fast === undefined) return false;
  expect(full(raw)).toStrictEqual({ data: fast });
  return true;
}

/** The frontmatter of an agent file as parseAgent hands it to the YAML engine (undefined: none). */
function frontmatterOf(text: string): string | undefined {
  let raw: string | undefined;
  // parseAgent refuses other openings (`---js` among them) before gray-matter sees the text.
  if (!normalizeText(text).startsWith('---\n')) return undefined;
  matter(normalizeText(text), { engines: { yaml: (r: string) => ((raw = r), {}) } });
  return raw;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f));
}

describe('the plain-frontmatter fast path gives what the full YAML parser gives', () => {
  it('on every agent of the catalog, the synthetic agents and the bad-input corpus', () => {
    const files: [string, string][] = [
      ...markdownFiles(join(process.cwd(), 'agents')),
      ...markdownFiles(join(process.cwd(), '__fixtures__')),
    ].map((f) => [relative(process.cwd(), f), readFileSync(f, 'utf8')]);
    files.push(...Object.entries(syntheticAgents(120)));
    let taken = 0;
    let synthetic = 0;
    for (const [path, text] of files) {
      const raw = frontmatterOf(text);
      if (raw !== undefined && agrees(raw)) {
        taken++;
        if (path.includes('team-agent-')) synthetic++;
      }
    }
    // It is a fast path only if the files people write take it.
    expect(synthetic).toBe(120);
    expect(taken).toBeGreaterThan(150);
  });

  it('parseAgent reads an agent the same with or without the fast path, errors and lines included', () => {
    const agent = (head: string) => ({
      path: '.github/blue-gardener/agents/reviewer.md',
      text: `---\n${head}\n---\n\nReview the change and explain each finding.\n`,
    });
    const outcome = (head: string) => {
      try {
        return parseAgent(agent(head), 'custom');
      } catch (error) {
        return (error as UserError).all().map((e) => [e.message, e.location, e.hint]);
      }
    };
    const base = 'name: reviewer\ndescription: Reviews changes.\ncategory: quality\ntags: [review]';
    const heads = [
      base,
      `${base}\nreadonly: true\naccess: full`,
      `${base}\nunknown: value`,
      base.replace('tags: [review]', 'tags: [Review]'),
      base.replace('name: reviewer', 'name: other'),
      `${base}\ndelegates: [tester, no_such]`,
      `${base}\nrole: boss`,
    ];
    for (const head of heads) {
      expect(readPlainFrontmatter(`\n${head}`)).toBeDefined();
      // The same head, on the same lines, with a comment the fast path does not take: the full parser.
      const slow = head.replace('\n', ' # a comment\n');
      expect(readPlainFrontmatter(`\n${slow}`)).toBeUndefined();
      expect(outcome(head)).toStrictEqual(outcome(slow));
    }
  });

  it('on generated frontmatter built from the constructs YAML reads in other ways', () => {
    const keys = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('name', 'description', 'tags', 'readonly', 'a-b', 'x1') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('constructor', 'prototype', 'true', 'null', 'Name', '__proto__'),
      },
    );
    const piece = fc.constantFrom(
      'word',
      ' ',
      '  ',
      'true',
      'True',
      'FALSE',
      'null',
      'Null',
      '~',
      '1',
      '0x1f',
      '1e3',
      '.inf',
      '.nan',
      '-',
      '- x',
      ':',
      ': ',
      '#',
      ' #',
      ',',
      '[',
      ']',
      '{',
      '}',
      '[a, b]',
      '[a,]',
      '[ ]',
      '[]',
      '"',
      "'",
      "''",
      '\\',
      '\\n',
      '&a',
      '*a',
      '!x',
      '!!str',
      '|',
      '>',
      '%',
      '@',
      '`',
      '?',
      '\t',
      '\u00a0',
      '\u2028',
      '\u0085',
      '\ufeff',
      '\ue000',
      'é',
      '—',
      '“q”',
      '€',
      '\u0301',
      '(x)',
      '...',
      '---',
    );
    const words = fc.constantFrom('word', 'Review', 'changes.', 'it’s', "it's", 'a-b', 'x_1', '(done)', 'é');
    /** Mostly plain text, with a construct of another kind here and there. */
    const value = fc
      .array(fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: piece }), {
        minLength: 0,
        maxLength: 6,
      })
      .chain((parts) =>
        fc.constantFrom(
          parts.join(' '),
          parts.join(''),
          `"${parts.join(' ')}"`,
          `'${parts.join(' ')}'`,
          `[${parts.join(', ')}]`,
        ),
      );
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(keys, fc.constantFrom(': ', ': ', ': ', ':', ':  '), value)
          .map((t) => t.join('')),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('#', '# ', ' #', ''), value).map((t) => t.join('')) },
      { weight: 1, arbitrary: value.map((v) => `  ${v}`) },
    );
    const raw = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => `\n${lines.join('\n')}`);
    let taken = 0;
    fc.assert(
      fc.property(raw, (text) => {
        if (agrees(text)) taken++;
      }),
      { numRuns: 4000 },
    );
    // The generator reaches both sides: texts the fast path takes, and texts it leaves to the full parser.
    expect(taken).toBeGreaterThan(150);
  });
});
