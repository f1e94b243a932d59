import fc from 'fast-check';
import { parse } from 'yaml';
import { serializedEntry, yamlFrontmatter, type Field } from '../../src/platforms/frontmatter.js';

const slug = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,6}(-[a-z0-9]{1,5}){0,3}$/);
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const keyword = fc.constantFrom(
  'true',
  'no',
  'null',
  'Yes',
  'off',
  'n',
  '1e3',
  '0x1f',
  '.inf',
  '-',
  'a: b',
  'a #b',
);
const value: fc.Arbitrary<NonNullable<Field[1]>> = fc.oneof(
  slug,
  text,
  keyword,
  fc.boolean(),
  fc.integer({ min: -5, max: 10_000 }),
  fc.array(fc.oneof(slug, keyword, text), { maxLength: 4 }),
);

describe('frontmatter entries', () => {
  it('the direct path writes the same bytes as the YAML serializer, and they parse back to the value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant('description'), slug), value, (key, v) => {
        const written = yamlFrontmatter([[key, v]]);
        expect(written).toBe(serializedEntry(key, v));
        expect(parse(written, { strict: true, uniqueKeys: true })).toEqual({ [key]: v });
      }),
      { numRuns: 2000 },
    );
  });

  it('writes descriptions quoted without escapes, and slugs, booleans and lists of slugs plain', () => {
    expect(
      yamlFrontmatter([
        ['name', 'blue-docker-specialist'],
        ['description', 'Use when "Docker" builds fail\\slow'],
        ['readonly', true],
        ['tags', ['docker', 'ci']],
        ['model', 'true'],
      ]),
    ).toBe(
      'name: blue-docker-specialist\ndescription: \'Use when "Docker" builds fail\\slow\'\nreadonly: true\ntags: [docker, ci]\nmodel: "true"\n',
    );
    expect(yamlFrontmatter([['description', "Use when it's slow"]])).toBe(
      'description: "Use when it\'s slow"\n',
    );
    expect(yamlFrontmatter([['description', 'Use when "x" isn\'t y']])).toBe(
      'description: Use when "x" isn\'t y\n',
    );
  });
});

/** A reader that only strips one pair of surrounding quotes and unescapes nothing. */
function naiveRead(line: string, key: string): string {
  const raw = line.slice(key.length + 2).replace(/\n$/, '');
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.at(-1) === raw[0];
  return quoted ? raw.slice(1, -1) : raw;
}

describe('what a naive frontmatter reader sees', () => {
  const tricky = fc.stringMatching(/^[A-Za-z"'\\:# ]{1,12}$/);
  const description = fc.oneof(
    text,
    tricky,
    fc.tuple(text, tricky, text).map((p) => p.join('')),
  );

  it('a description without a single quote reads back unchanged, and one without `"` or `\\` is double-quoted', () => {
    fc.assert(
      fc.property(description, (value) => {
        const line = yamlFrontmatter([['description', value]]);
        expect(parse(line, { strict: true })).toEqual({ description: value });
        // eslint-disable-next-line no-control-regex -- control characters cannot be written unescaped
        if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return;
        if (!value.includes("'")) expect(naiveRead(line, 'description')).toBe(value);
        if (!/["\\]/.test(value)) expect(line).toBe(`description: "${value}"\n`);
        if (!line.includes("''")) expect(naiveRead(line, 'description')).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });
});
