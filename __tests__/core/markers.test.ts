import fc from 'fast-check';
import { BEGIN_MARKER, END_MARKER, codeLines, readBlock, writeBlock } from '../../src/core/markers.js';

const userText = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('\n', '\r\n', '# Heading\n', '```\n---\n## x\n```\n', 'ü ✓ 日本\n', ''),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''))
  .filter((t) => !t.includes('blue-gardener'))
  // A code block left open to the end of the file would swallow our markers (markers-in-code tests that).
  .filter((t) => !codeLines(`${t}\nprobe`).has(`${t}\nprobe`.split('\n').length - 1));
const blockText = fc
  .array(
    // Our block's lines are list items (\`name\` — description): they never open a code block.
    fc.string().map((s) => `- \`x\` — ${s.replace(/[\r\n]/g, ' ')}`),
    { maxLength: 5 },
  )
  .map((lines) => lines.map((l) => `${l}\n`).join('') || 'x\n');

describe('managed blocks', () => {
  it('adds a block without touching the user text, and removing it restores the file byte for byte', () => {
    fc.assert(
      fc.property(userText, blockText, (user, inner) => {
        const withBlock = writeBlock(user, inner, 'AGENTS.md')!;
        expect(withBlock.startsWith(user.endsWith('\n') || user === '' ? user : user)).toBe(true);
        expect(readBlock(withBlock, 'AGENTS.md')).toBe(inner);
        expect(writeBlock(withBlock, undefined, 'AGENTS.md') ?? '').toBe(user);
      }),
    );
  });

  it('replaces only the text between the markers, whatever surrounds them', () => {
    fc.assert(
      fc.property(userText, userText, blockText, blockText, (before, after, oldInner, newInner) => {
        const head = before === '' || before.endsWith('\n') ? before : `${before}\n`;
        const file = `${head}${BEGIN_MARKER}\n${oldInner}${END_MARKER}\n${after}`;
        const next = writeBlock(file, newInner, 'AGENTS.md')!;
        expect(next).toBe(`${head}${BEGIN_MARKER}\n${newInner}${END_MARKER}\n${after}`);
      }),
    );
  });

  it('writes our lines with the file’s CRLF line endings', () => {
    const next = writeBlock('# Team notes\r\n', 'a\nb\n', 'AGENTS.md')!;
    expect(next).toBe(`# Team notes\r\n${BEGIN_MARKER}\r\na\r\nb\r\n${END_MARKER}\r\n`);
    expect(readBlock(next, 'AGENTS.md')).toBe('a\nb\n');
  });

  it('keeps a file without a final newline that way', () => {
    const next = writeBlock('notes', 'a\n', 'AGENTS.md')!;
    expect(next).toBe(`notes\n${BEGIN_MARKER}\na\n${END_MARKER}`);
    expect(writeBlock(next, undefined, 'AGENTS.md')).toBe('notes');
  });

  it('deletes a file that held only our block', () => {
    expect(writeBlock(writeBlock(undefined, 'a\n', 'AGENTS.md'), undefined, 'AGENTS.md')).toBeUndefined();
  });

  it.each([
    [`${BEGIN_MARKER}\nx\n`, 'begin'],
    [`${END_MARKER}\n${BEGIN_MARKER}\n`, 'begin'],
    [`${BEGIN_MARKER}\n${END_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`, 'begin'],
  ])('refuses unbalanced markers %#', (text, word) => {
    expect(() => writeBlock(text, 'a\n', 'AGENTS.md')).toThrow(word);
  });
});
