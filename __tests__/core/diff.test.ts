import { lineCounts, MAX_DIFF_LINES, MAX_EDIT_LENGTH, unifiedDiff } from '../../src/core/report/diff.js';

describe('unifiedDiff', () => {
  it('prints a replaced line as its removal, then its addition, with context and hunk header', () => {
    expect(unifiedDiff('a.md', 'one\ntwo\nthree\n', 'one\nTWO\nthree\n')).toBe(
      '--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n',
    );
  });

  it('creates from /dev/null and deletes to /dev/null; equal texts give no diff', () => {
    expect(unifiedDiff('n.md', undefined, 'x\n')).toBe('--- /dev/null\n+++ b/n.md\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('o.md', 'x\n', undefined)).toBe('--- a/o.md\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n');
    expect(unifiedDiff('s.md', 'same\n', 'same\n')).toBe('');
  });

  it('splits distant changes into separate hunks', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const after = before.replace('line 1\n', 'line one\n').replace('line 18\n', 'line eighteen\n');
    const diff = unifiedDiff('f.md', before, after);
    expect(diff.match(/^@@ /gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,5 +1,5 @@\n line 0\n-line 1\n+line one\n');
  });
});

describe('unifiedDiff on big files', () => {
  const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`).join('\n') + '\n';

  it('a one-line change in a 16,000-line file: one hunk with that line and its context', () => {
    const before = numbered(16_000);
    const after = before.replace('line 8000\n', 'line eight thousand\n');
    expect(unifiedDiff('big.md', before, after)).toBe(
      [
        '--- a/big.md',
        '+++ b/big.md',
        '@@ -7998,7 +7998,7 @@',
        ' line 7997',
        ' line 7998',
        ' line 7999',
        '-line 8000',
        '+line eight thousand',
        ' line 8001',
        ' line 8002',
        ' line 8003',
        '',
      ].join('\n'),
    );
    expect(lineCounts(before, after)).toEqual({ added: 1, removed: 1 });
  });

  it('scattered edits in a big file: each its own hunk, removals before additions', () => {
    const before = numbered(16_000);
    let after = before;
    for (const n of [10, 5000, 15990])
      after = after.replace(`line ${n}\n`, `line ${n} changed\nline ${n} added\n`);
    const diff = unifiedDiff('big.md', before, after, 3, Infinity);
    expect(diff.match(/^@@ /gm)).toHaveLength(3);
    expect(diff).toContain('-line 5000\n+line 5000 changed\n+line 5000 added\n');
    expect(lineCounts(before, after)).toEqual({ added: 6, removed: 3 });
  });

  it('a rewrite past the edit bound: still a correct diff (everything removed, then added), and bounded output', () => {
    const before = numbered(MAX_EDIT_LENGTH * 2);
    const after = before.replace(/line/g, 'row');
    const whole = unifiedDiff('big.md', before, after, 3, Infinity);
    const lines = whole.split('\n');
    expect(lines.filter((l) => l.startsWith('-') && !l.startsWith('---'))).toHaveLength(MAX_EDIT_LENGTH * 2);
    expect(lines.filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toHaveLength(MAX_EDIT_LENGTH * 2);
    const shown = unifiedDiff('big.md', before, after);
    expect(shown.split('\n').length).toBeLessThanOrEqual(MAX_DIFF_LINES + 4);
    expect(shown).toMatch(/… \d+ more diff lines in this file not shown/);
  });
});
