/**
 * The fix for a value of the wrong type, written as the line to put in the file and built from the user's
 * own value: `platforms: claude-code` → `platforms: [claude-code]`. One place, for the manifest and the
 * frontmatter of agents alike.
 */
export function typeHint(
  expected: string,
  path: readonly (string | number)[],
  got: unknown,
): string | undefined {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (key === undefined) return undefined;
  switch (expected) {
    case 'array': {
      const items = listItems(got);
      return items.length
        ? `write a list: \`${key}: [${items.join(', ')}]\``
        : `write a list: \`${key}: [first, second]\`, or one \`- item\` per line below \`${key}:\``;
    }
    case 'string':
      return Array.isArray(got) && got.length === 1 && isScalar(got[0])
        ? `write one value, not a list: \`${key}: ${flowScalar(String(got[0]))}\``
        : `write one value: \`${key}: some text\``;
    case 'boolean':
      return `write \`${key}: true\` or \`${key}: false\`, without quotes`;
    case 'number':
      return typeof got === 'string' && got.trim() !== '' && Number.isFinite(Number(got))
        ? `write the number without quotes: \`${key}: ${Number(got)}\``
        : `write a number: \`${key}: 1\``;
    case 'object':
    case 'record':
      return `write a map, one \`name: value\` per line indented below \`${key}:\``;
    default:
      return undefined;
  }
}

/** The items a user meant by one value: a scalar split at commas and spaces (`a, b` or `a b`), as YAML. */
function listItems(got: unknown): string[] {
  if (typeof got === 'string')
    return got
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(flowScalar);
  if (typeof got === 'number' || typeof got === 'boolean') return [String(got)];
  return [];
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A scalar as it may stand inside `[…]`: plain when it is a plain word, else double-quoted. */
function flowScalar(text: string): string {
  return /^[A-Za-z0-9_][\w./@+-]*$/.test(text) ? text : JSON.stringify(text);
}
