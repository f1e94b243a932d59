import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBlobSha, sha256 } from '../../src/core/hash.js';

/** What `git hash-object` says for the same bytes: the blob SHA GitHub's trees report. */
function gitHashObject(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bg-hash-'));
  try {
    writeFileSync(join(dir, 'f'), text, 'utf8');
    return execFileSync('git', ['hash-object', join(dir, 'f')], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('gitBlobSha', () => {
  it('gives the SHA git gives for the same UTF-8 bytes', () => {
    const texts = [
      '',
      'hello\n',
      'plain ASCII prompt\n'.repeat(300),
      'Latin-1: café, naïve\n',
      'two-byte: ≤ → – ≥ … — ≈ Σ −\n'.repeat(50),
      'astral: 🚀 𝕏\n',
      'x'.repeat(70_000) + '→\n', // larger than the first scratch buffer
    ];
    for (const text of texts) expect(gitBlobSha(text)).toBe(gitHashObject(text));
  });

  it('reuses its buffer without leaking one text into the next', () => {
    const long = '→'.repeat(5000);
    const first = gitBlobSha('short\n');
    gitBlobSha(long);
    expect(gitBlobSha('short\n')).toBe(first);
    expect(first).toBe(gitHashObject('short\n'));
  });

  it('hashes a lone surrogate as U+FFFD, as the UTF-8 writer does', () => {
    expect(gitBlobSha('a\ud800b')).toBe(gitBlobSha('a\ufffdb'));
  });
});

describe('sha256', () => {
  it('is the hex SHA-256 of the UTF-8 bytes', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const text = 'two-byte: ≤ → – ≥ … — ≈ Σ −\n'.repeat(40);
    expect(sha256(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });
});
