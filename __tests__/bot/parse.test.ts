import fc from 'fast-check';
import { parseComment } from '../../src/bot/parse.js';
import { atLeast, permissionOrder } from '../../src/bot/permission.js';

describe('parseComment', () => {
  it.each([
    [
      '/blue add blue-docker-specialist',
      { kind: 'command', name: 'add', args: ['blue-docker-specialist'], profile: [] },
    ],
    ['  /blue   add   a   b  ', { kind: 'command', name: 'add', args: ['a', 'b'], profile: [] }],
    ['/blue ADD a', { kind: 'command', name: 'add', args: ['a'], profile: [] }],
    ['/blue add --profile core', { kind: 'command', name: 'add', args: [], profile: ['core'] }],
    [
      '/blue search "unit tests" \'e2e\'',
      { kind: 'command', name: 'search', args: ['unit tests', 'e2e'], profile: [] },
    ],
    ['/blue sync\r\nplease', { kind: 'command', name: 'sync', args: [], profile: [] }],
    ['/blue sync\rsecond line', { kind: 'command', name: 'sync', args: [], profile: [] }],
    ['/blue', { kind: 'command', name: 'help', args: [], profile: [] }],
    ['/blue ""', { kind: 'command', name: 'help', args: [], profile: [] }],
    ['/blue \'\' add "" a', { kind: 'command', name: 'add', args: ['a'], profile: [] }],
    ['/blue search café', { kind: 'command', name: 'search', args: ['café'], profile: [] }],
    ['/blue\tlist', { kind: 'command', name: 'list', args: [], profile: [] }],
    ['hello\n/blue add a', { kind: 'none' }],
    ['/bluegrass', { kind: 'none' }],
    ['> /blue add a', { kind: 'none' }],
    ['', { kind: 'none' }],
    ['/blue add "unterminated', { kind: 'refusal', reason: 'a quote is not closed' }],
    ['/blue add --force a', { kind: 'refusal', reason: 'unknown option `--force`' }],
    ['/blue add --profile', { kind: 'refusal', reason: '`--profile` needs a profile id' }],
    [`/blue add ${'a '.repeat(30)}`, { kind: 'refusal', reason: 'more than 20 arguments' }],
    [
      `/blue search ${'x'.repeat(400)}`,
      { kind: 'refusal', reason: 'the command line is longer than 300 characters' },
    ],
    [
      '/blue add a\u202eb',
      {
        kind: 'refusal',
        reason: 'the command contains an invisible or control character (U+202E, column 12)',
      },
    ],
    [
      '/blue add a\u200bb',
      {
        kind: 'refusal',
        reason: 'the command contains an invisible or control character (U+200B, column 12)',
      },
    ],
    ['/blue add --x`@octocat', { kind: 'refusal', reason: "unknown option `--x'@\u200boctocat`" }],
    [
      '/blue add $(rm -rf /) `id` ;ls',
      { kind: 'command', name: 'add', args: ['$(rm', '-rf', '/)', '`id`', ';ls'], profile: [] },
    ],
  ])('%j', (body, expected) => {
    expect(parseComment(body)).toEqual(expected);
  });

  it('uses the configured prefix', () => {
    expect(parseComment('/agents list', '/agents')).toMatchObject({ kind: 'command', name: 'list' });
    expect(parseComment('/blue list', '/agents')).toEqual({ kind: 'none' });
  });

  it('never throws, and always answers none, a command or a refusal (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `/blue ${s}`),
          fc.string({ unit: 'grapheme' }).map((s) => `/blue add ${s}`),
        ),
        (body) => {
          const parsed = parseComment(body);
          expect(['none', 'command', 'refusal']).toContain(parsed.kind);
          if (parsed.kind === 'command') {
            expect(parsed.args.length).toBeLessThanOrEqual(20);
            expect(parsed.name.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('permission ordering', () => {
  it.each([
    ['admin', 'write', true],
    ['maintain', 'write', true],
    ['write', 'write', true],
    ['triage', 'write', false],
    ['read', 'write', false],
    ['triage', 'read', true],
    ['none', 'read', false],
    ['write', 'maintain', false],
  ] as const)('%s is at least %s: %s', (have, need, ok) => {
    expect(atLeast(have, need)).toBe(ok);
  });

  it('is the documented order', () => {
    expect(permissionOrder).toEqual(['none', 'read', 'triage', 'write', 'maintain', 'admin']);
  });
});
