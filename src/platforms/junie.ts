import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionAsSubagent, pick, toolList } from './shared.js';

const id = 'junie';

/**
 * JetBrains Junie CLI subagents: `.junie/agents/<name>.md`, Markdown with YAML frontmatter. Junie picks a
 * subagent itself by matching its name and description to the task.
 */
export const junie: Platform = {
  id,
  title: 'Junie (JetBrains)',
  docs: 'https://junie.jetbrains.com/docs/junie-cli-subagents.html',
  writes: ['.junie/agents/'],
  skills: { root: '.junie/skills/' },
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      tools: toolList().optional(),
      disallowedTools: toolList().optional(),
    }),
  ),
  mention: mentionAsSubagent,
  invoke: (name) => `ask Junie for the ${name} subagent`,
  limits: [],
  render(agent, body) {
    return {
      path: `.junie/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', pick(agent, id, 'model')],
          ['tools', pick(agent, id, 'tools')],
          ['disallowedTools', pick(agent, id, 'disallowedTools')],
        ],
        body,
      ),
    };
  },
};
