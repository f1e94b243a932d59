import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { codeLines } from '../../src/core/markers.js';

// codeLines skips the CommonMark parse for text that cannot hold a code block (no fence, no tab, no lone CR, no
// four spaces in a row). It must give exactly the lines a parse gives, whatever the lists and quotes around.
const commonMark = new MarkdownIt('commonmark');
function parsedCodeLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const t of commonMark.parse(text.replace(/\r(?!\n)/g, ' '), {}))
    if ((t.type === 'fence' || t.type === 'code_block') && t.map)
      for (let line = t.map[0]; line < t.map[1]; line++) lines.add(line);
  return lines;
}

const piece = fc.constantFrom(
  'text',
  'x',
  ' ',
  '  ',
  '   ',
  '\n',
  '\n\n',
  '- ',
  '* ',
  '1. ',
  '10) ',
  '> ',
  '>',
  '`',
  '``',
  '```',
  '~',
  '~~',
  '~~~',
  '\t',
  '\r',
  '\r\n',
  '<!-- BEGIN blue-gardener -->',
  '#',
);

it('finds the same code lines as a CommonMark parse, with or without the parse', () => {
  let withCode = 0;
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
      (text) => {
        const expected = parsedCodeLines(text);
        if (expected.size) withCode++;
        expect(codeLines(text)).toEqual(expected);
      },
    ),
    { numRuns: 4000 },
  );
  // The generator reaches texts with code blocks too.
  expect(withCode).toBeGreaterThan(200);
});
