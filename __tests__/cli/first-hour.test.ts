// What a new user meets in their first hour: help for every command, output sized for a person, JSON
// errors, colour only where it belongs, and hints that say how to get out of the way of their own files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wantsColour } from '../../src/cli/colour.js';
import { commands } from '../../src/cli/commands.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import {
  cli,
  manifest,
  readRepoFile,
  removeRepo,
  scratchRepo,
  snapshot,
  writeRepoFile,
} from '../helpers/repo.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

/** A hand edit of a generated file: its content replaced, its generated-by mark kept. */
const HAND_EDIT = `---\n# ${MARK_TEXT}\n---\n\nmy own edit\n`;

const three =
  'version: 1\nplatforms: [claude-code, cursor, codex]\nagents: [blue-react-developer, blue-docker-specialist]\n';
let repo: string;
afterEach(() => repo && removeRepo(repo));

describe('help for every command, generated from the command table', () => {
  it.each(Object.keys(commands))(
    '`help %s` and `%s --help` print its usage, options, example and exit codes',
    async (name) => {
      repo = scratchRepo();
      const viaHelp = await cli(repo, 'help', name);
      const viaFlag = await cli(repo, name, '--help');
      expect(viaHelp.code).toBe(0);
      expect(viaFlag).toEqual(viaHelp);
      const text = viaHelp.stdout;
      expect(text).toContain(`Usage: npx blue-gardener@1 ${name}`);
      for (const option of commands[name]!.options) expect(text).toContain(`--${option}`);
      for (const heading of ['Options:', 'Example:', 'Exit codes:']) expect(text).toContain(heading);
      expect(text).toMatch(/^ {2}0 {2}\S/m);
      expect(text).toMatch(/^ {2}1 {2}\S/m);
      expect(text).toMatch(/^ {2}2 {2}usage error/m);
      // The example is a command line this command accepts: its name, and only options it takes.
      const example = commands[name]!.example[0];
      expect(example.startsWith(`npx blue-gardener@1 ${name}`)).toBe(true);
      for (const [, option] of example.matchAll(/--([a-z-]+)/g))
        expect([...commands[name]!.options, 'json', 'dir']).toContain(option);
    },
  );

  it('`help` alone is the overview; `help <unknown>` is a usage error with a suggestion', async () => {
    repo = scratchRepo();
    const overview = await cli(repo, 'help');
    expect(overview.code).toBe(0);
    for (const name of Object.keys(commands))
      expect(overview.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    const unknown = await cli(repo, 'help', 'snyc');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean `sync`');
  });

  it.each([
    ['check', '--dry-run'],
    ['list', '--profile', 'core'],
    ['doctor', '--diff'],
    ['sync', 'extra'],
    ['remove'],
    ['platform', 'add'],
    ['add'],
  ])('refuses what a command does not take, with its usage: %s %s', async (...args) => {
    repo = scratchRepo(manifest(three));
    const before = snapshot(repo);
    const result = await cli(repo, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`usage: npx blue-gardener@1 ${args[0]}`);
    expect(snapshot(repo)).toEqual(before);
  });

  it("says where platforms go when `add` is given the original CLI's --platform", async () => {
    repo = scratchRepo(manifest(three));
    const result = await cli(repo, 'add', 'blue-accessibility-specialist', '--platform', 'cursor');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`add` does not take --platform');
    expect(result.stderr).toContain('platform add <id>');
  });
});

describe('--dry-run is sized for a person; --diff has the lines', () => {
  it('lists each file with its operation and line counts, not its content', async () => {
    repo = scratchRepo(manifest(three));
    await cli(repo, 'sync');
    const before = snapshot(repo);
    const dry = await cli(repo, 'add', '--profile', 'core', '--dry-run');
    expect(dry.code).toBe(0);
    expect(snapshot(repo)).toEqual(before);
    expect(dry.stdout).not.toMatch(/^(\+\+\+|---|@@) /m);
    const lines = dry.stdout.split('\n');
    const files = lines.filter((l) => /^ {2}(create|update|delete) /.test(l));
    expect(lines.length).toBeLessThan(files.length + 10);
    expect(dry.stdout).toMatch(/^ {2}update {2}\.github\/blue-gardener\.yml +\+\d+$/m);
    expect(dry.stdout).toContain('Add --diff to see every line.');
    // The counts are the real ones: a created file's +N is the number of lines sync then writes.
    await cli(repo, 'add', '--profile', 'core');
    for (const line of files.filter((l) => l.includes('create '))) {
      const [, path, added] = /create {2}(\S+) +\+(\d+)$/.exec(line)!;
      expect(readRepoFile(repo, path!).split('\n').length - 1).toBe(Number(added));
    }
  });

  it('counts an update as lines added and removed', async () => {
    repo = scratchRepo(manifest(three));
    await cli(repo, 'sync');
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      `${three}overrides:\n  blue-react-developer:\n    claude-code: { color: cyan }\n`,
    );
    const dry = await cli(repo, 'sync', '--dry-run');
    expect(dry.stdout).toMatch(/^ {2}update {2}\.claude\/agents\/blue-react-developer\.md +\+1$/m);
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      `${three}overrides:\n  blue-react-developer:\n    claude-code: { model: sonnet }\n`,
    );
    await cli(repo, 'sync');
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      `${three}overrides:\n  blue-react-developer:\n    claude-code: { model: opus }\n`,
    );
    expect((await cli(repo, 'sync', '--dry-run')).stdout).toMatch(
      /^ {2}update {2}\.claude\/agents\/blue-react-developer\.md +\+1 −1$/m,
    );
  });

  it('--diff prints the full diff, with or without --dry-run', async () => {
    repo = scratchRepo(manifest(three));
    const dry = await cli(repo, 'sync', '--dry-run', '--diff');
    expect(dry.stdout).toContain('+++ b/.claude/agents/blue-react-developer.md');
    const real = await cli(repo, 'add', 'blue-seo-specialist', '--diff');
    expect(real.stdout).toContain('Wrote');
    expect(real.stdout).toContain('+++ b/.claude/agents/blue-seo-specialist.md');
  });
});

describe('commands that write nothing never say they did', () => {
  async function drifted(policy: string) {
    repo = scratchRepo(manifest(`${three}hand-edits: ${policy}\n`));
    await cli(repo, 'sync');
    const { rmSync } = await import('node:fs');
    rmSync(join(repo, '.claude/agents/blue-docker-specialist.md')); // missing
    writeRepoFile(repo, '.cursor/agents/blue-react-developer.md', HAND_EDIT); // hand-edited
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      `${three.replace(', codex', '')}hand-edits: ${policy}\n`,
    ); // orphans
  }
  const pastTense = /; (regenerated|deleted|overwritten)\b/;

  it.each([
    ['check', []],
    ['doctor', []],
    ['sync', ['--dry-run']],
    ['repair', ['--dry-run']],
  ])('%s %s says what would happen', async (name, extra) => {
    await drifted('overwrite');
    const before = snapshot(repo);
    const { stdout } = await cli(repo, name, ...extra);
    expect(stdout).toContain('would be regenerated');
    expect(stdout).toContain('would be overwritten');
    expect(stdout).not.toMatch(pastTense);
    expect(snapshot(repo)).toEqual(before);
  });

  it('a run that writes says what it did', async () => {
    await drifted('overwrite');
    const { stdout } = await cli(repo, 'repair');
    expect(stdout).toMatch(/; regenerated/);
    expect(stdout).toMatch(/; overwritten/);
  });
});

describe('--json errors', () => {
  const parse = (text: string) =>
    JSON.parse(text) as {
      ok: boolean;
      exitCode: number;
      errors: {
        kind: string;
        message: string;
        file?: string;
        line?: number;
        column?: number;
        hint?: string;
      }[];
    };

  it('a manifest error: file, line, column and hint, on stdout, nothing on stderr', async () => {
    repo = scratchRepo(manifest('version: 1\nplatforms: [cursor]\nagnets: []\n'));
    const result = await cli(repo, 'sync', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const doc = parse(result.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 1 });
    expect(doc.errors[0]).toMatchObject({
      kind: 'user',
      file: '.github/blue-gardener.yml',
      line: 3,
      column: 1,
      message: expect.stringContaining('agnets'),
      hint: expect.any(String),
    });
  });

  it.each([[['sync', '--bogus']], [['frobnicate']], [['check', '--dry-run']], [['add']]])(
    'a usage error (%j): exit 2, kind usage',
    async (args) => {
      repo = scratchRepo(manifest(three));
      const result = await cli(repo, ...args, '--json');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('');
      expect(parse(result.stdout)).toMatchObject({ ok: false, exitCode: 2, errors: [{ kind: 'usage' }] });
    },
  );

  it('every problem of one pass is in the list', async () => {
    repo = scratchRepo(manifest('version: 1\nplatforms: [cursor]\nagents: [blue-nope, blue-neither]\n'));
    expect(parse((await cli(repo, 'sync', '--json')).stdout).errors.length).toBeGreaterThanOrEqual(2);
  });

  it('init answers in JSON too', async () => {
    repo = scratchRepo({ 'CLAUDE.md': 'x\n' });
    const result = await cli(repo, 'init', '--json');
    expect(JSON.parse(result.stdout)).toEqual({
      applied: true,
      path: '.github/blue-gardener.yml',
      platforms: ['claude-code'],
      profiles: ['core'],
      found: ['CLAUDE.md'],
    });
  });
});

describe('colour', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: false }, { FORCE_COLOR: '' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '0' }, false],
    [{ isTTY: true }, { FORCE_COLOR: 'false' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('stream %j with %j: %s', (stream, env, expected) => {
    expect(wantsColour(stream, env)).toBe(expected);
  });

  it('colours operations, counts and errors when wanted, and nothing otherwise', async () => {
    repo = scratchRepo(manifest(three));
    const coloured = memoryOutput({ colour: true });
    await main(['sync', '--dry-run', '--dir', repo], { output: coloured, version: 'test' });
    expect(coloured.stdout.join('\n')).toContain('\u001b[32mcreate \u001b[39m');
    const plain = memoryOutput();
    await main(['sync', '--dry-run', '--dir', repo], { output: plain, version: 'test' });
    expect(plain.stdout.join('\n')).not.toContain('\u001b');
    const error = memoryOutput({ colour: true });
    await main(['frobnicate', '--dir', repo], { output: error, version: 'test' });
    expect(error.stderr[0]!.startsWith('\u001b[1;31merror:')).toBe(true);
  });
});

describe('a person’s own file where a catalog agent goes', () => {
  it('the hint offers `exclude:` as well as moving the file, and following it settles the repository', async () => {
    const mine = '---\nname: blue-react-developer\n---\nOur own React agent.\n';
    repo = scratchRepo({ ...manifest(three), '.claude/agents/blue-react-developer.md': mine });
    const first = await cli(repo, 'sync');
    expect(first.stdout).toContain('move or delete it');
    expect(first.stdout).toContain('`exclude: [blue-react-developer]`');
    expect((await cli(repo, 'check')).code).toBe(1);
    writeRepoFile(repo, '.github/blue-gardener.yml', `${three}exclude: [blue-react-developer]\n`);
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect((await cli(repo, 'check')).code).toBe(0);
    expect(readFileSync(join(repo, '.claude/agents/blue-react-developer.md'), 'utf8')).toBe(mine);
  });
});

describe('init says what it found', () => {
  it('names the signs it detected the tools by, and the next command', async () => {
    repo = scratchRepo({ '.cursor/rules/a.mdc': 'x', 'CLAUDE.md': 'x' });
    const { code, stdout } = await cli(repo, 'init');
    expect(code).toBe(0);
    expect(stdout).toContain('platforms: claude-code, cursor (found `.cursor/`, `CLAUDE.md`)');
    expect(stdout).toContain('npx blue-gardener@1 sync --dry-run');
  });
});
