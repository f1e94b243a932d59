import type { Role, Style } from '../core/report/style.js';
import { plain } from '../core/report/style.js';

/**
 * Whether to colour a stream, by the conventions people set: FORCE_COLOR wins (as in Node itself: `0` or
 * `false` turns colour off, any other value on), then NO_COLOR (any non-empty value: off, no-color.org),
 * then a terminal that is not `dumb` gets colour and a pipe or file none.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR']) return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

// SGR codes: 1 bold, 2 dim, 31 red, 32 green, 33 yellow, 36 cyan; 22/39 reset only what was set.
const codes: Record<Role, [string, string]> = {
  create: ['32', '39'],
  update: ['33', '39'],
  delete: ['31', '39'],
  added: ['32', '39'],
  removed: ['31', '39'],
  heading: ['1', '22'],
  error: ['1;31', '22;39'],
  warning: ['1;33', '22;39'],
  hint: ['36', '39'],
  dim: ['2', '22'],
};

const ansi: Style = (role, text) => {
  const [on, off] = codes[role];
  return text ? `\u001b[${on}m${text}\u001b[${off}m` : text;
};

/** The style for a stream: ANSI colours when wanted, else the text as it is. */
export const styleFor = (colour: boolean): Style => (colour ? ansi : plain);
