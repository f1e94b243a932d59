/**
 * A fast reader for the frontmatter most agent files hold: one `key: value` per line, each value a plain
 * word or sentence, a quoted string without escapes, `true`/`false`, or a one-line list of words. Reading
 * 1,000 custom agents with the full YAML parser took about a quarter of a no-op sync.
 *
 * It gives exactly what the full parser (yaml-text.ts) gives, or `undefined` for anything it does not fully
 * understand — and the full parser then reads the text, with its errors and line numbers. So it never
 * reports an error itself: every line that is not one of the forms below, every key seen twice and every
 * key JavaScript objects inherit, falls back. `__tests__/core/plain-frontmatter.test.ts` checks it against the
 * full parser over the catalog, synthetic agents, the bad-input corpus and generated frontmatter.
 */

/** The words YAML 1.2's core schema reads as something other than a string (null, booleans). */
const NOT_STRINGS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** Properties every JavaScript object inherits: the full parser refuses them as keys (with a message). */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const KEY = /^([a-z][a-z0-9-]*): (.*)$/;
/**
 * A plain scalar that can only be a string: a letter first, then no character that YAML gives a meaning
 * inside a plain scalar (`:`, `#`, brackets and braces, backslash), no tab, not ending in a space: letters,
 * marks, digits, connector, dash, quote and other punctuation, symbols, parentheses and U+0020 (no other
 * space, no control, format, private-use or unassigned character).
 */
const PLAIN = /^[A-Za-z](?: *(?![:#\\])[\p{L}\p{M}\p{N}\p{Pc}\p{Pd}\p{Po}\p{Pi}\p{Pf}\p{S}()])*$/u;
/** Quoted without escapes or line breaks: the text between the quotes is the value. */
const DOUBLE_QUOTED = /^"([^"\\\p{C}\p{Z}]|[ ])*"$/u;
const SINGLE_QUOTED = /^'([^'\p{C}\p{Z}]|[ ])*'$/u;
/** A comment line, with the characters a value may hold (the full parser refuses hidden ones in comments too). */
const COMMENT = /^#(?: |[^\p{C}\p{Z}])*$/u;
/** A list item in `[a, b]`: a word that can only be a string. */
const ITEM = /^ *([A-Za-z][A-Za-z0-9_-]*) *$/;

/** The value of one line's value text, or `undefined` when the full parser must read it. */
function valueOf(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const inner = text.slice(1, -1);
    if (inner === '') return [];
    const items: string[] = [];
    for (const part of inner.split(',')) {
      const word = ITEM.exec(part)?.[1];
      if (word === undefined || NOT_STRINGS.has(word)) return undefined;
      items.push(word);
    }
    return items;
  }
  if (DOUBLE_QUOTED.test(text) || SINGLE_QUOTED.test(text)) return text.slice(1, -1);
  if (PLAIN.test(text) && !NOT_STRINGS.has(text)) return text;
  return undefined;
}

/**
 * The frontmatter's data as the full parser's `toJS()` gives it, or `undefined`. `raw` is the text between
 * the `---` lines (as gray-matter hands it over: starting with the line break after the first `---`).
 */
export function readPlainFrontmatter(raw: string): Record<string, unknown> | undefined {
  // Far below the full parser's size limit, so that a text it would refuse never gets here.
  if (raw.length > 16 * 1024) return undefined;
  const data: Record<string, unknown> = {};
  let keys = 0;
  for (const line of raw.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (!COMMENT.test(line)) return undefined;
      continue;
    }
    const match = KEY.exec(line);
    if (!match) return undefined;
    const [, key, text] = match as unknown as [string, string, string];
    if (INHERITED.has(key) || Object.hasOwn(data, key) || NOT_STRINGS.has(key)) return undefined;
    const value = valueOf(text);
    if (value === undefined) return undefined;
    data[key] = value;
    keys++;
  }
  return keys ? data : undefined;
}
