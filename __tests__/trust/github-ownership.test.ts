import { gitBlobSha } from '../../src/core/hash.js';
import { parseLock, serializeLock } from '../../src/core/lock.js';
import { LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { GIT_WRITES } from './faults.js';

// SECURITY.md "Ownership" and "Links" on the GitHub host: the lock alone never makes a commit overwrite or
// delete a person's file, and a symbolic link or submodule on the way to a path we would write or delete
// (a generated file, or a lock entry) stops the run with nothing committed.

const REPO = 'acme/web';
const MANIFEST =
  'version: 1\nplatforms: [claude-code, codex]\nagents: [blue-react-developer, blue-debugger]\n';
const MINE = '---\nname: mine\ndescription: "written by hand"\n---\n\nMine.\n';

async function synced(): Promise<FakeGitHub> {
  const fake = fakeGitHub();
  fake.seed(REPO, { [MANIFEST_PATH]: MANIFEST, 'README.md': '# app\n' });
  const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
  expect(run.failed).toBeUndefined();
  return fake;
}
const filesOf = (fake: FakeGitHub) => fake.filesAt(REPO, 'main');
const writesOf = (requests: { operation: string }[]) => requests.filter((r) => GIT_WRITES.has(r.operation));

describe('the GitHub host and a forged lock entry', () => {
  it('commits neither the deletion nor the overwrite of hand-written files the lock names', async () => {
    const fake = await synced();
    const lock = parseLock(filesOf(fake)[LOCK_PATH], LOCK_PATH);
    const generated = '.claude/agents/blue-debugger.md';
    const toml = '.codex/agents/blue-debugger.toml';
    const tomlMine = 'name = "mine"\ndescription = "mine"\ndeveloper_instructions = "mine"\n';
    lock.files = lock.files.map((e) =>
      e.path === generated
        ? { ...e, blob: gitBlobSha(MINE) }
        : e.path === toml
          ? { ...e, blob: gitBlobSha(tomlMine) }
          : e,
    );
    lock.files.push({
      path: '.claude/agents/mine.md',
      kind: 'file',
      platform: 'claude-code',
      blob: gitBlobSha(MINE),
    });
    fake.commitFiles(
      REPO,
      'main',
      {
        [LOCK_PATH]: serializeLock(lock),
        [generated]: MINE,
        [toml]: tomlMine,
        '.claude/agents/mine.md': MINE,
      },
      'forge',
    );
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    const after = filesOf(fake);
    expect([after[generated], after[toml], after['.claude/agents/mine.md']]).toEqual([MINE, tomlMine, MINE]);
    expect(run.summary).toContain('unmarked');
    expect(fake.problems).toEqual([]);
  });
});

describe('the GitHub host and links in the tree', () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'a symbolic link on a generated file',
      { '.claude/agents/blue-debugger.md': '../../README.md' },
      '120000',
    ],
    [
      'a symbolic link on a folder of generated files',
      { '.claude/agents': '../.github/workflows' },
      '120000',
    ],
    ['a symbolic link on a parent folder', { '.claude': '.github' }, '120000'],
    ['a submodule on a folder of generated files', { '.codex/agents': 'f'.repeat(40) }, '160000'],
    ['a submodule on a generated file', { '.codex/agents/blue-debugger.toml': 'e'.repeat(40) }, '160000'],
  ];

  it.each(cases)('%s: a clear error naming it, no commit (first sync)', async (_what, links, mode) => {
    const fake = fakeGitHub();
    fake.seed(REPO, { [MANIFEST_PATH]: MANIFEST, 'README.md': '# app\n' });
    fake.commitFiles(REPO, 'main', links, 'links', undefined, mode);
    const head = fake.repos.get(REPO)!.refs.get('main');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    const link = Object.keys(links)[0]!;
    expect(run.failed).toContain(`\`${link}\` is a ${mode === '120000' ? 'symbolic link' : 'submodule'}`);
    expect(run.failed).not.toContain('failed unexpectedly');
    expect(writesOf(run.requests)).toEqual([]);
    expect(fake.repos.get(REPO)!.refs.get('main')).toBe(head);
  });

  it.each([
    ['a symbolic link', '120000'],
    ['a submodule', '160000'],
  ])('%s on the folder of a lock entry that would be deleted: refused, no commit', async (what, mode) => {
    const fake = await synced();
    // The agent leaves the manifest (its files would be deleted), and its folder is now a link.
    const files = filesOf(fake);
    const gone = Object.keys(files).filter((p) => p.startsWith('.claude/agents/'));
    fake.commitFiles(
      REPO,
      'main',
      {
        [MANIFEST_PATH]: MANIFEST.replace('platforms: [claude-code, codex]', 'platforms: [codex]'),
        ...Object.fromEntries(gone.map((p) => [p, null])),
      },
      'drop claude',
    );
    fake.commitFiles(
      REPO,
      'main',
      { '.claude/agents': mode === '120000' ? '../src' : 'd'.repeat(40) },
      'link',
      undefined,
      mode,
    );
    const head = fake.repos.get(REPO)!.refs.get('main');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toContain(`\`.claude/agents\` is ${what}`);
    expect(writesOf(run.requests)).toEqual([]);
    expect(fake.repos.get(REPO)!.refs.get('main')).toBe(head);
  });
});
