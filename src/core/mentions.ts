/**
 * Rewrites `@blue-<name>` delegation references in a Markdown body, structurally: text inside fenced code
 * blocks and inline code spans is left alone, and nothing else on the line is touched.
 */
export function rewriteMentions(body: string, rewrite: (name: string) => string | undefined): string {
  const lines = body.split('\n');
  let fence: { char: string; length: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (
        marker &&
        marker[1]![0] === fence.char &&
        marker[1]!.length >= fence.length &&
        line.trim() === marker[1]
      )
        fence = undefined;
      continue;
    }
    if (marker) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      continue;
    }
    lines[i] = rewriteOutsideCodeSpans(line, rewrite);
  }
  return lines.join('\n');
}

const mention = /(?<![\w@./-])@(blue-[a-z0-9]+(?:-[a-z0-9]+)*)\b(?!-)/g;

function rewriteOutsideCodeSpans(line: string, rewrite: (name: string) => string | undefined): string {
  // Split into code spans (odd indexes) and prose (even indexes); backtick runs must match in length.
  const parts = line.split(/(`+[^`]*?`+)/);
  return parts
    .map((part, index) =>
      index % 2 === 1 && part.startsWith('`')
        ? part
        : part.replace(mention, (all, name: string) => rewrite(name) ?? all),
    )
    .join('');
}

/** Every `@blue-…` name the body mentions outside code, in order of first appearance. */
export function mentionsIn(body: string): string[] {
  const found: string[] = [];
  rewriteMentions(body, (name) => {
    if (!found.includes(name)) found.push(name);
    return undefined;
  });
  return found;
}
