import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionWithAt, pick, positiveInt, toolList } from './shared.js';

const id = 'gemini';

/** Gemini CLI subagents: `.gemini/agents/<name>.md`. Its schema is strict: one unknown key and the agent is not loaded. */
export const gemini: Platform = {
  id,
  title: 'Gemini CLI',
  docs: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md',
  writes: ['.gemini/agents/'],
  detect: ['.gemini/', 'GEMINI.md'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: toolList().optional(),
      model: z.string().min(1).optional(),
      temperature: z.number().min(0).max(2).optional(),
      max_turns: positiveInt().optional(),
      timeout_mins: positiveInt().optional(),
    }),
  ),
  mention: mentionWithAt,
  invoke: (name) => `@${name} at the start of a prompt`,
  limits: [],
  render(agent, body) {
    return {
      path: `.gemini/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', pick(agent, id, 'tools')],
          ['model', pick(agent, id, 'model')],
          ['temperature', pick(agent, id, 'temperature')],
          ['max_turns', pick(agent, id, 'max_turns')],
          ['timeout_mins', pick(agent, id, 'timeout_mins')],
        ],
        body,
      ),
    };
  },
};
