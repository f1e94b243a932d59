import { UserError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/manifest/load.js';
import { decodeUtf8, refuseReplacementCharacters } from '../../src/core/text-input.js';

const FILE = '.github/blue-gardener.yml';

function errorOf(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('a value of the wrong type: the hint is the line to write, built from the value', () => {
  it.each([
    ['platforms: claude-code', 'platforms: [claude-code]'],
    ['platforms: claude-code cursor', 'platforms: [claude-code, cursor]'],
    ['platforms: claude-code,cursor', 'platforms: [claude-code, cursor]'],
    ['platforms: [claude-code]\nagents: code-reviewer', 'agents: [code-reviewer]'],
    ['platforms: [claude-code]\nexclude: 42', 'exclude: [42]'],
    ['platforms: [claude-code]\nprofiles: "web, api"', 'profiles: [web, api]'],
    ['platforms: [claude-code]\nagents: {a: 1}', 'agents: [first, second]'],
    ['platforms: [claude-code]\nagents:', 'agents: [first, second]'],
    [
      'platforms: [kiro-cli]\noverrides:\n  code-reviewer:\n    kiro-cli:\n      tools: read',
      'tools: [read]',
    ],
  ])('%j → `%s`', (body, line) => {
    const error = errorOf(() => loadManifest(`version: 1\n${body}\n`, FILE));
    expect(error.all().map((e) => e.hint)).toContainEqual(expect.stringContaining(`\`${line}\``));
  });

  it('a word where a number belongs: the number, unquoted', () => {
    const error = errorOf(() => loadManifest('version: "1"\nplatforms: [claude-code]\n', FILE));
    expect(error.hint).toContain('version: 1');
  });
});

describe('a file that is not UTF-8: the line and column of the first bad character', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
  it.each([
    ['Latin-1 é on line 3', bytes('a: 1\nb: 2\n# caf', [0xe9], '\n'), 3, 6],
    ['after multi-byte characters on the same line', bytes('x: ¡ü€😀', [0xff], '\n'), 1, 8],
    ['a character cut at the end of the file', bytes('a: 1\nb: ok', [0xe2, 0x82]), 2, 6],
    ['a lone continuation byte', bytes('a\n\nzz', [0x80]), 3, 3],
    ['a surrogate encoded in UTF-8', bytes('k: ', [0xed, 0xa0, 0x80]), 1, 4],
    ['UTF-16 with its mark', bytes([0xff, 0xfe, 0x61, 0]), 1, 1],
  ])('%s', (_what, input, line, column) => {
    const error = errorOf(() => decodeUtf8(input, FILE));
    expect(error.location).toEqual({ file: FILE, line, column });
    expect(error.hint).toContain('UTF-');
  });

  it('UTF-16 is named as such, on disk and as GitHub decodes it', () => {
    const utf16 = Buffer.from('\ufeffversion: 1\n', 'utf16le');
    expect(errorOf(() => decodeUtf8(utf16, FILE)).hint).toContain('saved as UTF-16');
    expect(errorOf(() => refuseReplacementCharacters(utf16.toString('utf8'), FILE)).hint).toContain(
      'saved as UTF-16',
    );
  });

  it('text GitHub decoded with a replacement character: its line and column', () => {
    const error = errorOf(() => refuseReplacementCharacters('a: 1\n# caf\ufffd\n', FILE));
    expect(error.location).toEqual({ file: FILE, line: 2, column: 6 });
    expect(() => refuseReplacementCharacters('a: 1\n# café\n', FILE)).not.toThrow();
  });
});
