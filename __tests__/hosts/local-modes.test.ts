import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localHost } from '../../src/hosts/local.js';

/**
 * File modes (issue 15, item 11): an update keeps the file's mode (executable, read-only, group bits); a
 * change marked `executable` gets the execute bits the umask allows. Read-only files are written (as git
 * does on checkout: the bit guards against editing by hand, and the repository does not record it), with
 * the read-only mode kept.
 */
let root: string;
const umask = process.umask();
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bg-modes-'));
  mkdirSync(join(root, '.claude/agents'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
const put = (path: string, text: string, mode: number) => {
  writeFileSync(join(root, path), text);
  chmodSync(join(root, path), mode);
};
const mode = (path: string) => statSync(join(root, path)).mode & 0o7777;
const text = (path: string) => readFileSync(join(root, path), 'utf8');

describe('updates keep a file’s mode', () => {
  it.each([
    ['0755', 0o755],
    ['0444', 0o444],
    ['0640', 0o640],
    ['0600', 0o600],
  ])('a file with mode %s keeps it through an update', async (_, m) => {
    put('.claude/agents/a.md', 'old\n', m);
    await localHost(root).apply([
      { path: '.claude/agents/a.md', operation: 'update', content: 'new\n', before: 'old\n' },
    ]);
    expect(text('.claude/agents/a.md')).toBe('new\n');
    expect(mode('.claude/agents/a.md')).toBe(m);
  });

  it('a read-only AGENTS.md is written and stays read-only', async () => {
    put('AGENTS.md', 'before\n', 0o444);
    await localHost(root).apply([
      { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
    ]);
    expect(text('AGENTS.md')).toBe('after\n');
    expect(mode('AGENTS.md')).toBe(0o444);
  });

  it('`executable: false` on an update keeps the execute bits (the mode is the user’s)', async () => {
    put('.claude/agents/a.md', 'old\n', 0o750);
    await localHost(root).apply([
      {
        path: '.claude/agents/a.md',
        operation: 'update',
        content: 'new\n',
        before: 'old\n',
        executable: false,
      },
    ]);
    expect(mode('.claude/agents/a.md')).toBe(0o750);
  });

  it('a rolled-back update leaves the old mode as well as the old bytes', async () => {
    put('AGENTS.md', 'before\n', 0o755);
    writeFileSync(join(root, '.claude/agents/x'), 'a file where a folder must go\n');
    await expect(
      localHost(root).apply([
        { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
        { path: '.claude/agents/x/b.md', operation: 'create', content: 'b\n' },
      ]),
    ).rejects.toThrow();
    expect(text('AGENTS.md')).toBe('before\n');
    expect(mode('AGENTS.md')).toBe(0o755);
  });
});

describe('`executable` on a change', () => {
  it('creates an executable file with 0777 less the umask, and a plain one with 0666 less the umask', async () => {
    await localHost(root).apply([
      { path: '.claude/agents/run.sh', operation: 'create', content: '#!/bin/sh\n', executable: true },
      { path: '.claude/agents/plain.md', operation: 'create', content: 'x\n' },
    ]);
    expect(mode('.claude/agents/run.sh')).toBe(0o777 & ~umask);
    expect(mode('.claude/agents/plain.md')).toBe(0o666 & ~umask);
  });

  it('adds the execute bits to an updated file, keeping its other bits', async () => {
    put('.claude/agents/run.sh', 'old\n', 0o640);
    await localHost(root).apply([
      {
        path: '.claude/agents/run.sh',
        operation: 'update',
        content: 'new\n',
        before: 'old\n',
        executable: true,
      },
    ]);
    expect(mode('.claude/agents/run.sh')).toBe(0o640 | (0o111 & ~umask));
  });
});

describe('the executable bit, as `current` reports it for the paths asked about', () => {
  const path = '.claude/agents/run.sh';
  const ask = (host = localHost(root)) => host.current([path], [path], undefined, new Set([path]));

  it.each([
    [0o755, true],
    [0o744, true],
    [0o644, false],
  ])('mode %o: executable %s', async (m, executable) => {
    put(path, '#!/bin/sh\n', m);
    expect((await ask()).get(path)?.executable).toBe(executable);
  });

  it('is not asked for a path outside `modes`', async () => {
    put(path, '#!/bin/sh\n', 0o644);
    const found = await localHost(root).current([path], [path]);
    expect(found.get(path)?.executable).toBeUndefined();
  });

  it('is unknown on Windows, whose files have no execute bit (no script looks as if it lost it)', async () => {
    put(path, '#!/bin/sh\n', 0o644);
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      const host = localHost(root);
      expect((await ask(host)).get(path)?.executable).toBeUndefined();
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
