/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest known names to `input`, best first: small edit distance, or a name that contains the
 * input (people often leave out the `blue-` prefix).
 */
export function closest(input: string, known: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    const hay = name.toLowerCase();
    const distance = Math.min(editDistance(needle, hay), editDistance(needle, hay.replace(/^blue-/, '')));
    const limit = Math.max(2, Math.floor(needle.length / 3));
    if (distance <= limit) scored.push({ name, score: distance });
    else if (needle.length >= 3 && hay.includes(needle)) scored.push({ name, score: limit + 1 });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** " Did you mean `x`?" or "" — ready to append to a message. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const [best, ...others] = closest(input, known);
  if (!best) return '';
  const alternatives = others.length ? ` (or ${others.map((o) => `\`${o}\``).join(', ')})` : '';
  return ` Did you mean \`${best}\`${alternatives}?`;
}
