import { UserError } from './errors.js';

/** Deepest nesting of lists and maps we parse: a manifest needs 4, a frontmatter 3. */
export const MAX_YAML_DEPTH = 64;

/**
 * Refuses YAML nested deeper than MAX_YAML_DEPTH before the parser sees it (the parser recurses, and text
 * nested thousands deep exhausts its stack or memory). The count errs high, never low: each line counts the
 * indentation levels open above it, the `- `/`? ` indicators that start it, and the `[`/`{` still open
 * (outside quotes and comments).
 */
export function checkYamlDepth(text: string, file: string, lineOffset = 0): void {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    let i = 0;
    if (quote === undefined && flow === 0) {
      while (line[i] === ' ') i++;
      if (i === line.length || line[i] === '#') continue;
      while (indents.length && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
    }
    let depth = indents.length + flow;
    // Compact nesting on one line: `- - - x`, `? - x`.
    while ((line[i] === '-' || line[i] === '?') && (line[i + 1] === ' ' || i + 1 === line.length)) {
      depth++;
      i += 2;
      while (line[i] === ' ') i++;
    }
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      else if (c === '[' || c === '{') depth = Math.max(depth, indents.length + ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (depth > MAX_YAML_DEPTH) {
      throw new UserError(`invalid YAML: nested more than ${MAX_YAML_DEPTH} levels deep`, {
        location: { file, line: n + 1 + lineOffset },
        hint: 'a manifest or frontmatter nests a few levels; check that the right file is named',
      });
    }
  }
}
