import { gitBlobSha } from '../../src/core/hash.js';
import { partPath } from '../../src/core/lock-parts.js';
import { isLockPartPath, LOCK_PATH } from '../../src/core/paths.js';
import { runAction } from '../helpers/action-harness.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { everyPlatformManifest, syntheticAgents } from '../helpers/synthetic-agents.js';

/**
 * A lock in parts through the action (issue 18), against the fake GitHub with github.com's limits: written in
 * the commit, read back in the GraphQL text requests, and a part edited or deleted by hand on the branch
 * refused before any write. 200 synthetic agents on every platform: a 545 KB lock, in 16 parts.
 */
const LONG = 120_000;
const REPO = 'acme/parts';

async function synced(): Promise<FakeGitHub> {
  const fake = fakeGitHub();
  fake.seed(REPO, { ...everyPlatformManifest(), ...syntheticAgents(200) });
  const first = await commitRun(fake);
  expect(first.failed).toBeUndefined();
  return fake;
}
const commitRun = (fake: FakeGitHub) =>
  runAction(fake, { event: 'push', repo: REPO, inputs: { mode: 'commit', repository: REPO } });
const since = (fake: FakeGitHub, count: number) => fake.requests.slice(count).map((r) => r.operation);

it(
  'writes the parts in the commit and reads them back in the GraphQL text requests: a later run writes nothing',
  async () => {
    const fake = await synced();
    const files = fake.filesAt(REPO, 'main');
    expect(JSON.parse(files[LOCK_PATH]!)).toMatchObject({ files: [], parts: 1, agents: {} });
    expect(Object.keys(files).filter(isLockPartPath)).toHaveLength(16);
    const before = fake.requests.length;
    const later = await commitRun(fake);
    expect(later.failed).toBeUndefined();
    const operations = since(fake, before);
    expect(operations.filter((o) => o.startsWith('git.create') || o === 'git.getBlob')).toEqual([]);
    expect(fake.problems).toEqual([]);
  },
  LONG,
);

describe('a part changed by hand on the branch is refused before any write', () => {
  it.each([
    ['deleted', () => null, 'is missing'],
    [
      'naming a workflow',
      (text: string) => {
        const part = JSON.parse(text);
        part.files[0].path = '.github/workflows/release.yml';
        return JSON.stringify(part);
      },
      'a path outside the folders blue-gardener writes',
    ],
    ['not JSON', () => '{', 'not valid JSON'],
  ])(
    '%s',
    async (_, edit, message) => {
      const fake = await synced();
      const path = partPath('c');
      fake.commitFiles(REPO, 'main', { [path]: edit(fake.filesAt(REPO, 'main')[path]!) }, 'by hand');
      const before = fake.requests.length;
      const run = await commitRun(fake);
      expect(run.failed).toContain(message);
      expect(run.failed).toContain(path);
      expect(run.failed).toContain(`git checkout -- ${path}`);
      expect(run.failed).not.toContain('failed unexpectedly');
      expect(since(fake, before).filter((o) => o.startsWith('git.create') || o === 'git.updateRef')).toEqual(
        [],
      );
    },
    LONG,
  );
});

it(
  'deletes a leftover part of ours in its commit, and never a person’s file in the parts folder',
  async () => {
    const fake = await synced();
    const theirs = {
      '.github/blue-gardener.lock.d/README.md': '# notes\n',
      '.github/blue-gardener.lock.d/zz.json': '{"mine": true}\n',
    };
    fake.commitFiles(REPO, 'main', { ...theirs, [partPath('0a')]: '{}\n' }, 'by hand');
    const run = await commitRun(fake);
    expect(run.failed).toBeUndefined();
    const files = fake.filesAt(REPO, 'main');
    expect(files[partPath('0a')]).toBeUndefined();
    for (const [path, text] of Object.entries(theirs)) expect(files[path]).toBe(text);
    expect(Object.keys(files).filter(isLockPartPath)).toHaveLength(16);
    // Only our names are read there: a person's file in the folder (it could be binary) is asked for in no
    // request, while a part is (blobs are asked for by their SHA).
    const bodies = run.requests.map((r) => JSON.stringify(r.body ?? ''));
    const asked = (text: string) => bodies.filter((b) => b.includes(gitBlobSha(text))).length;
    expect(asked(files[partPath('0')]!)).toBeGreaterThan(0);
    for (const text of Object.values(theirs)) expect(asked(text)).toBe(0);
  },
  LONG,
);
