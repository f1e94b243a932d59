import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { mentionAsAgent, pick, toolList } from './shared.js';

const id = 'kiro-cli';

/**
 * Kiro CLI 2.x custom agents: `.kiro/agents/<name>.json`, the prompt inline. Kiro CLI 3 also reads the
 * Markdown the `kiro` target writes (kiro.dev/docs/cli/v3/agent-config), so the two targets exclude each
 * other: with both, CLI 3 would find each agent twice in the same folder.
 */
export const kiroCli: Platform = {
  id,
  title: 'Kiro CLI 2.x',
  docs: 'https://kiro.dev/docs/cli/custom-agents/configuration-reference',
  writes: ['.kiro/agents/'],
  skills: { root: '.kiro/skills/' },
  excludes: ['kiro'],
  // Never proposed on its own: a `.kiro/agents/` folder is the `kiro` target's, which CLI 3 reads too.
  detect: [],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: toolList().optional(),
      allowedTools: toolList().optional(),
      model: z.string().min(1).optional(),
    }),
  ),
  mention: mentionAsAgent,
  invoke: (name) => `\`kiro-cli chat --agent ${name}\`, or pick it with \`/agent\``,
  limits: [],
  render(agent, body) {
    const fields = {
      name: agent.name,
      description: agent.description,
      prompt: body,
      tools: pick<string[]>(agent, id, 'tools'),
      allowedTools: pick<string[]>(agent, id, 'allowedTools'),
      model: pick<string>(agent, id, 'model'),
    };
    // JSON.stringify leaves undefined fields out and writes them in this order: deterministic.
    return { path: `.kiro/agents/${agent.name}.json`, content: `${JSON.stringify(fields, null, 2)}\n` };
  },
};
