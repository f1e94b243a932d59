import { Document, Scalar, YAMLSeq } from 'yaml';

/** A frontmatter value: emitted in the order given; `undefined` entries are left out. */
export type Field = [
  key: string,
  value: string | number | boolean | string[] | Record<string, string> | undefined,
];

/**
 * YAML frontmatter, emitted deterministically: keys in the given order, descriptions and every other
 * string double-quoted only when YAML needs it — except `description`, which is always double-quoted
 * (Cursor's and Qwen's parsers dislike anything else), lists in flow style, no line folding.
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
  const memoKey = `${key}\u0000${JSON.stringify(value)}`;
  let text = emitted.get(memoKey);
  if (text === undefined) {
    const doc = new Document({});
    const node = doc.createNode(value);
    if (key === 'description' && node instanceof Scalar) node.type = 'QUOTE_DOUBLE';
    if (node instanceof YAMLSeq) node.flow = true;
    doc.set(key, node);
    text = doc.toString({ lineWidth: 0, flowCollectionPadding: false, defaultStringType: 'PLAIN' });
    if (emitted.size >= 20_000) emitted.clear();
    emitted.set(memoKey, text);
  }
  return text;
}
const emitted = new Map<string, string>();

/** `---\n<yaml>---\n\n<body>` with exactly one trailing newline. */
export function markdownWithFrontmatter(fields: Field[], body: string): string {
  return `---\n${yamlFrontmatter(fields)}---\n\n${body.trimEnd()}\n`;
}
