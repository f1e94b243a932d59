import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { agentColour, cuts, mentionAsSubagent, pick, positiveInt, toolList } from './shared.js';

const id = 'claude-code';
/**
 * Claude Code 2.1.332 (docs: code.claude.com/docs/en/sub-agents; the binary's tool names `Bash`, `PowerShell`):
 * `model` takes the aliases `haiku`, `sonnet`, `opus` or `inherit`; `disallowedTools` removes tools.
 */
const native: NativeSettings = {
  access: {
    'read-only': { disallowedTools: 'Write, Edit, NotebookEdit' },
    edits: { disallowedTools: 'Bash, PowerShell' },
  },
  tier: { fast: { model: 'haiku' }, deep: { model: 'opus' } },
};

/** Claude Code subagents: `.claude/agents/<name>.md`. Unknown keys are ignored by Claude, but we emit none. */
export const claudeCode: Platform = {
  id,
  title: 'Claude Code',
  docs: 'https://code.claude.com/docs/en/sub-agents',
  writes: ['.claude/agents/'],
  skills: { root: '.claude/skills/' },
  detect: ['.claude/', 'CLAUDE.md'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z
        .string()
        .regex(
          /^(inherit|sonnet|opus|haiku|claude-[\w.-]+)$/i,
          'inherit, sonnet, opus, haiku or a claude-… model id',
        )
        .optional(),
      tools: toolList().optional(),
      disallowedTools: toolList().optional(),
      color: agentColour().optional(),
      permissionMode: z
        .enum(['acceptEdits', 'auto', 'bypassPermissions', 'default', 'dontAsk', 'plan'])
        .optional(),
      maxTurns: positiveInt().optional(),
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional(),
      skills: toolList().optional(),
    }),
  ),
  native,
  runAsMain: (name) =>
    `Claude Code: start a session as this agent with \`claude --agent ${name}\`, so that it can start the specialists itself.`,
  mention: mentionAsSubagent,
  invoke: (name) => `@agent-${name}`,
  limits: [cuts('file', 1_048_576, 'Claude Code does not load an agent file over 1 MiB')],
  render(agent, body) {
    const list = (key: string) => pick<string[]>(agent, id, key)?.join(', ');
    return {
      path: `.claude/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', list('tools')],
          ['disallowedTools', list('disallowedTools') ?? nativeSetting(agent, id, native, 'disallowedTools')],
          ['model', nativeSetting(agent, id, native, 'model') ?? 'inherit'],
          ['color', pick(agent, id, 'color')],
          ['permissionMode', pick(agent, id, 'permissionMode')],
          ['maxTurns', pick(agent, id, 'maxTurns')],
          ['effort', pick(agent, id, 'effort')],
          ['skills', pick(agent, id, 'skills')],
        ],
        body,
      ),
    };
  },
};
