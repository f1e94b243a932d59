import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../helpers/action-harness.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

/** A hand edit of a generated file: its content replaced, its generated-by mark kept. */
const HAND_EDIT = `---\n# ${MARK_TEXT}\n---\n\nmy own edit\n`;

const MANIFEST = '.github/blue-gardener.yml';
const manifest = 'version: 1\nplatforms: [claude-code, cursor]\nagents:\n  - blue-react-developer\n';
let fake: FakeGitHub;

/** A repository whose main branch is in sync (one commit-mode run). */
async function synced(): Promise<string> {
  fake.seed('acme/web', { [MANIFEST]: manifest, 'README.md': '# web\n' });
  const first = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
  expect(first.failed).toBeUndefined();
  return fake.repos.get('acme/web')!.refs.get('main')!;
}

/** A pull request's head: a commit on its own branch on top of `base`. */
function head(files: Record<string, string | null>, base: string): string {
  return fake.commitFiles('acme/web', 'feature', files, 'a change in a pull request', base);
}

const check = (
  headSha: string,
  event: 'pull_request' | 'pull_request_target' | 'merge_group' = 'pull_request',
  inputs: Record<string, string> = {},
) => runAction(fake, { event, headSha, inputs: { mode: 'check', ...inputs } });

beforeEach(() => {
  fake = fakeGitHub();
});
afterEach(() => expect(fake.problems).toEqual([]));

describe('check on a pull request judges its head commit', () => {
  it.each(['pull_request', 'pull_request_target', 'merge_group'] as const)(
    '%s: a hand-edited generated file fails, annotated on that file at its first changed line',
    async (event) => {
      const base = await synced();
      const path = '.claude/agents/blue-react-developer.md';
      const text = fake.filesAt('acme/web', 'main')[path]!;
      const lines = text.split('\n');
      lines[5] = 'I changed this line by hand';
      const result = await check(head({ [path]: lines.join('\n') }, base), event);
      expect(result.failed).toContain('out of date');
      const note = result.annotations.find((a) => a.location?.file === path);
      expect(note).toMatchObject({ level: 'error', location: { file: path, line: 6 } });
      expect(note!.message).toContain('hand-edited');
      expect(result.summary).toContain('comment `/blue sync` on the pull request');
      expect(result.outputs['changed']).toBe('false');
      expect(JSON.parse(result.outputs['findings']!)).toEqual({ 'hand-edited': 1 });
      expect(result.requests.every((r) => r.method === 'GET' || r.path === '/graphql')).toBe(true);
    },
  );

  it('a manifest change without regenerating fails, naming the missing files on the manifest', async () => {
    const base = await synced();
    const result = await check(head({ [MANIFEST]: manifest + '  - blue-docker-specialist\n' }, base));
    expect(result.failed).toContain('.claude/agents/blue-docker-specialist.md');
    const missing = result.annotations.filter((a) => a.location?.file === MANIFEST);
    expect(missing.map((a) => a.message).join('\n')).toContain(
      '`.cursor/agents/blue-docker-specialist.md` is missing',
    );
    const pending = JSON.parse(result.outputs['pending-files']!) as { path: string; operation: string }[];
    expect(pending).toEqual(
      expect.arrayContaining([{ path: '.claude/agents/blue-docker-specialist.md', operation: 'create' }]),
    );
  });

  it('a clean head passes even when the base branch is stale', async () => {
    const base = await synced();
    const path = '.cursor/agents/blue-react-developer.md';
    const good = fake.filesAt('acme/web', 'main')[path]!;
    fake.commitFiles('acme/web', 'main', { [path]: 'stale\n' }, 'someone broke main');
    const result = await check(head({ 'README.md': '# web, clean\n' }, base));
    expect(result.failed).toBeUndefined();
    expect(result.summary).toContain('up to date');
    expect(result.outputs['changed']).toBe('false');
    // The same check on the base branch (a schedule) fails: it reads main, not the pull request.
    const nightly = await runAction(fake, { event: 'schedule', inputs: { mode: 'check' } });
    expect(nightly.failed).toContain('out of date');
    expect(good).not.toBe('stale\n');
  });

  it('write modes on a pull request still read the base branch', async () => {
    const base = await synced();
    const sha = head({ [MANIFEST]: manifest + '  - blue-docker-specialist\n' }, base);
    const result = await runAction(fake, {
      event: 'pull_request',
      headSha: sha,
      inputs: { mode: 'pull-request' },
    });
    expect(result.failed).toBeUndefined();
    expect(result.outputs['changed']).toBe('false');
    expect(fake.repos.get('acme/web')!.pulls).toEqual([]);
  });

  it('writes the findings as SARIF when asked', async () => {
    const base = await synced();
    const path = '.claude/agents/blue-react-developer.md';
    const sarif = join(mkdtempSync(join(tmpdir(), 'bg-sarif-')), 'findings.sarif');
    writeFileSync(sarif, 'old');
    const result = await check(head({ [path]: HAND_EDIT }, base), 'pull_request', { 'sarif-file': sarif });
    expect(result.failed).toContain('out of date');
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'hand-edited',
        level: 'error',
        locations: [{ physicalLocation: { artifactLocation: { uri: path }, region: { startLine: 3 } } }],
      }),
    ]);
  });
});

describe('outputs and summaries say what a run did', () => {
  it('a pull-request run with nothing new to push says changed=false and lists what the pull request proposes', async () => {
    fake.seed('acme/web', { [MANIFEST]: manifest });
    const first = await runAction(fake, { event: 'push' });
    expect(first.outputs['changed']).toBe('true');
    expect(JSON.parse(first.outputs['files']!).length).toBeGreaterThan(0);
    const again = await runAction(fake, { event: 'push' });
    expect(again.outputs['pull-request-operation']).toBe('none');
    expect(again.outputs['changed']).toBe('false');
    expect(again.outputs['files']).toBe('[]');
    expect(JSON.parse(again.outputs['pending-files']!)).toEqual(JSON.parse(first.outputs['files']!));
  });

  it('a run that fails on a bad manifest writes a summary with the error and where it is', async () => {
    fake.seed('acme/web', { [MANIFEST]: 'version: 1\nplatforms: claude-code\n' });
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'check' } });
    expect(result.failed).toBeDefined();
    expect(result.summary).toContain('## blue-gardener: failed');
    expect(result.summary).toContain(`\`${MANIFEST}:2`);
  });

  it('a refused bot command leaves one line in the summary', async () => {
    fake.seed('acme/web', { [MANIFEST]: manifest });
    fake.repos.get('acme/web')!.permissions.set('octocat', { permission: 'write', role_name: 'write' });
    const result = await runAction(fake, { event: 'issue_comment', comment: { body: '/blue frobnicate' } });
    expect(result.summary.trim().split('\n')).toHaveLength(1);
    expect(result.summary).toContain('refused');
  });

  it('pull-request body and summary name agents × platforms once and fold the files away', async () => {
    fake.seed('acme/web', {
      [MANIFEST]: 'version: 1\nplatforms: [claude-code, cursor, copilot]\nprofiles: [core]\n',
    });
    const result = await runAction(fake, { event: 'push' });
    const body = fake.repos.get('acme/web')!.pulls[0]!.body;
    for (const text of [body, result.summary]) {
      expect(text.match(/agent\(s\)\*\* for `claude-code`, `cursor`, `copilot`/g)).toHaveLength(1);
      expect(text).toContain('<details>');
    }
    expect(body.split('\n')[0]).toMatch(/^This pull request brings .* \d+ to create/);
  });
});
