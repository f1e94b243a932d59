import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { ONBOARDING_TITLE } from '../../src/fleet/onboarding.js';

let fake: FakeGitHub;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/api', { 'README.md': '# api\n', '.cursor/agents/reviewer.md': '# ours\n' });
});
afterEach(() => expect(fake.problems).toEqual([]));

const ops = (requests: { operation: string }[]) => requests.map((r) => r.operation);
const onboard = (extra: Record<string, string> = {}) =>
  runAction(fake, {
    event: 'schedule',
    repo: 'acme/fleet',
    inputs: { repository: 'acme/api', onboarding: 'true', ...extra },
  });
const pulls = () => fake.repos.get('acme/api')!.pulls;

describe('onboarding a repository without a manifest', () => {
  it('opens one pull request that adds a manifest and explains it, then leaves it alone', async () => {
    const first = await onboard();
    expect(first.failed).toBeUndefined();
    expect(ops(first.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'git.createTree',
      'git.createCommit',
      'git.createRef',
      'pulls.create',
    ]);
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]).toMatchObject({ title: ONBOARDING_TITLE, head: 'blue-gardener/sync', base: 'main' });
    expect(pulls()[0]!.body).toContain('What happens when you merge it');
    expect(pulls()[0]!.body).toContain('Close this pull request');
    expect(pulls()[0]!.body).toContain('`acme/fleet`');
    const branch = fake.filesAt('acme/api', 'blue-gardener/sync');
    // Only the manifest is added; the tools already in use are proposed (Cursor here).
    expect(Object.keys(branch).sort()).toEqual([
      '.cursor/agents/reviewer.md',
      '.github/blue-gardener.yml',
      'README.md',
    ]);
    expect(branch['.github/blue-gardener.yml']).toContain('platforms:\n  - cursor\n');
    expect(fake.filesAt('acme/api', 'main')['.github/blue-gardener.yml']).toBeUndefined();

    const again = await onboard();
    expect(again.failed).toBeUndefined();
    expect(ops(again.requests)).toEqual(['graphql.snapshot', 'git.getTree']);
    expect(pulls()).toHaveLength(1);
  });

  it('never loses a commit pushed to the onboarding branch between our read and our write', async () => {
    await onboard();
    fake.commitFiles('acme/api', 'main', { '.claude/agents/helper.md': '# helper\n' }, 'claude too');
    let pushed = false;
    fake.hooks.push((r) => {
      if (r.method === 'POST' && r.path.endsWith('/git/commits') && !pushed) {
        pushed = true;
        fake.commitFiles('acme/api', 'blue-gardener/sync', { 'notes.md': 'mine\n' }, 'a human commit');
      }
    });
    const raced = await onboard();
    expect(pushed).toBe(true);
    expect(raced.failed).toContain('nothing was overwritten');
    expect(fake.filesAt('acme/api', 'blue-gardener/sync')['notes.md']).toBe('mine\n');
  });

  it('updates the same pull request when the proposal changes, never opening a second one', async () => {
    await onboard();
    fake.commitFiles('acme/api', 'main', { '.claude/agents/helper.md': '# helper\n' }, 'claude too');
    const updated = await onboard();
    expect(ops(updated.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'git.createTree',
      'git.createCommit',
      'git.updateRef',
      'pulls.update',
    ]);
    expect(pulls()).toHaveLength(1);
    expect(fake.filesAt('acme/api', 'blue-gardener/sync')['.github/blue-gardener.yml']).toContain(
      'platforms:\n  - claude-code\n  - cursor\n',
    );
  });

  it('leaves people’s commits on the onboarding branch alone', async () => {
    await onboard();
    fake.commitFiles(
      'acme/api',
      'blue-gardener/sync',
      { '.github/blue-gardener.yml': 'version: 1\nplatforms: [codex]\n' },
      'we want codex',
    );
    const result = await onboard();
    expect(result.failed).toBeUndefined();
    expect(ops(result.requests)).toEqual(['graphql.snapshot', 'git.getTree']);
    expect(fake.filesAt('acme/api', 'blue-gardener/sync')['.github/blue-gardener.yml']).toBe(
      'version: 1\nplatforms: [codex]\n',
    );
  });

  it('does not ask again once the pull request was closed', async () => {
    await onboard();
    pulls()[0]!.state = 'closed';
    const result = await onboard();
    expect(result.failed).toBeUndefined();
    expect(ops(result.requests)).toEqual(['graphql.snapshot', 'git.getTree', 'pulls.list']);
    expect(pulls()).toHaveLength(1);
    expect(result.logs.join('\n')).toContain('was closed; not proposing it again');
  });

  it('after the merge, the next run proposes the generated files on the same branch', async () => {
    await onboard();
    fake.commitFiles('acme/api', 'main', fake.filesAt('acme/api', 'blue-gardener/sync'), 'merge onboarding');
    pulls()[0]!.state = 'closed';
    const sync = await onboard();
    expect(sync.failed).toBeUndefined();
    expect(sync.outputs['pull-request-operation']).toBe('created');
    expect(pulls()).toHaveLength(2);
    expect(pulls()[1]!.title).toBe('Regenerate AI agent files (blue-gardener)');
    expect(Object.keys(fake.filesAt('acme/api', 'blue-gardener/sync'))).toContain(
      '.cursor/agents/blue-architecture-designer.md',
    );
  });

  it('without onboarding, a missing manifest still fails and points to init; check mode never onboards', async () => {
    const plain = await runAction(fake, {
      event: 'schedule',
      repo: 'acme/fleet',
      inputs: { repository: 'acme/api' },
    });
    expect(plain.failed).toContain('npx blue-gardener@1 init');
    const check = await onboard({ mode: 'check' });
    expect(check.failed).toContain('no manifest');
    expect(pulls()).toHaveLength(0);
  });
});
