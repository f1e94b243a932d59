import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';

/**
 * Issue 15, item 11 on the GitHub host: an update keeps a file's git mode. A file the user made executable
 * (100755) stays executable when we rewrite our block in it or update it, as the local host keeps its mode.
 */
const MANIFEST = '.github/blue-gardener.yml';
let fake: FakeGitHub;
afterEach(() => expect(fake.problems).toEqual([]));

function modesAtMain(): Record<string, string> {
  const repo = fake.repos.get('acme/web')!;
  const tree = repo.trees.get(repo.commits.get(repo.refs.get('main')!)!.tree)!;
  return Object.fromEntries([...tree].map(([p, e]) => [p, e.mode]));
}

describe('updates on GitHub keep a file’s mode', () => {
  it('an executable AGENTS.md stays 100755 when our block is written into it, and on the next update', async () => {
    fake = fakeGitHub();
    fake.seed('acme/web', { [MANIFEST]: 'version: 1\nplatforms: [codex]\nagents: [blue-react-developer]\n' });
    fake.commitFiles(
      'acme/web',
      'main',
      { 'AGENTS.md': '# Notes\n\nKeep this.\n' },
      'notes',
      undefined,
      '100755',
    );
    const first = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(first.failed).toBeUndefined();
    expect(fake.filesAt('acme/web', 'main')['AGENTS.md']).toContain('blue-react-developer');
    expect(modesAtMain()['AGENTS.md']).toBe('100755');

    fake.commitFiles(
      'acme/web',
      'main',
      {
        [MANIFEST]: 'version: 1\nplatforms: [codex]\nagents: [blue-react-developer, blue-debugger]\n',
      },
      'more',
    );
    const second = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(second.failed).toBeUndefined();
    expect(fake.filesAt('acme/web', 'main')['AGENTS.md']).toContain('blue-debugger');
    expect(modesAtMain()['AGENTS.md']).toBe('100755');
    // Files we create are plain files.
    expect(modesAtMain()['.codex/agents/blue-debugger.toml']).toBe('100644');
  });
});
