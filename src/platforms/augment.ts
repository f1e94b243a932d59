import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { agentColour, mentionAsSubagent, pick, toolList } from './shared.js';

const id = 'augment';

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
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      color: agentColour().optional(),
      tools: toolList().optional(),
      disabled_tools: toolList().optional(),
    }),
  ),
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
          ['disabled_tools', pick(agent, id, 'disabled_tools')],
        ],
        body,
      ),
    };
  },
};
