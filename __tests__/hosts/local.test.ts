import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
});
