import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionAsSubagent, pick, toolList } from './shared.js';

const id = 'factory';

/** Factory droids: `.factory/droids/<name>.md` (top level only); descriptions up to 500 characters. */
export const factory: Platform = {
  id,
  title: 'Factory Droid',
  docs: 'https://docs.factory.ai/cli/configuration/custom-droids',
  writes: ['.factory/droids/'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
      tools: toolList().optional(),
    }),
  ),
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} droid, or /droids`,
  limits: { descriptionChars: 500 },
  render(agent, body) {
    return {
      path: `.factory/droids/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', pick(agent, id, 'model') ?? 'inherit'],
          ['reasoningEffort', pick(agent, id, 'reasoningEffort')],
          ['tools', pick(agent, id, 'tools')],
        ],
        body,
      ),
    };
  },
};
