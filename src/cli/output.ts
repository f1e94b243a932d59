import type { Style } from '../core/report/style.js';
import { styleFor, wantsColour } from './colour.js';

/**
 * Where the CLI writes: results to stdout, progress and problems to stderr, each with the style its stream
 * takes (colour on a terminal only). Injected so tests can read both.
 */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  readonly outStyle: Style;
  readonly errStyle: Style;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export const consoleOutput: Output = {
  out: (text) => process.stdout.write(line(text)),
  err: (text) => process.stderr.write(line(text)),
  // Decided when first asked, so that `--version` and plain runs never look at the terminal.
  get outStyle() {
    return styleFor(wantsColour(process.stdout, process.env));
  },
  get errStyle() {
    return styleFor(wantsColour(process.stderr, process.env));
  },
};

/** Collects output in memory (tests, benchmarks); plain text unless `colour` is asked for. */
export function memoryOutput(options: { colour?: boolean } = {}): Output & {
  stdout: string[];
  stderr: string[];
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const style = styleFor(options.colour ?? false);
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    outStyle: style,
    errStyle: style,
  };
}
