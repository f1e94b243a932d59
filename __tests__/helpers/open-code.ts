import { writeBlock } from '../../src/core/markers.js';

/**
 * Whether appending our block to this AGENTS.md text would put it inside a code block the text leaves open
 * to its end: sync refuses such a file (markers inside code are the user's text), and writes nothing.
 */
export function leavesCodeOpen(text: string): boolean {
  try {
    writeBlock(text, 'x\n', 'AGENTS.md');
    return false;
  } catch {
    return true;
  }
}
