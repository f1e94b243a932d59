import { withMark } from '../../src/core/generated-mark.js';
import { chmodSync, existsSync, rmSync, statSync, symlinkSync } from 'node:fs';
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

const SKILL_DIR = '.github/blue-gardener/skills';
const skillMd = (name: string, description = 'Fills PDF forms. Use when the user asks about a PDF form.') =>
  `---\nname: ${name}\ndescription: ${description}\n---\n\nRun \`scripts/fill.sh <file>\`.\n`;

/** A repository with one skill `pdf-tools` (SKILL.md, an executable script, a reference) on the given tools. */
function repoWithSkill(platforms: string, extra: Record<string, string> = {}): string {
  const dir = scratchRepo({
    ...manifest(`version: 1\nplatforms: [${platforms}]\nskills: [pdf-tools]\n`),
    [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('pdf-tools'),
    [`${SKILL_DIR}/pdf-tools/scripts/fill.sh`]: '#!/bin/sh\necho filled "$1"\n',
    [`${SKILL_DIR}/pdf-tools/references/forms.md`]: '# Forms\r\nCRLF kept\r\n',
    ...extra,
  });
  chmodSync(join(dir, SKILL_DIR, 'pdf-tools/scripts/fill.sh'), 0o755);
  return dir;
}

const everyTool =
  'claude-code, copilot, codex, gemini, opencode, cursor, kilo, qwen, factory, windsurf, augment, kiro, cline, junie';
const isExecutable = (dir: string, path: string) => (statSync(join(dir, path)).mode & 0o111) !== 0;

describe('repository skills through sync, check and removal', () => {
  let dir: string;
  afterEach(() => removeRepo(dir));

  test('each skill lands once per skill root, byte for byte, scripts executable; a second sync writes nothing', async () => {
    dir = repoWithSkill(everyTool);
    const first = await cli(dir, 'sync');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const roots = ['.agents/skills/', '.claude/skills/', '.kiro/skills/', '.cline/skills/', '.junie/skills/'];
    for (const root of roots) {
      // The source with our generated-by mark as its frontmatter's first line (ownership).
      expect(readRepoFile(dir, `${root}pdf-tools/SKILL.md`)).toBe(withMark('SKILL.md', skillMd('pdf-tools')));
      expect(readRepoFile(dir, `${root}pdf-tools/references/forms.md`)).toBe('# Forms\r\nCRLF kept\r\n');
      expect(isExecutable(dir, `${root}pdf-tools/scripts/fill.sh`)).toBe(true);
      expect(isExecutable(dir, `${root}pdf-tools/SKILL.md`)).toBe(false);
    }
    // Never the folders a tool would read a second copy from.
    for (const root of [
      '.codex/skills',
      '.gemini/skills',
      '.opencode/skills',
      '.qwen/skills',
      '.github/skills',
    ])
      expect(existsSync(join(dir, root))).toBe(false);
    const lock = readRepoFile(dir, '.github/blue-gardener.lock');
    expect(lock).toContain(
      '{"path":".agents/skills/pdf-tools/scripts/fill.sh","kind":"file","platform":"copilot,codex,gemini,opencode,kilo,qwen,factory,windsurf,augment","skill":"pdf-tools","blob":',
    );
    const before = snapshot(dir);
    const second = await cli(dir, 'sync');
    expect(second.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  test('a dry run lists the skill scripts it would add, plainly, and writes nothing', async () => {
    dir = repoWithSkill('claude-code, codex');
    const before = snapshot(dir);
    const dry = await cli(dir, 'sync', '--dry-run');
    expect(dry.code).toBe(0);
    // Once per skill, though it goes to two roots; the reference file is not code.
    expect(dry.stdout.match(/runs code/g)).toHaveLength(1);
    expect(dry.stdout).toContain('skill `pdf-tools` runs code: scripts/fill.sh');
    expect(snapshot(dir)).toEqual(before);
    await cli(dir, 'sync');
    expect((await cli(dir, 'sync', '--dry-run')).stdout).not.toContain('runs code');
  });

  test('a hand edit to a generated skill file is reported by check', async () => {
    dir = repoWithSkill('claude-code');
    await cli(dir, 'sync');
    writeRepoFile(dir, '.claude/skills/pdf-tools/scripts/fill.sh', '#!/bin/sh\nrm -rf /\n');
    const check = await cli(dir, 'check');
    expect(check.code).not.toBe(0);
    expect(check.stdout + check.stderr).toContain('.claude/skills/pdf-tools/scripts/fill.sh');
  });

  test('a script that lost its executable bit is stale: check names it, sync adds the bit back and nothing else', async () => {
    dir = repoWithSkill('claude-code, codex');
    expect((await cli(dir, 'sync')).code).toBe(0);
    const scripts = ['.claude/skills/pdf-tools/scripts/fill.sh', '.agents/skills/pdf-tools/scripts/fill.sh'];
    chmodSync(join(dir, scripts[0]!), 0o644);
    const check = await cli(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain(scripts[0]);
    expect(check.stdout).toMatch(
      /update +\.claude\/skills\/pdf-tools\/scripts\/fill\.sh +executable bit added/,
    );
    expect(check.stdout + check.stderr).not.toContain(scripts[1]);
    const before = snapshot(dir);
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain(scripts[0]);
    expect(snapshot(dir)).toEqual(before);
    for (const script of scripts) expect(isExecutable(dir, script)).toBe(true);
    expect((await cli(dir, 'check')).code).toBe(0);
    // The other way round is the person's: a generated file made executable by hand stays so, and is no drift.
    chmodSync(join(dir, '.claude/skills/pdf-tools/SKILL.md'), 0o755);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  test('removing the skill removes exactly its files; a user file in its folder stays', async () => {
    dir = repoWithSkill('claude-code, codex');
    await cli(dir, 'sync');
    writeRepoFile(dir, '.claude/skills/pdf-tools/NOTES.md', 'mine\n');
    writeRepoFile(dir, '.claude/skills/other/SKILL.md', skillMd('other'));
    writeRepoFile(dir, '.github/blue-gardener.yml', 'version: 1\nplatforms: [claude-code, codex]\n');
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(0);
    const files = Object.keys(snapshot(dir)).filter(
      (p) => p.includes('skills/') && !p.startsWith('.github/'),
    );
    expect(files.sort()).toEqual(['.claude/skills/other/SKILL.md', '.claude/skills/pdf-tools/NOTES.md']);
    expect(readRepoFile(dir, '.github/blue-gardener.lock')).not.toContain('"skill"');
  });

  test('a tool that reads no project skills is reported, not silently skipped', async () => {
    dir = repoWithSkill('claude-code, goose');
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout + sync.stderr).toMatch(/skills are not generated for goose/);
  });
});

describe('bad skills: a clear error naming the file, nothing written', () => {
  let dir: string;
  afterEach(() => removeRepo(dir));

  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing SKILL.md', { [`${SKILL_DIR}/pdf-tools/SKILL.md`]: '' }, /has no SKILL.md/],
    [
      'name not the folder',
      { [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('pdf-tool') },
      /does not match its folder/,
    ],
    ['upper-case name', { [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('Pdf-Tools') }, /is not a skill name/],
    ['double hyphen', { [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('pdf--tools') }, /is not a skill name/],
    [
      'description too long',
      { [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('pdf-tools', 'x'.repeat(1025)) },
      /has 1025 characters; the limit is 1024/,
    ],
    [
      'file too large',
      { [`${SKILL_DIR}/pdf-tools/data.txt`]: 'x'.repeat(1024 * 1024 + 1) },
      /a skill file may have at most/,
    ],
    ['binary file', { [`${SKILL_DIR}/pdf-tools/logo.bin`]: 'a\u0000b' }, /binary file/],
    [
      'control character',
      { [`${SKILL_DIR}/pdf-tools/scripts/x.sh`]: 'echo \u202e hi\n' },
      /control character U\+202E/,
    ],
    [
      'nested SKILL.md',
      { [`${SKILL_DIR}/pdf-tools/inner/SKILL.md`]: skillMd('inner') },
      /SKILL.md inside the skill/,
    ],
    [
      'unknown key',
      {
        [`${SKILL_DIR}/pdf-tools/SKILL.md`]: skillMd('pdf-tools').replace('---\n\n', 'model: opus\n---\n\n'),
      },
      /unknown key `model`/,
    ],
  ];
  test.each(cases)('%s', async (_about, files, message) => {
    dir = repoWithSkill('claude-code');
    for (const [path, text] of Object.entries(files)) {
      if (text === '')
        removeFile(dir, path); // '' means: no such file
      else writeRepoFile(dir, path, text);
    }
    const before = snapshot(dir);
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(message);
    expect(sync.stderr).toContain(`${SKILL_DIR}/pdf-tools`);
    expect(snapshot(dir)).toEqual(before);
  });

  test('a symbolic link inside a skill folder', async () => {
    dir = repoWithSkill('claude-code');
    symlinkSync('/etc/passwd', join(dir, SKILL_DIR, 'pdf-tools/references/passwd'));
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(
      /pdf-tools\/references\/passwd` is a symbolic link inside the skill `pdf-tools`/,
    );
    expect(existsSync(join(dir, '.claude/skills'))).toBe(false);
  });

  test('an unknown skill in the manifest names its line and the closest skill', async () => {
    dir = repoWithSkill('claude-code');
    writeRepoFile(
      dir,
      '.github/blue-gardener.yml',
      'version: 1\nplatforms: [claude-code]\nskills: [pdf-tool]\n',
    );
    const sync = await cli(dir, 'sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('.github/blue-gardener.yml:3');
    expect(sync.stderr).toMatch(/unknown skill `pdf-tool`.*pdf-tools/);
  });
});

function removeFile(dir: string, path: string): void {
  rmSync(join(dir, path));
}

describe('add, remove, search and list know repository skills', () => {
  let dir: string;
  afterEach(() => removeRepo(dir));

  test('add <skill> lists it under `skills` and generates it; remove takes it out and deletes its files', async () => {
    dir = repoWithSkill('claude-code');
    writeRepoFile(dir, '.github/blue-gardener.yml', 'version: 1\nplatforms: [claude-code]\n');
    const add = await cli(dir, 'add', 'pdf-tools');
    expect(add.stderr).toBe('');
    expect(readRepoFile(dir, '.github/blue-gardener.yml')).toBe(
      'version: 1\nplatforms: [claude-code]\nskills:\n  - pdf-tools\n',
    );
    expect(existsSync(join(dir, '.claude/skills/pdf-tools/scripts/fill.sh'))).toBe(true);
    // Planned with a manifest edit, the script keeps its executable bit all the same.
    expect(isExecutable(dir, '.claude/skills/pdf-tools/scripts/fill.sh')).toBe(true);
    const remove = await cli(dir, 'remove', 'pdf-tools');
    expect(remove.code).toBe(0);
    expect(readRepoFile(dir, '.github/blue-gardener.yml')).toBe(
      'version: 1\nplatforms: [claude-code]\nskills: []\n',
    );
    expect(existsSync(join(dir, '.claude/skills'))).toBe(false);
  });

  test('add of a name that is neither suggests the closest skill', async () => {
    dir = repoWithSkill('claude-code');
    const add = await cli(dir, 'add', 'pdf-tool');
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/unknown agent or skill `pdf-tool`.*pdf-tools/);
  });

  test('search finds a repository skill, labelled; list shows it as installed', async () => {
    dir = repoWithSkill('claude-code');
    const found = await cli(dir, 'search', 'pdf', 'forms');
    expect(found.stdout).toContain('pdf-tools (skill, in this repository)');
    const json = JSON.parse((await cli(dir, 'search', 'pdf', '--json')).stdout) as {
      name: string;
      kind: string;
    }[];
    expect(json).toContainEqual(expect.objectContaining({ name: 'pdf-tools', kind: 'skill' }));
    const list = await cli(dir, 'list');
    expect(list.stdout).toMatch(/skills \(this repository\)\n {2}✓ pdf-tools/);
  });
});
