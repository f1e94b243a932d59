import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionAsSubagent, pick, positiveInt, toolList } from './shared.js';

const id = 'cline';

/** Cline (CLI/SDK) agents: `.cline/agents/<name>.yaml` — YAML frontmatter and a non-empty Markdown body. */
export const cline: Platform = {
  id,
  title: 'Cline',
  docs: 'https://docs.cline.bot/',
  writes: ['.cline/agents/'],
  detect: ['.cline/', '.clinerules', '.clinerules/'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: toolList().optional(),
      modelId: z.string().min(1).optional(),
      maxIterations: positiveInt().optional(),
    }),
  ),
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} subagent`,
  limits: [],
  render(agent, body) {
    return {
      path: `.cline/agents/${agent.name}.yaml`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', pick(agent, id, 'tools')],
          ['modelId', pick(agent, id, 'modelId')],
          ['maxIterations', pick(agent, id, 'maxIterations')],
        ],
        body,
      ),
    };
  },
};
