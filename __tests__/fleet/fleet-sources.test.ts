import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeGitHub } from '../helpers/fake-github.js';
import { fleetRoutes, type OrgRepo } from '../helpers/fake-fleet.js';
import { runAction } from '../helpers/action-harness.js';
import { sourceAgent } from '../helpers/git-source.js';
import type { RepoResult } from '../../src/fleet/result.js';

/** The organisation's shared manifest: its own catalog as a source, and only its own owner allowed. */
const SHARED =
  'version: 1\nplatforms: [claude-code]\nallowed-sources: [acme]\nsources:\n  acme: acme/ai-catalog/agents@main\nagents: [acme/reviewer]\n';
const EXTENDS =
  'version: 1\nextends: acme/platform/.github/blue-gardener.yml@main\nagents: [blue-docker-specialist]\n';
const DEFAULT = 'acme/platform/.github/blue-gardener.yml@main';
const name = (i: number) => `svc-${i}`;
/** Six repositories: four extend the shared manifest, two have none and use it as `default-manifest`. */
const extending = (i: number) => i < 4;

/**
 * Issue 17's fleet: an organisation keeps its agents in one catalog repository; repositories get them
 * through `sources:` in the shared manifest; a scheduled fleet run in `mode: update` opens the update pull
 * requests, and a declined one stays declined until the catalog moves on.
 */
it('a fleet with an organisation catalog: sync pins it, a scheduled update run opens one update pull request per repository', async () => {
  const fake = fakeGitHub();
  fake.seed('acme/ai-catalog', { 'agents/reviewer.md': sourceAgent('reviewer') });
  const first = fake.repos.get('acme/ai-catalog')!.refs.get('main')!;
  fake.seed('acme/platform', { '.github/blue-gardener.yml': SHARED });
  const listing: OrgRepo[] = [{ name: 'platform' }, { name: 'ai-catalog' }];
  for (let i = 0; i < 6; i++) {
    listing.push({ name: name(i) });
    fake.seed(`acme/${name(i)}`, {
      'README.md': `# ${name(i)}\n`,
      ...(extending(i) ? { '.github/blue-gardener.yml': EXTENDS } : {}),
    });
  }
  fleetRoutes(fake, { acme: listing });
  const discover = await runAction(fake, {
    event: 'schedule',
    repo: 'acme/platform',
    inputs: { mode: 'discover', organization: 'acme', exclude: 'platform, ai-catalog' },
  });
  expect(discover.failed).toBeUndefined();
  const matrix = JSON.parse(discover.outputs['matrix']!) as { include: { repositories: string }[] };

  async function fleetRun(mode: string) {
    const dir = mkdtempSync(join(tmpdir(), `fleet-${mode}-`));
    for (const entry of matrix.include) {
      const job = await runAction(fake, {
        event: 'schedule',
        repo: 'acme/platform',
        inputs: { mode, repositories: entry.repositories, results: dir, 'default-manifest': DEFAULT },
      });
      expect(job.failed).toBeUndefined();
    }
    const aggregate = await runAction(fake, {
      event: 'schedule',
      repo: 'acme/platform',
      inputs: { mode: 'aggregate', results: dir, repositories: discover.outputs['repositories']! },
    });
    const results = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RepoResult);
    const byResult: Record<string, string[]> = {};
    for (const r of results) (byResult[r.result] ??= []).push(r.repository);
    for (const list of Object.values(byResult)) list.sort();
    return { results, byResult, aggregate };
  }
  const all = Array.from({ length: 6 }, (_, i) => `acme/${name(i)}`);

  // The fleet syncs (commit mode): every repository installs the catalog's agent, pinned at its commit.
  const synced = await fleetRun('commit');
  expect(synced.byResult).toEqual({ committed: all });
  for (const repo of all) {
    const files = fake.filesAt(repo, 'main');
    expect(files['.claude/agents/reviewer.md']).toContain('You review reviewer changes');
    expect(JSON.parse(files['.github/blue-gardener.lock']!).sources.acme.commit).toBe(first);
  }

  // The catalog moves on; a scheduled update run opens one update pull request in each repository.
  const second = fake.commitFiles(
    'acme/ai-catalog',
    'main',
    { 'agents/reviewer.md': sourceAgent('reviewer', 'The organisation changed its review rules.') },
    'new rules',
  );
  const updated = await fleetRun('update');
  expect(updated.byResult).toEqual({ 'pull-request-created': all });
  for (const repo of all) {
    const pulls = fake.repos.get(repo)!.pulls;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.head).toBe('blue-gardener/update');
    expect(pulls[0]!.body).toContain(`https://github.com/acme/ai-catalog/compare/${first}...${second}`);
    expect(fake.filesAt(repo, 'blue-gardener/update')['.claude/agents/reviewer.md']).toContain(
      'The organisation changed its review rules.',
    );
  }
  expect(updated.aggregate.summary).toContain('6 pull request opened');
  // Requests per repository for an update run (catalog read included), measured on the fake.
  const perRepo = (run: typeof updated) =>
    Object.fromEntries(run.results.map((r) => [r.repository, r.requests] as const).sort());
  const each = (own: number, byDefault: number) =>
    Object.fromEntries(all.map((r, i) => [r, extending(i) ? own : byDefault]));
  // A commit: the repository, its manifest's shared one, the new source (4), the commit (3).
  expect(perRepo(synced)).toEqual(each(11, 10));
  // An update: the repository (3) and the shared manifest, the source at its new commit (4) and at the
  // locked one (3, the base of the merge of hand edits), the closed pull requests (1), the branch and its
  // commit (3), the pull request (1).
  expect(perRepo(updated)).toEqual(each(17, 17));

  // svc-1 closes its update pull request unmerged: the next run leaves it declined, the others open.
  fake.repos.get('acme/svc-1')!.pulls[0]!.state = 'closed';
  const again = await fleetRun('update');
  expect(again.byResult).toEqual({
    'pull-request-open': all.filter((r) => r !== 'acme/svc-1'),
    'update-declined': ['acme/svc-1'],
  });
  expect(again.aggregate.summary).toContain('1 source update declined (pull request closed)');
  expect(fake.repos.get('acme/svc-1')!.pulls).toHaveLength(1);

  // The catalog moves again: svc-1 gets a new update pull request; the others are updated in place.
  fake.commitFiles(
    'acme/ai-catalog',
    'main',
    { 'agents/reviewer.md': sourceAgent('reviewer', 'The rules changed once more.') },
    'more rules',
  );
  const moved = await fleetRun('update');
  expect(moved.byResult).toEqual({
    'pull-request-created': ['acme/svc-1'],
    'pull-request-updated': all.filter((r) => r !== 'acme/svc-1'),
  });
  expect(fake.problems).toEqual([]);
}, 120_000);
