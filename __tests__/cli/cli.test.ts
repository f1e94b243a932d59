import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN_MARKER } from '../../src/core/markers.js';
import { platformIds } from '../../src/platforms/registry.js';
import {
  cli,
  manifest,
  readRepoFile,
  removeRepo,
  scratchRepo,
  snapshot,
  writeRepoFile,
} from '../helpers/repo.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

/** A hand edit of a generated file: its content replaced, its generated-by mark kept. */
const HAND_EDIT = `---\n# ${MARK_TEXT}\n---\n\nmy own edit\n`;

const three =
  'version: 1\nplatforms: [claude-code, cursor, codex]\nagents:\n  - blue-react-developer # our UI work\n  - blue-docker-specialist\n';
let repo: string;
afterEach(() => removeRepo(repo));

describe('blue-gardener CLI on a local repository', () => {
  it('sync writes every platform’s files and a lock; a second sync writes nothing', async () => {
    repo = scratchRepo(manifest(three));
    const first = await cli(repo, 'sync');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Wrote 8 file(s)');
    for (const path of [
      '.claude/agents/blue-react-developer.md',
      '.cursor/agents/blue-docker-specialist.md',
      '.codex/agents/blue-react-developer.toml',
      'AGENTS.md',
      '.github/blue-gardener.lock',
    ]) {
      expect(existsSync(join(repo, path))).toBe(true);
    }
    const tree = snapshot(repo);
    const second = await cli(repo, 'sync');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Up to date');
    expect(snapshot(repo)).toEqual(tree);
  });

  it('gives the same bytes in two different folders (no timestamps, no absolute paths)', async () => {
    repo = scratchRepo(manifest(three));
    const other = scratchRepo(manifest(three));
    try {
      await cli(repo, 'sync');
      await cli(other, 'sync');
      expect(snapshot(other)).toEqual(snapshot(repo));
    } finally {
      removeRepo(other);
    }
  });

  it('keeps the user’s AGENTS.md text through sync, add, remove and re-add', async () => {
    const user =
      '# Our rules\r\n\r\nNever push to main.\r\n```\r\n---\r\n## not a heading\r\n```\r\nno final newline';
    repo = scratchRepo({ ...manifest(three), 'AGENTS.md': user });
    await cli(repo, 'sync');
    const synced = readRepoFile(repo, 'AGENTS.md');
    expect(synced.startsWith(`${user}\r\n${BEGIN_MARKER}`)).toBe(true);
    expect(synced).toContain('`blue-docker-specialist`');
    expect((await cli(repo, 'remove', 'blue-docker-specialist')).code).toBe(0);
    expect(readRepoFile(repo, 'AGENTS.md')).not.toContain('blue-docker-specialist');
    expect((await cli(repo, 'add', 'blue-docker-specialist')).code).toBe(0);
    expect(readRepoFile(repo, 'AGENTS.md')).toBe(synced);
    // Disabling Codex removes our block and gives the user's file back byte for byte.
    expect((await cli(repo, 'platform', 'remove', 'codex')).code).toBe(0);
    expect(readRepoFile(repo, 'AGENTS.md')).toBe(user);
  });

  it('removing an agent removes its files and index entry on every platform, and nothing else', async () => {
    repo = scratchRepo(manifest(three));
    await cli(repo, 'sync');
    const before = snapshot(repo);
    const { code, stdout } = await cli(repo, 'remove', 'blue-docker-specialist');
    expect(code).toBe(0);
    const after = snapshot(repo);
    const gone = Object.keys(before).filter((p) => !(p in after));
    expect(gone.sort()).toEqual([
      '.claude/agents/blue-docker-specialist.md',
      '.codex/agents/blue-docker-specialist.toml',
      '.cursor/agents/blue-docker-specialist.md',
    ]);
    const changed = Object.keys(after).filter((p) => before[p] !== after[p]);
    expect(changed.sort()).toEqual(['.github/blue-gardener.lock', '.github/blue-gardener.yml', 'AGENTS.md']);
    expect(after['.github/blue-gardener.yml']).toBe(
      'version: 1\nplatforms: [claude-code, cursor, codex]\nagents:\n  - blue-react-developer # our UI work\n',
    );
    expect(stdout).toContain('delete  .claude/agents/blue-docker-specialist.md');
  });

  it('removing an agent that a profile brings in excludes it', async () => {
    repo = scratchRepo(manifest('version: 1\nplatforms: [claude-code]\nprofiles: [infrastructure]\n'));
    await cli(repo, 'sync');
    expect((await cli(repo, 'remove', 'blue-docker-specialist')).code).toBe(0);
    expect(readRepoFile(repo, '.github/blue-gardener.yml')).toContain(
      'exclude:\n  - blue-docker-specialist\n',
    );
    expect(existsSync(join(repo, '.claude/agents/blue-docker-specialist.md'))).toBe(false);
    expect(existsSync(join(repo, '.claude/agents/blue-monorepo-specialist.md'))).toBe(true);
  });

  it('check exits 1 with the list of stale, missing and hand-edited files, and 0 once synced', async () => {
    repo = scratchRepo(manifest(three));
    const fresh = await cli(repo, 'check');
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain('.claude/agents/blue-react-developer.md');
    expect(fresh.stdout).toContain('npx blue-gardener@1 sync');
    await cli(repo, 'sync');
    expect((await cli(repo, 'check')).code).toBe(0);
    writeRepoFile(repo, '.cursor/agents/blue-react-developer.md', HAND_EDIT);
    const edited = await cli(repo, 'check');
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/hand-edited\s+\.cursor\/agents\/blue-react-developer\.md/);
  });

  it('keeps a hand-edited file by default and overwrites it when the manifest says so', async () => {
    repo = scratchRepo(manifest(three));
    await cli(repo, 'sync');
    writeRepoFile(repo, '.cursor/agents/blue-react-developer.md', HAND_EDIT);
    const kept = await cli(repo, 'sync');
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('hand-edited');
    expect(readRepoFile(repo, '.cursor/agents/blue-react-developer.md')).toBe(HAND_EDIT);
    // check fails on the kept edit, and does not send people to a sync that would change nothing.
    const checked = await cli(repo, 'check');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('Nothing to write.');
    expect(checked.stdout).toContain('`sync` has nothing to write for these');
    expect(checked.stdout).not.toContain('Up to date');
    writeRepoFile(repo, '.github/blue-gardener.yml', `${three}hand-edits: fail\n`);
    const failed = await cli(repo, 'sync');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Nothing was written');
    writeRepoFile(repo, '.github/blue-gardener.yml', `${three}hand-edits: overwrite\n`);
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(readRepoFile(repo, '.cursor/agents/blue-react-developer.md')).toContain(
      'name: blue-react-developer',
    );
  });

  it('never overwrites a file it did not generate: reports it, or writes nothing with `foreign: fail`', async () => {
    const foreign = 'ours, not generated\n';
    repo = scratchRepo({
      ...manifest(`${three}hand-edits: { foreign: fail }\n`),
      '.claude/agents/blue-react-developer.md': foreign,
    });
    const before = snapshot(repo);
    const failed = await cli(repo, 'sync');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/foreign\s+\.claude\/agents\/blue-react-developer\.md/);
    expect(snapshot(repo)).toEqual(before);
    writeRepoFile(repo, '.github/blue-gardener.yml', three);
    const { code, stdout } = await cli(repo, 'sync');
    expect(code).toBe(0);
    expect(stdout).toMatch(/foreign\s+\.claude\/agents\/blue-react-developer\.md: .*left untouched/);
    expect(readRepoFile(repo, '.claude/agents/blue-react-developer.md')).toBe(foreign);
    expect(existsSync(join(repo, '.claude/agents/blue-docker-specialist.md'))).toBe(true);
    expect(readRepoFile(repo, '.github/blue-gardener.lock')).not.toContain(
      '.claude/agents/blue-react-developer.md',
    );
    expect((await cli(repo, 'check')).code).toBe(1);
  });

  it('--dry-run --diff prints the diff and writes nothing', async () => {
    repo = scratchRepo(manifest(three));
    const before = snapshot(repo);
    const { code, stdout } = await cli(repo, 'add', 'blue-seo-specialist', '--dry-run', '--diff');
    expect(code).toBe(0);
    expect(stdout).toContain('Would write');
    expect(stdout).toContain('+++ b/.claude/agents/blue-seo-specialist.md');
    expect(stdout).toContain('+  - blue-seo-specialist');
    expect(snapshot(repo)).toEqual(before);
  });

  it('init writes a valid commented manifest with a schema line, and never overwrites one', async () => {
    repo = scratchRepo({ '.cursor/agents/mine.md': '---\nname: mine\n---\nx\n' });
    expect((await cli(repo, 'init')).code).toBe(0);
    const text = readRepoFile(repo, '.github/blue-gardener.yml');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('  - cursor\n');
    expect((await cli(repo, 'sync')).code).toBe(0);
    const again = await cli(repo, 'init');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('init takes the original CLI’s platform ids, saying what they are called now', async () => {
    repo = scratchRepo({});
    const typo = await cli(repo, 'init', '--platform', 'cursr');
    expect(typo).toMatchObject({ code: 1, stderr: expect.stringContaining('Did you mean `cursor`') });
    const result = await cli(repo, 'init', '--platform', 'claude-desktop', '--platform', 'cursor');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('`claude-desktop` is now called `claude-code`');
    const text = readRepoFile(repo, '.github/blue-gardener.yml');
    expect(text).toContain('  - claude-code\n');
    expect(text).not.toContain('claude-desktop');
  });

  it('reports unknown agents with a suggestion and writes nothing', async () => {
    repo = scratchRepo(manifest(three));
    const before = snapshot(repo);
    const { code, stderr } = await cli(repo, 'add', 'blue-dokcer-specialist');
    expect(code).toBe(1);
    expect(stderr).toContain('Did you mean `blue-docker-specialist`');
    expect(snapshot(repo)).toEqual(before);
  });

  it('has usage errors (exit 2), --version, --help and --json', async () => {
    repo = scratchRepo(manifest(three));
    expect((await cli(repo, 'frobnicate')).code).toBe(2);
    expect((await cli(repo, 'sync', '--bogus')).code).toBe(2);
    expect((await cli(repo, 'add')).code).toBe(2);
    expect((await cli(repo, 'list', '--dry-run')).code).toBe(2);
    const missing = await cli(join(repo, 'no-such-folder'), 'sync');
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no-such-folder: no such folder'),
    });
    const version = await cli(repo, '--version');
    expect(version).toMatchObject({ code: 0, stdout: 'test' });
    expect((await cli(repo, '--help')).stdout).toContain('Commands:');
    const listed = JSON.parse((await cli(repo, 'list', '--json')).stdout) as {
      name: string;
      installed: boolean;
    }[];
    expect(listed).toHaveLength(61);
    expect(listed.filter((a) => a.installed).map((a) => a.name)).toEqual([
      'blue-docker-specialist',
      'blue-react-developer',
    ]);
    const found = JSON.parse((await cli(repo, 'search', 'dokcer', '--json')).stdout) as { name: string }[];
    expect(found[0]!.name).toBe('blue-docker-specialist');
    expect(JSON.parse((await cli(repo, 'profiles', '--json')).stdout)).toHaveLength(14);
    expect(JSON.parse((await cli(repo, 'platforms', '--json')).stdout).platforms).toHaveLength(
      platformIds.length,
    );
  });

  it('installs custom agents from the repository and refuses one that shadows the catalog silently', async () => {
    const custom = (name: string, extra = '') =>
      `---\nname: ${name}\ndescription: "Use when our billing rules matter."\ncategory: custom\ntags: [billing, domain]\n${extra}---\n\nYou know our billing domain. Ask @blue-react-developer for UI.\n`;
    repo = scratchRepo({
      ...manifest(three),
      '.github/blue-gardener/agents/acme-billing.md': custom('acme-billing'),
    });
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(readRepoFile(repo, '.claude/agents/acme-billing.md')).toContain(
      'Ask the `blue-react-developer` subagent for UI.',
    );
    writeRepoFile(repo, '.github/blue-gardener/agents/blue-seo-specialist.md', custom('blue-seo-specialist'));
    const refused = await cli(repo, 'sync');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('replaces-catalog: true');
    writeRepoFile(
      repo,
      '.github/blue-gardener/agents/blue-seo-specialist.md',
      custom('blue-seo-specialist', 'replaces-catalog: true\n'),
    );
    const replaced = await cli(repo, 'sync');
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toContain('replaces the catalog agent');
  });

  it('refuses a custom agent whose name is not its file name or is path-like', async () => {
    repo = scratchRepo({
      ...manifest(three),
      '.github/blue-gardener/agents/evil.md':
        '---\nname: ../../.github/workflows/x\ndescription: "x"\ncategory: custom\ntags: [a]\n---\nbody text here\n',
    });
    const before = snapshot(repo);
    const { code, stderr } = await cli(repo, 'sync');
    expect(code).toBe(1);
    expect(stderr).toContain('.github/blue-gardener/agents/evil.md:2');
    expect(stderr).toContain('lower-case slug');
    expect(snapshot(repo)).toEqual(before);
  });
});
