import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionAsAgent, pick } from './shared.js';
import { tomlMultiline, tomlTable } from './toml.js';

const id = 'codex';
/**
 * Codex custom agents (developers.openai.com/codex/subagents): `sandbox_mode` and `model_reasoning_effort`
 * as in config.toml. A custom agent never gets more than the session: `full` writes no sandbox.
 */
const native: NativeSettings = {
  access: { 'read-only': { sandbox_mode: 'read-only' }, edits: { sandbox_mode: 'workspace-write' } },
  tier: { fast: { model_reasoning_effort: 'low' }, deep: { model_reasoning_effort: 'high' } },
};

/**
 * OpenAI Codex custom agents: `.codex/agents/<name>.toml` with `name`, `description` and a non-blank
 * `developer_instructions`; Codex spawns them only when asked, so AGENTS.md carries an index of them.
 */
export const codex: Platform = {
  id,
  title: 'OpenAI Codex',
  docs: 'https://developers.openai.com/codex/subagents',
  writes: ['.codex/agents/', 'AGENTS.md'],
  skills: { root: '.agents/skills/' },
  detect: ['.codex/', 'AGENTS.md'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      model_reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
      sandbox_mode: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
    }),
  ),
  native,
  mention: mentionAsAgent,
  invoke: (name) => `ask Codex to spawn the \`${name}\` agent`,
  limits: [],
  index: { path: 'AGENTS.md', heading: 'Codex custom agents', maxBytes: 16_384 },
  render(agent, body) {
    const table = tomlTable([
      ['name', agent.name],
      ['description', agent.description],
      ['model', pick(agent, id, 'model')],
      ['model_reasoning_effort', nativeSetting(agent, id, native, 'model_reasoning_effort')],
      ['sandbox_mode', nativeSetting(agent, id, native, 'sandbox_mode')],
    ]);
    return {
      path: `.codex/agents/${agent.name}.toml`,
      content: `${table}\ndeveloper_instructions = ${tomlMultiline(body + '\n')}\n`,
    };
  },
};
