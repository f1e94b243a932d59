import { isScalar, isSeq, parseDocument, type Scalar, type YAMLSeq } from 'yaml';
import { UserError } from '../errors.js';
import { lineEndingOf } from '../text-input.js';

export type ListKey = 'platforms' | 'profiles' | 'agents' | 'exclude' | 'skills';

/**
 * Adds and removes items of one top-level list in the manifest by splicing its text, so comments,
 * quoting, blank lines and line endings elsewhere stay exactly as the user wrote them.
 */
export function editList(
  text: string,
  key: ListKey,
  changes: { add?: readonly string[]; remove?: readonly string[] },
): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw new UserError(`cannot edit the manifest: ${doc.errors[0]!.message}`);
  const eol = lineEndingOf(text);
  const node = doc.get(key, true) as YAMLSeq<Scalar> | Scalar | undefined;
  const current = isSeq(node) ? node.items.map((i) => String((i as Scalar).value)) : [];
  const remove = new Set(changes.remove ?? []);
  const add = (changes.add ?? []).filter(
    (item, index, all) => !current.includes(item) && all.indexOf(item) === index,
  );
  const wanted = [...current.filter((item) => !remove.has(item)), ...add];
  if (add.length === 0 && wanted.length === current.length) return text;

  if (!isSeq(node)) {
    if (node === undefined || (doc.contents as { has?(k: string): boolean })?.has?.(key) !== true) {
      const sep = text === '' || text.endsWith('\n') ? '' : eol;
      return `${text}${sep}${key}:${eol}${wanted.map((i) => `  - ${i}${eol}`).join('')}`;
    }
    // `key:` with an empty value, or `key: null`.
    if (isScalar(node) && (node.value === null || node.value === '') && node.range) {
      const [start, end] =
        node.range[0] === node.range[1] ? [node.range[0], node.range[0]] : [node.range[0], node.range[1]];
      const before = text.slice(0, start).replace(/[ \t]+$/, '');
      return `${before}${eol}${wanted.map((i) => `  - ${i}`).join(eol)}${text.slice(end)}`;
    }
    throw new UserError(`\`${key}\` in the manifest is not a list; fix it by hand first`);
  }
  if (node.flow) {
    const [start, end] = node.range!;
    return `${text.slice(0, start)}[${wanted.join(', ')}]${text.slice(end)}`;
  }
  const items = node.items as Scalar[];
  const lineSpan = (item: Scalar) => {
    const start = text.lastIndexOf('\n', item.range![0] - 1) + 1;
    const nl = text.indexOf('\n', item.range![1]);
    return [start, nl === -1 ? text.length : nl + 1] as const;
  };
  if (wanted.length === 0) {
    // A block list that becomes empty: `key: []` on the key's own line.
    const pair = (doc.contents as { items: { key: { value: unknown; range: number[] } }[] }).items.find(
      (p) => p.key.value === key,
    )!;
    const colon = text.indexOf(':', pair.key.range[1]!);
    const end = lineSpan(items[items.length - 1]!)[1];
    return `${text.slice(0, colon + 1)} []${eol}${text.slice(end)}`;
  }
  // A block list: drop the removed items' lines, then add new lines after the last remaining item.
  let out = text;
  const indent = indentOf(text, items[0]!.range![0]);
  const keep = items.filter((i) => !remove.has(String(i.value)));
  const insertAt = lineSpan(keep.length ? keep[keep.length - 1]! : items[items.length - 1]!)[1];
  const addition = add.map((i) => `${indent}- ${i}${eol}`).join('');
  const needsBreak = insertAt === text.length && !text.endsWith('\n') ? eol : '';
  // Splice from the end so earlier offsets stay valid.
  const edits: { start: number; end: number; insert: string }[] = [
    { start: insertAt, end: insertAt, insert: needsBreak + addition },
  ];
  for (const item of items)
    if (remove.has(String(item.value)))
      edits.push({ start: lineSpan(item)[0], end: lineSpan(item)[1], insert: '' });
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of edits) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

/** The whitespace before the `- ` of the list item whose value starts at `offset`. */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const match = /^(\s*)-\s/.exec(prefix);
  if (!match) throw new UserError('cannot edit this list layout; put one item per line (`  - name`)');
  return match[1]!;
}
