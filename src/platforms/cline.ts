import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionAsSubagent, pick, positiveInt, toolList } from './shared.js';

const id = 'cline';
/**
 * Cline's tool ids (npm @cline/core 0.0.86: `read_files`, `search_codebase`, `editor`, `apply_patch`,
 * `fetch_web_content`, `run_commands`); an agent's `tools` keeps only those named. Models are provider ids.
 */
const readTools = ['read_files', 'search_codebase', 'fetch_web_content'];
const native: NativeSettings = {
  access: {
    'read-only': { tools: [...readTools, 'run_commands'] },
    edits: { tools: [...readTools, 'editor', 'apply_patch'] },
  },
};

/** Cline (CLI/SDK) agents: `.cline/agents/<name>.yaml` — YAML frontmatter and a non-empty Markdown body. */
export const cline: Platform = {
  id,
  title: 'Cline',
  docs: 'https://docs.cline.bot/',
  writes: ['.cline/agents/'],
  skills: { root: '.cline/skills/' },
  detect: ['.cline/', '.clinerules', '.clinerules/'],
  overrides: lazySchema(() =>
    z.strictObject({
      tools: toolList().optional(),
      modelId: z.string().min(1).optional(),
      maxIterations: positiveInt().optional(),
    }),
  ),
  native,
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} subagent`,
  limits: [],
  render(agent, body) {
    return {
      path: `.cline/agents/${agent.name}.yaml`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['tools', nativeSetting(agent, id, native, 'tools')],
          ['modelId', pick(agent, id, 'modelId')],
          ['maxIterations', pick(agent, id, 'maxIterations')],
        ],
        body,
      ),
    };
  },
};
