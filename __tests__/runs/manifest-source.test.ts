import { UserError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/manifest/load.js';
import { parseManifestRef } from '../../src/core/manifest/extends.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { fleetRoutes } from '../helpers/fake-fleet.js';
import { runAction } from '../helpers/action-harness.js';

const SHARED = [
  'version: 1',
  'platforms: [claude-code]',
  'agents: [blue-react-developer]',
  'exclude: [blue-seo-specialist]',
  'hand-edits: keep',
  'overrides:',
  '  blue-react-developer:',
  '    claude-code: { model: sonnet }',
  '',
].join('\n');

let fake: FakeGitHub;
beforeEach(() => {
  fake = fakeGitHub();
  fleetRoutes(fake, {});
  fake.seed('acme/platform', {
    '.github/blue-gardener.yml': SHARED,
    'nested.yml': `extends: acme/x/y.yml\n${SHARED}`,
  });
});
afterEach(() => expect(fake.problems).toEqual([]));

const ops = (requests: { operation: string }[]) => requests.map((r) => r.operation);

describe('a manifest that extends a shared one', () => {
  it('merges: own keys win, lists add up, overrides merge, and the shared manifest costs one request', async () => {
    fake.seed('acme/web', {
      '.github/blue-gardener.yml':
        'version: 1\nextends: acme/platform/.github/blue-gardener.yml@main\nagents: [blue-docker-specialist, blue-seo-specialist]\n',
    });
    const result = await runAction(fake, { event: 'push', repo: 'acme/web', inputs: { mode: 'commit' } });
    expect(result.failed).toBeUndefined();
    expect(ops(result.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.blobs',
      'graphql.sharedManifest',
      'git.createTree',
      'git.createCommit',
      'git.updateRef',
    ]);
    expect(result.logs).toContain('Manifest: extends acme/platform/.github/blue-gardener.yml@main');
    const files = fake.filesAt('acme/web', 'main');
    // From the shared manifest, with its override; the repository's own agents; and an agent the shared
    // manifest excludes but the repository lists by name.
    expect(files['.claude/agents/blue-react-developer.md']).toContain('model: sonnet');
    expect(files['.claude/agents/blue-docker-specialist.md']).toBeDefined();
    expect(files['.claude/agents/blue-seo-specialist.md']).toBeDefined();
  });

  it('replaces the shared platforms with its own, and reads the default branch without @ref', async () => {
    fake.seed('acme/web', {
      '.github/blue-gardener.yml':
        'version: 1\nextends: acme/platform/.github/blue-gardener.yml\nplatforms: [codex]\n',
    });
    const result = await runAction(fake, { event: 'push', repo: 'acme/web', inputs: { mode: 'commit' } });
    expect(result.failed).toBeUndefined();
    const shared = result.requests.find((r) => r.operation === 'graphql.sharedManifest')!;
    expect((shared.body as { variables: { expression: string } }).variables.expression).toBe(
      'HEAD:.github/blue-gardener.yml',
    );
    const paths = Object.keys(fake.filesAt('acme/web', 'main'));
    expect(paths).toContain('.codex/agents/blue-react-developer.toml');
    expect(paths.some((p) => p.startsWith('.claude/'))).toBe(false);
  });

  it('fails clearly when the shared manifest cannot be read, or extends another one', async () => {
    fake.seed('acme/web', {
      '.github/blue-gardener.yml': 'version: 1\nextends: acme/platform/missing.yml@main\n',
    });
    const missing = await runAction(fake, { event: 'push', repo: 'acme/web', inputs: { mode: 'commit' } });
    expect(missing.failed).toContain('the shared manifest acme/platform/missing.yml@main was not found');
    expect(ops(missing.requests)).not.toContain('git.createCommit');
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': 'version: 1\nextends: acme/platform/nested.yml\n' },
      'x',
    );
    const nested = await runAction(fake, { event: 'push', repo: 'acme/web', inputs: { mode: 'commit' } });
    expect(nested.failed).toContain('itself uses `extends`; only one level is supported');
  });

  it('reports problems at the line of the repository’s own file', () => {
    const base = loadManifest(SHARED, 'shared.yml').manifest;
    let error: UserError | undefined;
    try {
      loadManifest(
        'version: 1\nextends: acme/platform/x.yml\nagnets: []\n',
        '.github/blue-gardener.yml',
        base,
      );
    } catch (e) {
      error = e as UserError;
    }
    expect(error?.message).toContain('unknown key `agnets`');
    expect(error?.location).toMatchObject({ file: '.github/blue-gardener.yml', line: 3 });
  });

  it('without the shared manifest (the CLI), says that only the action reads it', () => {
    expect(() => loadManifest('version: 1\nextends: acme/platform/x.yml@v2\n', 'm.yml')).toThrow(
      "only the action's regeneration reads",
    );
    expect(parseManifestRef('acme/platform/.github/x.yml@v2', 'x')).toEqual({
      owner: 'acme',
      repo: 'platform',
      path: '.github/x.yml',
      ref: 'v2',
    });
    expect(() => parseManifestRef('acme/platform', 'input `default-manifest`')).toThrow('owner/repo/path');
    expect(() => parseManifestRef('acme/platform/../x.yml', 'x')).toThrow('owner/repo/path');
  });
});

describe('the bot on a manifest that extends a shared one', () => {
  const comment = (body: string) =>
    runAction(fake, { event: 'issue_comment', repo: 'acme/web', comment: { body, login: 'maintainer' } });
  beforeEach(() => {
    fake.seed('acme/web', {
      '.github/blue-gardener.yml': 'version: 1\nextends: acme/platform/.github/blue-gardener.yml@main\n',
    });
    fake.repos.get('acme/web')!.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  });
  const proposed = () => fake.filesAt('acme/web', 'blue-gardener/sync');

  it('adds an agent to the repository’s own list, keeping `extends`', async () => {
    const result = await comment('/blue add blue-docker-specialist');
    expect(result.failed).toBeUndefined();
    expect(proposed()['.github/blue-gardener.yml']).toBe(
      'version: 1\nextends: acme/platform/.github/blue-gardener.yml@main\nagents:\n  - blue-docker-specialist\n',
    );
    expect(proposed()['.claude/agents/blue-react-developer.md']).toBeDefined();
    expect(proposed()['.claude/agents/blue-docker-specialist.md']).toBeDefined();
  });

  it('removes an agent the shared manifest brings by excluding it, and edits platforms as a whole list', async () => {
    await comment('/blue remove blue-react-developer');
    expect(proposed()['.github/blue-gardener.yml']).toContain('exclude:\n  - blue-react-developer\n');
    expect(proposed()['.claude/agents/blue-react-developer.md']).toBeUndefined();
    await comment('/blue platform add codex');
    expect(proposed()['.github/blue-gardener.yml']).toContain('platforms:\n  - claude-code\n  - codex\n');
  });
});

describe('the organisation default manifest (input default-manifest)', () => {
  it('gives a repository without a manifest the default’s agents, without adding a manifest file', async () => {
    fake.seed('acme/api', { 'README.md': '# api\n' });
    const inputs = { 'default-manifest': 'acme/platform/.github/blue-gardener.yml@main' };
    const first = await runAction(fake, { event: 'schedule', repo: 'acme/api', inputs });
    expect(first.failed).toBeUndefined();
    expect(first.outputs['pull-request-operation']).toBe('created');
    // Nothing of ours to read in the repository yet, so no blob request; one for the default manifest.
    expect(ops(first.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.sharedManifest',
      'git.createTree',
      'git.createCommit',
      'git.createRef',
      'pulls.create',
    ]);
    const pr = fake.repos.get('acme/api')!.pulls[0]!;
    expect(pr.body).toContain('acme/platform/.github/blue-gardener.yml@main');
    const proposed = fake.filesAt('acme/api', 'blue-gardener/sync');
    expect(proposed['.claude/agents/blue-react-developer.md']).toContain('model: sonnet');
    expect(proposed['.github/blue-gardener.lock']).toBeDefined();
    expect(proposed['.github/blue-gardener.yml']).toBeUndefined();
    const again = await runAction(fake, { event: 'schedule', repo: 'acme/api', inputs });
    expect(ops(again.requests)).toEqual(['graphql.snapshot', 'git.getTree', 'graphql.sharedManifest']);
    // Merged: the lock is there to read, and the repository stays on the default.
    fake.commitFiles('acme/api', 'main', proposed, 'merge');
    const merged = await runAction(fake, { event: 'schedule', repo: 'acme/api', inputs });
    expect(merged.outputs['changed']).toBe('false');
    expect(ops(merged.requests)).toEqual([
      'graphql.snapshot',
      'git.getTree',
      'graphql.blobs',
      'graphql.sharedManifest',
      'pulls.update',
    ]);

    // A repository with its own manifest ignores the default.
    fake.seed('acme/own', {
      '.github/blue-gardener.yml': 'version: 1\nplatforms: [codex]\nagents: [blue-docker-specialist]\n',
    });
    const own = await runAction(fake, { event: 'schedule', repo: 'acme/own', inputs });
    expect(ops(own.requests)).not.toContain('graphql.sharedManifest');
    expect(Object.keys(fake.filesAt('acme/own', 'blue-gardener/sync'))).toContain(
      '.codex/agents/blue-docker-specialist.toml',
    );
  });
});
