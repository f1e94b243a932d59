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
  const doc = new Document({});
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    const node = doc.createNode(value);
    if (key === 'description' && node instanceof Scalar) node.type = 'QUOTE_DOUBLE';
    if (node instanceof YAMLSeq) node.flow = true;
    doc.set(key, node);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, defaultStringType: 'PLAIN' });
}

/** `---\n<yaml>---\n\n<body>` with exactly one trailing newline. */
export function markdownWithFrontmatter(fields: Field[], body: string): string {
  return `---\n${yamlFrontmatter(fields)}---\n\n${body.trimEnd()}\n`;
}
