import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, withDelegation, type NativeSettings } from './native-settings.js';
import { cuts, mentionAsAgent, pick } from './shared.js';

const id = 'copilot';
/** Called only inside the lazily built overrides schema, once. */
const copilotTools = () => z.enum(['read', 'edit', 'search', 'execute', 'web', 'agent', 'todo']);

/**
 * Copilot's tool aliases (docs.github.com/en/copilot/reference/custom-agents-configuration): `read`, `search`,
 * `edit`, `web`, `execute` (shell), and `agent` to start other agents. Models are product names, so a tier has nothing to map to.
 */
const native: NativeSettings = {
  access: {
    'read-only': { tools: withDelegation(['read', 'search', 'web', 'execute'], 'agent') },
    edits: { tools: withDelegation(['read', 'search', 'web', 'edit'], 'agent') },
  },
};

/** GitHub Copilot custom agents: `.github/agents/<name>.agent.md`; the prompt may hold 30,000 characters. */
export const copilot: Platform = {
  id,
  title: 'GitHub Copilot',
  docs: 'https://docs.github.com/en/copilot/reference/custom-agents-configuration',
  writes: ['.github/agents/'],
  skills: { root: '.agents/skills/' },
  detect: ['.github/copilot-instructions.md', '.github/agents/', '.github/instructions/'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: z.array(copilotTools()).optional(),
      model: z.string().min(1).optional(),
      target: z.enum(['vscode', 'github-copilot']).optional(),
      // They replace the retired `infer` (`infer: false` is `disable-model-invocation: true`).
      'disable-model-invocation': z.boolean().optional(),
      'user-invocable': z.boolean().optional(),
    }),
  ),
  native,
  runAsMain: (name) =>
    `GitHub Copilot: pick \`${name}\` in the agents dropdown (or \`/agent ${name}\` in Copilot CLI), so that it can start the specialists itself.`,
  mention: mentionAsAgent,
  invoke: (name) => `pick \`${name}\` in the agents dropdown, or \`/agent ${name}\` in Copilot CLI`,
  limits: [cuts('body', 30_000, 'GitHub Copilot reads at most {max} characters of a prompt')],
  render(agent, body) {
    return {
      path: `.github/agents/${agent.name}.agent.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', nativeSetting(agent, id, native, 'tools')],
          ['model', pick(agent, id, 'model')],
          ['target', pick(agent, id, 'target')],
          ['disable-model-invocation', pick(agent, id, 'disable-model-invocation')],
          ['user-invocable', pick(agent, id, 'user-invocable')],
        ],
        body,
      ),
    };
  },
};
