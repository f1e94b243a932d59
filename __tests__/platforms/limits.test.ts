import { parseAgent } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import type { Agent } from '../../src/core/model.js';
import { renderAll } from '../helpers/render-fixtures.js';

// Each limit is passed on purpose here; the goldens and the catalog stay within all of them.
function agent(
  name: string,
  description: string,
  body = 'The prompt of this agent.',
  source: Agent['source'] = 'custom',
  delegates: string[] = [],
): Agent {
  const text = `---\nname: ${name}\ndescription: ${JSON.stringify(description)}\ncategory: fixture\ntags: [fixture]\ndelegates: [${delegates.join(', ')}]\n---\n\n${body}\n`;
  return { ...parseAgent({ path: `.github/blue-gardener/agents/${name}.md`, text }, 'custom'), source };
}

function run(platforms: string, agents: Agent[]) {
  try {
    return { ...renderAll(`version: 1\nplatforms: [${platforms}]\n`, agents), errors: [] as UserError[] };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { files: [], warnings: [], errors: error.all() };
  }
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 10}`).join(' ');

describe('limits: one place, never a silent cut', () => {
  it('a Windsurf rule over 6,000 characters is an error that names the agent file, and nothing is written', () => {
    const long = agent('blue-long', 'Use when the text is long.', words(1_000));
    const { files, errors } = run('claude-code, windsurf', [long]);
    expect(files).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      /^agent `blue-long` on Windsurf \(windsurf\): the file is \d{4} characters; Windsurf truncates a rule file after 6,000 characters$/,
    );
    expect(errors[0]!.location).toEqual({ file: '.github/blue-gardener/agents/blue-long.md' });
    expect(errors[0]!.hint).toMatch(/shorten the prompt; blue-gardener never cuts it/);
  });

  it('a rule just under the limit is written whole', () => {
    const fits = agent('blue-fits', 'Use when the text fits.', words(650));
    const { files, errors } = run('windsurf', [fits]);
    expect(errors).toEqual([]);
    expect(files[0]!.content.length).toBeLessThanOrEqual(6_000);
    expect(files[0]!.content).toContain(words(650));
  });

  it('a Copilot prompt over 30,000 characters is an error, for custom and catalog agents alike', () => {
    // Within the 30,000 characters a custom agent may have, until its mentions are spelled out for Copilot.
    const body = `${words(4_850)}\n${'Ask @blue-other. '.repeat(40)}`;
    expect(body.length).toBeLessThan(30_000);
    const other = agent('blue-other', 'Use when asked.');
    for (const source of ['custom', 'catalog'] as const) {
      const huge = agent('blue-huge', 'Use when it is huge.', body, source, ['blue-other']);
      const { errors } = run('copilot', [huge, other]);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^agent `blue-huge` on GitHub Copilot \(copilot\): the prompt is 30\d{3} characters; GitHub Copilot reads at most 30,000 characters of a prompt$/,
        ),
      ]);
    }
  });

  describe('a description a tool shortens', () => {
    const description = `Use when ${'a very detailed situation arises, '.repeat(5)}`.trimEnd();

    it('warns for a custom agent, and the file still holds the whole description', () => {
      const { files, warnings, errors } = run('goose', [agent('blue-wordy', description)]);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([
        {
          agent: 'blue-wordy',
          platform: 'goose',
          message: `agent \`blue-wordy\` on Goose (goose): the description is ${description.length} characters; Goose shows the model at most 160 characters of a description`,
        },
      ]);
      expect(files[0]!.content).toContain(description);
    });

    it('is an error for a catalog agent', () => {
      const { errors } = run('goose', [agent('blue-wordy', description, undefined, 'catalog')]);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.hint).toMatch(/catalog agent/);
    });

    it('Factory: each droid gets an even share of a 10,000-character list, after names and locations', () => {
      // One droid named `blue-one` (8 characters): 10,000 − (8 + 1 + 19) = 9,972 characters are its share.
      const share = 10_000 - (8 + 20);
      const exact = agent('blue-one', `Use ${'x'.repeat(share - 4)}`.slice(0, 200));
      expect(run('factory', [exact]).warnings).toEqual([]);
      // 60 droids with 30-character names leave (10,000 − 60 × 50) / 60 = 116 characters each.
      const many = Array.from({ length: 60 }, (_, i) =>
        agent(`blue-droid-${String(i).padStart(2, '0')}-aaaaaaaaaaaaaaaa`, `Use ${'y'.repeat(112)}`),
      );
      expect(run('factory', many).warnings).toEqual([]);
      const tooLong = [...many.slice(1), agent(many[0]!.name, `Use ${'y'.repeat(113)}`)];
      expect(run('factory', tooLong).warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(
          /the description is 117 characters; with these droids Factory shows the model at most 116/,
        ),
      ]);
      // For a catalog agent too the shared list is a warning: the number of droids installed shortens it.
      const catalogLong = [
        ...many.slice(1),
        agent(many[0]!.name, `Use ${'y'.repeat(113)}`, undefined, 'catalog'),
      ];
      const result = run('factory', catalogLong);
      expect([result.errors, result.warnings.length]).toEqual([[], 1]);
    });

    it('Factory: many droids over their share are one warning for the platform, not one each', () => {
      const many = Array.from({ length: 250 }, (_, i) =>
        agent(`team-droid-${String(i).padStart(3, '0')}`, `Use for area ${i}${i === 7 ? ' and more' : ''}.`),
      );
      const { warnings, errors } = run('claude-code, factory', many);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([
        {
          agent: '*',
          platform: 'factory',
          message:
            '250 of 250 agents on Factory Droid (factory) have a description over 6 characters (the longest: `team-droid-007`, 24); with these droids Factory shows the model at most 6 characters of each (a 10,000-character list at its default compaction limit); install fewer agents on factory or shorten their descriptions',
        },
      ]);
    });

    it('Factory: droids whose names alone fill the list get a warning that says so, never "at most 0 characters"', () => {
      // 400 droids with 15-character names: 400 × (15 + 20) = 14,000 characters of names and tags, over 10,000.
      const many = Array.from({ length: 400 }, (_, i) =>
        agent(`team-droid-${String(i).padStart(4, '0')}`, `Use for area ${i}.`),
      );
      const { warnings, errors } = run('factory', many);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([
        {
          agent: '*',
          platform: 'factory',
          message:
            '400 agents are installed on Factory Droid (factory); the names of these droids alone fill the 10,000-character list Factory shows the model (at its default compaction limit), so it shows none of their descriptions; install fewer agents on factory',
        },
      ]);
      expect(warnings[0]!.message).not.toMatch(/\b0 characters/);
    });
  });

  it('Qwen’s own advice is only a warning', () => {
    const { warnings, errors } = run('qwen', [agent('blue-talky', 'Use when talking.', words(1_700))]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /the prompt is \d+ characters; Qwen Code warns about a prompt over 10,000 characters$/,
      ),
    ]);
  });

  it('Goose refuses `---` in a name or description (its parser splits the file there); other targets do not', () => {
    const dashed = agent('blue-a---b', 'Use when --- appears.');
    for (const target of ['goose', 'agents-folder']) {
      const { errors } = run(target, [dashed]);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringContaining('Goose splits an agent file at every `---`'),
      ]);
    }
    expect(run('claude-code, augment', [dashed]).errors).toEqual([]);
  });
});
