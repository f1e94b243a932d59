import { LineCounter, isCollection, isScalar, parseDocument, visit, type Document } from 'yaml';
import { UserError } from './errors.js';
import { checkYamlDepth } from './yaml-depth.js';
import { firstHiddenCharacter } from './hidden-characters.js';
import { normalizeText } from './text-input.js';

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
/** Properties every JavaScript object inherits (`constructor`, `toString` …), `__proto__` and `prototype`. */
const inheritedNames = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function parseYaml(text: string, file: string, lineOffset = 0): ParsedYaml {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    throw new UserError(`${file} is larger than ${MAX_YAML_BYTES / 1024} KiB`, {
      location: { file },
      hint: `keep it under ${MAX_YAML_BYTES / 1024} KiB: a manifest or frontmatter is a few KiB, so check that this is the right file and that nothing large was pasted into it`,
    });
  }
  // A manifest's values (a model id, a tool name) are copied into generated files like an agent's text is:
  // the one hidden-character rule holds for every YAML we read, comments included (they mislead review).
  const hidden = firstHiddenCharacter(normalizeText(text));
  if (hidden) {
    throw new UserError(`${file} holds an invisible or control character (${hidden.code})`, {
      location: { file, line: hidden.line + lineOffset, column: hidden.column },
      hint: 'delete it: it can make the text display other than it reads (an editor that shows invisible characters finds it at this line and column)',
    });
  }
  checkYamlDepth(text, file, lineOffset);
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    // The parser notices an unclosed quote where the text ends; the fix is where the quote opens.
    const quote = /^Missing closing (["'])quote/.exec(e.message)?.[1];
    const opening = quote ? text.lastIndexOf(quote, e.pos[0] - 1) : -1;
    const pos = lines.linePos(opening >= 0 ? opening : e.pos[0]);
    const message =
      e.code === 'MULTIPLE_DOCS'
        ? 'the file holds more than one YAML document (a `---` line in the middle)'
        : quote
          ? `this ${quote === '"' ? 'double' : 'single'} quote is never closed`
          : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return new UserError(`invalid YAML: ${message}`, {
      location: { file, line: pos.line + lineOffset, column: pos.col },
      hint: quote ? `close the value with ${quote}, or remove the ${quote}` : yamlHint(e.code),
    });
  });
  const [first, ...rest] = problems;
  if (first) throw new UserError(first.message, { location: first.location, hint: first.hint, more: rest });
  // A list or map used as a key (`? [a, b]`) has no place in our files, and JavaScript objects cannot hold it.
  // `__proto__` as a key would set an object's prototype (or vanish) once read into JavaScript; no key of
  // ours is named like a property every object inherits, so those are refused wherever they appear.
  visit(doc, {
    Pair(_, pair) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (name !== undefined && inheritedNames.has(name)) {
        const pos = lines.linePos(pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
        throw new UserError(`\`${name}\` cannot be a key: every JavaScript object already has it`, {
          location: { file, line: pos.line + lineOffset, column: pos.col },
          hint: 'remove this entry; no agent, platform or setting has that name',
        });
      }
      if (!isCollection(pair.key)) return undefined;
      const pos = lines.linePos(pair.key.range?.[0] ?? 0);
      throw new UserError('invalid YAML: a key must be a plain word, not a list or a map', {
        location: { file, line: pos.line + lineOffset, column: pos.col },
        hint: 'write keys as `name: value`',
      });
    },
  });
  try {
    // Resolving aliases here makes alias bombs fail now, with a message, instead of later.
    doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message)?.[1];
    // Point at the alias at fault: the unknown one, or the first one of a bomb.
    let at: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if (unresolved !== undefined && node.source !== unresolved) return undefined;
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    const pos = at === undefined ? undefined : lines.linePos(at);
    throw new UserError(
      unresolved !== undefined
        ? `invalid YAML: the alias \`*${unresolved}\` names no anchor defined before it`
        : `invalid YAML: ${message}`,
      {
        location: pos ? { file, line: pos.line + lineOffset, column: pos.col } : { file },
        hint:
          unresolved !== undefined
            ? 'define `&name` on a value before using `*name`, or write the value out'
            : 'anchors and aliases (&a, *a) expand to too much text; write the values out',
      },
    );
  }
  return { doc, lines };
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'a manifest or frontmatter is one YAML document; remove the extra `---` line';
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
