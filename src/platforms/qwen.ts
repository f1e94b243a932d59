import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { advises, agentColour, mentionAsSubagent, pick, toolList } from './shared.js';

const id = 'qwen';
/**
 * Qwen Code 0.24.4 (its subagent manager reads `approvalMode` and `disallowedTools`; the shell tool is
 * `run_shell_command`). `plan` lets the agent read and propose only. Model ids are the provider's: no tier.
 */
const native: NativeSettings = {
  access: { 'read-only': { approvalMode: 'plan' }, edits: { disallowedTools: ['run_shell_command'] } },
};

/** Qwen Code subagents: `.qwen/agents/<name>.md`; it warns above 10,000 characters of prompt. */
export const qwen: Platform = {
  id,
  title: 'Qwen Code',
  docs: 'https://qwenlm.github.io/qwen-code-docs/en/users/features/sub-agents/',
  writes: ['.qwen/agents/'],
  skills: { root: '.agents/skills/' },
  detect: ['.qwen/', 'QWEN.md'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: toolList().optional(),
      model: z.string().min(1).optional(),
      approvalMode: z.enum(['default', 'plan', 'auto-edit', 'yolo']).optional(),
      color: agentColour().optional(),
    }),
  ),
  native,
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} subagent, or /agents`,
  limits: [
    advises('body', 10_000, 'Qwen Code warns about a prompt over {max} characters'),
    advises('description', 1_000, 'Qwen Code warns about a description over {max} characters'),
  ],
  render(agent, body) {
    return {
      path: `.qwen/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', pick(agent, id, 'tools')],
          ['model', pick(agent, id, 'model')],
          ['approvalMode', nativeSetting(agent, id, native, 'approvalMode')],
          ['disallowedTools', nativeSetting(agent, id, native, 'disallowedTools')],
          ['color', pick(agent, id, 'color')],
        ],
        body,
      ),
    };
  },
};
