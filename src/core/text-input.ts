import { UserError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file we read, exactly (BOM and line endings kept): it must be UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw notUtf8(file);
  }
}

/** The error for a file that is not UTF-8 (read here, or by a source reader that cannot refuse it itself). */
export function notUtf8(file: string): UserError {
  return new UserError(`${file} is not valid UTF-8`, {
    location: { file },
    hint: 'save the file as UTF-8 (most editors: "Save with encoding")',
  });
}

/** Text as we process it: no byte-order mark, LF line endings — the same bytes on every machine. */
export function normalizeText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

/** The line ending a file already uses (CRLF if its first line break is one), for text we insert. */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}
