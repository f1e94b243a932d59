import { unifiedDiff } from '../../src/core/report/diff.js';

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
