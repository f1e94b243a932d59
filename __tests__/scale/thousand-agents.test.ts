// The 1,000-agent repository on every platform, end to end, against a fake GitHub that enforces github.com's
// limits (create-tree body, the GraphQL text cut, the recursive listing), and through the CLI. Not timed:
// `npm run bench` measures; these say the runs work and stay within the limits.
import { fakeGitHub, GITHUB_LIMITS } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { cli, readRepoFile, removeRepo, scratchRepo } from '../helpers/repo.js';
import { everyPlatformManifest, syntheticAgents } from '../helpers/synthetic-agents.js';

/** The bound on every request body. */
const ONE_MB = 1_000_000;

const LONG = 240_000;
const AGENTS = 1_000;
const seedFiles = { ...everyPlatformManifest(), ...syntheticAgents(AGENTS) };

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
      const lock = files['.github/blue-gardener.lock']!;
      // The lock is past GraphQL's 512,000-byte cut: the later run has to read it through REST.
      expect(Buffer.byteLength(lock)).toBeGreaterThan(GITHUB_LIMITS.graphqlBlobTextBytes);
      expect(JSON.parse(lock).files.length).toBeGreaterThan(AGENTS * 10);
      const trees = fake.requests.filter((r) => r.operation === 'git.createTree');
      expect(trees.length).toBeGreaterThan(1);
      for (const r of trees) expect(r.bodyBytes).toBeLessThanOrEqual(ONE_MB);
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
      expect(fake.requests.slice(before).some((r) => r.operation === 'git.getBlob')).toBe(true);
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
