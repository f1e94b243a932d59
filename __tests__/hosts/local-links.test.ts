import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { gitBlobSha } from '../../src/core/hash.js';
import { localHost } from '../../src/hosts/local.js';
import { cli, removeRepo, scratchRepo } from '../helpers/repo.js';

/**
 * Symbolic links INSIDE the repository (issue 15, item 1): no read, write or delete goes through a link on
 * the path, wherever it points. Each case: exit 1, a message naming the link and the fix, nothing changed.
 */
const MANIFEST = 'version: 1\nplatforms: [claude-code]\nagents: [blue-react-developer]\n';
const lockNaming = (path: string, text: string) =>
  JSON.stringify(
    {
      version: 1,
      files: [{ path, kind: 'file', platform: 'claude-code', agent: 'ci', blob: gitBlobSha(text) }],
      agents: { ci: { source: 'catalog', sha256: '0'.repeat(64) } },
    },
    null,
    2,
  );

let repo: string;
afterEach(() => removeRepo(repo));

/** Every entry (links as links) with its bytes, so a write through a link shows up at its target. */
function tree(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) out[relative(repo, full)] = `-> ${readlinkSync(full)}`;
      else if (entry.isDirectory()) walk(full);
      else out[relative(repo, full)] = readFileSync(full, 'latin1');
    }
  };
  walk(repo);
  return out;
}

describe('a symbolic link inside the repository is never followed', () => {
  const WORKFLOW = 'name: ci\non: push\njobs: {}\n';
  const SOURCE = 'export const answer = 42;\n';

  it.each([
    ['.github/workflows', '.github/workflows/ci.yml', WORKFLOW],
    ['.git', '.git/config', '[core]\n\tbare = false\n'],
    ['src', 'src/index.ts', SOURCE],
  ])(
    '`.claude/agents -> ../%s`: a lock entry naming a file there does not delete it',
    async (target, file, text) => {
      repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST, [file]: text });
      const name = file.slice(file.lastIndexOf('/') + 1);
      writeFileSync(join(repo, '.github/blue-gardener.lock'), lockNaming(`.claude/agents/${name}`, text));
      mkdirSync(join(repo, '.claude'));
      symlinkSync(`../${target}`, join(repo, '.claude/agents'));
      const before = tree();
      const run = await cli(repo, 'sync');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('goes through the symbolic link `.claude/agents`');
      expect(run.stderr).toContain(`to \`../${target}\``);
      expect(run.stderr).toContain('hint: replace `.claude/agents` with a real folder');
      expect(run.stderr).not.toContain('internal error');
      expect(readFileSync(join(repo, file), 'utf8')).toBe(text);
      expect(tree()).toEqual(before);
    },
  );

  it('a linked folder higher up (`.claude -> src`) is refused for creating files in it', async () => {
    repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST, 'src/index.ts': SOURCE });
    symlinkSync('src', join(repo, '.claude'));
    const before = tree();
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the symbolic link `.claude`');
    expect(tree()).toEqual(before);
    expect(existsSync(join(repo, 'src/agents'))).toBe(false);
  });

  it('a generated file that is itself a link (to a source file) is neither read, overwritten nor deleted', async () => {
    repo = scratchRepo({ '.github/blue-gardener.yml': MANIFEST, 'src/index.ts': SOURCE });
    mkdirSync(join(repo, '.claude/agents'), { recursive: true });
    symlinkSync('../../src/index.ts', join(repo, '.claude/agents/blue-react-developer.md'));
    writeFileSync(
      join(repo, '.github/blue-gardener.lock'),
      lockNaming('.claude/agents/blue-react-developer.md', SOURCE),
    );
    const before = tree();
    for (const command of ['sync', 'check', 'remove']) {
      const run = await cli(repo, ...(command === 'remove' ? ['remove', 'blue-react-developer'] : [command]));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('`.claude/agents/blue-react-developer.md` is a symbolic link');
      expect(run.stderr).not.toContain('internal error');
    }
    expect(tree()).toEqual(before);
    expect(lstatSync(join(repo, '.claude/agents/blue-react-developer.md')).isSymbolicLink()).toBe(true);
  });

  it('the manifest and the custom agents are not read through a link inside the repository either', async () => {
    repo = scratchRepo({ 'config/blue-gardener.yml': MANIFEST });
    mkdirSync(join(repo, '.github'));
    symlinkSync('../config/blue-gardener.yml', join(repo, '.github/blue-gardener.yml'));
    const linkedManifest = await cli(repo, 'sync');
    expect(linkedManifest.code).toBe(1);
    expect(linkedManifest.stderr).toContain('`.github/blue-gardener.yml` is a symbolic link');
    removeRepo(repo);

    repo = scratchRepo({
      '.github/blue-gardener.yml': MANIFEST,
      'docs/agents/mine.md': '---\nname: mine\ndescription: mine\n---\nbody\n',
    });
    mkdirSync(join(repo, '.github/blue-gardener'));
    symlinkSync('../../docs/agents', join(repo, '.github/blue-gardener/agents'));
    const linkedFolder = await cli(repo, 'sync');
    expect(linkedFolder.code).toBe(1);
    expect(linkedFolder.stderr).toContain('symbolic link');
    expect(existsSync(join(repo, '.claude'))).toBe(false);
  });

  it('the host refuses a batch with a link anywhere on one path before writing any file of it', async () => {
    repo = scratchRepo({ 'AGENTS.md': 'before\n', 'src/keep.ts': SOURCE });
    symlinkSync('src', join(repo, '.cursor'));
    const host = localHost(repo);
    await expect(
      host.apply([
        { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
        { path: '.cursor/agents/keep.md', operation: 'delete', before: SOURCE },
      ]),
    ).rejects.toThrow('goes through the symbolic link `.cursor`');
    expect(readFileSync(join(repo, 'AGENTS.md'), 'utf8')).toBe('before\n');
    expect(readFileSync(join(repo, 'src/keep.ts'), 'utf8')).toBe(SOURCE);
  });
});
