import { diffArrays } from 'diff';

/** Past this many edits (lines added plus removed) a region is shown as removed whole, then added whole. */
export const MAX_EDIT_LENGTH = 1_000;
/** A file's diff in a preview shows at most this many lines, then says how many it left out. */
export const MAX_DIFF_LINES = 400;

type Op = { kind: ' ' | '-' | '+'; line: string; ai: number; bi: number };

/**
 * The line operations turning `a` into `b`. Common leading and trailing lines are set aside first, so an edit
 * in a long file costs the edited region; the region is diffed with the `diff` package's Myers algorithm
 * (O((N+M)·D)), bounded by MAX_EDIT_LENGTH: beyond it the region is replaced whole, a correct if longer diff.
 * Within each changed run, removals come before additions, as diff and git print a replaced line.
 */
function lineOps(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: ' ', line: a[k]!, ai: k, bi: k });
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const changes =
    x.length > 0 && y.length > 0 ? diffArrays(x, y, { maxEditLength: MAX_EDIT_LENGTH }) : undefined;
  let i = start;
  let j = start;
  const removed: Op[] = [];
  const added: Op[] = [];
  const flush = () => {
    ops.push(...removed, ...added);
    removed.length = 0;
    added.length = 0;
  };
  if (!changes) {
    for (const line of x) removed.push({ kind: '-', line, ai: i++, bi: j });
    for (const line of y) added.push({ kind: '+', line, ai: i, bi: j++ });
  } else {
    for (const change of changes) {
      if (change.removed) for (const line of change.value) removed.push({ kind: '-', line, ai: i++, bi: j });
      else if (change.added) for (const line of change.value) added.push({ kind: '+', line, ai: i, bi: j++ });
      else {
        flush();
        for (const line of change.value) ops.push({ kind: ' ', line, ai: i++, bi: j++ });
      }
    }
  }
  flush();
  for (let k = 0; k < a.length - endA; k++)
    ops.push({ kind: ' ', line: a[endA + k]!, ai: endA + k, bi: endB + k });
  return ops;
}

/**
 * A unified diff of two texts, for `--dry-run` previews: near-linear on a small edit in a big file, bounded on
 * a big rewrite, and at most MAX_DIFF_LINES lines of hunks per file (then a line saying how many were left out).
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  context = 3,
  maxLines = MAX_DIFF_LINES,
): string {
  const ops = lineOps(
    before === undefined ? [] : splitLines(before),
    after === undefined ? [] : splitLines(after),
  );
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
  if (out.length > maxLines) {
    const left = out.length - maxLines;
    out.length = maxLines;
    out.push(`… ${left} more diff lines in this file not shown (write the change, then see \`git diff\`)`);
  }
  return out.length ? [...header, ...out].join('\n') + '\n' : '';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** How many lines a change adds and removes (what `git diff --stat` counts), from the same line operations. */
export function lineCounts(
  before: string | undefined,
  after: string | undefined,
): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const o of lineOps(
    before === undefined ? [] : splitLines(before),
    after === undefined ? [] : splitLines(after),
  )) {
    if (o.kind === '+') added++;
    else if (o.kind === '-') removed++;
  }
  return { added, removed };
}
