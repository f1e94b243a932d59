import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionAsSubagent, pick, shortens, toolList } from './shared.js';

const id = 'factory';
/**
 * Factory lists every droid in one system reminder of 4 % of the model's compaction limit, in characters:
 * 10,000 for the default 250,000 tokens (droid 0.225.2). The names and `(location: project)` tags come
 * first; what is left is shared evenly, and each description is cut to its share with "…".
 */
const droidListChars = 10_000;
const droidShare = (names: readonly string[]) =>
  Math.floor(
    Math.max(0, droidListChars - names.reduce((n, name) => n + name.length + 20, 0)) /
      Math.max(1, names.length),
  );
/**
 * Factory droid tool ids (docs.factory.ai/cli/configuration/custom-droids, "Tool categories → concrete tools"):
 * read-only `Read`, `LS`, `Grep`, `Glob`; edit `Create`, `Edit`, `ApplyPatch`; web `WebSearch`, `FetchUrl`;
 * shell `Execute`. `reasoningEffort` is ignored with `model: inherit` and model ids are vendor ids: no tier.
 */
const readTools = ['Read', 'LS', 'Grep', 'Glob', 'WebSearch', 'FetchUrl'];
const native: NativeSettings = {
  access: {
    'read-only': { tools: [...readTools, 'Execute'] },
    edits: { tools: [...readTools, 'Create', 'Edit', 'ApplyPatch'] },
  },
};

/** Factory droids: `.factory/droids/<name>.md` (top level only). */
export const factory: Platform = {
  id,
  title: 'Factory Droid',
  docs: 'https://docs.factory.ai/cli/configuration/custom-droids',
  writes: ['.factory/droids/'],
  skills: { root: '.agents/skills/' },
  detect: ['.factory/'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
      tools: toolList().optional(),
    }),
  ),
  native,
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} droid, or /droids`,
  limits: [
    shortens(
      'description',
      droidShare,
      'with these droids Factory shows the model at most {max} characters of each (a 10,000-character list at its default compaction limit)',
      'the names of these droids alone fill the 10,000-character list Factory shows the model (at its default compaction limit), so it shows none of their descriptions',
    ),
  ],
  render(agent, body) {
    return {
      path: `.factory/droids/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', pick(agent, id, 'model') ?? 'inherit'],
          ['reasoningEffort', pick(agent, id, 'reasoningEffort')],
          ['tools', nativeSetting(agent, id, native, 'tools')],
        ],
        body,
      ),
    };
  },
};
