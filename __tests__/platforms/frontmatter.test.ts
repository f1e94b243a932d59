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

  it('writes descriptions double-quoted and slugs, booleans and lists of slugs plain', () => {
    expect(
      yamlFrontmatter([
        ['name', 'blue-docker-specialist'],
        ['description', 'Use when "Docker" builds fail\\slow'],
        ['readonly', true],
        ['tags', ['docker', 'ci']],
        ['model', 'true'],
      ]),
    ).toBe(
      'name: blue-docker-specialist\ndescription: "Use when \\"Docker\\" builds fail\\\\slow"\nreadonly: true\ntags: [docker, ci]\nmodel: "true"\n',
    );
  });
});
