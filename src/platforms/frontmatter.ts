import { Document, Scalar, YAMLSeq } from 'yaml';

/** A frontmatter value: emitted in the order given; `undefined` entries are left out. */
export type Field = [
  key: string,
  value:
    string | number | boolean | string[] | { [key: string]: string | Record<string, string> } | undefined,
];

/**
 * YAML frontmatter, emitted deterministically: keys in the given order, lists in flow style, no line
 * folding, and every string in the form a naive reader (one that strips a pair of surrounding quotes and
 * unescapes nothing, like the simplified parsers of Cursor and Qwen) reads back unchanged — see
 * `scalarStyles`. Descriptions are always quoted when that is possible without an escape.
 */
export function yamlFrontmatter(fields: Field[]): string {
  let text = '';
  for (const [key, value] of fields) if (value !== undefined) text += yamlEntry(key, value);
  return text;
}

/**
 * One top-level `key: value` entry. A block mapping is the concatenation of its entries, so each entry is
 * emitted on its own and memoised: the same name, description and tags recur on every platform, and the
 * YAML serializer dominated rendering time.
 */
function yamlEntry(key: string, value: NonNullable<Field[1]>): string {
  return simpleEntry(key, value) ?? serializedEntry(key, value);
}

/** The entry as the YAML serializer writes it, memoised. Exported for the test that holds both paths equal. */
export function serializedEntry(key: string, value: NonNullable<Field[1]>): string {
  const memoKey = `${key}\u0000${JSON.stringify(value)}`;
  let text = emitted.get(memoKey);
  if (text === undefined) {
    text = typeof value === 'string' ? stringEntry(key, value) : emit(key, value);
    if (emitted.size >= 20_000) emitted.clear();
    emitted.set(memoKey, text);
  }
  return text;
}

/**
 * Scalar styles in order of preference. Each is taken only when it needs no escape and no doubled
 * quote: `"text"` when JSON would escape nothing, `'text'` when the text holds no `'`, plain when YAML
 * reads it back as the same string. Descriptions prefer quotes (a plain one would read differently the
 * day it gains a `: `); other values prefer plain.
 */
const scalarStyles = {
  description: ['QUOTE_DOUBLE', 'QUOTE_SINGLE', 'PLAIN'],
  other: ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'],
} as const;
const bare = {
  QUOTE_DOUBLE: (v: string) => `"${v}"`,
  QUOTE_SINGLE: (v: string) => `'${v}'`,
  PLAIN: (v: string) => v,
};

/** A string entry in the first style that writes the text as it is; else single quotes with `''`. */
function stringEntry(key: string, value: string): string {
  for (const style of scalarStyles[key === 'description' ? 'description' : 'other']) {
    const text = emit(key, value, style);
    if (text === `${key}: ${bare[style](value)}\n`) return text;
  }
  return emit(key, value, 'QUOTE_SINGLE');
}

function emit(key: string, value: NonNullable<Field[1]>, style?: Scalar.Type): string {
  const doc = new Document({});
  const node = doc.createNode(value);
  if (style && node instanceof Scalar) node.type = style;
  if (node instanceof YAMLSeq) node.flow = true;
  doc.set(key, node);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, defaultStringType: 'PLAIN' });
}
const emitted = new Map<string, string>();

/** `---\n<yaml>---\n\n<body>\n`; the body comes without trailing whitespace (render trims it once per agent). */
export function markdownWithFrontmatter(fields: Field[], body: string): string {
  return `---\n${yamlFrontmatter(fields)}---\n\n${body}\n`;
}

/** A slug that YAML reads back as the same string when written plain (no keyword, number or indicator). */
const plainSlug = /^(?!(?:true|false|null|yes|no|on|off|y|n)$)[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/i;
/** Keys already found to be plain slugs: a few dozen field names, tested once each. */
const plainKeys = new Set<string>();
/** Printable text whose double-quoted YAML form is its JSON form (no control characters or line breaks). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it rejects
const quotable = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]*$/;

/**
 * The entries that make up nearly all frontmatter — slugs, booleans, small integers, lists of slugs and
 * quoted descriptions — written directly, byte for byte as the serializer writes them (the platform
 * goldens hold both paths to the same bytes). Anything else returns undefined and goes to the serializer.
 */
function simpleEntry(key: string, value: NonNullable<Field[1]>): string | undefined {
  if (!plainKeys.has(key)) {
    if (!plainSlug.test(key)) return undefined;
    plainKeys.add(key);
  }
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0))
    return `${key}: ${value}\n`;
  if (typeof value === 'string') {
    if (key !== 'description') return plainSlug.test(value) ? `${key}: ${value}\n` : undefined;
    if (!quotable.test(value)) return undefined;
    if (JSON.stringify(value) === `"${value}"`) return `${key}: "${value}"\n`;
    return value.includes("'") ? undefined : `${key}: '${value}'\n`;
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => plainSlug.test(v)))
    return `${key}: [${value.join(', ')}]\n`;
  return undefined;
}
