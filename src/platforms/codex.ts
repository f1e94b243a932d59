import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { mentionAsAgent, pick } from './shared.js';
import { tomlMultiline, tomlTable } from './toml.js';

const id = 'codex';

/**
 * OpenAI Codex custom agents: `.codex/agents/<name>.toml` with `name`, `description` and a non-blank
 * `developer_instructions`; Codex spawns them only when asked, so AGENTS.md carries an index of them.
 */
export const codex: Platform = {
  id,
  title: 'OpenAI Codex',
  docs: 'https://developers.openai.com/codex/subagents',
  writes: ['.codex/agents/', 'AGENTS.md'],
  detect: ['.codex/', 'AGENTS.md'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      model_reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
      sandbox_mode: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
    }),
  ),
  mention: mentionAsAgent,
  invoke: (name) => `ask Codex to spawn the \`${name}\` agent`,
  limits: [],
  index: { path: 'AGENTS.md', heading: 'Codex custom agents', maxBytes: 16_384 },
  render(agent, body) {
    const table = tomlTable([
      ['name', agent.name],
      ['description', agent.description],
      ['model', pick(agent, id, 'model')],
      ['model_reasoning_effort', pick(agent, id, 'model_reasoning_effort')],
      ['sandbox_mode', pick(agent, id, 'sandbox_mode') ?? (agent.readonly ? 'read-only' : undefined)],
    ]);
    return {
      path: `.codex/agents/${agent.name}.toml`,
      content: `${table}\ndeveloper_instructions = ${tomlMultiline(body + '\n')}\n`,
    };
  },
};
