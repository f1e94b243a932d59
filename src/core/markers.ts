import { UserError } from './errors.js';
import { lineEndingOf } from './text-input.js';

export const BEGIN_MARKER =
  '<!-- BEGIN blue-gardener: generated from .github/blue-gardener.yml, edit that file instead -->';
export const END_MARKER = '<!-- END blue-gardener -->';

interface BlockSpan {
  /** Offset of the begin marker line. */
  start: number;
  /** Offset just after the end marker line's line break (or end of text). */
  end: number;
  /** The text between the marker lines, LF-normalised. */
  inner: string;
}

/**
 * Finds our block in a shared file by its marker lines only (we never re-parse our own output).
 * Returns undefined when there is no block; throws when the markers are unbalanced or repeated.
 */
export function findBlock(text: string, file: string): BlockSpan | undefined {
  const begins: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '').trim();
    if (trimmed === BEGIN_MARKER) begins.push(offset);
    else if (trimmed === END_MARKER) ends.push(offset);
    offset += line.length + 1;
  }
  if (begins.length === 0 && ends.length === 0) return undefined;
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) {
    throw new UserError(`${file} has ${begins.length} begin and ${ends.length} end blue-gardener markers`, {
      location: { file },
      hint: `keep exactly one \`${BEGIN_MARKER}\` line followed by one \`${END_MARKER}\` line, or delete both to regenerate the block`,
    });
  }
  const start = begins[0]!;
  const endLineStart = ends[0]!;
  const endLineBreak = text.indexOf('\n', endLineStart);
  const end = endLineBreak === -1 ? text.length : endLineBreak + 1;
  const innerStart = text.indexOf('\n', start) + 1;
  return { start, end, inner: text.slice(innerStart, endLineStart).replace(/\r\n/g, '\n') };
}

/** The block's inner text, or undefined when the file has no block. */
export function readBlock(text: string, file: string): string | undefined {
  return findBlock(text, file)?.inner;
}

/**
 * Puts `inner` (LF text ending with a newline) between our markers in `current`, or removes the block when
 * `inner` is undefined. Everything outside the block stays byte for byte; our lines follow the file's line
 * endings. Returns undefined when the resulting file would be empty (we created it, so we delete it).
 */
export function writeBlock(
  current: string | undefined,
  inner: string | undefined,
  file: string,
): string | undefined {
  const text = current ?? '';
  const span = findBlock(text, file);
  // Our lines follow the existing block's line ending, else the file's first one.
  const eol = span ? lineEndingOf(text.slice(span.start)) : lineEndingOf(text);
  const block = (withFinalBreak: boolean) =>
    [BEGIN_MARKER, ...inner!.replace(/\n$/, '').split('\n'), END_MARKER].join(eol) +
    (withFinalBreak ? eol : '');
  let next: string;
  if (span) {
    const endsWithBreak = span.end > 0 && text[span.end - 1] === '\n';
    if (inner === undefined) {
      // A block we appended to a file without a final newline was preceded by the line break we added.
      const before = text.slice(0, span.start);
      const dropBreak =
        !endsWithBreak && span.end === text.length && before.endsWith('\n') && before.length > 0;
      next = (dropBreak ? before.replace(/\r?\n$/, '') : before) + text.slice(span.end);
    } else next = text.slice(0, span.start) + block(endsWithBreak) + text.slice(span.end);
  } else if (inner === undefined) {
    return current;
  } else if (text === '') {
    next = block(true);
  } else if (text.endsWith('\n')) {
    // No blank separator line: an HTML comment line may follow a paragraph, and removal stays exact.
    next = `${text}${block(true)}`;
  } else {
    // The user's file ends without a line break: keep that style, so removing the block restores it exactly.
    next = `${text}${eol}${block(false)}`;
  }
  return next === '' ? undefined : next;
}
