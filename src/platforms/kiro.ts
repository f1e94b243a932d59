import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionAsSubagent, pick } from './shared.js';

const id = 'kiro';
/** Called only inside the lazily built overrides schema, once. */
const kiroTools = () =>
  z.union([
    z.enum(['read', 'write', 'shell', 'web', 'subagent', 'context', '@builtin', '*']),
    z.string().regex(/^@[\w.-]+$/),
  ]);

/**
 * Kiro IDE (and Kiro CLI 3) custom agents: `.kiro/agents/<name>.md`; `tools` are category tags. Excludes
 * `kiro-cli`, whose JSON in the same folder CLI 3 would also read.
 */
export const kiro: Platform = {
  id,
  title: 'Kiro',
  docs: 'https://kiro.dev/docs/chat/subagents',
  writes: ['.kiro/agents/'],
  excludes: ['kiro-cli'],
  detect: ['.kiro/'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: z.array(kiroTools()).min(1).optional(),
      model: z.string().min(1).optional(),
    }),
  ),
  mention: mentionAsSubagent,
  invoke: (name) => `pick \`${name}\` in the agent selector`,
  limits: [],
  render(agent, body) {
    return {
      path: `.kiro/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', pick(agent, id, 'tools') ?? (agent.readonly ? ['read'] : undefined)],
          ['model', pick(agent, id, 'model')],
        ],
        body,
      ),
    };
  },
};
