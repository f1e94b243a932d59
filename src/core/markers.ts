import MarkdownIt from 'markdown-it';
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

// CommonMark's block structure (fences of any length and info string, unclosed fences, indented code, and
// both inside list items and block quotes) is subtle enough that hand rules get it wrong; markdown-it is a
// small, fast, spec-tested CommonMark parser, and it is only asked when a file holds a marker at all (and only
// built then: building it compiles its link rules, a few milliseconds of every command's start-up).
let commonMark: MarkdownIt | undefined;

/**
 * The 0-based numbers of the lines (split on `\n`) that lie inside a fenced or indented code block, in
 * CommonMark's sense, at any depth of lists and block quotes.
 */
export function codeLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const [first, end] of codeBlocks(text)) for (let line = first; line < end; line++) lines.add(line);
  return lines;
}

/**
 * What every code block holds: a fence opens with ``` or ~~~, and an indented line starts four columns in
 * (after the prefix of any list item or block quote it is in): a tab, or four spaces in a row. A lone CR is
 * read as a space below, so it may complete four; text with none of these has no code block, and is not parsed.
 */
const mayHoldCode = /```|~~~|[\t\r]| {4}/;

/** Each code block as [first line, line after it], 0-based, in document order. */
function codeBlocks(text: string): [number, number][] {
  if (!mayHoldCode.test(text)) return [];
  // markdown-it also breaks lines at a lone CR; a space keeps its line numbers equal to ours.
  commonMark ??= new MarkdownIt('commonmark');
  return commonMark
    .parse(text.replace(/\r(?!\n)/g, ' '), {})
    .filter((t) => (t.type === 'fence' || t.type === 'code_block') && t.map)
    .map((t) => t.map as [number, number]);
}

/**
 * Finds our block in a shared file by its marker lines only (we never re-parse our own output). A marker
 * line inside a code block (a README documenting our markers) is the user's text, not a marker.
 * Returns undefined when there is no block; throws when the markers are unbalanced or repeated.
 */
export function findBlock(text: string, file: string): BlockSpan | undefined {
  const begins: number[] = [];
  const ends: number[] = [];
  const mayHold = text.includes(BEGIN_MARKER) || text.includes(END_MARKER);
  const code = mayHold ? codeLines(text) : new Set<number>();
  let offset = 0;
  text.split('\n').forEach((line, index) => {
    const trimmed = line.replace(/\r$/, '').trim();
    if (!code.has(index)) {
      if (trimmed === BEGIN_MARKER) begins.push(offset);
      else if (trimmed === END_MARKER) ends.push(offset);
    }
    offset += line.length + 1;
  });
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
  if (next === '') return undefined;
  if (inner !== undefined && findBlock(next, file)?.inner !== inner.replace(/\n?$/, '\n')) {
    // Only a code block the user left open (to the end of the file) can swallow our lines: they open none.
    const open = codeBlocks(next).at(-1)?.[0];
    throw new UserError(`${file}: our block would land inside a code block the file leaves open`, {
      location: { file, ...(open === undefined ? {} : { line: open + 1 }) },
      hint: 'close the code fence (a line of the same back-ticks or tildes) before the end of the file, or delete the markers inside it',
    });
  }
  return next;
}
