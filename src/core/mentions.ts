/** A body split once into literal text and the `@blue-<name>` mentions found outside code. */
export type MentionPieces = (string | { name: string; raw: string })[];

/**
 * Splits a Markdown body into literal text and delegation references (`@blue-<name>`), structurally: text
 * inside fenced code blocks and inline code spans is never a mention. Done once per agent, so that every
 * platform's rewrite is a plain join.
 */
export function mentionPieces(body: string): MentionPieces {
  const pieces: MentionPieces = [];
  let literal = '';
  const lines = body.split('\n');
  let fence: { char: string; length: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i > 0) literal += '\n';
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (
        marker &&
        marker[1]![0] === fence.char &&
        marker[1]!.length >= fence.length &&
        line.trim() === marker[1]
      )
        fence = undefined;
      literal += line;
      continue;
    }
    if (marker) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      literal += line;
      continue;
    }
    if (!line.includes('@blue-')) {
      literal += line;
      continue;
    }
    // Code spans (odd indexes) and prose (even indexes); backtick runs must match in length.
    line.split(/(`+[^`]*?`+)/).forEach((part, index) => {
      if (index % 2 === 1 && part.startsWith('`')) {
        literal += part;
        return;
      }
      let last = 0;
      for (const match of part.matchAll(mention)) {
        literal += part.slice(last, match.index);
        pieces.push(literal, { name: match[1]!, raw: match[0] });
        literal = '';
        last = match.index + match[0].length;
      }
      literal += part.slice(last);
    });
  }
  pieces.push(literal);
  return pieces;
}

const mention = /(?<![\w@./-])@(blue-[a-z0-9]+(?:-[a-z0-9]+)*)\b(?!-)/g;

/** Joins pieces, replacing each mention by `rewrite(name)`, or leaving it as written when that is undefined. */
export function joinMentions(pieces: MentionPieces, rewrite: (name: string) => string | undefined): string {
  let text = '';
  for (const piece of pieces) text += typeof piece === 'string' ? piece : (rewrite(piece.name) ?? piece.raw);
  return text;
}

/** Every `@blue-…` name the body mentions outside code, in order of first appearance. */
export function mentionsIn(body: string): string[] {
  const found: string[] = [];
  for (const piece of mentionPieces(body))
    if (typeof piece !== 'string' && !found.includes(piece.name)) found.push(piece.name);
  return found;
}
