import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBlobSha } from '../../src/core/hash.js';
import { localHost } from '../../src/hosts/local.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bg-local-'));
  mkdirSync(join(root, '.claude/agents'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));
const put = (path: string, bytes: string | Buffer) => writeFileSync(join(root, path), bytes);

describe('reading files from a working tree', () => {
  it('returns the text exactly: a byte-order mark, CRLF and a U+FFFD that is really there are kept', async () => {
    put('AGENTS.md', Buffer.from('\ufeff# Notes\r\nreplacement char: \ufffd, arrow →\r\n', 'utf8'));
    expect(await localHost(root).read('AGENTS.md')).toBe(
      '\ufeff# Notes\r\nreplacement char: \ufffd, arrow →\r\n',
    );
  });

  it('refuses bytes that are not UTF-8, naming the file', async () => {
    put('AGENTS.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1
    await expect(localHost(root).read('AGENTS.md')).rejects.toThrow('AGENTS.md is not valid UTF-8');
  });

  it('treats a missing file as absent and refuses a symbolic link', async () => {
    const host = localHost(root);
    expect(await host.read('.claude/agents/none.md')).toBeUndefined();
    put('elsewhere.md', 'x');
    symlinkSync(join(root, 'elsewhere.md'), join(root, '.claude/agents/link.md'));
    await expect(host.read('.claude/agents/link.md')).rejects.toThrow('is a symbolic link');
  });

  it('gives the same blob for text read from disk as for the text itself', async () => {
    const text = 'two-byte ≤ → and ASCII\n';
    put('.claude/agents/a.md', text);
    const current = await localHost(root).current(['.claude/agents/a.md', '.claude/agents/b.md'], []);
    expect(current.get('.claude/agents/b.md')).toBeUndefined();
    const a = current.get('.claude/agents/a.md')!;
    expect(a.text).toBe(text);
    expect(a.blob).toBe(gitBlobSha(text));
  });

  it('with the texts the plan expects, still returns each file exactly as it is', async () => {
    const same = 'as generated ≤ →\n';
    put('.claude/agents/same.md', same);
    put('.claude/agents/edited.md', 'edited by hand\n');
    put('.claude/agents/bom.md', `\ufeff${same}`);
    put('.claude/agents/crlf.md', same.replace('\n', '\r\n'));
    const paths = ['same', 'edited', 'bom', 'crlf', 'none'].map((n) => `.claude/agents/${n}.md`);
    const expected = new Map(paths.map((p) => [p, same]));
    const current = await localHost(root).current(paths, [], expected);
    expect(paths.map((p) => current.get(p)?.text)).toEqual([
      same,
      'edited by hand\n',
      `\ufeff${same}`,
      same.replace('\n', '\r\n'),
      undefined,
    ]);
    expect(current.get(paths[1]!)!.blob).toBe(gitBlobSha('edited by hand\n'));
  });

  it('reading many files of one folder at once still refuses a link or a folder among them, and finds each file', async () => {
    put('.claude/agents/a.md', 'a\n');
    put('.claude/agents/b.md', 'b\n');
    put('elsewhere.md', 'outside\n');
    const paths = ['a', 'b', 'missing'].map((n) => `.claude/agents/${n}.md`);
    const current = await localHost(root).current(paths, []);
    expect(paths.map((p) => current.get(p)?.text)).toEqual(['a\n', 'b\n', undefined]);
    symlinkSync(join(root, 'elsewhere.md'), join(root, '.claude/agents/link.md'));
    mkdirSync(join(root, '.claude/agents/dir.md'));
    await expect(localHost(root).current([...paths, '.claude/agents/link.md'], [])).rejects.toThrow(
      'is a symbolic link',
    );
    await expect(localHost(root).current([...paths, '.claude/agents/dir.md'], [])).rejects.toThrow(
      'is not a regular file',
    );
  });

  it('refuses bytes that are not UTF-8 even where the expected text holds a real U+FFFD at that place', async () => {
    put('AGENTS.md', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1, read as "caf\ufffd\n"
    const expected = new Map([['AGENTS.md', 'caf\ufffd\n']]);
    await expect(localHost(root).current(['AGENTS.md'], [], expected)).rejects.toThrow(
      'AGENTS.md is not valid UTF-8',
    );
  });
});

describe('writing a batch of changes', () => {
  const text = (path: string) => readFileSync(join(root, path), 'utf8');

  it('creates files and their folders, updates in place, deletes and removes the folders left empty', async () => {
    put('.claude/agents/old.md', 'old\n');
    put('AGENTS.md', 'before\n');
    await localHost(root).apply([
      { path: '.cursor/agents/new.md', operation: 'create', content: 'new → file\n' },
      { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
      { path: '.claude/agents/old.md', operation: 'delete', before: 'old\n' },
    ]);
    expect(text('.cursor/agents/new.md')).toBe('new → file\n');
    expect(text('AGENTS.md')).toBe('after\n');
    expect(existsSync(join(root, '.claude'))).toBe(false);
    expect(readdirSync(join(root, '.cursor/agents'))).toEqual(['new.md']);
  });

  it('never overwrites a file that appeared after the plan: stops, names it, and undoes the batch', async () => {
    put('AGENTS.md', 'before\n');
    mkdirSync(join(root, '.codex/agents'), { recursive: true });
    put('.codex/agents/theirs.toml', 'made by someone else\n');
    const failed = localHost(root).apply([
      { path: '.cursor/agents/a.md', operation: 'create', content: 'a\n' },
      { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
      { path: '.codex/agents/theirs.toml', operation: 'create', content: 'ours\n' },
    ]);
    await expect(failed).rejects.toThrow(
      '`.codex/agents/theirs.toml` appeared while blue-gardener was writing',
    );
    expect(text('.codex/agents/theirs.toml')).toBe('made by someone else\n');
    expect(text('AGENTS.md')).toBe('before\n');
    expect(existsSync(join(root, '.cursor'))).toBe(false);
  });

  it('a write that fails part-way restores every file it had changed', async () => {
    put('AGENTS.md', 'before\n');
    put('.claude/agents/blocker', 'a file where a folder must go\n');
    const failed = localHost(root).apply([
      { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
      { path: '.gemini/agents/a.md', operation: 'create', content: 'a\n' },
      { path: '.claude/agents/blocker/b.md', operation: 'create', content: 'b\n' },
    ]);
    await expect(failed).rejects.toThrow();
    expect(text('AGENTS.md')).toBe('before\n');
    expect(text('.claude/agents/blocker')).toBe('a file where a folder must go\n');
    expect(existsSync(join(root, '.gemini'))).toBe(false);
  });
});

describe('symbolic links that lead out of the repository', () => {
  let outside: string;
  beforeEach(() => (outside = mkdtempSync(join(tmpdir(), 'bg-outside-'))));
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it('a linked folder is refused for reading and for writing, and nothing is written outside', async () => {
    symlinkSync(outside, join(root, '.cursor'));
    const host = localHost(root);
    await expect(host.read('.cursor/agents/a.md')).rejects.toThrow('leads outside the repository');
    await expect(
      host.apply([{ path: '.cursor/agents/a.md', operation: 'create', content: 'a\n' }]),
    ).rejects.toThrow('leads outside the repository');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a folder missing when the files were read, and a link when they are written, is checked again', async () => {
    const host = localHost(root);
    await host.current(['.gemini/agents/a.md', '.gemini/agents/b.md'], []);
    symlinkSync(outside, join(root, '.gemini'));
    await expect(
      host.apply([{ path: '.gemini/agents/a.md', operation: 'create', content: 'a\n' }]),
    ).rejects.toThrow('leads outside the repository');
    expect(readdirSync(outside)).toEqual([]);
  });
});
