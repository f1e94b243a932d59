import { LineCounter, parseDocument, type Document } from 'yaml';
import { UserError } from './errors.js';

/** Largest YAML text we parse: a manifest or frontmatter is a few KiB; anything huge is a mistake or an attack. */
export const MAX_YAML_BYTES = 256 * 1024;

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * Parses YAML strictly: duplicate keys, tabs used for indentation, and alias bombs are errors with the
 * file, line and column. `lineOffset` shifts reported lines (frontmatter starts after the `---` line).
 */
export function parseYaml(text: string, file: string, lineOffset = 0): ParsedYaml {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    throw new UserError(`${file} is larger than ${MAX_YAML_BYTES / 1024} KiB`, {
      location: { file },
      hint: 'a manifest or frontmatter is a few KiB; check that the right file is named',
    });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lines.linePos(e.pos[0]);
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return new UserError(`invalid YAML: ${message}`, {
      location: { file, line: pos.line + lineOffset, column: pos.col },
      hint: yamlHint(e.code),
    });
  });
  const [first, ...rest] = problems;
  if (first) throw new UserError(first.message, { location: first.location, hint: first.hint, more: rest });
  try {
    // Resolving aliases here makes alias bombs fail now, with a message, instead of later.
    doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UserError(`invalid YAML: ${(error as Error).message}`, {
      location: { file },
      hint: 'anchors and aliases (&a, *a) expand to too much text; write the values out',
    });
  }
  return { doc, lines };
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once; merge the two entries';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: items of one list or map line up under each other';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value containing ": " must be quoted';
    default:
      return undefined;
  }
}

/** The 1-based line and column of the YAML node at `path` (or of its nearest existing parent). */
export function locate(parsed: ParsedYaml, path: readonly (string | number)[], file: string, key = false) {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    let range: [number, number, number] | null | undefined;
    if (key && depth === path.length && depth > 0) {
      const parent = sub.length > 1 ? parsed.doc.getIn(sub.slice(0, -1), true) : parsed.doc.contents;
      const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] })
        ?.items;
      range = items?.find((p) => p.key?.value === sub[sub.length - 1])?.key?.range;
    }
    if (!range) {
      const node = sub.length ? parsed.doc.getIn(sub, true) : parsed.doc.contents;
      range = (node as { range?: [number, number, number] } | undefined)?.range;
    }
    if (range) {
      const pos = parsed.lines.linePos(range[0]);
      return { file, line: pos.line, column: pos.col };
    }
  }
  return { file };
}
