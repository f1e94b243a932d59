import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, withDelegation, type NativeSettings } from './native-settings.js';
import { mentionAsSubagent, pick } from './shared.js';

const id = 'kiro';
/** Called only inside the lazily built overrides schema, once. */
const kiroTools = () =>
  z.union([
    z.enum(['read', 'write', 'shell', 'web', 'subagent', 'context', '@builtin', '*']),
    z.string().regex(/^@[\w.-]+$/),
  ]);

/**
 * Kiro's tool categories (kiro.dev/docs/chat/subagents): `read`, `write`, `shell`, `web`, `subagent`. Models are
 * vendor ids, so a tier has nothing to map to.
 */
const native: NativeSettings = {
  access: {
    'read-only': { tools: withDelegation(['read', 'web', 'shell'], 'subagent') },
    edits: { tools: withDelegation(['read', 'web', 'write'], 'subagent') },
  },
};

/**
 * Kiro IDE (and Kiro CLI 3) custom agents: `.kiro/agents/<name>.md`; `tools` are category tags. Excludes
 * `kiro-cli`, whose JSON in the same folder CLI 3 would also read.
 */
export const kiro: Platform = {
  id,
  title: 'Kiro',
  docs: 'https://kiro.dev/docs/chat/subagents',
  writes: ['.kiro/agents/'],
  skills: { root: '.kiro/skills/' },
  excludes: ['kiro-cli'],
  detect: ['.kiro/'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: z.array(kiroTools()).min(1).optional(),
      model: z.string().min(1).optional(),
    }),
  ),
  native,
  runAsMain: (name) =>
    `Kiro: pick \`${name}\` in the agent selector, so that it can start the specialists itself.`,
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
          ['tools', nativeSetting(agent, id, native, 'tools')],
          ['model', pick(agent, id, 'model')],
        ],
        body,
      ),
    };
  },
};
