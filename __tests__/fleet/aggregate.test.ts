import { mkdtempSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import type { RepoResult } from '../../src/fleet/result.js';

const MANIFEST = 'version: 1\nplatforms: [claude-code]\nagents: [blue-docker-specialist]\n';
let fake: FakeGitHub;
let dir: string;
beforeEach(() => {
  fake = fakeGitHub();
  dir = mkdtempSync(join(tmpdir(), 'blue-gardener-results-'));
  fake.seed('acme/a', { '.github/blue-gardener.yml': MANIFEST });
  fake.seed('acme/b', {
    '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code]\nagents: [blue-dockr]\n',
  });
  fake.seed('acme/c', { 'README.md': '# c\n' });
  fake.seed('acme/d', { '.github/blue-gardener.yml': MANIFEST });
});
afterEach(() => expect(fake.problems).toEqual([]));

const sync = (repositories: string, extra: Record<string, string> = {}) =>
  runAction(fake, {
    event: 'schedule',
    repo: 'acme/fleet',
    inputs: { repositories, results: dir, onboarding: 'true', ...extra },
  });
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as RepoResult;

describe('one job managing several repositories', () => {
  it('isolates a failing repository: the others are handled, each leaves a result, the step fails at the end', async () => {
    await runAction(fake, { event: 'schedule', repo: 'acme/d', inputs: { mode: 'commit' } });
    const job = await sync('acme/a acme/b acme/c acme/d');
    expect(job.failed).toBe(
      '1 of 4 repositories failed: acme/b; the others were handled (see the job summary)',
    );
    expect(job.annotations.find((a) => a.level === 'error')!.message).toContain('acme/b: ');
    expect(job.annotations.find((a) => a.level === 'error')!.message).toContain('unknown agent `blue-dockr`');
    expect(readdirSync(dir).sort()).toEqual(['acme--a.json', 'acme--b.json', 'acme--c.json', 'acme--d.json']);
    expect(read('acme--a.json')).toMatchObject({
      repository: 'acme/a',
      mode: 'pull-request',
      result: 'pull-request-created',
      drift: 2,
      pullRequest: { number: 1, url: 'https://github.com/acme/a/pull/1', operation: 'created' },
      requests: 7,
    });
    expect(read('acme--b.json')).toMatchObject({ result: 'failed', requests: 3 });
    expect(read('acme--b.json').error).toContain('unknown agent');
    expect(read('acme--c.json')).toMatchObject({ result: 'onboarding-created', requests: 6 });
    expect(read('acme--d.json')).toEqual({
      version: 1,
      repository: 'acme/d',
      mode: 'pull-request',
      result: 'up-to-date',
      drift: 0,
      requests: 3,
    });
    expect(fake.repos.get('acme/a')!.pulls).toHaveLength(1);
    expect(job.summary).toContain('| `acme/b` | ❌ failed | — | none |');
  });
});

it('records an empty repository as skipped, not failed', async () => {
  fake.seed('acme/empty', {});
  fake.repos.get('acme/empty')!.refs.clear();
  const job = await sync('acme/empty');
  expect(job.failed).toBeUndefined();
  expect(read('acme--empty.json')).toMatchObject({ result: 'empty', requests: 1 });
});

describe('aggregate', () => {
  const aggregate = (repositories: string[]) =>
    runAction(fake, {
      event: 'schedule',
      repo: 'acme/fleet',
      inputs: { mode: 'aggregate', results: dir, repositories: JSON.stringify(repositories) },
    });

  it('writes one table and fails for failed repositories and those without a result, not for pull requests', async () => {
    await sync('acme/a');
    await sync('acme/b');
    await sync('acme/c');
    // actions/download-artifact without merge-multiple: one folder per artifact.
    mkdirSync(join(dir, 'blue-gardener-result-0'));
    renameSync(join(dir, 'acme--a.json'), join(dir, 'blue-gardener-result-0', 'acme--a.json'));
    const result = await aggregate(['acme/a', 'acme/b', 'acme/c', 'acme/e']);
    expect(result.requests).toEqual([]);
    expect(result.failed).toBe('2 of 4 repositories need attention: acme/b, acme/e');
    const summary = result.summary;
    expect(summary).toContain('## blue-gardener fleet: 2 of 4 repositories need attention');
    expect(summary).toContain('| repository | result | pull request | drift |');
    expect(summary).toContain(
      '| `acme/a` | pull request opened | [#1](https://github.com/acme/a/pull/1) | 2 files |',
    );
    expect(summary).toContain('| `acme/b` | ❌ failed | — | none |');
    expect(summary).toContain(
      '| `acme/c` | onboarding pull request opened | [#1](https://github.com/acme/c/pull/1) | none |',
    );
    expect(summary).toMatch(/### Failed\n\n- `acme\/b`: .*unknown agent/);
    expect(summary).toContain('### No result');
    expect(summary).toContain('- `acme/e`');
    expect(summary).toContain('API requests: 16 (5.3 per repository)');
  });

  it('passes when every repository is fine, and fails on an unreadable result file', async () => {
    await sync('acme/a');
    await sync('acme/d');
    const fine = await aggregate(['acme/a', 'acme/d']);
    expect(fine.failed).toBeUndefined();
    expect(fine.summary).toContain('2 repositories, all fine');
    writeFileSync(join(dir, 'garbage.json'), '{"hello": 1}');
    const broken = await aggregate(['acme/a', 'acme/d']);
    expect(broken.failed).toContain('unreadable results: garbage.json: not a blue-gardener result');
  });

  it('in check mode, drift fails the fleet', async () => {
    await sync('acme/a', { mode: 'check' });
    expect(read('acme--a.json')).toMatchObject({ result: 'drift', drift: 2, mode: 'check' });
    const result = await aggregate(['acme/a']);
    expect(result.failed).toBe('1 of 1 repositories need attention: acme/a');
    expect(result.summary).toContain('| `acme/a` | ❌ out of date | — | 2 files |');
  });

  it('needs the results folder', async () => {
    const result = await runAction(fake, {
      event: 'schedule',
      repo: 'acme/fleet',
      inputs: { mode: 'aggregate' },
    });
    expect(result.failed).toContain('needs the input `results`');
  });
});
