import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { fleetRoutes, type OrgRepo } from '../helpers/fake-fleet.js';
import { runAction } from '../helpers/action-harness.js';

let fake: FakeGitHub;
afterEach(() => expect(fake.problems).toEqual([]));

/** 230 repositories: three pages of 100. Every 10th archived, every 15th a fork, one disabled. */
function acme(): OrgRepo[] {
  return Array.from({ length: 230 }, (_, i) => ({
    name: `svc-${String(i).padStart(3, '0')}`,
    archived: i % 10 === 9,
    fork: i % 15 === 14,
    disabled: i === 100,
    topics: i % 2 === 0 ? ['agents'] : ['legacy'],
  }));
}

const discover = (inputs: Record<string, string>) =>
  runAction(fake, {
    event: 'workflow_dispatch',
    repo: 'acme/fleet',
    inputs: { mode: 'discover', ...inputs },
  });

const matrixOf = (outputs: Record<string, string>) =>
  JSON.parse(outputs['matrix']!) as { include: { repositories: string; label: string }[] };

describe('discover', () => {
  beforeEach(() => {
    fake = fakeGitHub();
    fleetRoutes(fake, {
      acme: acme(),
      tiny: [{ name: 'Web' }, { name: 'api' }, { name: 'api-old', archived: true }],
    });
  });

  it('follows the pagination of an organisation listing and skips archived, disabled and forked repositories', async () => {
    const result = await discover({ organization: 'acme' });
    expect(result.failed).toBeUndefined();
    expect(
      result.requests.map((r) => [r.operation, new URLSearchParams(r.query).get('page') ?? '1']),
    ).toEqual([
      ['repos.listForOrg', '1'],
      ['repos.listForOrg', '2'],
      ['repos.listForOrg', '3'],
    ]);
    expect(new URLSearchParams(result.requests[0]!.query).get('per_page')).toBe('100');
    const repos = JSON.parse(result.outputs['repositories']!) as string[];
    // 230 − 23 archived − 15 forks (+1 both archived and fork: svc-029, svc-059, …) − 1 disabled
    const expected = acme()
      .filter((r) => !r.archived && !r.fork && !r.disabled)
      .map((r) => `acme/${r.name}`);
    expect(repos).toEqual(expected);
    expect(result.outputs['count']).toBe(String(expected.length));
    expect(repos).not.toContain('acme/svc-009'); // archived
    expect(repos).not.toContain('acme/svc-014'); // fork
    expect(repos).not.toContain('acme/svc-100'); // disabled
    // Under the matrix limit: one repository per job.
    expect(matrixOf(result.outputs).include).toHaveLength(expected.length);
    expect(matrixOf(result.outputs).include[0]).toEqual({
      repositories: 'acme/svc-000',
      label: 'acme/svc-000',
      owner: 'acme',
      names: 'svc-000',
    });
    expect(result.summary).toContain('Skipped: ');
    expect(result.logs).toContain('skipped acme/svc-009: archived');
  });

  it('keeps archived repositories and forks when asked, but never disabled ones', async () => {
    const result = await discover({
      organization: 'acme',
      'include-archived': 'true',
      'include-forks': 'true',
    });
    expect(JSON.parse(result.outputs['repositories']!)).toHaveLength(229);
  });

  it('applies include and exclude patterns, on the name or on owner/name, ignoring case', async () => {
    const result = await discover({
      organization: 'acme',
      include: 'svc-0{0,1}?',
      exclude: 'acme/svc-00*\nsvc-01[',
    });
    expect(JSON.parse(result.outputs['repositories']!)).toEqual([
      'acme/svc-010',
      'acme/svc-011',
      'acme/svc-012',
      'acme/svc-013',
      'acme/svc-015',
      'acme/svc-016',
      'acme/svc-017',
      'acme/svc-018',
    ]);
    const upper = await discover({ organization: 'tiny', include: 'WEB' });
    expect(JSON.parse(upper.outputs['repositories']!)).toEqual(['tiny/Web']);
  });

  it('filters by topic, and takes an explicit list as it is', async () => {
    const result = await discover({ organization: 'acme', topic: 'agents', include: 'svc-00*' });
    expect(JSON.parse(result.outputs['repositories']!)).toEqual([
      'acme/svc-000',
      'acme/svc-002',
      'acme/svc-004',
      'acme/svc-006',
      'acme/svc-008',
    ]);
    const listed = await discover({ repositories: 'acme/b, acme/a\nacme/A', topic: 'agents' });
    expect(listed.requests).toEqual([]);
    expect(JSON.parse(listed.outputs['repositories']!)).toEqual(['acme/a', 'acme/b']);
  });

  it('lists the installation’s repositories when neither an organisation nor a list is given', async () => {
    fake = fakeGitHub();
    fleetRoutes(fake, {}, ['acme/web', 'acme/api']);
    const result = await discover({});
    expect(result.requests.map((r) => r.operation)).toEqual(['apps.listReposAccessibleToInstallation']);
    expect(JSON.parse(result.outputs['repositories']!)).toEqual(['acme/api', 'acme/web']);
  });

  it('says how to fix an organisation it cannot see, and rejects a bad max-jobs', async () => {
    const missing = await discover({ organization: 'nobody' });
    expect(missing.failed).toContain('organisation `nobody` was not found');
    expect(missing.failed).toContain('GitHub App installation token');
    const bad = await discover({ organization: 'acme', 'max-jobs': '300' });
    expect(bad.failed).toContain('max-jobs');
    expect(bad.requests).toEqual([]);
  });

  it('packs a fleet above the matrix limit into at most max-jobs jobs', async () => {
    fake = fakeGitHub();
    fleetRoutes(fake, {
      big: Array.from({ length: 1000 }, (_, i) => ({ name: `r${String(i).padStart(4, '0')}` })),
    });
    const result = await discover({ organization: 'big' });
    expect(result.requests).toHaveLength(10);
    const matrix = matrixOf(result.outputs);
    expect(matrix.include).toHaveLength(250);
    expect(matrix.include[0]).toEqual({
      repositories: 'big/r0000 big/r0001 big/r0002 big/r0003',
      label: 'big/r0000 (+3)',
      owner: 'big',
      names: 'r0000,r0001,r0002,r0003',
    });
    expect(matrix.include.flatMap((e) => e.repositories.split(' '))).toEqual(
      JSON.parse(result.outputs['repositories']!),
    );
    const fewer = await discover({ organization: 'big', 'max-jobs': '20' });
    expect(matrixOf(fewer.outputs).include).toHaveLength(20);
    expect(fewer.summary).toContain('20 job(s), up to 50 repositories each');
  });
});
