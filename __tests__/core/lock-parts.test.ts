import { serializeLock, type Lock, type LockEntry } from '../../src/core/lock.js';
import { bucketOf, LOCK_PART_BUDGET, lockFiles, lockFromFiles, partPath } from '../../src/core/lock-parts.js';
import { isLockPartPath, isLockPath, LOCK_PATH } from '../../src/core/paths.js';
import { isWritablePath } from '../../src/core/write-allowlist.js';
import { writeRank } from '../../src/core/write-order.js';

const blob = (i: number) => i.toString(16).padStart(40, '0');
const sha = (i: number) => i.toString(16).padStart(64, '0');
const entry = (i: number): LockEntry => ({
  path: `.claude/agents/team-agent-${String(i).padStart(5, '0')}.md`,
  kind: 'file',
  platform: 'claude-code',
  agent: `team-agent-${String(i).padStart(5, '0')}`,
  blob: blob(i),
});
/** A lock of `n` entries (about 150 bytes each): 3,600 of them are past the budget. */
const lockOf = (n: number, from = 0): Lock => ({
  version: 2,
  files: Array.from({ length: n }, (_, i) => entry(from + i)),
  agents: Object.fromEntries(
    Array.from({ length: n / 10 }, (_, i) => [entry(from + i).agent!, { source: 'custom', sha256: sha(i) }]),
  ),
});
const bytes = (text: string) => Buffer.byteLength(text);
const sorted = (files: LockEntry[]) => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));

describe('lockFiles', () => {
  it('writes a lock within the budget as one file, byte for byte as before parts', () => {
    const lock = lockOf(100);
    expect([...lockFiles(lock)]).toEqual([[LOCK_PATH, serializeLock(lock)]]);
    expect(serializeLock(lock)).not.toContain('parts');
  });

  it('splits a lock past the budget into 16 parts, each within it, the root naming them', () => {
    const lock = lockOf(4_000);
    expect(bytes(serializeLock(lock))).toBeGreaterThan(LOCK_PART_BUDGET);
    const files = lockFiles(lock);
    expect(files.size).toBe(17);
    for (const [path, text] of files)
      expect({ path, within: bytes(text) <= LOCK_PART_BUDGET }).toEqual({ path, within: true });
    const root = JSON.parse(files.get(LOCK_PATH)!);
    expect(root).toEqual({ version: 2, files: [], parts: 1, agents: {} });
    // Each part: its entries, sorted by path, one per line, all of its bucket.
    const part = JSON.parse(files.get(partPath('a'))!);
    expect(Object.keys(part)).toEqual(['version', 'part', 'files', 'agents']);
    expect(part.part).toBe('a');
    expect(part.files.length).toBeGreaterThan(0);
    expect(part.files).toEqual(sorted(part.files));
    for (const e of part.files) expect(bucketOf(e.path, 1)).toBe('a');
    expect(files.get(partPath('a'))!.split('\n')).toHaveLength(
      part.files.length + Object.keys(part.agents).length + (Object.keys(part.agents).length ? 9 : 8),
    );
  });

  it('reads back as the same lock', () => {
    const lock = lockOf(4_000);
    const again = lockFromFiles(lockFiles(lock));
    expect(sorted(again.files)).toEqual(sorted(lock.files));
    expect(again.agents).toEqual(lock.agents);
    expect(lockFiles(again)).toEqual(lockFiles(lock));
  });

  it('gives the same bytes for the same lock, whatever the order of its entries', () => {
    const lock = lockOf(4_000);
    const shuffled = { ...lock, files: [...lock.files].reverse() };
    expect([...lockFiles(shuffled)]).toEqual([...lockFiles(lock)]);
  });

  it('changes exactly one part, by one line, when one entry is added', () => {
    const lock = lockOf(4_000);
    const before = lockFiles(lock);
    const after = lockFiles({ ...lock, files: [...lock.files, entry(99_999)] });
    const changed = [...after].filter(([path, text]) => before.get(path) !== text).map(([path]) => path);
    expect(changed).toEqual([partPath(bucketOf(entry(99_999).path, 1))]);
    const lines = (t: string) => t.split('\n');
    expect(lines(after.get(changed[0]!)!).length).toBe(lines(before.get(changed[0]!)!).length + 1);
  });

  it('changes only the parts of its files and its name when one agent is added', () => {
    const lock = lockOf(4_000);
    const before = lockFiles(lock);
    const added = { ...entry(99_999), path: '.codex/agents/team-agent-99999.toml', platform: 'codex' };
    const after = lockFiles({
      ...lock,
      files: [...lock.files, entry(99_999), added],
      agents: { ...lock.agents, 'team-agent-99999': { source: 'custom', sha256: sha(99_999) } },
    });
    const changed = [...after].filter(([path, text]) => before.get(path) !== text).map(([path]) => path);
    const expected = [entry(99_999).path, added.path, 'team-agent-99999'].map((k) =>
      partPath(bucketOf(k, 1)),
    );
    expect(changed.sort()).toEqual([...new Set(expected)].sort());
    const lines = (m: Map<string, string>) => [...m.values()].join('').split('\n').length;
    expect(lines(after) - lines(before)).toBe(3);
  });

  it('keeps an agent named `__proto__` as an agent', () => {
    const lock = lockOf(4_000);
    const agents = JSON.parse(`{"__proto__": {"source": "custom", "sha256": "${sha(1)}"}}`);
    const again = lockFromFiles(lockFiles({ ...lock, agents }));
    expect(Object.keys(again.agents)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(again.agents)).toBe(Object.prototype);
  });

  it('goes back to one file when the lock shrinks', () => {
    expect([...lockFiles(lockOf(4_000)).keys()]).toHaveLength(17);
    expect([...lockFiles(lockOf(2_500)).keys()]).toEqual([LOCK_PATH]);
  });

  it('takes more hex digits when 16 parts are not enough, and stops at 4', () => {
    const lock = lockOf(4_000);
    const two = lockFiles(lock, 30_000);
    expect(two.size).toBe(257);
    expect(JSON.parse(two.get(LOCK_PATH)!).parts).toBe(2);
    for (const text of two.values()) expect(bytes(text)).toBeLessThanOrEqual(30_000);
    expect(sorted(lockFromFiles(two).files)).toEqual(sorted(lock.files));
    // A budget no split can keep: 4 digits (65,536 parts), still read back whole.
    const capped = lockFiles(lockOf(40), 60);
    expect(capped.size).toBe(65_537);
    expect(JSON.parse(capped.get(LOCK_PATH)!).parts).toBe(4);
    expect(sorted(lockFromFiles(capped).files)).toEqual(sorted(lockOf(40).files));
  });
});

describe('lockFromFiles refuses a lock whose parts were changed by hand', () => {
  const split = () => lockFiles(lockOf(4_000));
  /** The files with one part's JSON changed by `edit`. */
  const withPart = (
    bucket: string,
    edit: (part: { version: number; part: string; files: LockEntry[] }) => unknown,
  ) => {
    const files = split();
    files.set(partPath(bucket), JSON.stringify(edit(JSON.parse(files.get(partPath(bucket))!))));
    return files;
  };
  const refusal = (files: Map<string, string>) => {
    try {
      lockFromFiles(files);
    } catch (error) {
      const e = error as Error & { location?: { file: string }; hint?: string };
      return { message: e.message, file: e.location?.file, hint: e.hint };
    }
    throw new Error('not refused');
  };

  it('a part deleted: names it and says to restore it', () => {
    const files = split();
    files.delete(partPath('3'));
    const r = refusal(files);
    expect(r.file).toBe(partPath('3'));
    expect(r.message).toContain('is missing');
    expect(r.hint).toContain(`git checkout -- ${partPath('3')}`);
  });

  it.each([
    [
      'an entry pointing outside our folders',
      (p: { files: LockEntry[] }) => ({
        ...p,
        files: [{ ...p.files[0]!, path: '.github/workflows/ci.yml' }],
      }),
      'files.0.path',
      'outside the folders',
    ],
    [
      'an entry naming the manifest',
      (p: { files: LockEntry[] }) => ({
        ...p,
        files: [{ ...p.files[0]!, path: '.github/blue-gardener.yml' }],
      }),
      'files.0.path',
      'outside the folders',
    ],
    [
      'an entry naming the root lock',
      (p: { files: LockEntry[] }) => ({ ...p, files: [{ ...p.files[0]!, path: LOCK_PATH }] }),
      'files.0.path',
      'outside the folders',
    ],
    [
      'an entry naming a part',
      (p: { files: LockEntry[] }) => ({ ...p, files: [{ ...p.files[0]!, path: partPath('5') }] }),
      'files.0.path',
      'outside the folders',
    ],
    [
      'an entry moved from another part',
      (p: { files: LockEntry[] }) => ({ ...p, files: [...p.files, entry(firstIn('b'))] }),
      'path',
      'belongs in part "b"',
    ],
    [
      'an agent moved from another part',
      (p: { agents: object }) => ({
        ...p,
        agents: { ...p.agents, [nameIn('b')]: { source: 'custom', sha256: sha(1) } },
      }),
      'agents.',
      'belongs in part "b"',
    ],
    [
      'an agent without a source',
      (p: object) => ({ ...p, agents: { [nameIn('a')]: { sha256: sha(1) } } }),
      'source',
      '"catalog" or "custom"',
    ],
    ['a part without agents', (p: object) => ({ ...p, agents: undefined }), 'agents', 'expected an object'],
    ['a part renamed (its "part" key)', (p: object) => ({ ...p, part: 'b' }), 'part', 'expected "a"'],
    ['a part of another version', (p: object) => ({ ...p, version: 1 }), 'version', 'expected 2'],
    ['an unknown key', (p: object) => ({ ...p, extra: 1 }), '(top level)', 'unknown key(s) "extra"'],
    ['files not a list', (p: object) => ({ ...p, files: {} }), 'files', 'expected a list'],
    [
      'a bad blob',
      (p: { files: LockEntry[] }) => ({ ...p, files: [{ ...p.files[0]!, blob: 'x' }] }),
      'files.0.blob',
      'does not match',
    ],
  ])('%s', (_, edit, at, message) => {
    const r = refusal(withPart('a', edit as never));
    expect(r.file).toBe(partPath('a'));
    expect(r.message).toContain(`malformed at \``);
    expect(r.message).toContain(at);
    expect(r.message).toContain(message);
    expect(r.hint).toContain(`git checkout -- ${partPath('a')}`);
  });

  it('a part that is not JSON', () => {
    const files = split();
    files.set(partPath('0'), '{"version": 2,');
    expect(refusal(files)).toMatchObject({
      file: partPath('0'),
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it.each([
    [{ parts: 0 }, 'parts'],
    [{ parts: 5 }, 'parts'],
    [{ parts: 1.5 }, 'parts'],
    [{ parts: '1' }, 'parts'],
    [{ parts: 1, files: [entry(1)] }, 'files'],
    [{ parts: 1, agents: { x: { source: 'custom', sha256: 'a' } } }, 'agents'],
  ])('a root with %j', (over, at) => {
    const files = split();
    files.set(LOCK_PATH, JSON.stringify({ ...JSON.parse(files.get(LOCK_PATH)!), ...over }));
    const r = refusal(files);
    expect(r.file).toBe(LOCK_PATH);
    expect(r.message).toContain(`malformed at \`${at}\``);
  });

  it('reads only the parts the root names: a small root ignores leftover parts', () => {
    const files = split();
    const small = lockOf(10);
    files.set(LOCK_PATH, serializeLock(small));
    files.set(partPath('ff'), 'not even JSON');
    expect(lockFromFiles(files)).toEqual(small);
  });
});

/** A name whose agent falls in `bucket` (1 digit). */
function nameIn(bucket: string): string {
  for (let i = 0; ; i++) if (bucketOf(`agent-${i}`, 1) === bucket) return `agent-${i}`;
}

/** The number of the first synthetic entry whose path falls in `bucket` (1 digit). */
function firstIn(bucket: string): number {
  for (let i = 0; ; i++) if (bucketOf(entry(i).path, 1) === bucket) return i;
}

describe('the parts folder is ours by name only', () => {
  it.each([
    ['.github/blue-gardener.lock.d/0.json', true],
    ['.github/blue-gardener.lock.d/ff.json', true],
    ['.github/blue-gardener.lock.d/0123abcd.json', true],
    ['.github/blue-gardener.lock.d/0123abcde.json', false],
    ['.github/blue-gardener.lock.d/zz.json', false],
    ['.github/blue-gardener.lock.d/A.json', false],
    ['.github/blue-gardener.lock.d/README.md', false],
    ['.github/blue-gardener.lock.d/a/0.json', false],
    ['.github/blue-gardener.lock.d/0.json.bak', false],
    ['x/.github/blue-gardener.lock.d/0.json', false],
  ])('%s: %s', (path, ours) => {
    expect(isLockPartPath(path)).toBe(ours);
    expect(isLockPath(path)).toBe(ours);
    expect(isWritablePath(path)).toBe(ours);
  });

  it('the root lock is the lock too', () => {
    expect(isLockPath(LOCK_PATH)).toBe(true);
    expect(isLockPartPath(LOCK_PATH)).toBe(false);
  });
});

describe('writeRank: the crash order of a change set', () => {
  it('manifest, generated files, new parts, the root, then the parts it no longer has', () => {
    const changes = [
      { path: partPath('1'), operation: 'delete' as const },
      { path: LOCK_PATH, operation: 'update' as const },
      { path: partPath('0'), operation: 'update' as const },
      { path: '.claude/agents/x.md', operation: 'delete' as const },
      { path: '.github/blue-gardener.yml', operation: 'update' as const },
    ];
    expect([...changes].sort((a, b) => writeRank(a) - writeRank(b)).map((c) => c.path)).toEqual([
      '.github/blue-gardener.yml',
      '.claude/agents/x.md',
      partPath('0'),
      LOCK_PATH,
      partPath('1'),
    ]);
  });
});
