import fc from 'fast-check';
import { botCommands } from '../../src/bot/commands.js';
import { echo } from '../../src/core/report/markdown.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { liveMarkup } from '../helpers/live-markdown.js';
import { PROTOTYPE_KEYS } from '../helpers/prototype-keys.js';

// Whatever a commenter writes, the bot's reply and the job summary render none of it live: no mention,
// link, image, autolink, HTML tag or cross-reference outside code, for every command and refusal path.
const MANIFEST = '.github/blue-gardener.yml';
const HOSTILE = [
  '@octocat',
  '@everyone',
  '@acme/security-team',
  '#4242',
  'GH-4242',
  'acme/web#4242',
  'octo-org/other.repo#4242',
  'https://evil.example/x',
  'www.evil.example',
  '<https://evil.example>',
  '[click](https://evil.example)',
  '![pixel](https://evil.example/p.png)',
  '<img src=https://evil.example/p.png>',
  '<b>bold</b>',
  '<!-- hidden -->',
  '<details open>',
  '`',
  '``',
  '\\`',
  '*',
  '_x_',
  '|',
  '> quote',
  '\t',
];
const hostile = fc.constantFrom(...HOSTILE);
const glued = fc
  .array(fc.oneof(hostile, fc.constantFrom('--', '-', '"', "'", 'x', ' ')), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(''));
const word = fc.oneof(
  hostile,
  glued,
  glued.map((w) => `--${w}`),
  // An option that closes the code span it is quoted in, then says something live.
  fc.tuple(glued, hostile).map(([w, h]) => `--${w}\`${h}`),
  fc.constant('--profile'),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ maxLength: 10 }),
);
const commandName = fc.oneof(
  fc.constantFrom(...Object.keys(botCommands), 'platform add', 'platform remove'),
  fc.constantFrom(...PROTOTYPE_KEYS),
  glued,
);
const comment = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(commandName, fc.array(word, { maxLength: 6 }))
      .map(([c, w]) => `/blue ${c} ${w.join(' ')}`),
  },
  // The parser's own refusals: an unclosed quote, too long, too many arguments, a hidden character.
  fc
    .tuple(hostile, fc.constantFrom('"', `${'x '.repeat(25)}`, 'y'.repeat(300), '\u202e', '\u0007'))
    .map(([h, tail]) => `/blue add ${h} ${tail}`),
);

function seeded(): FakeGitHub {
  const fake = fakeGitHub();
  fake.seed('acme/web', { [MANIFEST]: 'version: 1\nplatforms: [claude-code]\n' });
  const repo = fake.repos.get('acme/web')!;
  repo.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  repo.permissions.set('reader', { permission: 'read', role_name: 'read' });
  return fake;
}

// Our own reply marker, the folding of long file lists, and the links to the pull requests we opened are ours, not the commenter's.
const allow = {
  html: /^(<!-- blue-gardener:reply comment=\d+ -->|<\/?details>(\n<summary>[\w(),: ]+<\/summary>)?)\s*$/,
  links: /^https:\/\/github\.com\/acme\/web\/pull\/\d+$/,
};
const ours = (text: string) => text.replace(/(pull request|on) #\d+/g, '$1');

describe('echoes of a commenter’s text are never live', () => {
  it('the escaping function: any text comes out as one code span with nothing live', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), glued, fc.string({ unit: 'grapheme' })), (text) => {
        const out = echo(text);
        expect(out).toMatch(/^`[^`\n\r]*`$/);
        expect(liveMarkup(`Before ${out} after.`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('through the bot, for every command and refusal path: no mention, link, image, tag or reference outside code', async () => {
    await fc.assert(
      fc.asyncProperty(comment, fc.constantFrom('maintainer', 'reader'), async (body, login) => {
        const fake = seeded();
        const result = await runAction(fake, { event: 'issue_comment', comment: { body, login } });
        expect(result.failed ?? '').not.toContain('failed unexpectedly');
        const replies = fake.repos.get('acme/web')!.comments.filter((c) => c.user.type === 'Bot');
        expect(replies.length).toBeLessThanOrEqual(1);
        for (const text of [...replies.map((r) => r.body), result.summary])
          expect({ body, live: liveMarkup(ours(text), allow) }).toEqual({ body, live: [] });
        expect(fake.problems).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });

  it('the repro: an unknown option carrying a mention is answered with it defused', async () => {
    const fake = seeded();
    await runAction(fake, {
      event: 'issue_comment',
      comment: { body: '/blue add --x`@octocat', login: 'maintainer' },
    });
    const reply = fake.repos.get('acme/web')!.comments.find((c) => c.user.type === 'Bot')!.body;
    expect(reply).toContain("unknown option `--x'@\u200boctocat`");
    expect(liveMarkup(reply, allow)).toEqual([]);
  });
});
