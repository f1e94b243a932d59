import fc from 'fast-check';
import { parseComment } from '../../src/bot/parse.js';
import { parseAgent } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/manifest/load.js';
import { preparePlan } from '../../src/engine.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { memoryHost } from '../../src/hosts/memory.js';
import { fakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { GIT_WRITES } from './faults.js';
import { PROTOTYPE_KEYS } from '../helpers/prototype-keys.js';

const FILE = '.github/blue-gardener.yml';
const VALID = [
  '# our agents',
  'version: 1',
  'platforms: [claude-code, codex]',
  'profiles:',
  '  - core',
  'agents:',
  '  - blue-react-developer # UI',
  'exclude: [blue-code-reviewer]',
  'delegation: warn',
  'overrides:',
  '  blue-react-developer:',
  '    claude-code: { model: sonnet }',
  '',
].join('\n');

/** YAML's own punctuation and the manifest's words: inputs that get deep into the parser and the schema. */
const piece = fc.constantFrom(
  ...[':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '? ', '|', '>', '"', "'", '#'],
  ...['\n', '\n  ', '\n    ', '\t', '\r\n', '\ufeff', '\u0000', '---\n', '...\n', '<<: *a\n', '%YAML 1.2\n'],
  ...['version', '1', '2', 'platforms', 'claude-code', 'codex', 'profiles', 'core', 'agents', 'exclude'],
  ...['blue-react-developer', 'overrides', 'model', 'custom-agents', '../x', '/etc', 'delegation', 'null'],
);
const yamlish = fc
  .array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((p) => p.join(''));

/** The valid manifest with a few characters inserted, deleted or replaced at random places. */
const mutated = fc
  .array(
    fc.record({
      at: fc.nat({ max: VALID.length }),
      cut: fc.nat({ max: 4 }),
      put: fc.oneof(piece, fc.string({ maxLength: 3 }), fc.constant('')),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) => edits.reduce((text, e) => text.slice(0, e.at) + e.put + text.slice(e.at + e.cut), VALID));
const manifestText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), yamlish, mutated);

const outcomes = {
  manifests: { ok: 0, refused: 0 },
  agents: { ok: 0, refused: 0 },
  comments: {} as Record<string, number>,
};
afterAll(() => console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`));

/** A refusal is a UserError whose every problem names the file and, when it has a line, a line that exists. */
function expectClearRefusal(error: unknown, file: string, text: string) {
  if (!(error instanceof UserError)) throw error;
  for (const e of error.all()) {
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.location?.file).toBe(file);
    if (e.location?.line !== undefined) {
      expect(e.location.line).toBeGreaterThanOrEqual(1);
      expect(e.location.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
    }
  }
}

describe('the manifest loader, fuzzed', () => {
  it('never crashes: a manifest with at least one platform, or a clear refusal with a location', () => {
    fc.assert(
      fc.property(manifestText, (text) => {
        try {
          const loaded = loadManifest(text, FILE);
          expect(loaded.platforms.length).toBeGreaterThan(0);
          outcomes.manifests.ok++;
        } catch (error) {
          expectClearRefusal(error, FILE, text);
          outcomes.manifests.refused++;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('through the whole engine too: a plan, or a clear refusal', async () => {
    const catalog = bundledCatalog();
    await fc.assert(
      fc.asyncProperty(mutated, async (text) => {
        try {
          const result = await preparePlan(memoryHost({ [FILE]: text, 'AGENTS.md': '# notes\n' }), catalog);
          expect(result.plan.changes.every((c) => !c.path.startsWith('.github/workflows/'))).toBe(true);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the custom agent parser, fuzzed', () => {
  const AGENT =
    '---\nname: reviewer\ndescription: Reviews code\ncategory: quality\ntags: [review]\n---\nYou review code.\n';
  const agentText = fc.oneof(
    fc.string(),
    yamlish.map((y) => `---\n${y}\n---\nYou review code carefully.\n`),
    fc
      .array(
        fc.record({
          at: fc.nat({ max: AGENT.length }),
          cut: fc.nat({ max: 3 }),
          put: fc.oneof(piece, fc.string({ maxLength: 3 })),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      )
      .map((edits) => edits.reduce((t, e) => t.slice(0, e.at) + e.put + t.slice(e.at + e.cut), AGENT)),
  );

  it('never crashes and never evaluates anything: an agent, or a clear refusal', () => {
    const path = '.github/blue-gardener/agents/reviewer.md';
    fc.assert(
      fc.property(agentText, (text) => {
        try {
          const agent = parseAgent({ path, text }, 'custom');
          expect(agent.name).toBe('reviewer');
          outcomes.agents.ok++;
        } catch (error) {
          expectClearRefusal(error, path, text);
          outcomes.agents.refused++;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the comment parser, fuzzed', () => {
  const word = fc.oneof(
    fc.constantFrom(
      'add',
      'remove',
      'sync',
      'search',
      'platform',
      'help',
      'list',
      '--profile',
      '--force',
      'core',
    ),
    fc.constantFrom(
      '"',
      "'",
      '"a b"',
      '\u202e',
      '\u0007',
      '@everyone',
      '<img src=x>',
      '`',
      '$(id)',
      '../../x',
    ),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    // Names every object inherits: a lookup that is not own-entries-only finds them.
    fc.constantFrom(...PROTOTYPE_KEYS),
  );
  const comment = fc.oneof(
    fc.string(),
    fc.constantFrom(...PROTOTYPE_KEYS).map((key) => `/blue ${key}`),
    fc.array(word, { maxLength: 25 }).map((w) => `/blue ${w.join(' ')}`),
    // Around the argument limit (20): plain names, so only the count decides.
    fc
      .array(fc.constantFrom('core', 'a', 'b-c', '--profile'), { minLength: 17, maxLength: 26 })
      .map((w) => `/blue add ${w.join(' ')}`),
    fc
      .tuple(
        fc.constantFrom('', ' ', '\t', '\n', '> '),
        fc.array(word, { maxLength: 6 }),
        fc.constantFrom('', '\nthanks', '\r\nmore'),
      )
      .map(([lead, w, tail]) => `${lead}/blue ${w.join(' ')}${tail}`),
  );

  it('never throws: none, a command with at most 20 plain arguments, or a short refusal', () => {
    fc.assert(
      fc.property(comment, (body) => {
        const parsed = parseComment(body);
        outcomes.comments[parsed.kind] = (outcomes.comments[parsed.kind] ?? 0) + 1;
        if (parsed.kind === 'command') {
          expect(parsed.name.length).toBeGreaterThan(0);
          expect(parsed.name).toBe(parsed.name.toLowerCase());
          expect(parsed.args.length + parsed.profile.length).toBeLessThanOrEqual(20);
          for (const a of [...parsed.args, ...parsed.profile])
            // eslint-disable-next-line no-control-regex
            expect(a).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
        }
        if (parsed.kind === 'refusal') expect(parsed.reason.length).toBeLessThan(120);
      }),
      { numRuns: 5000 },
    );
  });

  it('end to end through the bot: no crash, no repository write unless a change command was understood', async () => {
    await fc.assert(
      fc.asyncProperty(comment, async (body) => {
        const fake = fakeGitHub();
        fake.seed('acme/web', { [FILE]: 'version: 1\nplatforms: [claude-code]\n' });
        fake.repos
          .get('acme/web')!
          .permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
        const result = await runAction(fake, {
          event: 'issue_comment',
          comment: { body, login: 'maintainer' },
        });
        expect(result.failed ?? '').not.toContain('failed unexpectedly');
        const parsed = parseComment(body);
        const changing =
          parsed.kind === 'command' && ['add', 'remove', 'platform', 'sync'].includes(parsed.name);
        if (!changing) expect(result.requests.filter((r) => GIT_WRITES.has(r.operation))).toEqual([]);
        if (parsed.kind === 'none') expect(result.requests).toEqual([]);
        else
          expect(fake.repos.get('acme/web')!.comments.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
        expect(fake.problems).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
