import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { agentColour, mentionAsSubagent, pick, toolList } from './shared.js';

const id = 'augment';
/**
 * Auggie's tool names (npm @augmentcode/auggie 0.36.0, `augment.mjs`): file edits `str-replace-editor`,
 * `save-file`, `remove-files`; processes `launch-process`, `read-process`, `write-process`, `kill-process`,
 * `list-processes`. `disabled_tools` removes them. Models are Augment's own ids: no tier.
 */
const native: NativeSettings = {
  access: {
    'read-only': { disabled_tools: ['str-replace-editor', 'save-file', 'remove-files'] },
    edits: {
      disabled_tools: ['launch-process', 'read-process', 'write-process', 'kill-process', 'list-processes'],
    },
  },
};

/**
 * Augment's Auggie CLI subagents: `.augment/agents/<name>.md`. Auggie 0.36 also reads `.claude/agents/`
 * and `.agents/agents/`, keeping the first file of a name in that order, so with those targets enabled
 * each agent is still listed once (from here). Its loader ignores a `model` it does not know.
 */
export const augment: Platform = {
  id,
  title: 'Auggie (Augment)',
  docs: 'https://docs.augmentcode.com/cli/subagents',
  writes: ['.augment/agents/'],
  skills: { root: '.agents/skills/' },
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      color: agentColour().optional(),
      tools: toolList().optional(),
      disabled_tools: toolList().optional(),
    }),
  ),
  native,
  mention: mentionAsSubagent,
  invoke: (name) => `ask Auggie to use the ${name} subagent`,
  limits: [],
  render(agent, body) {
    return {
      path: `.augment/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', pick(agent, id, 'model')],
          ['color', pick(agent, id, 'color')],
          ['tools', pick(agent, id, 'tools')],
          ['disabled_tools', nativeSetting(agent, id, native, 'disabled_tools')],
        ],
        body,
      ),
    };
  },
};
