import { paceWrites, type Clock } from '../../src/fleet/pacing.js';
import { createOctokit } from '../../src/hosts/github/client.js';
import { fakeGitHub } from '../helpers/fake-github.js';

/** A clock that only moves when someone sleeps: the waits are exact and the test takes no time. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms) };
}

describe('paceWrites', () => {
  const setup = () => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { 'README.md': '# web\n' });
    const octokit = createOctokit('t', { warning: () => undefined, debug: () => undefined }, {
      request: { fetch: fake.fetch },
      throttle: { enabled: false },
      retry: { enabled: false },
    } as never);
    const tree = () =>
      octokit.rest.git.createTree({
        owner: 'acme',
        repo: 'web',
        tree: [{ path: 'a.md', mode: '100644', type: 'blob', content: 'a' }],
      });
    return { fake, octokit, tree };
  };

  it('spaces content-creating requests by the interval, one at a time, and leaves reads alone', async () => {
    const { fake, octokit, tree } = setup();
    const { clock, sleeps, advance } = fakeClock();
    paceWrites(octokit, 5000, clock);
    await tree();
    await Promise.all([tree(), tree()]); // concurrent writes still go one after the other
    await octokit.rest.pulls.list({ owner: 'acme', repo: 'web' });
    await octokit.graphql(
      'query BlueGardenerBlobs($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }',
      {
        owner: 'acme',
        name: 'web',
      },
    );
    expect(sleeps).toEqual([5000, 5000]);
    advance(2000); // time spent elsewhere counts towards the interval
    await tree();
    expect(sleeps).toEqual([5000, 5000, 3000]);
    expect(fake.requests.map((r) => r.operation).filter((o) => o === 'git.createTree')).toHaveLength(4);
    expect(fake.problems).toEqual([]);
  });

  it('does nothing with an interval of 0', async () => {
    const { octokit, tree } = setup();
    const { clock, sleeps } = fakeClock();
    paceWrites(octokit, 0, clock);
    await tree();
    await tree();
    expect(sleeps).toEqual([]);
  });
});
