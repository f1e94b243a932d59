import fc from 'fast-check';
import { UserError } from '../../src/core/errors.js';
import { BEGIN_MARKER, END_MARKER, readBlock, writeBlock } from '../../src/core/markers.js';

// Our markers written inside a CommonMark code block (a README that documents them) are the user's text:
// they are never read as our block, never replaced, and our block never lands inside the code.
const FILE = 'AGENTS.md';
const markerLines = fc.subarray([BEGIN_MARKER, 'user text in the example', END_MARKER], { minLength: 1 });
const fenceChar = fc.constantFrom('`', '~');

/** After a paragraph (so no list before it continues), a code block holding marker lines: fenced (any length, indent 0–3, info string), indented, in a list item. */
const codeWithMarkers = fc.oneof(
  fc
    .record({
      char: fenceChar,
      open: fc.integer({ min: 3, max: 6 }),
      extra: fc.integer({ min: 0, max: 2 }),
      indent: fc.constantFrom('', ' ', '  ', '   '),
      info: fc.constantFrom('', 'markdown', ' html {.x}', 'md title="AGENTS.md"'),
      lines: markerLines,
    })
    .map(
      ({ char, open, extra, indent, info, lines }) =>
        `Example:\n\n${indent}${char.repeat(open)}${char === '`' ? info.replace(/`/g, '') : info}\n${lines.join('\n')}\n${indent}${char.repeat(open + extra)}\n\n`,
    ),
  markerLines.map((lines) => `Example:\n\n${lines.map((l) => `    ${l}`).join('\n')}\n\n`),
  markerLines.map((lines) => `Example:\n\n${lines.map((l) => `\t${l}`).join('\n')}\n\n`),
  fc.tuple(fc.constantFrom('- ', '1. ', '* '), markerLines).map(([bullet, lines]) => {
    const pad = ' '.repeat(bullet.length);
    return `Example:\n\n${bullet}an item\n\n${pad}\`\`\`\n${lines.map((l) => pad + l).join('\n')}\n${pad}\`\`\`\n\n`;
  }),
);
const prose = fc.constantFrom(
  '# Notes\n\n',
  'Some text.\n\n',
  '- a list\n- of things\n\n',
  '> quoted\n\n',
  '',
);
const segments = fc.array(fc.oneof(prose, codeWithMarkers), { maxLength: 6 });
const inner = fc
  .array(fc.constantFrom('## Codex custom agents', '', '- `blue-x` — does x'), { minLength: 1, maxLength: 4 })
  .map((lines) => `${lines.join('\n')}\n`);

describe('markers count only as lines outside code', () => {
  it('random documents: markers in code are text, the one block outside code is ours', () => {
    fc.assert(
      fc.property(segments, segments, fc.boolean(), inner, inner, (before, after, withBlock, old, next) => {
        const head = before.join('');
        const tail = after.join('');
        if (!withBlock) {
          const doc = head + tail;
          expect(readBlock(doc, FILE)).toBeUndefined();
          // Appended after the user's text, which stays byte for byte; the new block reads back.
          const written = writeBlock(doc, next, FILE)!;
          expect(written.startsWith(doc)).toBe(true);
          expect(readBlock(written, FILE)).toBe(next);
          expect(writeBlock(written, undefined, FILE) ?? '').toBe(doc);
          return;
        }
        const doc = `${head}${BEGIN_MARKER}\n${old}${END_MARKER}\n\n${tail}`;
        expect(readBlock(doc, FILE)).toBe(old);
        expect(writeBlock(doc, next, FILE)).toBe(`${head}${BEGIN_MARKER}\n${next}${END_MARKER}\n\n${tail}`);
        expect(writeBlock(doc, undefined, FILE)).toBe(`${head}\n${tail}`);
      }),
      { numRuns: 400 },
    );
  });

  it('an unclosed fence runs to the end of the file: markers after it are text, and we refuse to write into it', () => {
    for (const fence of ['```', '~~~~', '```js', '  ~~~ info']) {
      const doc = `# Readme\n\n${fence}\n${BEGIN_MARKER}\nexample\n${END_MARKER}\n`;
      expect(readBlock(doc, FILE)).toBeUndefined();
      let error: unknown;
      try {
        writeBlock(doc, '## x\n', FILE);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).location).toEqual({ file: FILE, line: 3 });
      expect((error as UserError).hint).toMatch(/close the code fence/);
    }
  });

  it('a fence closed by a shorter or other-character run stays open; a longer one closes it', () => {
    const open = `\`\`\`\`\n${BEGIN_MARKER}\n\`\`\`\n~~~~\n${END_MARKER}\n`;
    expect(readBlock(open, FILE)).toBeUndefined();
    const closed = `\`\`\`\nexample\n\`\`\`\`\`\n${BEGIN_MARKER}\nours\n${END_MARKER}\n`;
    expect(readBlock(closed, FILE)).toBe('ours\n');
  });

  it('a list item’s continuation indented four spaces is not code: the indentation belongs to the item', () => {
    // CommonMark: inside "- item", four spaces reach two columns past the item's content, so this is an
    // HTML line of the item, not an indented code block. Our marker there is a marker.
    const doc = `- item\n\n    ${BEGIN_MARKER}\n    ours\n    ${END_MARKER}\n`;
    expect(readBlock(doc, FILE)).toBe('    ours\n');
    // Outside a list the same indentation is an indented code block.
    expect(readBlock(`para\n\n    ${BEGIN_MARKER}\n    ${END_MARKER}\n`, FILE)).toBeUndefined();
  });
});
