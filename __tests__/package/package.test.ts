import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { version } from '../../src/version.js';
import { CLI } from '../../src/core/paths.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  dependencies?: Record<string, string>;
};

describe('the package as published', () => {
  it('is the next major of the name, publishable, and the version the CLI reports', () => {
    expect(pkg.name).toBe('blue-gardener');
    expect(pkg.private).toBeUndefined();
    // A pre-release would not satisfy `blue-gardener@1`, the range every printed command uses.
    expect(pkg.version).toMatch(/^1\.\d+\.\d+$/);
    expect(CLI).toBe(`npx blue-gardener@${pkg.version.split('.')[0]}`);
    expect(version).toBe(pkg.version);
  });

  it('has no runtime dependency: the bundles hold every package they use', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const file of ['dist/cli/engine.js', 'dist/cli/index.cjs']) {
      const source = readFileSync(file, 'utf8');
      const required = [
        ...source.matchAll(/(?:require|createRequire\(import\.meta\.url\))\("([^"]+)"\)/g),
      ].map((m) => m[1]!);
      expect([file, required.filter((id) => !builtins.has(id))]).toEqual([file, []]);
    }
  });

  it('ships the bin and what it reads at run time, and the bin is an executable Node script', () => {
    const bin = pkg.bin['blue-gardener']!;
    expect(bin).toBe('dist/cli/index.cjs');
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const shipped = (path: string) => pkg.files.some((f) => path === f || path.startsWith(`${f}/`));
    for (const path of [
      'dist/cli/index.cjs',
      'dist/cli/engine.js',
      'dist/cli/package.json',
      'dist/catalog.json',
      'schema/manifest.schema.json',
    ])
      expect([path, shipped(path)]).toEqual([path, true]);
    expect(shipped('dist/index.js')).toBe(false); // the action runs from the repository, not from npm
  });

  it('names in `engines` the Node lines CI runs it on', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(pkg.engines.node).toBe('^20.16.0 || ^22.0.0 || ^24.0.0');
    expect(ci).toContain('for major in 22 24');
    expect(readFileSync('action.yml', 'utf8')).toMatch(/using: node24/);
  });
});

describe('every command a person copies pins the major', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  const texts = [
    'README.md',
    'SECURITY.md',
    'action.yml',
    ...files('src').filter((f) => f.endsWith('.ts')),
    ...files('examples'),
  ];
  const subcommands =
    'init|sync|check|add|remove|platform|list|search|profiles|platforms|doctor|repair|migrate|help';

  it.each(texts)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    // `npx blue-gardener sync` would run the original CLI 0.2.0, the name's only other release.
    expect(text.match(/npx blue-gardener(?!@)/g) ?? []).toEqual([]);
    // A bare `blue-gardener sync` in backquotes is a command to copy that works only when installed globally.
    expect(text.match(new RegExp(`\`blue-gardener (?:${subcommands})\\b`, 'g')) ?? []).toEqual([]);
  });
});
