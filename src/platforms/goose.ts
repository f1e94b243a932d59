import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform, ResolvedAgent } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { mentionAsSubagent, pick, shortens } from './shared.js';

const id = 'goose';

/**
 * What Goose needs of any agent file it reads (`.goose/agents/`, `.claude/agents/`, `.agents/agents/`):
 * its parser splits the whole file at every `---` and reads the second piece as YAML, so no frontmatter
 * value may hold `---`; and it shows the model at most 160 characters of a description.
 */
export const gooseLimits = [
  shortens('description', 160, 'Goose shows the model at most {max} characters of a description'),
];
export function gooseRefuses(agent: ResolvedAgent, model?: string): string | undefined {
  const split = [agent.name, agent.description, model ?? ''].some((value) => value.includes('---'));
  return split
    ? 'Goose splits an agent file at every `---`, so its name and description may not hold one'
    : undefined;
}

/**
 * Goose agents, read by its summon extension: `.goose/agents/<name>.md` (`name`, `description`, `model`).
 * Goose reads `.goose/agents/` before `.claude/agents/` and `.agents/agents/` and keeps the first agent
 * of a name, so with those targets enabled each agent is listed once.
 */
export const goose: Platform = {
  id,
  title: 'Goose',
  docs: 'https://github.com/block/goose/blob/main/crates/goose/src/agents/platform_extensions/summon/source_discovery.rs',
  writes: ['.goose/agents/'],
  overrides: lazySchema(() => z.strictObject({ model: z.string().min(1).optional() })),
  mention: mentionAsSubagent,
  invoke: (name) => `@${name} in a message to Goose`,
  limits: gooseLimits,
  refuses: (agent) => gooseRefuses(agent, pick(agent, id, 'model')),
  render(agent, body) {
    return {
      path: `.goose/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
          ['model', pick(agent, id, 'model')],
        ],
        body,
      ),
    };
  },
};
