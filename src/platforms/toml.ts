function escapeBasic(value: string, keepNewlines: boolean): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += keepNewlines ? '\n' : '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** A TOML basic string on one line. */
export function tomlString(value: string): string {
  // Most values (names, descriptions) need no escape at all.
  // eslint-disable-next-line no-control-regex
  return `"${/["\\\x00-\x1f\x7f]/.test(value) ? escapeBasic(value, false) : value}"`;
}

/**
 * A multi-line string: a literal `'''` block (readable, no escapes) when the text allows it,
 * otherwise a basic `"""` block with escapes. The newline after the opening quotes is trimmed by TOML.
 */
export function tomlMultiline(value: string): string {
  // Literal strings cannot hold control characters other than tab and newline.
  // eslint-disable-next-line no-control-regex
  const controls = /[\x00-\x08\x0b-\x1f\x7f]/;
  const literalSafe = !value.includes("'''") && !controls.test(value) && !value.endsWith("'");
  if (literalSafe) return `'''\n${value}'''`;
  return `"""\n${escapeBasic(value, true)}"""`;
}

/** `key = value` lines for scalar and string-list values, in the given order. */
export function tomlTable(fields: [string, string | number | boolean | string[] | undefined][]): string {
  const lines: string[] = [];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (Array.isArray(value)) lines.push(`${key} = [${value.map(tomlString).join(', ')}]`);
    else if (typeof value === 'string') lines.push(`${key} = ${tomlString(value)}`);
    else lines.push(`${key} = ${String(value)}`);
  }
  return lines.join('\n');
}
