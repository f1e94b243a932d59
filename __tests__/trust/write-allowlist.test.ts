import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/core/errors.js';
import type { FileChange } from '../../src/core/model.js';
import { checkWritablePath, isWritablePath } from '../../src/core/write-allowlist.js';
import { preparePlan } from '../../src/engine.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { createOctokit } from '../../src/hosts/github/client.js';
import { createCommit } from '../../src/hosts/github/commit.js';
import { readSnapshot } from '../../src/hosts/github/snapshot.js';
import { localHost } from '../../src/hosts/local.js';
import { memoryHost } from '../../src/hosts/memory.js';
import { platformGroups, platformIds } from '../../src/platforms/registry.js';
import { fakeGitHub } from '../helpers/fake-github.js';
import { removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';

const HOSTILE = [
  '.github/workflows/ci.yml',
  '.github/workflows/blue.yml',
  '.github/agents/../workflows/ci.yml',
  '.claude/agents/../../.github/workflows/ci.yml',
  '../outside.md',
  '/etc/passwd',
  'C:\\Windows\\x.md',
  '.claude\\agents\\x.md',
  '.claude/agents/nested/x.md',
  '.claude/agents//x.md',
  './AGENTS.md',
  'README.md',
  'package.json',
  '.github/blue-gardener/agents/custom.md',
  '.git/config',
  '.github/CODEOWNERS',
  '.claude/agents/',
  '.claude/agents/.',
  '.claude/agents/..',
  '/AGENTS.md',
  '/.claude/agents/x.md',
  '',
];

describe('the write allowlist', () => {
  it('admits every file any target generates, for every agent of the catalog', async () => {
    const paths: string[] = [];
    for (const group of platformGroups()) {
      const all = `version: 1\nplatforms: [${group.join(', ')}]\nprofiles: [core]\n`;
      const result = await preparePlan(memoryHost({ '.github/blue-gardener.yml': all }), bundledCatalog());
      paths.push(...result.plan.changes.map((c) => c.path));
    }
    expect(paths.length).toBeGreaterThan(platformIds.length);
    for (const p of paths) expect([p, isWritablePath(p)]).toEqual([p, true]);
  });

  it.each(HOSTILE)('refuses %s', (path) => {
    expect(isWritablePath(path)).toBe(false);
    expect(() => checkWritablePath(path)).toThrow(UserError);
  });

  const batch = (bad: string): FileChange[] => [
    { path: '.claude/agents/a.md', operation: 'create', content: 'fine\n' },
    { path: bad, operation: 'create', content: 'on: push\n' },
  ];

  it.each(HOSTILE.filter((p) => !p.includes('\\')))(
    'the local host writes nothing of a batch that holds %s',
    async (bad) => {
      const repo = scratchRepo({ '.github/workflows/ci.yml': 'on: pull_request\n' });
      try {
        const before = snapshot(repo);
        await expect(localHost(repo).apply(batch(bad))).rejects.toThrow(
          'outside the folders blue-gardener manages',
        );
        expect(snapshot(repo)).toEqual(before);
        expect(readdirSync(join(repo, '.github', 'workflows'))).toEqual(['ci.yml']);
      } finally {
        removeRepo(repo);
      }
    },
  );

  it.each(HOSTILE)('the GitHub host sends no request for a commit that holds %s', async (bad) => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { 'README.md': 'hi\n' });
    const octokit = createOctokit('t', { warning: () => undefined, debug: () => undefined }, {
      request: { fetch: fake.fetch },
      retry: { enabled: false },
      throttle: { enabled: false },
    } as never);
    const repo = { owner: 'acme', repo: 'web' };
    const snap = await readSnapshot(octokit, repo, undefined);
    const before = fake.requests.length;
    await expect(createCommit(octokit, repo, snap, batch(bad), 'x')).rejects.toThrow('outside the folders');
    expect(fake.requests.length).toBe(before);
  });
});
