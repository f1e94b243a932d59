import fc from 'fast-check';
import { parse } from 'smol-toml';
import { tomlMultiline, tomlString, tomlTable } from '../../src/platforms/toml.js';

describe('TOML strings', () => {
  it('read back as the same text, whatever the characters (quotes, backslashes, controls, astral)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (line, block) => {
        const doc = `a = ${tomlString(line)}\nb = ${tomlMultiline(block + '\n')}\n`;
        const parsed = parse(doc);
        expect(parsed['a']).toBe(line.replace(/[\ud800-\udfff]/gu, '\ufffd'));
        expect(parsed['b']).toBe((block + '\n').replace(/[\ud800-\udfff]/gu, '\ufffd'));
      }),
    );
  });

  it('writes plain values without escapes and lists of them', () => {
    expect(
      tomlTable([
        ['name', 'blue-x'],
        ['tools', ['a', 'b"c']],
        ['n', 3],
        ['skip', undefined],
      ]),
    ).toBe('name = "blue-x"\ntools = ["a", "b\\"c"]\nn = 3');
  });
});
