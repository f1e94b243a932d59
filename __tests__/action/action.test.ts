import { BEGIN_MARKER } from '../../src/core/markers.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction, TOKEN } from '../helpers/action-harness.js';
import { TRAILER_PLAN } from '../../src/hosts/github/land.js';

const manifest =
  'version: 1\nplatforms: [claude-code, codex]\nagents:\n  - blue-react-developer\n  - blue-docker-specialist\n';
let fake: FakeGitHub;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/web', {
    '.github/blue-gardener.yml': manifest,
    'AGENTS.md': '# Team notes\n',
    'src/index.ts': 'export {};\n',
  });
});
afterEach(() => expect(fake.problems).toEqual([]));

const ops = (requests: { operation: string }[]) => requests.map((r) => r.operation);

describe('the action, commit mode', () => {
  it('commits every generated file in one commit, in six requests, then is idempotent in three', async () => {
    const first = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(first.failed).toBeUndefined();
    expect(ops(first.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.blobs',
      'git.createTree',
      'git.createCommit',
      'git.updateRef',
    ]);
    expect(first.outputs['changed']).toBe('true');
    expect(JSON.parse(first.outputs['files']!)).toContainEqual({
      path: '.claude/agents/blue-react-developer.md',
      operation: 'create',
    });
    expect(first.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
    const files = fake.filesAt('acme/web', 'main');
    expect(files['AGENTS.md']!.startsWith(`# Team notes\n${BEGIN_MARKER}`)).toBe(true);
    expect(files['.codex/agents/blue-docker-specialist.toml']).toContain('developer_instructions');
    expect(first.summary).toContain('| `.claude/agents/blue-react-developer.md` | create |');

    const second = await runAction(fake, { event: 'schedule', inputs: { mode: 'commit' } });
    expect(second.failed).toBeUndefined();
    expect(ops(second.requests)).toEqual(['graphql.snapshot', 'git.getTree', 'graphql.blobs']);
    expect(second.outputs['changed']).toBe('false');
  });

  it('re-plans when the branch moves between plan and commit, and keeps the other commit', async () => {
    let moved = false;
    fake.hooks.push((r) => {
      if (r.method === 'POST' && r.path.endsWith('/git/commits') && !moved) {
        moved = true;
        fake.commitFiles('acme/web', 'main', { 'README.md': 'someone else\n' }, 'concurrent push');
      }
    });
    const result = await runAction(fake, { event: 'workflow_dispatch', inputs: { mode: 'commit' } });
    expect(result.failed).toBeUndefined();
    expect(ops(result.requests).filter((o) => o === 'git.updateRef')).toHaveLength(2);
    const files = fake.filesAt('acme/web', 'main');
    expect(files['README.md']).toBe('someone else\n');
    expect(files['.claude/agents/blue-react-developer.md']).toBeDefined();
  });

  it('says how to fix branch protection instead of failing obscurely', async () => {
    fake.hooks.push((r) =>
      r.method === 'PATCH' && r.path.includes('/git/refs/')
        ? { status: 422, body: { message: 'Protected branch update failed for refs/heads/main.' } }
        : undefined,
    );
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(result.failed).toContain('branch protection refused');
    expect(result.failed).toContain('mode: pull-request');
  });
});

describe('the action, pull-request mode', () => {
  it('opens one pull request from a stable branch, updates it in place, and closes it when nothing is left', async () => {
    const first = await runAction(fake, { event: 'schedule', inputs: { labels: 'agents, automation' } });
    expect(first.failed).toBeUndefined();
    expect(ops(first.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.blobs',
      'git.createTree',
      'git.createCommit',
      'git.createRef',
      'pulls.create',
      'issues.addLabels',
    ]);
    expect(first.outputs).toMatchObject({
      changed: 'true',
      'pull-request-operation': 'created',
      'pull-request-number': '1',
    });
    const repo = fake.repos.get('acme/web')!;
    expect(repo.pulls[0]).toMatchObject({
      head: 'blue-gardener/sync',
      base: 'main',
      labels: ['agents', 'automation'],
    });
    expect(repo.pulls[0]!.body).toContain('.claude/agents/blue-react-developer.md');
    expect(fake.filesAt('acme/web', 'main')['.claude/agents/blue-react-developer.md']).toBeUndefined();

    // Nothing changed: no commit, no update.
    const again = await runAction(fake, { event: 'schedule' });
    expect(ops(again.requests)).toEqual(['graphql.snapshot', 'git.getTree', 'graphql.blobs']);
    expect(again.outputs['pull-request-operation']).toBe('none');

    // The manifest changes on main: the same pull request is updated.
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': `${manifest}  - blue-seo-specialist\n` },
      'add seo',
    );
    const updated = await runAction(fake, { event: 'push' });
    expect(updated.outputs['pull-request-operation']).toBe('updated');
    expect(ops(updated.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.blobs',
      'git.createTree',
      'git.createCommit',
      'git.updateRef',
      'pulls.update',
    ]);
    expect(repo.pulls).toHaveLength(1);
    expect(
      fake.filesAt('acme/web', 'blue-gardener/sync')['.claude/agents/blue-seo-specialist.md'],
    ).toBeDefined();

    // Someone merges the generated files into main: the pull request is closed.
    fake.commitFiles('acme/web', 'main', fake.filesAt('acme/web', 'blue-gardener/sync'), 'merge');
    const closed = await runAction(fake, { event: 'push' });
    expect(closed.outputs['pull-request-operation']).toBe('closed');
    expect(repo.pulls[0]!.state).toBe('closed');
  });

  it('updates the pull request another run created between our read and our create', async () => {
    fake.hooks.push((r) => {
      if (
        r.method === 'POST' &&
        r.path.endsWith('/pulls') &&
        fake.repos.get('acme/web')!.pulls.length === 0
      ) {
        fake.repos.get('acme/web')!.pulls.push({
          number: 7,
          head: 'blue-gardener/sync',
          base: 'main',
          title: 'other run',
          body: 'x',
          state: 'open',
          draft: false,
          labels: [],
        });
      }
    });
    const result = await runAction(fake, { event: 'push' });
    expect(result.failed).toBeUndefined();
    expect(result.outputs['pull-request-operation']).toBe('updated');
    expect(result.outputs['pull-request-number']).toBe('7');
    expect(fake.repos.get('acme/web')!.pulls).toHaveLength(1);
  });

  it('stops instead of force-pushing over someone else’s commit on our branch', async () => {
    await runAction(fake, { event: 'push' });
    fake.commitFiles('acme/web', 'blue-gardener/sync', { 'notes.md': 'mine\n' }, 'a human commit');
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': `${manifest}  - blue-seo-specialist\n` },
      'add seo',
    );
    const result = await runAction(fake, { event: 'push' });
    expect(result.failed).toContain('someone else pushed to `blue-gardener/sync`');
    expect(fake.filesAt('acme/web', 'blue-gardener/sync')['notes.md']).toBe('mine\n');
    expect(ops(result.requests)).not.toContain('git.updateRef');
  });

  it('never loses a commit pushed to our branch between our read and our update: re-plans and stops', async () => {
    await runAction(fake, { event: 'push' });
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': `${manifest}  - blue-seo-specialist\n` },
      'add seo',
    );
    let pushed = false;
    fake.hooks.push((r) => {
      if (r.method === 'POST' && r.path.endsWith('/git/commits') && !pushed) {
        pushed = true;
        fake.commitFiles('acme/web', 'blue-gardener/sync', { 'notes.md': 'mine\n' }, 'a human commit');
      }
    });
    const result = await runAction(fake, { event: 'push' });
    expect(pushed).toBe(true);
    expect(result.failed).toContain('someone else pushed to `blue-gardener/sync`');
    expect(fake.filesAt('acme/web', 'blue-gardener/sync')['notes.md']).toBe('mine\n');
  });

  it('another run creates our branch between our read and our write: we plan again on top of its commit', async () => {
    let raced = false;
    fake.hooks.push((r) => {
      if (r.method === 'POST' && r.path.endsWith('/git/commits') && !raced) {
        raced = true;
        const main = fake.repos.get('acme/web')!.refs.get('main');
        fake.commitFiles(
          'acme/web',
          'blue-gardener/sync',
          { 'AGENTS.md': 'an older proposal\n' },
          `chore(agents): regenerate\n\n${TRAILER_PLAN} 0000\n`,
          main,
        );
      }
    });
    const result = await runAction(fake, { event: 'push' });
    expect(result.failed).toBeUndefined();
    const writes = ops(result.requests).filter((o) => o.startsWith('git.') && o !== 'git.getTree');
    expect(writes).toEqual([
      'git.createTree',
      'git.createCommit',
      'git.createRef',
      'git.createTree',
      'git.createCommit',
      'git.updateRef',
    ]);
    const repo = fake.repos.get('acme/web')!;
    expect(repo.pulls.filter((p) => p.state === 'open')).toHaveLength(1);
    expect(
      fake.filesAt('acme/web', 'blue-gardener/sync')['.claude/agents/blue-react-developer.md'],
    ).toBeDefined();
  });

  it('updates our branch as a fast forward: the new commit also descends from our previous one', async () => {
    await runAction(fake, { event: 'push' });
    const previous = fake.repos.get('acme/web')!.refs.get('blue-gardener/sync')!;
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': `${manifest}  - blue-seo-specialist\n` },
      'add seo',
    );
    const result = await runAction(fake, { event: 'push' });
    expect(result.failed).toBeUndefined();
    const repo = fake.repos.get('acme/web')!;
    const head = repo.commits.get(repo.refs.get('blue-gardener/sync')!)!;
    expect(head.parents).toEqual([repo.refs.get('main'), previous]);
    const update = result.requests.find((r) => r.operation === 'git.updateRef')!;
    expect(update.body).toMatchObject({ force: false });
  });
});

describe('the action, pull-request options and commit-mode fallback', () => {
  const pulls = () => fake.repos.get('acme/web')!.pulls;

  it('opens a draft with labels and requested reviewers (people and teams)', async () => {
    const result = await runAction(fake, {
      event: 'push',
      inputs: { draft: 'true', labels: 'agents', reviewers: 'octocat, acme/platform-team' },
    });
    expect(result.failed).toBeUndefined();
    expect(pulls()[0]).toMatchObject({
      draft: true,
      labels: ['agents'],
      reviewers: ['octocat', 'team:platform-team'],
    });
  });

  it('warns, and still succeeds, when labels or reviewers cannot be added', async () => {
    fake.hooks.push((r) =>
      r.path.endsWith('/labels') || r.path.endsWith('/requested_reviewers')
        ? { status: 422, body: { message: 'Reviews may only be requested from collaborators.' } }
        : undefined,
    );
    const result = await runAction(fake, {
      event: 'push',
      inputs: { labels: 'agents', reviewers: 'stranger' },
    });
    expect(result.failed).toBeUndefined();
    expect(result.outputs['pull-request-operation']).toBe('created');
    const couldNot = result.annotations.filter((a) => a.message.startsWith('could not'));
    expect(couldNot.map((a) => `${a.level}: ${a.message}`)).toEqual([
      expect.stringMatching(/^warning: could not add labels agents: /),
      expect.stringMatching(/^warning: could not request reviews from stranger: Reviews may only/),
    ]);
  });

  it('refuses a malformed reviewers input before any request', async () => {
    const result = await runAction(fake, { event: 'push', inputs: { reviewers: 'not a login!' } });
    expect(result.failed).toContain('`not a login!` is neither a login nor org/team-slug');
    expect(result.requests).toEqual([]);
  });

  it('dry-run plans and reports, and writes nothing', async () => {
    for (const mode of ['pull-request', 'commit']) {
      const result = await runAction(fake, { event: 'push', inputs: { mode, 'dry-run': 'true' } });
      expect(result.failed).toBeUndefined();
      expect(result.summary).toContain('| `.claude/agents/blue-react-developer.md` | create |');
      expect(result.requests.every((r) => r.method === 'GET' || r.path === '/graphql')).toBe(true);
    }
    expect(pulls()).toEqual([]);
  });

  it('falls back to a pull request when branch protection refuses a commit and the input asks for it', async () => {
    fake.hooks.push((r) =>
      r.method === 'PATCH' && /\/git\/refs\/heads(\/|%2F)main$/.test(r.path)
        ? { status: 422, body: { message: 'Protected branch update failed for refs/heads/main.' } }
        : undefined,
    );
    const result = await runAction(fake, {
      event: 'push',
      inputs: { mode: 'commit', 'fallback-to-pull-request': 'true' },
    });
    expect(result.failed).toBeUndefined();
    expect(result.annotations.map((a) => a.message)).toContain(
      'main is protected; opening a pull request instead',
    );
    expect(pulls()[0]).toMatchObject({ head: 'blue-gardener/sync', base: 'main', state: 'open' });
  });
});

describe('the action translates GitHub’s refusals into the fix', () => {
  it.each([
    [
      403,
      'Resource not accessible by integration',
      'the token may not write to acme/web',
      'permissions: { contents: write, pull-requests: write }',
    ],
    [
      403,
      'GitHub Actions is not permitted to create or approve pull requests.',
      'may not create pull requests',
      'Allow GitHub Actions to create and approve pull requests',
    ],
    [403, 'API rate limit exceeded for installation ID 1.', 'rate limit exceeded', 'GitHub App token'],
    [401, 'Bad credentials', 'rejected by GitHub (401)', 'expired'],
  ])('%i %s', async (status, message, what, fix) => {
    fake.hooks.push((r) =>
      r.method === 'POST' && r.path.endsWith('/git/trees') ? { status, body: { message } } : undefined,
    );
    const result = await runAction(fake, { event: 'push' });
    expect(result.failed).toContain(what);
    expect(result.failed).toContain(fix);
    expect(fake.repos.get('acme/web')!.refs.has('blue-gardener/sync')).toBe(false);
  });
});

describe('the action, check mode and errors', () => {
  it('fails with the list of stale files and the command that fixes them, writing nothing', async () => {
    const result = await runAction(fake, { event: 'pull_request', inputs: { mode: 'check' } });
    expect(result.failed).toContain('out of date');
    expect(result.failed).toContain('npx blue-gardener@1 sync');
    expect(result.requests.every((r) => r.method === 'GET' || r.path === '/graphql')).toBe(true);
  });

  it('says GitHub could not be reached when a request gets no response, instead of reporting a 500', async () => {
    fake.hooks.push(() => {
      throw new TypeError('fetch failed');
    });
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(result.failed).toContain("could not reach GitHub's API: fetch failed");
    expect(result.failed).toContain('Nothing was changed');
    expect(result.failed).not.toContain('500');
  });

  it('annotates the manifest line of a manifest error', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      {
        '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code]\nagents: [blue-react-develper]\n',
      },
      'typo',
    );
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(result.failed).toBe('1 problem(s) in .github/blue-gardener.yml; see the annotations');
    expect(result.annotations[0]!.message).toContain('Did you mean `blue-react-developer`');
    expect(result.annotations[0]!.location).toMatchObject({ file: '.github/blue-gardener.yml', line: 3 });
    expect(ops(result.requests)).toEqual(['graphql.snapshot', 'git.getTree', 'graphql.blobs']);
  });

  it('points to init when there is no manifest, and to a GitHub App token for an unreachable repository', async () => {
    fake.commitFiles('acme/web', 'main', { '.github/blue-gardener.yml': null }, 'remove');
    const missing = await runAction(fake, { event: 'push' });
    expect(missing.failed).toContain('npx blue-gardener@1 init');
    const other = await runAction(fake, { event: 'push', inputs: { repository: 'acme/elsewhere' } });
    expect(other.failed).toContain('GitHub App');
  });

  it('never prints the token', async () => {
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    const everything = JSON.stringify([
      result.logs,
      result.annotations,
      result.summary,
      result.outputs,
      result.failed ?? '',
    ]);
    expect(everything).not.toContain(TOKEN);
  });
});

describe('the action on GitHub Enterprise Server', () => {
  it('uses the API URL from the environment for REST and GraphQL', async () => {
    process.env['GITHUB_API_URL'] = 'https://ghes.example.com/api/v3';
    try {
      const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
      expect(result.failed).toBeUndefined();
      expect(new Set(fake.hosts)).toEqual(new Set(['ghes.example.com']));
    } finally {
      delete process.env['GITHUB_API_URL'];
    }
  });
});
