import fc from 'fast-check';
import { firstHiddenCharacter } from '../../src/core/hidden-characters.js';

// firstHiddenCharacter starts its Unicode search at the first character outside printable ASCII: it must find
// exactly what one Unicode search over the whole text finds (same character, line and column).
const reference = /(?![\t\n\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u;

const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('a', 'Z', ' ', '\t', '\n', '~', '—', 'é', '😀', '\u200c', '\u200d'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u00ad',
      '\u200b',
      '\u202e',
      '\u2028',
      '\u2029',
      '\ufeff',
      '\u{e0001}',
      '\r',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

it('finds the first hidden character exactly where a search of the whole text finds it', () => {
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
      (text) => {
        const found = firstHiddenCharacter(text);
        const match = reference.exec(text);
        if (!match) return expect(found).toBeUndefined();
        const before = text.slice(0, match.index);
        expect(found).toEqual({
          code: `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
          line: before.split('\n').length,
          column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1,
        });
      },
    ),
    { numRuns: 3000 },
  );
  // Twice in a row on the same text (the searches keep a position between calls).
  expect(firstHiddenCharacter('ab\u202ec')).toEqual(firstHiddenCharacter('ab\u202ec'));
  expect(firstHiddenCharacter('é\u202e')?.column).toBe(2);
});
