/**
 * A unified diff of two texts (line-based longest common subsequence), for `--dry-run` previews.
 * Files here are small (an agent prompt is a few hundred lines), so the quadratic table is fine.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  context = 3,
): string {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: { kind: ' ' | '-' | '+'; line: string; ai: number; bi: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, ai: i++, bi: j++ });
    // Removals before additions, as diff and git print a replaced line.
    else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ kind: '-', line: a[i]!, ai: i++, bi: j });
    else ops.push({ kind: '+', line: b[j]!, ai: i, bi: j++ });
  }
  const header = [
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`,
  ];
  const out: string[] = [];
  for (let k = 0; k < ops.length;) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') end++;
      else {
        let run = end;
        while (run < ops.length && ops[run]!.kind === ' ') run++;
        if (run - end > context * 2 || run === ops.length) {
          end = Math.min(ops.length, end + context);
          break;
        }
        end = run;
      }
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(
      `@@ -${aCount ? hunk[0]!.ai + 1 : hunk[0]!.ai},${aCount} +${bCount ? hunk[0]!.bi + 1 : hunk[0]!.bi},${bCount} @@`,
    );
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = end;
  }
  return out.length ? [...header, ...out].join('\n') + '\n' : '';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * How many lines a change adds and removes (what `git diff --stat` counts): the lines outside a longest
 * common subsequence. Common leading and trailing lines are set aside first, so an edit in a long file
 * costs the size of the edited region, not of the file.
 */
export function lineCounts(
  before: string | undefined,
  after: string | undefined,
): { added: number; removed: number } {
  const a = before === undefined ? [] : splitLines(before);
  const b = after === undefined ? [] : splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  // One row of the LCS table at a time: linear memory.
  let previous = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const row = new Uint32Array(y.length + 1);
    for (let j = 1; j <= y.length; j++)
      row[j] = x[i - 1] === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    previous = row;
  }
  const common = previous[y.length]!;
  return { added: y.length - common, removed: x.length - common };
}
