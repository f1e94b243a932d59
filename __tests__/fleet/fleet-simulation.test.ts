import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeGitHub } from '../helpers/fake-github.js';
import { fleetRoutes, type OrgRepo } from '../helpers/fake-fleet.js';
import { runAction } from '../helpers/action-harness.js';
import type { RepoResult } from '../../src/fleet/result.js';

const OWN = 'version: 1\nplatforms: [claude-code]\nagents: [blue-docker-specialist]\n';
const EXTENDS = 'version: 1\nextends: acme/platform/.github/blue-gardener.yml@main\n';
const SHARED = 'version: 1\nplatforms: [claude-code]\nagents: [blue-react-developer]\n';
const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;
/** 300 active repositories: 270 with their own manifest, 20 extending the shared one, 10 with none. */
const kind = (i: number) => (i % 30 === 7 ? 'none' : i % 15 === 3 ? 'extends' : 'own');
const FAILING = 'acme/svc-137';

/**
 * The acceptance of issue 10: discover → one job per matrix entry → aggregate, on 300 repositories of a fake
 * GitHub, as the workflow in examples/fleet.yml runs it. One repository fails (GitHub answers 502 on its
 * write); its neighbour in the same job and every other repository are handled. The request count of each
 * repository is measured, on a first run (everything changes), a second (nothing changes) and a third
 * (the shared manifest changed).
 */
it('a fleet of 300 repositories: discover, sync in isolation, aggregate', async () => {
  const fake = fakeGitHub();
  const listing: OrgRepo[] = [{ name: 'platform' }];
  fake.seed('acme/platform', { '.github/blue-gardener.yml': SHARED });
  for (let i = 0; i < 300; i++) {
    listing.push({ name: name(i) });
    const k = kind(i);
    fake.seed(`acme/${name(i)}`, {
      'README.md': `# ${name(i)}\n`,
      ...(k === 'none' ? {} : { '.github/blue-gardener.yml': k === 'own' ? OWN : EXTENDS }),
    });
  }
  for (let i = 0; i < 6; i++) listing.push({ name: `old-${i}`, archived: true });
  for (let i = 0; i < 4; i++) listing.push({ name: `fork-${i}`, fork: true });
  fleetRoutes(fake, { acme: listing });
  let faultOn = true;
  fake.hooks.push((r) =>
    faultOn && r.method === 'POST' && r.path === `/repos/${FAILING}/git/trees`
      ? { status: 502, body: { message: 'Server Error' } }
      : undefined,
  );

  const discover = await runAction(fake, {
    event: 'schedule',
    repo: 'acme/platform',
    inputs: { mode: 'discover', organization: 'acme', exclude: 'platform' },
  });
  expect(discover.failed).toBeUndefined();
  expect(discover.requests.map((r) => r.operation)).toEqual(Array(4).fill('repos.listForOrg'));
  const repositories = JSON.parse(discover.outputs['repositories']!) as string[];
  expect(repositories).toHaveLength(300);
  const matrix = JSON.parse(discover.outputs['matrix']!) as { include: { repositories: string }[] };
  expect(matrix.include).toHaveLength(150); // above 256: two repositories per job

  async function fleetRun(dir: string) {
    const jobs = [];
    for (const entry of matrix.include) {
      jobs.push(
        await runAction(fake, {
          event: 'schedule',
          repo: 'acme/platform',
          inputs: { repositories: entry.repositories, results: dir, onboarding: 'true' },
        }),
      );
    }
    const aggregate = await runAction(fake, {
      event: 'schedule',
      repo: 'acme/platform',
      inputs: { mode: 'aggregate', results: dir, repositories: discover.outputs['repositories']! },
    });
    const results = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RepoResult);
    /** result kind → request counts seen for it → how many repositories. */
    const counts: Record<string, Record<number, number>> = {};
    for (const r of results) {
      const key = `${kind(Number(r.repository.slice(-3)))}:${r.result}`;
      counts[key] ??= {};
      counts[key][r.requests] = (counts[key][r.requests] ?? 0) + 1;
    }
    return { jobs, aggregate, results, counts };
  }

  // First run: every repository changes.
  const first = await fleetRun(mkdtempSync(join(tmpdir(), 'fleet-1-')));
  expect(first.results).toHaveLength(300);
  expect(first.counts).toEqual({
    'own:pull-request-created': { 7: 269 },
    'own:failed': { 4: 1 },
    'extends:pull-request-created': { 8: 20 },
    'none:onboarding-created': { 6: 10 },
  });
  const failedJobs = first.jobs.filter((j) => j.failed);
  expect(failedJobs).toHaveLength(1);
  expect(failedJobs[0]!.failed).toContain(`1 of 2 repositories failed: ${FAILING}`);
  // Its neighbour in the same job was handled.
  const neighbour = first.results.find((r) => r.repository === 'acme/svc-136')!;
  expect(neighbour.result).toBe('pull-request-created');
  expect(first.aggregate.failed).toBe(`1 of 300 repositories need attention: ${FAILING}`);
  expect(first.aggregate.summary).toContain('289 pull request opened');
  expect(first.aggregate.summary).toContain('10 onboarding pull request opened');
  expect(first.aggregate.summary).toMatch(
    /- `acme\/svc-137`: GitHub answered 502 while creating the commit.s tree/,
  );
  expect(fake.problems).toEqual([]);

  // Second run: GitHub is well again; nothing else changed.
  faultOn = false;
  const second = await fleetRun(mkdtempSync(join(tmpdir(), 'fleet-2-')));
  expect(second.counts).toEqual({
    'own:pull-request-open': { 3: 269 },
    'own:pull-request-created': { 7: 1 },
    'extends:pull-request-open': { 4: 20 },
    'none:onboarding-open': { 2: 10 },
  });
  expect(second.aggregate.failed).toBeUndefined();
  expect(second.aggregate.summary).toContain('300 repositories, all fine');

  // Third run: the shared manifest changes; only the 20 repositories that extend it get an update.
  fake.commitFiles(
    'acme/platform',
    'main',
    {
      '.github/blue-gardener.yml': SHARED.replace(
        '[blue-react-developer]',
        '[blue-react-developer, blue-seo-specialist]',
      ),
    },
    'add seo to the shared manifest',
  );
  const third = await fleetRun(mkdtempSync(join(tmpdir(), 'fleet-3-')));
  expect(third.counts).toEqual({
    'own:pull-request-open': { 3: 270 },
    'extends:pull-request-updated': { 8: 20 },
    'none:onboarding-open': { 2: 10 },
  });
  expect(third.aggregate.failed).toBeUndefined();
  expect(fake.problems).toEqual([]);
}, 180_000);
