import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionWithAt, pick, positiveInt, providerModel, themeColour } from './shared.js';

/**
 * OpenCode and its derivative Kilo read the same agent shape. Every key they do not know is passed to
 * the model provider as a request option, so only these keys are ever written.
 */
export function openCodeFamily(options: { id: string; title: string; docs: string; dir: string }): Platform {
  const { id } = options;
  return {
    id,
    title: options.title,
    docs: options.docs,
    writes: [`${options.dir}/`],
    overrides: lazySchema(() =>
      z.strictObject({
        model: providerModel().optional(),
        temperature: z.number().min(0).max(2).optional(),
        top_p: z.number().min(0).max(1).optional(),
        color: themeColour().optional(),
        steps: positiveInt().optional(),
        hidden: z.boolean().optional(),
        permission: z
          .record(z.enum(['edit', 'bash', 'webfetch', 'task']), z.enum(['ask', 'allow', 'deny']))
          .optional(),
      }),
    ),
    mention: mentionWithAt,
    invoke: (name) => `@${name}`,
    limits: [],
    render(agent, body) {
      const permission =
        pick<Record<string, string>>(agent, id, 'permission') ??
        (agent.readonly ? { edit: 'deny' } : undefined);
      return {
        path: `${options.dir}/${agent.name}.md`,
        content: markdownWithFrontmatter(
          [
            ['description', agent.description],
            // OpenCode defaults to `all` and Kilo to `all`: both must be told these are subagents.
            ['mode', 'subagent'],
            ['model', pick(agent, id, 'model')],
            ['temperature', pick(agent, id, 'temperature')],
            ['top_p', pick(agent, id, 'top_p')],
            ['color', pick(agent, id, 'color')],
            ['steps', pick(agent, id, 'steps')],
            ['hidden', pick(agent, id, 'hidden')],
            ['permission', permission],
          ],
          body,
        ),
      };
    },
  };
}

/** OpenCode agents: `.opencode/agents/<name>.md` (the plural folder current versions read). */
export const opencode = openCodeFamily({
  id: 'opencode',
  title: 'OpenCode',
  docs: 'https://opencode.ai/docs/agents/',
  dir: '.opencode/agents',
});

/** Kilo Code v7 agents: `.kilo/agents/<name>.md` (Kilo does not read `.opencode/`). */
export const kilo = openCodeFamily({
  id: 'kilo',
  title: 'Kilo Code',
  docs: 'https://kilo.ai/docs/customize/custom-subagents',
  dir: '.kilo/agents',
});
