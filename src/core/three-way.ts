import { diff3Merge } from 'node-diff3';

/**
 * Three-way merge of a generated file the user edited by hand: `base` is the file as generated from the
 * locked version, `ours` the user's file, `theirs` the new render. Line-based (node-diff3, GNU diff3's
 * algorithm). A clean merge gives the merged text; overlapping changes give `conflict` (the caller keeps
 * the user's file as it is).
 */
export function mergeThreeWay(base: string, ours: string, theirs: string): { merged: string } | 'conflict' {
  const lines = (text: string) => text.split('\n');
  const regions = diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  for (const region of regions) {
    if (region.conflict) return 'conflict';
    out.push(...region.ok!);
  }
  return { merged: out.join('\n') };
}
