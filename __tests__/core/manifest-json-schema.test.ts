import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { manifestJsonSchema } from '../../src/core/manifest/schema.js';
import { starterManifest } from '../../src/core/manifest/template.js';
import { SCHEMA_INSTALLED_PATH, SCHEMA_URL } from '../../src/core/paths.js';

const committed = JSON.parse(readFileSync('schema/manifest.schema.json', 'utf8')) as object;
// Strict mode: unknown keywords, `required` without `properties`, ambiguous types are errors, as an editor's
// validator may treat them.
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(committed);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; files: string[] };

/** Every fenced YAML block of a Markdown file that is a manifest (it has `version`). */
function manifestsIn(markdown: string, file: string): [string, unknown][] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
    .map((m, i): [string, unknown] => [`${file} block ${i + 1}`, parse(m[1]!)])
    .filter(([, value]) => typeof value === 'object' && value !== null && 'version' in value);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const examples: [string, unknown][] = [
  ...manifestsIn(readFileSync('README.md', 'utf8'), 'README.md'),
  ...filesUnder('examples')
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f): [string, unknown] => [f, parse(readFileSync(f, 'utf8'))])
    .filter(([, v]) => typeof v === 'object' && v !== null && 'version' in v),
  [
    'the starter manifest',
    parse(starterManifest({ platforms: ['claude-code'], profiles: ['core'], schemaUrl: SCHEMA_URL })),
  ],
];

describe('the manifest JSON Schema', () => {
  it('is the one generated from the schema declaration', () => {
    expect(committed).toEqual(manifestJsonSchema());
  });

  it('finds the manifest examples it checks (README and examples/)', () => {
    expect(examples.filter(([name]) => name.startsWith('README.md')).length).toBeGreaterThanOrEqual(2);
    expect(examples.filter(([name]) => name.startsWith('examples')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(examples)('validates %s', (_name, manifest) => {
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each([
    ['a misspelt key', { version: 1, platforms: ['cursor'], agnets: [] }],
    ['neither platforms nor extends', { version: 1, agents: ['blue-react-developer'] }],
    ['an unknown platform', { version: 1, platforms: ['vim'] }],
    [
      'an unknown OpenCode permission tool',
      {
        version: 1,
        platforms: ['opencode'],
        overrides: { 'blue-x': { opencode: { permission: { edt: 'deny' } } } },
      },
    ],
  ])('refuses %s', (_name, manifest) => {
    expect(validate(manifest)).toBe(false);
  });

  it('accepts a partial OpenCode permission, as OpenCode does', () => {
    const manifest = {
      version: 1,
      platforms: ['opencode'],
      overrides: { 'blue-x': { opencode: { permission: { edit: 'deny' } } } },
    };
    expect(validate(manifest)).toBe(true);
  });
});

describe('where editors find it', () => {
  it('is served by jsDelivr from the published package, at the major of this version', () => {
    const major = pkg.version.split('.')[0];
    expect(SCHEMA_URL).toBe(
      `https://cdn.jsdelivr.net/npm/blue-gardener@${major}/schema/manifest.schema.json`,
    );
    expect((committed as { $id: string }).$id).toBe(SCHEMA_URL);
    expect(pkg.files).toContain('schema');
  });

  it('has a path inside an installed package, relative to the manifest in .github/', () => {
    expect(posix.join('.github', SCHEMA_INSTALLED_PATH)).toBe(
      'node_modules/blue-gardener/schema/manifest.schema.json',
    );
  });

  it('is named in the first line of every manifest init writes, as the YAML language server reads it', () => {
    const text = starterManifest({ platforms: ['cursor'], profiles: [], schemaUrl: SCHEMA_URL });
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    expect(text).toContain(`$schema=${SCHEMA_INSTALLED_PATH}`);
  });
});
