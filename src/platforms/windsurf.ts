import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { cuts, mentionWithAt, pick } from './shared.js';

const id = 'windsurf';

/**
 * Windsurf (Devin Desktop) has no agent format, only rules: each agent becomes a `manual` rule that a person
 * mentions with `@<name>` in Cascade. The English docs say a rule file is truncated after 6,000 characters
 * (newer translations say 12,000), so a longer one is an error; splitting is no remedy, as each part of a
 * manual rule would need its own mention.
 */
export const windsurf: Platform = {
  id,
  title: 'Windsurf',
  docs: 'https://docs.windsurf.com/windsurf/cascade/memories',
  writes: ['.windsurf/rules/'],
  skills: { root: '.agents/skills/' },
  detect: ['.windsurf/', '.windsurfrules'],
  overrides: lazySchema(() =>
    z.strictObject({
      trigger: z.enum(['manual', 'model_decision']).optional(),
    }),
  ),
  unrouted: 'the user',
  mention: mentionWithAt,
  invoke: (name) => `@${name} in Cascade`,
  limits: [cuts('file', 6_000, 'Windsurf truncates a rule file after {max} characters')],
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
