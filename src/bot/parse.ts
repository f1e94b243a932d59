import { firstHiddenCharacter } from '../core/hidden-characters.js';
import { echo } from '../core/report/markdown.js';

/** What a comment asks of us: nothing, a command, or a refusal to explain. */
export type ParsedComment =
  | { kind: 'none' }
  | { kind: 'command'; name: string; args: string[]; profile: string[] }
  | { kind: 'refusal'; reason: string };

export const MAX_LINE = 300;
export const MAX_ARGS = 20;

/**
 * Reads the first line of a comment. Only `<prefix> <command> [args…]` is a command; everything else is
 * not for us. Arguments are split on spaces (quotes group words); nothing is ever evaluated.
 */
export function parseComment(body: string, prefix = '/blue'): ParsedComment {
  const first = (body.split(/\r?\n|\r/, 1)[0] ?? '').normalize('NFC').trim();
  if (first !== prefix && !first.startsWith(`${prefix} `) && !first.startsWith(`${prefix}\t`))
    return { kind: 'none' };
  if (first.length > MAX_LINE)
    return { kind: 'refusal', reason: `the command line is longer than ${MAX_LINE} characters` };
  const hidden = firstHiddenCharacter(first);
  if (hidden)
    return {
      kind: 'refusal',
      reason: `the command contains an invisible or control character (${hidden.code}, column ${hidden.column})`,
    };
  const tokens: string[] = [];
  const rest = first.slice(prefix.length);
  const pattern = /\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/y;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < rest.length && (match = ((pattern.lastIndex = at), pattern.exec(rest)))) {
    // An empty quoted word ("" or '') carries nothing: dropping it keeps the command name non-empty.
    const token = match[1] ?? match[2] ?? match[3]!;
    if (token !== '') tokens.push(token);
    at = pattern.lastIndex;
    if (/^\s*$/.test(rest.slice(at))) break;
  }
  if (rest.slice(at).trim() !== '') return { kind: 'refusal', reason: 'a quote is not closed' };
  if (tokens.length === 0) return { kind: 'command', name: 'help', args: [], profile: [] };
  if (tokens.length > MAX_ARGS + 1) return { kind: 'refusal', reason: `more than ${MAX_ARGS} arguments` };
  const [name, ...args] = tokens;
  const profile: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--profile') {
      const id = args[++i];
      if (!id) return { kind: 'refusal', reason: '`--profile` needs a profile id' };
      profile.push(id);
    } else if (args[i]!.startsWith('--'))
      return { kind: 'refusal', reason: `unknown option ${echo(args[i]!, 40)}` };
    else plain.push(args[i]!);
  }
  return { kind: 'command', name: name!.toLowerCase(), args: plain, profile };
}
