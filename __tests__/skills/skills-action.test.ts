import { withMark } from '../../src/core/generated-mark.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';

const SKILLS = '.github/blue-gardener/skills';
const skillMd =
  '---\nname: pdf-tools\ndescription: Fills PDF forms. Use for PDF forms.\n---\n\nRun scripts/fill.sh.\n';
let fake: FakeGitHub;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/web', {
    '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code, codex]\nskills: [pdf-tools]\n',
    [`${SKILLS}/pdf-tools/SKILL.md`]: skillMd,
  });
  fake.commitFiles(
    'acme/web',
    'main',
    { [`${SKILLS}/pdf-tools/scripts/fill.sh`]: '#!/bin/sh\necho hi\n' },
    'script',
    undefined,
    '100755',
  );
});
afterEach(() => expect(fake.problems).toEqual([]));

/** Path → git mode of every file at the head of `main`. */
function modesAtMain(branch = 'main'): Record<string, string> {
  const repo = fake.repos.get('acme/web')!;
  const tree = repo.trees.get(repo.commits.get(repo.refs.get(branch)!)!.tree)!;
  return Object.fromEntries([...tree].map(([p, e]) => [p, e.mode]));
}

describe('repository skills through the action', () => {
  it('commit mode writes each skill to both roots with the script as 100755, then changes nothing', async () => {
    const first = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(first.failed).toBeUndefined();
    const modes = modesAtMain();
    for (const root of ['.claude/skills', '.agents/skills']) {
      expect(modes[`${root}/pdf-tools/scripts/fill.sh`]).toBe('100755');
      expect(modes[`${root}/pdf-tools/SKILL.md`]).toBe('100644');
      // The SKILL.md is the source with our generated-by mark as its frontmatter's first line (ownership).
      expect(fake.filesAt('acme/web', 'main')[`${root}/pdf-tools/SKILL.md`]).toBe(
        withMark('SKILL.md', skillMd),
      );
    }
    expect(first.summary).toContain('skill `pdf-tools` runs code: scripts/fill.sh');
    const second = await runAction(fake, { event: 'schedule', inputs: { mode: 'commit' } });
    expect(second.failed).toBeUndefined();
    expect(second.outputs['changed']).toBe('false');
  });

  it('a script that lost its executable bit on the branch is stale: check fails, a commit run restores 100755', async () => {
    expect((await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).failed).toBeUndefined();
    const script = '.claude/skills/pdf-tools/scripts/fill.sh';
    // The same bytes, committed as 100644 (a `chmod -x`, or a checkout on a disk without modes).
    fake.commitFiles('acme/web', 'main', { [script]: '#!/bin/sh\necho hi\n' }, 'chmod -x');
    expect(modesAtMain()[script]).toBe('100644');
    const check = await runAction(fake, { event: 'push', inputs: { mode: 'check' } });
    expect(check.failed).toContain(script);
    expect(check.summary).toContain(`| \`${script}\` | update (executable bit added) |`);
    const fix = await runAction(fake, { event: 'schedule', inputs: { mode: 'commit' } });
    expect(fix.failed).toBeUndefined();
    expect(fix.outputs['changed']).toBe('true');
    expect(modesAtMain()[script]).toBe('100755');
    expect(fake.filesAt('acme/web', 'main')[script]).toBe('#!/bin/sh\necho hi\n');
    const again = await runAction(fake, { event: 'schedule', inputs: { mode: 'commit' } });
    expect(again.outputs['changed']).toBe('false');
  });

  it('a pull request that adds a skill with a script says so in its body', async () => {
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'pull-request' } });
    expect(result.failed).toBeUndefined();
    const body = fake.repos.get('acme/web')!.pulls[0]!.body;
    expect(body).toContain('### Skills that run code');
    expect(body).toContain('skill `pdf-tools` runs code: scripts/fill.sh');
  });

  it('a symbolic link inside a skill in the repository fails the run, naming it', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { [`${SKILLS}/pdf-tools/secrets`]: '/etc/passwd' },
      'link',
      undefined,
      '120000',
    );
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(result.failed).toMatch(/pdf-tools\/secrets` is a symbolic link inside the skill/);
    expect(modesAtMain()['.claude/skills/pdf-tools/SKILL.md']).toBeUndefined();
  });

  it('`/blue add <skill>` lists it under `skills` in the pull request, with its files', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code]\n' },
      'no skills',
    );
    fake.repos.get('acme/web')!.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
    const bot = await runAction(fake, {
      event: 'issue_comment',
      comment: { body: '/blue add pdf-tools', login: 'maintainer' },
    });
    expect(bot.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(files['.github/blue-gardener.yml']).toBe(
      'version: 1\nplatforms: [claude-code]\nskills:\n  - pdf-tools\n',
    );
    expect(files['.claude/skills/pdf-tools/scripts/fill.sh']).toBe('#!/bin/sh\necho hi\n');
    // Planned with a manifest edit, the script keeps its executable bit all the same.
    expect(modesAtMain('blue-gardener/sync')['.claude/skills/pdf-tools/scripts/fill.sh']).toBe('100755');
  });
});
