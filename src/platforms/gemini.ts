import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionWithAt, pick, positiveInt, toolList } from './shared.js';

const id = 'gemini';
/**
 * Gemini CLI 0.61.0 (@google/gemini-cli-core `tools/definitions/base-declarations.js` for the tool names,
 * `config/models.js` for the `flash` and `pro` model aliases it resolves per request). A subagent always has
 * `complete_task`, and cannot call other agents (`agents/local-executor.js`).
 */
const readTools = [
  'read_file',
  'read_many_files',
  'list_directory',
  'glob',
  'grep_search',
  'google_web_search',
  'web_fetch',
];
const native: NativeSettings = {
  access: {
    'read-only': { tools: [...readTools, 'run_shell_command'] },
    edits: { tools: [...readTools, 'write_file', 'replace'] },
  },
  tier: { fast: { model: 'flash' }, deep: { model: 'pro' } },
};

/** Gemini CLI subagents: `.gemini/agents/<name>.md`. Its schema is strict: one unknown key and the agent is not loaded. */
export const gemini: Platform = {
  id,
  title: 'Gemini CLI',
  docs: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md',
  writes: ['.gemini/agents/'],
  skills: { root: '.agents/skills/' },
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
  native,
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
          ['tools', nativeSetting(agent, id, native, 'tools')],
          ['model', nativeSetting(agent, id, native, 'model')],
          ['temperature', pick(agent, id, 'temperature')],
          ['max_turns', pick(agent, id, 'max_turns')],
          ['timeout_mins', pick(agent, id, 'timeout_mins')],
        ],
        body,
      ),
    };
  },
};
