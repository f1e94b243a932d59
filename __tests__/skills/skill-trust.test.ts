import { isWritablePath } from '../../src/core/write-allowlist.js';
import { parseLock, serializeLock } from '../../src/core/lock.js';
import { UserError } from '../../src/core/errors.js';
import { loadSkills } from '../../src/core/skill.js';
import { selectSkills, checkSkillClashes, type Skill } from '../../src/core/skill.js';

describe('the write allowlist: a tree rule for skill roots', () => {
  it.each([
    '.agents/skills/pdf-tools/SKILL.md',
    '.claude/skills/pdf-tools/scripts/lib/deep/x.py',
    '.kiro/skills/a/b',
    '.cline/skills/a/SKILL.md',
    '.junie/skills/a/SKILL.md',
  ])('allows %s', (path) => expect(isWritablePath(path)).toBe(true));
  it.each([
    '.agents/skills/SKILL.md', // directly in the root: not a skill's file
    '.agents/skills/pdf-tools/', // trailing slash
    '.agents/skills//x', // empty segment
    '.agents/skills/a/../../../etc/passwd',
    '.agents/skills/./a',
    '.agents/skills/a\\b',
    '.agents/skillsx/a/b',
    '.codex/skills/a/SKILL.md', // Codex would list it twice: never ours
    '.gemini/skills/a/SKILL.md',
    '.github/workflows/x.yml',
  ])('refuses %s', (path) => expect(isWritablePath(path)).toBe(false));
});

describe('the lock: file entries owned by a skill', () => {
  const blob = 'a'.repeat(40);
  const text = (entry: object) => JSON.stringify({ version: 1, files: [entry], agents: {} });
  it('round-trips a skill owner, one entry per line', () => {
    const entry = {
      path: '.claude/skills/x/SKILL.md',
      kind: 'file',
      platform: 'claude-code',
      skill: 'x',
      blob,
    };
    const lock = parseLock(text(entry), 'lock');
    expect(lock.files[0]).toEqual(entry);
    expect(serializeLock(lock)).toContain(
      `{"path":".claude/skills/x/SKILL.md","kind":"file","platform":"claude-code","skill":"x","blob":"${blob}"}`,
    );
  });
  it.each([
    [{ path: '.claude/skills/x/SKILL.md', kind: 'file', platform: 'claude-code', skill: '', blob }, 'skill'],
    [{ path: '.claude/skills/x/SKILL.md', kind: 'file', platform: 'claude-code', skill: 3, blob }, 'skill'],
    [{ path: '.claude/skills/SKILL.md', kind: 'file', platform: 'claude-code', skill: 'x', blob }, 'path'],
  ])('refuses %j', (entry, at) => {
    expect(() => parseLock(text(entry), 'lock')).toThrow(new RegExp(`files\\.0\\.${at}`));
  });
});

describe('the loader on a file list (the shape a source hands over)', () => {
  const md = (name: string) => `---\nname: ${name}\ndescription: Does ${name}.\n---\n\nBody.\n`;
  const file = (path: string, text: string, executable = false) => ({ path, text, executable });
  it('groups files by skill folder, keeps paths inside the skill, text and executable bit', () => {
    const skills = loadSkills(
      [
        file('s/b/SKILL.md', md('b')),
        file('s/a/SKILL.md', md('a')),
        file('s/a/scripts/x.sh', 'echo\n', true),
      ],
      's',
      'repository',
    );
    expect(skills.map((s) => [s.name, s.files])).toEqual([
      [
        'a',
        [
          { path: 'SKILL.md', text: md('a'), executable: false },
          { path: 'scripts/x.sh', text: 'echo\n', executable: true },
        ],
      ],
      ['b', [{ path: 'SKILL.md', text: md('b'), executable: false }]],
    ]);
  });
  it('reports every bad skill at once, each at its file', () => {
    try {
      loadSkills(
        [file('s/a/x.txt', 'x'), file('s/B/SKILL.md', md('B')), file('s/loose.md', 'x')],
        's',
        'repository',
      );
      throw new Error('no error');
    } catch (error) {
      const all = (error as UserError).all().map((e) => e.location?.file);
      expect(all.sort()).toEqual(['s/B/SKILL.md', 's/a', 's/loose.md']);
    }
  });
  it('a name two origins provide is a clash, naming both', () => {
    const skill = (dir: string): Skill => ({ name: 'a', description: 'd', dir, origin: dir, files: [] });
    expect(() => checkSkillClashes([skill('repo/a'), skill('acme/skills/a')])).toThrow(
      'two skills are named `a`: repo/a and acme/skills/a',
    );
  });
  it('a manifest entry naming a source the manifest does not declare is refused at its line', () => {
    expect(() => selectSkills(['acme/a'], [], () => ({ file: 'm.yml', line: 3 }), 's')).toThrow(
      'skill `acme/a` names source `acme`, which is not in `sources`',
    );
  });
  it('refuses C0 controls and DEL in a script, keeps tab and CRLF', () => {
    expect(() => loadSkills([file('s/a/SKILL.md', md('a')), file('s/a/x.sh', 'a\u001bb')], 's', 'r')).toThrow(
      /U\+001B/,
    );
    expect(() => loadSkills([file('s/a/SKILL.md', md('a')), file('s/a/x.sh', 'a\u007f')], 's', 'r')).toThrow(
      /U\+007F/,
    );
    expect(loadSkills([file('s/a/SKILL.md', md('a')), file('s/a/x.sh', 'a\tb\r\n')], 's', 'r')).toHaveLength(
      1,
    );
  });
});
