// Small statistics and formatting helpers shared by the benchmark's parts.

export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
  samples: number[];
}

const round = (n: number) => Math.round(n * 100) / 100;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function stats(samples: number[]): Stats {
  return {
    median: round(median(samples)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    runs: samples.length,
    samples: samples.map(round),
  };
}

/** `123.4 ms [110.2–140.9]` (or another unit). */
export function show(s: Stats | undefined, unit = 'ms', digits = 1): string {
  if (!s) return '—';
  return `${s.median.toFixed(digits)} ${unit} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
}

/** Prints rows as an aligned plain-text table (no console.table index column, no quoting). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}
