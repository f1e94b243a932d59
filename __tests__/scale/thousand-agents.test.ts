// The 1,000-agent repository on every platform, end to end, against a fake GitHub that enforces github.com's
// limits (create-tree body, the GraphQL text cut, the recursive listing), and through the CLI. Not timed:
// `npm run bench` measures; these say the runs work and stay within the limits.
import { LOCK_PART_BUDGET } from '../../src/core/lock-parts.js';
import { isLockPartPath, LOCK_PATH } from '../../src/core/paths.js';
import { fakeGitHub, GITHUB_LIMITS } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { cli, readRepoFile, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { everyPlatformManifest, syntheticAgents } from '../helpers/synthetic-agents.js';

/** The bound on every request body. */
const ONE_MB = 1_000_000;

const LONG = 240_000;
const AGENTS = 1_000;
const seedFiles = { ...everyPlatformManifest(), ...syntheticAgents(AGENTS) };

/**
 * The lock's files of a repository (path → text) are its root and 16 parts, each within the budget (and so
 * within GraphQL's text cut); returns how many entries the parts hold.
 */
function lockFilesWithin(files: Record<string, string>): number {
  const root = JSON.parse(files[LOCK_PATH]!) as { files: unknown[]; parts: number };
  expect(root.files).toEqual([]);
  expect(root.parts).toBe(1);
  const parts = Object.keys(files).filter(isLockPartPath);
  expect(parts).toHaveLength(16);
  expect(LOCK_PART_BUDGET).toBeLessThanOrEqual(GITHUB_LIMITS.graphqlBlobTextBytes);
  for (const path of [LOCK_PATH, ...parts])
    expect({ [path]: Buffer.byteLength(files[path]!) <= LOCK_PART_BUDGET }).toEqual({ [path]: true });
  return parts.reduce((n, path) => n + (JSON.parse(files[path]!) as { files: unknown[] }).files.length, 0);
}

describe.each(['commit', 'pull-request'])('the action, %s mode, 1,000 agents × every platform', (mode) => {
  it(
    'first run and a later run work, every request within github.com limits',
    async () => {
      const fake = fakeGitHub();
      fake.seed('acme/big', seedFiles);
      const run = () =>
        runAction(fake, {
          event: mode === 'commit' ? 'push' : 'schedule',
          repo: 'acme/big',
          inputs: { mode, repository: 'acme/big' },
        });
      const first = await run();
      expect(first.failed).toBeUndefined();
      const branch =
        mode === 'commit' ? 'main' : [...fake.repos.get('acme/big')!.refs.keys()].find((b) => b !== 'main')!;
      const files = fake.filesAt('acme/big', branch);
      // The lock (2.7 MB in one file) is in parts, each within GraphQL's cut: every later run reads it in
      // GraphQL batches, and no blob of it is a request body over 1 MB.
      const entries = lockFilesWithin(files);
      expect(entries).toBeGreaterThan(AGENTS * 10);
      const trees = fake.requests.filter((r) => r.operation === 'git.createTree');
      expect(trees.length).toBeGreaterThan(1);
      // Every request of the run, not only the trees: blobs, commit, ref, pull request, GraphQL.
      expect(fake.requests.length).toBeGreaterThan(trees.length);
      for (const r of fake.requests)
        expect({ [r.operation]: r.bodyBytes <= ONE_MB }).toEqual({ [r.operation]: true });
      expect(fake.requests.filter((r) => r.operation === 'git.createCommit')).toHaveLength(1);

      if (mode === 'pull-request') {
        // Merge it, as a person would, then a later run finds nothing to do.
        const repo = fake.repos.get('acme/big')!;
        repo.refs.set('main', repo.refs.get(branch)!);
        repo.pulls.forEach((p) => (p.state = 'closed'));
      }
      const before = fake.requests.length;
      const later = await run();
      expect(later.failed).toBeUndefined();
      const writes = fake.requests
        .slice(before)
        .filter(
          (r) => r.method !== 'GET' && r.operation !== 'graphql.snapshot' && r.operation !== 'graphql.blobs',
        );
      expect(writes.filter((r) => r.operation.startsWith('git.create'))).toEqual([]);
      // Every text the later run reads is within GraphQL's cut, the lock's parts included: no REST reads.
      expect(fake.requests.slice(before).filter((r) => r.operation === 'git.getBlob')).toEqual([]);
      for (const r of fake.requests.slice(before))
        expect({ [r.operation]: r.bodyBytes <= ONE_MB }).toEqual({ [r.operation]: true });
      // About 4 MB of agent text: read in several GraphQL requests of at most 1 MB of text each.
      expect(
        fake.requests.slice(before).filter((r) => r.operation === 'graphql.blobs').length,
      ).toBeGreaterThanOrEqual(4);
      expect(fake.problems).toEqual([]);
    },
    LONG,
  );
});

describe('the CLI, 1,000 agents × every platform', () => {
  let dir: string;
  afterEach(() => removeRepo(dir));
  it(
    'first sync, a no-op sync and check all work; the Codex index fits its budget',
    async () => {
      dir = scratchRepo(seedFiles);
      const first = await cli(dir, 'sync');
      expect(first.stderr).not.toContain('error:');
      expect(first.code).toBe(0);
      const again = await cli(dir, 'sync');
      expect(again.code).toBe(0);
      const check = await cli(dir, 'check');
      expect(check.code).toBe(0);
      expect(lockFilesWithin(snapshot(dir))).toBeGreaterThan(AGENTS * 10);
      const agentsMd = readRepoFile(dir, 'AGENTS.md');
      expect(Buffer.byteLength(agentsMd)).toBeLessThanOrEqual(32 * 1024);
      expect(agentsMd).toContain('`team-agent-00000`'); // an orchestrator, listed first
      const more = /…and (\d+) more: every agent is a file in `\.codex\/agents\/`/.exec(agentsMd);
      const listed = agentsMd.match(/^- `team-agent-\d+` — /gm)!;
      expect(listed.length + Number(more![1])).toBe(AGENTS);
      // Every orchestrator (every 50th agent) is listed, ahead of the specialists.
      expect(listed.slice(0, AGENTS / 50)).toEqual(
        Array.from(
          { length: AGENTS / 50 },
          (_, i) => `- \`team-agent-${String(i * 50).padStart(5, '0')}\` — `,
        ),
      );
    },
    LONG,
  );
});
