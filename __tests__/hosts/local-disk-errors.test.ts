import * as fs from 'node:fs';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disk } from '../../src/hosts/atomic-file.js';
import { localHost } from '../../src/hosts/local.js';
import { cli, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';

/**
 * Disk errors (issue 15, item 8): a file where a folder belongs, a read-only folder, a full disk, YAML
 * nested thousands deep. Each is a message naming the path and the fix, never "internal error", and the
 * batch is rolled back exactly.
 */
const MANIFEST =
  'version: 1\nplatforms: [claude-code, cursor]\nagents: [blue-react-developer, blue-docker-specialist]\n';
let repo: string;
afterEach(() => {
  try {
    chmodSync(join(repo, '.claude/agents'), 0o755);
  } catch {
    // not made read-only by this test
  }
  removeRepo(repo);
});

/**
 * A copy of node:fs whose calls named in `faults` fail with `code` after `after` successful calls; with
 * `under`, only calls on paths in that folder fail (a read-only folder).
 */
function faultyDisk(faults: (keyof Disk)[], code: string, after = 0, under?: string): Disk {
  let calls = 0;
  const disk: Record<string, unknown> = { ...fs };
  for (const name of faults) {
    const real = fs[name] as (...args: unknown[]) => unknown;
    disk[name] = (...args: unknown[]) => {
      const hit = under === undefined || (typeof args[0] === 'string' && args[0].includes(`/${under}/`));
      if (hit && calls++ >= after) throw Object.assign(new Error(`${code}: injected`), { code });
      return real(...args);
    };
  }
  return disk as unknown as Disk;
}

describe('errors from the disk name the path and the fix', () => {
  it.each(['.claude', '.claude/agents'])('a file at `%s` where a folder belongs (ENOTDIR)', async (file) => {
    repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST, [file]: 'not a folder\n' });
    const before = snapshot(repo);
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain(`\`${file}\` is a file where blue-gardener needs a folder`);
    expect(run.stderr).toContain(`hint: move or delete the file \`${file}\``);
    expect(snapshot(repo)).toEqual(before);
  });

  it('a read-only folder (EACCES) from the file system, or injected when the tests run as root', async () => {
    repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST });
    await cli(repo, 'sync');
    writeFileSync(join(repo, '.github/blue-gardener.yml'), MANIFEST.replace(', blue-docker-specialist', ''));
    const before = snapshot(repo);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(join(repo, '.claude/agents'), 0o555);
    const { preparePlan } = await import('../../src/engine.js');
    const { bundledCatalog } = await import('../../src/hosts/bundled-catalog.js');
    const host = localHost(
      repo,
      asRoot
        ? {
            disk: faultyDisk(
              ['unlinkSync', 'openSync', 'linkSync', 'renameSync'],
              'EACCES',
              0,
              '.claude/agents',
            ),
          }
        : {},
    );
    const { changes } = await preparePlan(host, bundledCatalog());
    const failed = host.apply(changes);
    await expect(failed).rejects.toThrow(/permission denied \(EACCES\)/);
    await failed.catch((error: { location?: { file: string }; hint?: string; name: string }) => {
      expect(error.name).toBe('UserError');
      expect(error.location?.file).toMatch(/^\.(claude|cursor)\/agents\/|^\.github\/blue-gardener\.lock$/);
      expect(error.hint).toContain('writable');
    });
    expect(snapshot(repo)).toEqual(before);
  });

  it.each([0, 1, 3])(
    'a full disk (ENOSPC) at write %i: a message, and every file exactly as before',
    async (after) => {
      repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST, 'AGENTS.md': '# Ours\n' });
      await cli(repo, 'sync');
      writeFileSync(
        join(repo, '.github/blue-gardener.yml'),
        'version: 1\nplatforms: [claude-code, codex]\nagents: [blue-react-developer, blue-go-backend-code-reviewer]\n',
      );
      const before = snapshot(repo);
      const { preparePlan } = await import('../../src/engine.js');
      const { bundledCatalog } = await import('../../src/hosts/bundled-catalog.js');
      const host = localHost(repo, { disk: faultyDisk(['writeFileSync'], 'ENOSPC', after) });
      const { changes } = await preparePlan(host, bundledCatalog());
      expect(new Set(changes.map((c) => c.operation))).toEqual(new Set(['create', 'update', 'delete']));
      const failed = host.apply(changes);
      await expect(failed).rejects.toThrow(/the disk is full \(ENOSPC\).*every file was restored/);
      await failed.catch((error: { hint?: string }) => expect(error.hint).toContain('free some disk space'));
      expect(snapshot(repo)).toEqual(before);
    },
  );

  it('a read error other than "missing" names the file (EIO while reading)', async () => {
    repo = scratchRepo({ 'AGENTS.md': 'x\n' });
    const host = localHost(repo, { disk: faultyDisk(['readFileSync'], 'EIO') });
    await expect(host.read('AGENTS.md')).rejects.toThrow(
      '`AGENTS.md`: an input/output error from the disk (EIO)',
    );
  });
});

describe('YAML nested thousands deep', () => {
  it.each([
    ['flow lists', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['flow maps', `${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`],
    ['compact block lists', `${'- '.repeat(3000)}x`],
    ['indented maps', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1'],
  ])('%s in the manifest: a message with the line, no crash', async (_, deep) => {
    repo = scratchRepo({
      '.github/blue-gardener.yml': `version: 1\nplatforms: [claude-code]\nagents: ${deep.includes('\n') || deep.startsWith('-') ? `\n${deep}` : deep}\n`,
    });
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toMatch(
      /\.github\/blue-gardener\.yml:\d+: invalid YAML: nested more than 64 levels deep/,
    );
  });

  it('a custom agent whose frontmatter nests thousands deep is refused at its file and line', async () => {
    repo = scratchRepo({
      '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code]\nagents: [mine]\n',
      '.github/blue-gardener/agents/mine.md': `---\nname: mine\ndescription: x\ntags: ${'['.repeat(4000)}${']'.repeat(4000)}\n---\nbody\n`,
    });
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.github/blue-gardener/agents/mine.md:4: invalid YAML: nested more than 64');
  });

  it('ordinary nesting, brackets inside quotes and comments are not counted as depth', async () => {
    const { checkYamlDepth } = await import('../../src/core/yaml-depth.js');
    const fine = `a:\n  b:\n    - c: "${'['.repeat(200)}"\n      d: '${'{'.repeat(200)}' # ${'['.repeat(200)}\n`;
    expect(() => checkYamlDepth(fine, 'f.yml')).not.toThrow();
    expect(() => checkYamlDepth(`${'['.repeat(65)}${']'.repeat(65)}`, 'f.yml')).toThrow(
      'nested more than 64',
    );
    expect(() => checkYamlDepth(`${'['.repeat(60)}${']'.repeat(60)}`, 'f.yml')).not.toThrow();
  });
});
