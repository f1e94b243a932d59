import { UserError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes a file we read, exactly (BOM and line endings kept): it must be UTF-8. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = decoder.decode(bytes.subarray(0, at));
    throw notUtf8(
      file,
      before,
      `at byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`,
      isUtf16(bytes),
    );
  }
}

/**
 * Text that reached us already decoded, with U+FFFD where the bytes were not UTF-8 (GitHub's API does this,
 * and a source's reader, which must also read images):
 * refused at the first replacement character, since writing it back would replace the user's bytes.
 */
export function refuseReplacementCharacters(text: string, file: string): void {
  const at = text.indexOf('\ufffd');
  // GitHub decodes UTF-16 byte by byte: its mark becomes replacement characters, every other byte a NUL.
  if (at >= 0)
    throw notUtf8(
      file,
      text.slice(0, at),
      'U+FFFD here: bytes that were not UTF-8, as decoded when read',
      text.includes('\u0000'),
    );
}

/** UTF-16 with its byte-order mark, the one other encoding editors commonly save text in. */
function isUtf16(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** Where the text stops being UTF-8 (line and column of the first bad character), and the fix. */
function notUtf8(file: string, before: string, what: string, utf16: boolean): UserError {
  const lines = before.split('\n');
  return new UserError(`${file} is not valid UTF-8 (${what})`, {
    location: { file, line: lines.length, column: [...lines.at(-1)!].length + 1 },
    hint: utf16
      ? 'the file is saved as UTF-16; save it as UTF-8 (most editors: "Save with encoding")'
      : 'save the file as UTF-8 (most editors: "Save with encoding"), or retype the character at this line and column',
  });
}

/** The offset of the first byte that does not start a complete UTF-8 character (the text before it decodes). */
function firstInvalidByte(bytes: Uint8Array): number {
  // A prefix that decodes in streaming mode (a character may be cut at its end) only grows valid: bisect.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodesAsStart(bytes.subarray(0, mid))) low = mid;
    else high = mid - 1;
  }
  // `low` bytes decode as the start of a text; the character they leave open (if any) is the bad one.
  let start = low;
  while (start > 0 && !decodesWhole(bytes.subarray(0, start))) start--;
  return Math.min(start, bytes.length - 1);
}

function decodesAsStart(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function decodesWhole(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
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
