import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  cli,
  manifest,
  readRepoFile,
  removeRepo,
  scratchRepo,
  snapshot,
  writeRepoFile,
} from '../helpers/repo.js';
import { gitSourceRepo, sourceAgent } from '../helpers/git-source.js';

const LOCK = '.github/blue-gardener.lock';
const source = () =>
  gitSourceRepo({
    'agents/reviewer.md': sourceAgent('reviewer'),
    'agents/backend/api-designer.md': sourceAgent(
      'api-designer',
      'You design APIs. Ask @blue-reviewer to review them.',
    ),
    'agents/README.md': '# Our catalog\n',
    'agents/profiles.yml': 'backend:\n  description: Backend work\n  agents: [api-designer, reviewer]\n',
  });

const withSource = (url: string, rest: string) =>
  manifest(
    `version: 1\nplatforms: [claude-code]\nsources:\n  acme: { git: '${url}', ref: main, path: agents }\n${rest}`,
  );

let repo: string;
let src: ReturnType<typeof gitSourceRepo>;
beforeEach(() => {
  src = source();
});
afterEach(() => {
  removeRepo(repo);
  removeRepo(src.dir);
});

describe('CLI with a local git source', () => {
  it('installs a source agent and a source profile, records the commit in the lock, and stays pinned', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    const first = await cli(repo, 'sync');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(readRepoFile(repo, '.claude/agents/reviewer.md')).toContain('You review reviewer changes');
    const lock = JSON.parse(readRepoFile(repo, LOCK));
    expect(lock.sources.acme.commit).toBe(src.first);
    expect(Object.keys(lock.sources.acme.agents)).toEqual(['reviewer']);
    expect(lock.agents).toEqual({});

    // A profile of the source: `add --profile acme/backend`.
    const added = await cli(repo, 'add', '--profile', 'acme/backend');
    expect(added.code).toBe(0);
    expect(existsSync(join(repo, '.claude/agents/api-designer.md'))).toBe(true);

    // The source moves on: sync and check stay at the locked commit.
    src.commit({ 'agents/reviewer.md': sourceAgent('reviewer', 'A new prompt from upstream, changed.') });
    const tree = snapshot(repo);
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(snapshot(repo)).toEqual(tree);
    expect((await cli(repo, 'check', '--frozen')).code).toBe(0);

    // update moves it and names the changed agent with both commits.
    const updated = await cli(repo, 'update');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain(`source acme: ${src.first.slice(0, 12)} →`);
    expect(updated.stdout).toContain('agents changed: reviewer');
    expect(readRepoFile(repo, '.claude/agents/reviewer.md')).toContain('A new prompt from upstream');
    expect(JSON.parse(readRepoFile(repo, LOCK)).sources.acme.commit).toBe(src.git('rev-parse', 'HEAD'));
  });

  it('--frozen fails on a stale lock (a changed source spec) and writes nothing', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    src.git('branch', 'v2');
    src.git('checkout', '--quiet', 'v2');
    src.commit({ 'agents/reviewer.md': sourceAgent('reviewer', 'The v2 prompt of the reviewer agent.') });
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      withSource(src.url, 'agents: [acme/reviewer]\n')['.github/blue-gardener.yml']!.replace(
        'ref: main',
        'ref: v2',
      ),
    );
    const before = snapshot(repo);
    for (const command of ['sync', 'check']) {
      const frozen = await cli(repo, command, '--frozen');
      expect(frozen.code).toBe(1);
      expect(frozen.stderr).toContain('--frozen: the lock would change (sources resolved again: acme)');
      expect(snapshot(repo)).toEqual(before);
    }
    // Without --frozen a changed spec is resolved again.
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(readRepoFile(repo, '.claude/agents/reviewer.md')).toContain('The v2 prompt');
  });

  it('remove of an agent a source profile brings in excludes it (the profile stays)', async () => {
    repo = scratchRepo(withSource(src.url, 'profiles: [acme/backend]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(existsSync(join(repo, '.claude/agents/api-designer.md'))).toBe(true);
    const removed = await cli(repo, 'remove', 'acme/api-designer');
    expect(removed.stderr).toBe('');
    expect(removed.code).toBe(0);
    expect(readRepoFile(repo, '.github/blue-gardener.yml')).toMatch(
      /profiles: \[acme\/backend\]\nexclude:\n {2}- acme\/api-designer\n$/,
    );
    expect(existsSync(join(repo, '.claude/agents/api-designer.md'))).toBe(false);
    expect(existsSync(join(repo, '.claude/agents/reviewer.md'))).toBe(true);
    // Not in the profile nor listed: still "not installed", naming what is.
    const other = await cli(repo, 'remove', 'acme/nobody');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('`acme/nobody` is not installed');
  });

  it('update of an unknown source is an error naming the known ones', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    const result = await cli(repo, 'update', 'acmee');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no source `acmee`');
    expect(result.stderr).toContain('sources: acme');
  });
});

describe('update keeps hand edits of generated files', () => {
  const long = (extra: string) =>
    [
      'You review changes carefully.',
      'First read the diff.',
      'Then run the tests.',
      'Then write the review.',
      extra,
    ].join('\n\n');

  it('merges an upstream change into a hand-edited file cleanly, and keeps a conflicting one, listed', async () => {
    src = gitSourceRepo({
      'agents/reviewer.md': sourceAgent('reviewer', long('Be kind.')),
      'agents/tester.md': sourceAgent('tester', long('Be thorough.')),
    });
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer, acme/tester]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    const reviewer = '.claude/agents/reviewer.md';
    const tester = '.claude/agents/tester.md';
    // The user edits the first paragraph of reviewer and the last one of tester.
    writeRepoFile(
      repo,
      reviewer,
      readRepoFile(repo, reviewer).replace(
        'You review changes carefully.',
        'You review OUR changes carefully.',
      ),
    );
    const testerEdit = readRepoFile(repo, tester).replace('Be thorough.', 'Be very thorough (our rule).');
    writeRepoFile(repo, tester, testerEdit);
    // Upstream changes the last paragraph of both.
    const upstream = src.commit({
      'agents/reviewer.md': sourceAgent('reviewer', long('Be kind and brief.')),
      'agents/tester.md': sourceAgent('tester', long('Be thorough and fast.')),
    });
    const result = await cli(repo, 'update', 'acme');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`→ ${upstream.slice(0, 12)}; agents changed: reviewer, tester`);
    expect(result.stdout).toContain(`merged the upstream change into your edit of ${reviewer}`);
    expect(result.stdout).toContain(
      `conflict: ${tester} was edited by hand and changed upstream; kept your file`,
    );
    const merged = readRepoFile(repo, reviewer);
    expect(merged).toContain('You review OUR changes carefully.');
    expect(merged).toContain('Be kind and brief.');
    expect(readRepoFile(repo, tester)).toBe(testerEdit);
    // The lock moved; the next sync leaves both hand edits alone.
    expect(JSON.parse(readRepoFile(repo, LOCK)).sources.acme.commit).toBe(upstream);
    const tree = snapshot(repo);
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(snapshot(repo)).toEqual(tree);
  });
});
