import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionWithAt, pick } from './shared.js';

const id = 'windsurf';

/**
 * Windsurf (Devin Desktop) has no agent format, only rules: each agent becomes a `manual` rule that a person
 * mentions with `@<name>` in Cascade. Rule files are capped at 12,000 characters; 6,000 is the safe size.
 */
export const windsurf: Platform = {
  id,
  title: 'Windsurf',
  docs: 'https://docs.windsurf.com/windsurf/cascade/memories',
  writes: ['.windsurf/rules/'],
  overrides: lazySchema(() =>
    z.strictObject({
      trigger: z.enum(['manual', 'model_decision']).optional(),
    }),
  ),
  mention: mentionWithAt,
  invoke: (name) => `@${name} in Cascade`,
  limits: [{ of: 'file', max: 6_000, effect: 'cut', why: 'Windsurf truncates a rule file after {max} characters' }],
  render(agent, body) {
    const trigger = pick<string>(agent, id, 'trigger') ?? 'manual';
    const preface = `> Windsurf rule for the \`${agent.name}\` persona. Mention @${agent.name} in Cascade to work with it.\n\n`;
    return {
      path: `.windsurf/rules/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['trigger', trigger],
          ['description', agent.description],
        ],
        preface + body,
      ),
    };
  },
};
