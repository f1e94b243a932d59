import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gitBlobSha } from '../../src/core/hash.js';
import { MARK_TEXT, hasMark, withMark } from '../../src/core/generated-mark.js';
import { parseLock, serializeLock, type Lock, type LockEntry } from '../../src/core/lock.js';
import { LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';
import { currentOf } from '../../src/core/current-file.js';
import { DEFAULT_DRIFT_POLICY } from '../../src/core/drift-policy.js';
import { skillFileGoverning } from '../../src/core/ownership.js';
import { plan } from '../../src/core/plan.js';
import { platformGroups } from '../../src/platforms/registry.js';
import { cli, readRepoFile, removeRepo, scratchRepo, writeRepoFile } from '../helpers/repo.js';

// SECURITY.md "Ownership": the lock alone never makes blue-gardener overwrite or delete a file it did not
// generate. A whole file is ours only when it carries the generated-by mark (and the lock lists it).

const AGENTS = ['blue-react-developer', 'blue-debugger'];
const manifestFor = (platforms: readonly string[], extra = '') =>
  `version: 1\nplatforms: [${platforms.join(', ')}]\nagents: [${AGENTS.join(', ')}]\n${extra}`;

/** A person's own file of the same type as `path`, that we never generated. */
function handWritten(path: string): string {
  if (path.endsWith('.toml'))
    return 'name = "mine"\ndescription = "my own"\ndeveloper_instructions = "mine"\n';
  if (path.endsWith('.json'))
    return `${JSON.stringify({ name: 'mine', description: 'mine', prompt: 'mine' })}\n`;
  return '---\nname: mine\ndescription: "my own agent, written by hand"\n---\n\nMy prompt.\n';
}
const extensionOf = (path: string) => path.slice(path.indexOf('.', path.lastIndexOf('/') + 1));
const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const readLock = (dir: string): Lock => parseLock(readRepoFile(dir, LOCK_PATH), LOCK_PATH);
const writeLock = (dir: string, lock: Lock) => writeRepoFile(dir, LOCK_PATH, serializeLock(lock));

async function synced(platforms: readonly string[], extra = ''): Promise<string> {
  const dir = scratchRepo({ [MANIFEST_PATH]: manifestFor(platforms, extra), 'README.md': '# app\n' });
  const first = await cli(dir, 'sync');
  expect(first).toMatchObject({ code: 0 });
  return dir;
}

const groups = platformGroups().map((g) => [g.join(','), g] as const);

describe.each(groups)('a forged lock entry on platforms %s', (_name, platforms) => {
  let dir: string;
  afterEach(() => dir && removeRepo(dir));

  it('every generated whole file carries the mark, and the lock is version 2', async () => {
    dir = await synced(platforms);
    const lock = readLock(dir);
    expect(lock.version).toBe(2);
    const whole = lock.files.filter((e) => e.kind === 'file');
    expect(whole.length).toBe(platforms.length * AGENTS.length);
    for (const entry of whole)
      expect([entry.path, hasMark(entry.path, readRepoFile(dir, entry.path))]).toEqual([entry.path, true]);
  });

  it.each(['keep', 'overwrite'])(
    'cannot make sync overwrite a hand-written file on a generated path (hand-edits: %s)',
    async (policy) => {
      dir = await synced(platforms, `hand-edits: ${policy}\n`);
      const lock = readLock(dir);
      const mine = new Map<string, string>();
      lock.files = lock.files.map((entry): LockEntry => {
        if (entry.kind !== 'file') return entry;
        const text = handWritten(entry.path);
        writeRepoFile(dir, entry.path, text);
        mine.set(entry.path, text);
        // `keep` is forged as "we wrote exactly this" (stale); `overwrite` as a hand edit of ours.
        return { ...entry, blob: policy === 'keep' ? gitBlobSha(text) : entry.blob };
      });
      writeLock(dir, lock);
      const run = await cli(dir, 'sync');
      expect(run.code).toBe(0);
      for (const [path, text] of mine) expect([path, readRepoFile(dir, path)]).toEqual([path, text]);
      expect(run.stdout).toContain('generated-by mark');
      // Reported every time and never acted on: a second run leaves them too, and `check` names them.
      expect((await cli(dir, 'sync')).code).toBe(0);
      for (const [path, text] of mine) expect([path, readRepoFile(dir, path)]).toEqual([path, text]);
      const check = await cli(dir, 'check');
      expect([check.code, check.stdout]).toEqual([1, expect.stringContaining('unmarked')]);
    },
  );

  it('cannot make sync delete hand-written files beside ours, or root files, listed with their blob', async () => {
    dir = await synced(platforms);
    const lock = readLock(dir);
    const mine = new Map<string, string>();
    const forged: LockEntry[] = [];
    for (const entry of lock.files.filter((e) => e.kind === 'file')) {
      const path = `${dirOf(entry.path)}mine${extensionOf(entry.path)}`;
      if (mine.has(path)) continue;
      mine.set(path, handWritten(path));
      forged.push({ path, kind: 'file', platform: entry.platform, agent: 'mine', blob: '' });
    }
    // Root files a tool reads, written by hand, named as whole generated files.
    mine.set('AGENTS.md', '# Our conventions\n\nHand-written.\n');
    mine.set('.github/copilot-instructions.md', 'Use tabs.\n');
    forged.push({ path: 'AGENTS.md', kind: 'file', platform: platforms[0]!, blob: '' });
    forged.push({ path: '.github/copilot-instructions.md', kind: 'file', platform: platforms[0]!, blob: '' });
    for (const entry of forged) {
      writeRepoFile(dir, entry.path, mine.get(entry.path)!);
      entry.blob = gitBlobSha(mine.get(entry.path)!);
    }
    lock.files = [...lock.files.filter((e) => e.path !== 'AGENTS.md'), ...forged];
    writeLock(dir, lock);
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(0);
    for (const [path, text] of mine) {
      expect([path, existsSync(join(dir, path))]).toEqual([path, true]);
      if (path !== 'AGENTS.md') expect([path, readRepoFile(dir, path)]).toEqual([path, text]);
      else expect(readRepoFile(dir, path)).toContain('Hand-written.');
    }
    expect(run.stdout).toContain('generated-by mark');
  });
});

describe('upgrading from a version-1 lock (files written before the mark)', () => {
  let dir: string;
  afterEach(() => dir && removeRepo(dir));
  const platforms = ['claude-code', 'codex', 'kiro-cli', 'cline'];

  /** The repository as the previous release left it: the same files without the mark, a version-1 lock. */
  async function previousRelease(): Promise<string> {
    const repo = await synced(platforms);
    const lock = readLock(repo);
    lock.version = 1;
    lock.files = lock.files.map((entry) => {
      if (entry.kind !== 'file') return entry;
      const text = unmark(entry.path, readRepoFile(repo, entry.path));
      writeRepoFile(repo, entry.path, text);
      return { ...entry, blob: gitBlobSha(text) };
    });
    writeLock(repo, lock);
    return repo;
  }

  it('the first sync updates and deletes the unmarked generated files as before, then all is marked and clean', async () => {
    dir = await previousRelease();
    // One agent leaves the manifest: its unmarked files must be deleted.
    writeRepoFile(
      dir,
      MANIFEST_PATH,
      `version: 1\nplatforms: [${platforms.join(', ')}]\nagents: [${AGENTS[0]}]\n`,
    );
    const before = readLock(dir).files.filter((e) => e.kind === 'file');
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(0);
    const after = readLock(dir);
    expect(after.version).toBe(2);
    for (const entry of before) {
      const gone = entry.agent === AGENTS[1];
      expect([entry.path, existsSync(join(dir, entry.path))]).toEqual([entry.path, !gone]);
      if (!gone)
        expect([entry.path, hasMark(entry.path, readRepoFile(dir, entry.path))]).toEqual([entry.path, true]);
    }
    expect(run.stdout).not.toContain('generated-by mark');
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('a lock turned back to version 1 in a synced repository does not bring back trust by the lock alone', async () => {
    dir = await synced(platforms);
    const lock = readLock(dir);
    lock.version = 1;
    const mine = '---\nname: mine\ndescription: "mine"\n---\n\nMine.\n';
    writeRepoFile(dir, '.claude/agents/mine.md', mine);
    lock.files.push({
      path: '.claude/agents/mine.md',
      kind: 'file',
      platform: 'claude-code',
      blob: gitBlobSha(mine),
    });
    writeLock(dir, lock);
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(0);
    expect(readRepoFile(dir, '.claude/agents/mine.md')).toBe(mine);
    expect(readLock(dir).version).toBe(2);
  });
});

describe('the generated-by mark', () => {
  it.each([
    ['.claude/agents/a.md', '---\nname: a\n---\n\nbody\n', `---\n# ${MARK_TEXT}\nname: a\n---\n\nbody\n`],
    ['.cline/agents/a.yaml', '---\nname: a\n---\n\nbody\n', `---\n# ${MARK_TEXT}\nname: a\n---\n\nbody\n`],
    ['notes/a.md', '# Title\n', `<!-- ${MARK_TEXT} -->\n# Title\n`],
    ['.codex/agents/a.toml', 'name = "a"\n', `# ${MARK_TEXT}\nname = "a"\n`],
    ['x/a.yml', 'a: 1\n', `# ${MARK_TEXT}\na: 1\n`],
    ['.kiro/agents/a.json', '{"prompt":"p"}', `{\n  "prompt": "p\\n\\n<!-- ${MARK_TEXT} -->"\n}\n`],
  ])('goes where %s takes it, once, and is found there', (path, content, marked) => {
    expect(withMark(path, content)).toBe(marked);
    expect(withMark(path, marked)).toBe(marked);
    expect([hasMark(path, content), hasMark(path, marked)]).toEqual([false, true]);
  });

  it('gives the same answers for a JSON text asked about again, in any order (one parse is reused)', () => {
    const path = '.kiro/agents/a.json';
    const content = '{"name":"a","__proto__":{"x":1},"prompt":"p"}';
    const marked = withMark(path, content);
    expect(JSON.parse(marked)).toEqual(
      JSON.parse(`{"name":"a","__proto__":{"x":1},"prompt":"p\\n\\n<!-- ${MARK_TEXT} -->"}`),
    );
    expect([hasMark(path, content), withMark(path, content), hasMark(path, marked)]).toEqual([
      false,
      marked,
      true,
    ]);
    expect(withMark(path, content)).toBe(marked);
    expect([hasMark(path, '{"prompt":1}'), hasMark(path, 'not json'), hasMark(path, '[1]')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('is not found anywhere else in the file (a quoted mark in a body does not count)', () => {
    expect(hasMark('a/b.md', `---\nname: a\n---\n\n# ${MARK_TEXT}\n`)).toBe(false);
    expect(hasMark('a/b.toml', `name = "a"\n# ${MARK_TEXT}\n`)).toBe(false);
    expect(hasMark('a/b.json', `{"prompt":"<!-- ${MARK_TEXT} --> then more"}`)).toBe(false);
    expect(hasMark('a/run.sh', `# ${MARK_TEXT}\n`)).toBe(false);
  });
});

/** What the previous release wrote: the file without its mark. */
function unmark(path: string, text: string): string {
  const frontmatter = `---\n# ${MARK_TEXT}\n`;
  if (text.startsWith(frontmatter)) return `---\n${text.slice(frontmatter.length)}`;
  if (text.startsWith(`# ${MARK_TEXT}\n`)) return text.slice(`# ${MARK_TEXT}\n`.length);
  if (path.endsWith('.json')) {
    const data = JSON.parse(text) as { prompt: string };
    data.prompt = data.prompt.slice(0, data.prompt.lastIndexOf('\n\n<!-- '));
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  throw new Error(`no mark in ${path}`);
}

describe("files that take no mark (a skill's supporting files) are ours through their SKILL.md", () => {
  const root = '.claude/skills/tidy';
  const skill = `${root}/SKILL.md`;
  const script = `${root}/scripts/run.sh`;
  const skillText = withMark(skill, '---\nname: tidy\ndescription: "tidy"\n---\n\nTidy.\n');
  const scriptText = '#!/bin/sh\necho tidy\n';
  const entry = (path: string, text: string): LockEntry => ({
    path,
    kind: 'file',
    platform: 'claude-code',
    blob: gitBlobSha(text),
  });
  const planWith = (skillNow: string, skillLocked = skillText) =>
    plan({
      rendered: [],
      current: new Map([
        [skill, currentOf(skillNow)],
        [script, currentOf(scriptText)],
      ]),
      lock: { version: 2, files: [entry(skill, skillLocked), entry(script, scriptText)], agents: {} },
      lockText: undefined,
      policy: { ...DEFAULT_DRIFT_POLICY },
      agentHashes: {},
    });

  it('names the SKILL.md that governs a path, at any depth, never the file itself', () => {
    const locked = new Set([skill, script]);
    expect(skillFileGoverning(script, locked)).toBe(skill);
    expect(skillFileGoverning(skill, locked)).toBeUndefined();
    expect(skillFileGoverning('.claude/skills/other/x.sh', locked)).toBeUndefined();
  });

  it('deletes the skill folder when its SKILL.md carries the mark and matches the lock', () => {
    const result = planWith(skillText);
    expect(result.changes.filter((c) => c.operation === 'delete').map((c) => c.path)).toEqual([
      skill,
      script,
    ]);
  });

  it.each([
    ['without the mark (the lock naming its blob)', skillText.replace(`# ${MARK_TEXT}\n`, ''), true],
    ['edited by hand', `${skillText}More.\n`, false],
  ])('leaves the supporting file alone when its SKILL.md is %s', (_what, now, forged) => {
    const result = planWith(now, forged ? now : skillText);
    expect(result.changes.filter((c) => c.path === script)).toEqual([]);
    expect(result.findings.find((f) => f.path === script)).toMatchObject({
      kind: 'unmarked',
      action: 'kept',
    });
  });
});
