/**
 * Characters that change how text is displayed without being seen: C0 and C1 controls other than tab and
 * line feed (DEL included), every Unicode format character (category Cf: the bidirectional embeddings,
 * overrides and isolates U+202A–202E and U+2066–2069, the marks U+200E/200F/061C, zero-width space U+200B,
 * word joiner and invisible operators U+2060–2064, a byte-order mark U+FEFF inside text, soft hyphen,
 * interlinear annotations, tag characters U+E0001–E007F …), and the line and paragraph separators
 * U+2028/2029, which some renderers break lines at and others do not. Two format characters stay allowed:
 * the zero-width non-joiner and joiner (U+200C/200D), which Persian and Indic scripts and emoji sequences
 * need and which can neither reorder nor hide text. One definition for comments, agent files and echoes.
 */
const hidden = /(?![\t\n\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u;
const hiddenAll = new RegExp(hidden.source, 'gu');
const hiddenFrom = new RegExp(hidden.source, 'gu');
/**
 * Every hidden character is outside printable ASCII (tab and line feed aside), so the search for one starts
 * at the first such character, found by a scan that is many times faster than the Unicode one (most text is
 * ASCII: 1,000 agent files took 30 ms with the Unicode scan alone).
 */
const notPlainAscii = /[^\t\n\x20-\x7e]/g;

export interface HiddenCharacter {
  /** As people look it up: `U+202E`. */
  code: string;
  /** 1-based line and column (in characters) within the text. */
  line: number;
  column: number;
}

/** The first hidden character in `text`, with where it is, or undefined. */
export function firstHiddenCharacter(text: string): HiddenCharacter | undefined {
  notPlainAscii.lastIndex = 0;
  const suspect = notPlainAscii.exec(text);
  if (!suspect) return undefined;
  hiddenFrom.lastIndex = suspect.index;
  const match = hiddenFrom.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    code: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    line: before.split('\n').length,
    column: [...before.slice(lineStart)].length + 1,
  };
}

/** `text` with each hidden character shown as U+FFFD, for echoing text we refuse. */
export function revealHidden(text: string): string {
  return text.replace(hiddenAll, '\ufffd');
}
