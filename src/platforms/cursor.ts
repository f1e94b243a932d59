import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionAsSubagent, pick } from './shared.js';

const id = 'cursor';
/**
 * Cursor subagents (cursor.com/docs/agent/subagents): `model` is `fast`, `inherit` or a model id; `readonly`
 * restricts writes. Nothing separates edits from shell commands, and no alias names the strongest model.
 */
const native: NativeSettings = {
  access: { 'read-only': { readonly: true } },
  tier: { fast: { model: 'fast' } },
};

/** Cursor subagents: `.cursor/agents/<name>.md`, single-line values only (no block scalars). */
export const cursor: Platform = {
  id,
  title: 'Cursor',
  docs: 'https://cursor.com/docs/agent/subagents',
  writes: ['.cursor/agents/'],
  skills: { root: '.claude/skills/' },
  detect: ['.cursor/', '.cursorrules'],
  overrides: lazySchema(() =>
    z.strictObject({
      model: z.string().min(1).optional(),
      readonly: z.boolean().optional(),
      is_background: z.boolean().optional(),
    }),
  ),
  native,
  mention: mentionAsSubagent,
  invoke: (name) => `/${name}`,
  limits: [],
  render(agent, body) {
    return {
      path: `.cursor/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', nativeSetting(agent, id, native, 'model') ?? 'inherit'],
          ['readonly', nativeSetting(agent, id, native, 'readonly') ?? false],
          ['is_background', pick(agent, id, 'is_background')],
        ],
        body,
      ),
    };
  },
};
