import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Limit, ResolvedAgent } from './contract.js';

/** Override values of one agent on one platform (already validated by that platform's schema). */
export function overridesOf(agent: ResolvedAgent, platform: string): Record<string, unknown> {
  return agent.overrides[platform] ?? {};
}

/** Reads one typed override value. */
export function pick<T>(agent: ResolvedAgent, platform: string, key: string): T | undefined {
  return overridesOf(agent, platform)[key] as T | undefined;
}

/** Mention styles shared by several tools. */
export const mentionAsSubagent = (name: string) => `the \`${name}\` subagent`;
export const mentionAsAgent = (name: string) => `the \`${name}\` agent`;
export const mentionWithAt = (name: string) => `@${name}`;

/** A non-empty list of tool names. */
export const toolList = lazySchema(() => z.array(z.string().min(1)).min(1));
export const positiveInt = lazySchema(() => z.number().int().positive());
/** The 8 colours Claude Code and Qwen Code accept; anything else is dropped silently by Claude. */
export const agentColour = lazySchema(() =>
  z.enum(['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'pink', 'cyan']),
);
/** OpenCode and Kilo: a hex colour or a theme word. */
export const themeColour = lazySchema(() =>
  z.union([
    z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour like #1e90ff'),
    z.enum(['primary', 'secondary', 'accent', 'success', 'warning', 'error', 'info']),
  ]),
);
/** `provider/model-id`, as OpenCode and Kilo want it. */
export const providerModel = lazySchema(() =>
  z.string().regex(/^[\w.-]+\/[\w.:@-]+$/, 'provider/model-id, e.g. anthropic/claude-sonnet-4-5'),
);

/** Limits, by what the tool does past them (see LimitEffect). `why` may say `{max}`. */
export const cuts = (of: Limit['of'], max: Limit['max'], why: string): Limit => ({
  of,
  max,
  effect: 'cut',
  why,
});
export const shortens = (of: Limit['of'], max: Limit['max'], why: string, whyNone?: string): Limit => ({
  of,
  max,
  effect: 'shortened',
  why,
  ...(whyNone ? { whyNone } : {}),
});
export const advises = (of: Limit['of'], max: Limit['max'], why: string): Limit => ({
  of,
  max,
  effect: 'advice',
  why,
});
