import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter } from './frontmatter.js';
import { gooseLimits, gooseRefuses } from './goose.js';
import { mentionAsSubagent } from './shared.js';

/**
 * The vendor-neutral `.agents/agents/<name>.md` (`name`, `description`, prompt), which Goose and Auggie read
 * besides their own folders (source_discovery.rs; @augmentcode/auggie 0.36 `augment.mjs`). Both keep the
 * first agent of a name and read their own folder first, so enabling this with `goose` or `augment` lists
 * each agent once. Goose's parser sets the limits.
 */
export const agentsFolder: Platform = {
  id: 'agents-folder',
  title: 'Shared .agents folder',
  docs: 'https://github.com/block/goose/blob/main/crates/goose/src/agents/platform_extensions/summon/source_discovery.rs',
  writes: ['.agents/agents/'],
  overrides: lazySchema(() => z.strictObject({})),
  mention: mentionAsSubagent,
  invoke: (name) => `ask for the ${name} subagent (Goose: @${name})`,
  limits: gooseLimits,
  refuses: (agent) => gooseRefuses(agent),
  render(agent, body) {
    return {
      path: `.agents/agents/${agent.name}.md`,
      content: markdownWithFrontmatter(
        [
          ['name', agent.name],
          ['description', agent.description],
        ],
        body,
      ),
    };
  },
};
