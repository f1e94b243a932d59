import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { gitSourceRepo, sourceAgent } from '../helpers/git-source.js';

/** `skills: [<source>/<skill>]`: a source's `skills/<name>/` folder, checked and copied like a repository skill. */
const SKILL =
  '---\nname: pdf-tools\ndescription: Fills PDF forms from the organisation catalog.\n---\n\nRun scripts/fill.sh.\n';
const withSource = (url: string, rest: string) =>
  manifest(
    `version: 1\nplatforms: [claude-code]\nsources:\n  acme: { git: '${url}', ref: main }\nagents: [acme/reviewer]\n${rest}`,
  );

let repo: string;
let src: ReturnType<typeof gitSourceRepo>;
afterEach(() => {
  removeRepo(repo);
  removeRepo(src.dir);
});

describe('skills from a source', () => {
  it('installs <source>/<skill> with its supporting files and executable bit, pinned like its agents', async () => {
    src = gitSourceRepo({
      'reviewer.md': sourceAgent('reviewer'),
      'skills/pdf-tools/SKILL.md': SKILL,
      'skills/pdf-tools/scripts/fill.sh': '#!/bin/sh\necho fill\n',
    });
    chmodSync(join(src.dir, 'skills/pdf-tools/scripts/fill.sh'), 0o755);
    const head = src.commit({}, 'executable');
    repo = scratchRepo(withSource(src.url, 'skills: [acme/pdf-tools]\n'));
    const result = await cli(repo, 'sync');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = snapshot(repo);
    expect(files['.claude/skills/pdf-tools/SKILL.md']).toContain(
      'Fills PDF forms from the organisation catalog.',
    );
    expect(files['.claude/skills/pdf-tools/scripts/fill.sh']).toContain('echo fill');
    expect(statSync(join(repo, '.claude/skills/pdf-tools/scripts/fill.sh')).mode & 0o111).not.toBe(0);
    const locked = JSON.parse(files['.github/blue-gardener.lock']!).sources.acme;
    expect(locked.commit).toBe(head);
    expect(Object.keys(locked.skills)).toEqual(['pdf-tools']);
    expect(locked.skills['pdf-tools']).toMatch(/^[0-9a-f]{64}$/);
    // The source moves on: sync stays at the locked commit; update brings the new skill text and says so.
    const next = src.commit({ 'skills/pdf-tools/SKILL.md': SKILL.replace('Run', 'Now run') });
    const tree = snapshot(repo);
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect(snapshot(repo)).toEqual(tree);
    const updated = await cli(repo, 'update');
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain(
      `source acme: ${head.slice(0, 12)} → ${next.slice(0, 12)}; no installed agent changed; skills changed: pdf-tools`,
    );
    expect(snapshot(repo)['.claude/skills/pdf-tools/SKILL.md']).toContain('Now run scripts/fill.sh.');
    const relocked = JSON.parse(snapshot(repo)['.github/blue-gardener.lock']!).sources.acme;
    expect(relocked.skills['pdf-tools']).not.toBe(locked.skills['pdf-tools']);
    // Only the executable bit changes upstream: that is a change of the skill too.
    chmodSync(join(src.dir, 'skills/pdf-tools/scripts/fill.sh'), 0o644);
    src.commit({}, 'not executable');
    expect((await cli(repo, 'update')).stdout).toContain('skills changed: pdf-tools');
  });

  it.each([
    [
      'an unknown skill of the source',
      { 'skills/pdf-tools/SKILL.md': SKILL },
      'skills: [acme/pdf-tool]\n',
      '.github/blue-gardener.yml:6:10: source `acme` has no skill `pdf-tool`. Did you mean `pdf-tools`?',
    ],
    [
      'a skill of an undeclared source',
      { 'skills/pdf-tools/SKILL.md': SKILL },
      'skills: [acmee/pdf-tools]\n',
      'skill `acmee/pdf-tools` names source `acmee`, which is not in `sources`. Did you mean `acme`?',
    ],
    [
      'a bidirectional override in a script of the skill',
      { 'skills/pdf-tools/SKILL.md': SKILL, 'skills/pdf-tools/x.sh': 'echo \u202e hi\n' },
      'skills: [acme/pdf-tools]\n',
      'skills/pdf-tools/x.sh',
    ],
    [
      'a skill without SKILL.md',
      { 'skills/pdf-tools/notes.md': 'x\n' },
      'skills: [acme/pdf-tools]\n',
      'skills/pdf-tools',
    ],
  ])('%s is refused, naming the source, and nothing is written', async (_what, files, rest, message) => {
    src = gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer'), ...files });
    repo = scratchRepo(withSource(src.url, rest));
    const before = snapshot(repo);
    const result = await cli(repo, 'sync');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    if (message.startsWith('skills/'))
      expect(result.stderr).toContain(`source:acme@${src.first.slice(0, 12)}/${message}`);
    expect(snapshot(repo)).toEqual(before);
  });

  it('a skill file of a source that is not UTF-8 is refused at the file', async () => {
    src = gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer'), 'skills/pdf-tools/SKILL.md': SKILL });
    writeFileSync(join(src.dir, 'skills/pdf-tools/latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const head = src.commit({}, 'latin-1');
    repo = scratchRepo(withSource(src.url, 'skills: [acme/pdf-tools]\n'));
    const result = await cli(repo, 'sync');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `source:acme@${head.slice(0, 12)}/skills/pdf-tools/latin1.txt is not valid UTF-8`,
    );
  });
});
