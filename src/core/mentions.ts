/** One `@blue-<name>` delegation reference, as written. */
export interface Mention {
  name: string;
  raw: string;
}

/**
 * Mentions that follow each other separated only by list punctuation (`, `, ` or `, ` and `, `, or `, `, and `): one list
 * of agents, from which the ones not installed can be left out without touching the words around it.
 */
export interface MentionRun {
  mentions: Mention[];
  /** What stands between consecutive mentions: one fewer than `mentions`. */
  separators: string[];
}

/** A line that holds mentions outside code; in a Markdown table row the first run is what the row is about. */
export interface MentionLine {
  parts: (string | MentionRun)[];
  tableRow: boolean;
}

/** A body split once into literal text and mention lines; joining it with `\n` gives the body back. */
export type ParsedBody = (string | MentionLine)[];

const mention = /(?<![\w@./-])@(blue-[a-z0-9]+(?:-[a-z0-9]+)*)\b(?!-)/g;
const listSeparators = new Set([', ', ' or ', ' and ', ', or ', ', and ']);

/**
 * Splits a Markdown body into literal text and delegation references (`@blue-<name>`), structurally: text
 * inside fenced code blocks and inline code spans is never a mention. Done once per body (memoised), so that
 * every platform's rewrite is a plain join.
 */
export function parseBody(body: string): ParsedBody {
  let parsed = memo.get(body);
  if (!parsed) {
    parsed = parse(body);
    if (memo.size >= 2_000) memo.clear();
    memo.set(body, parsed);
  }
  return parsed;
}
const memo = new Map<string, ParsedBody>();

function parse(body: string): ParsedBody {
  const out: ParsedBody = [];
  let literal: string[] = [];
  let fence: { char: string; length: number } | undefined;
  const flush = () => {
    if (literal.length) out.push(literal.join('\n'));
    literal = [];
  };
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (
        marker &&
        marker[1]![0] === fence.char &&
        marker[1]!.length >= fence.length &&
        line.trim() === marker[1]
      )
        fence = undefined;
      literal.push(line);
      continue;
    }
    if (marker) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      literal.push(line);
      continue;
    }
    const parts = line.includes('@blue-') ? lineParts(line) : undefined;
    if (!parts) {
      literal.push(line);
      continue;
    }
    flush();
    out.push({ parts, tableRow: /^\s*\|/.test(line) });
  }
  flush();
  return out;
}

/** A line's literal text and mention runs, or undefined when every `@blue-` on it is inside code. */
function lineParts(line: string): MentionLine['parts'] | undefined {
  const parts: MentionLine['parts'] = [];
  let literal = '';
  let run: MentionRun | undefined;
  // Code spans (odd indexes) and prose (even indexes); backtick runs must match in length.
  line.split(/(`+[^`]*?`+)/).forEach((part, index) => {
    if (index % 2 === 1 && part.startsWith('`')) {
      literal += part;
      return;
    }
    let last = 0;
    for (const match of part.matchAll(mention)) {
      const between = literal + part.slice(last, match.index);
      const found = { name: match[1]!, raw: match[0] };
      if (run && listSeparators.has(between)) {
        run.separators.push(between);
        run.mentions.push(found);
      } else {
        if (run) parts.push(run);
        parts.push(between);
        run = { mentions: [found], separators: [] };
      }
      literal = '';
      last = match.index + match[0].length;
    }
    literal += part.slice(last);
  });
  if (!run) return undefined;
  parts.push(run, literal);
  return parts;
}

/**
 * The body with each mention rewritten: `rewrite(name)` gives the text for an installed agent, `null` for one
 * that is not installed, and undefined to leave the mention as written. Agents not installed are left out of
 * their list; a table row whose first list is left empty is dropped (it routes to nothing here); any other
 * list left empty becomes `unrouted`.
 */
export function renderMentions(
  parsed: ParsedBody,
  rewrite: (name: string) => string | null | undefined,
  unrouted: string,
): string {
  const lines: string[] = [];
  for (const item of parsed) {
    if (typeof item === 'string') {
      lines.push(item);
      continue;
    }
    let text = '';
    let first = true;
    let dropped = false;
    for (const part of item.parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const kept = keptMentions(part, rewrite);
      if (first && item.tableRow && kept.length === 0) dropped = true;
      first = false;
      text += kept.length ? joinList(part, kept) : unrouted;
    }
    if (!dropped) lines.push(text);
  }
  return lines.join('\n');
}

function keptMentions(run: MentionRun, rewrite: (name: string) => string | null | undefined): string[] {
  const kept: string[] = [];
  for (const m of run.mentions) {
    const text = rewrite(m.name);
    if (text !== null) kept.push(text ?? m.raw);
  }
  return kept;
}

/** The kept members joined as written when none was left out, else with `, ` and the list's last separator. */
function joinList(run: MentionRun, kept: string[]): string {
  if (kept.length === run.mentions.length)
    return kept.map((k, i) => (i ? run.separators[i - 1]! : '') + k).join('');
  const last = run.separators.at(-1)!;
  return kept.map((k, i) => (i === 0 ? '' : i === kept.length - 1 ? last : ', ') + k).join('');
}

/** Every `@blue-…` name the body mentions outside code, in order of first appearance. */
export function mentionsIn(body: string): string[] {
  const found = new Set<string>();
  for (const item of parseBody(body))
    if (typeof item !== 'string')
      for (const part of item.parts)
        if (typeof part !== 'string') part.mentions.forEach((m) => found.add(m.name));
  return [...found];
}

/**
 * The agents a body routes to in places that have no other agent to turn to when `installed` lacks them: a
 * list whose every member is missing, outside a table row's first list. Those mentions become the
 * platform's `unrouted` phrase, so a profile that leaves any is not closed under delegation.
 */
export function unroutedMentions(body: string, isInstalled: (name: string) => boolean): string[] {
  const found = new Set<string>();
  for (const item of parseBody(body)) {
    if (typeof item === 'string') continue;
    const runs = item.parts.filter((p): p is MentionRun => typeof p !== 'string');
    if (item.tableRow && runs[0]!.mentions.every((m) => !isInstalled(m.name))) continue;
    for (const run of runs)
      if (run.mentions.every((m) => !isInstalled(m.name))) run.mentions.forEach((m) => found.add(m.name));
  }
  return [...found];
}
