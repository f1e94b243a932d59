import { UserError } from './errors.js';
import type { Limit, Platform, RenderWarning, ResolvedAgent } from '../platforms/contract.js';

/** A platform's limits with their maximum for this run (a shared budget depends on every agent installed). */
export type ResolvedLimits = readonly { limit: Limit; max: number }[];

export function resolveLimits(platform: Platform, names: readonly string[]): ResolvedLimits {
  return platform.limits.map((limit) => ({
    limit,
    max: typeof limit.max === 'number' ? limit.max : limit.max(names),
  }));
}

const measured = { file: 'the file', body: 'the prompt', description: 'the description' } as const;
/** What to shorten: a file is too long because of its prompt. */
const fix = { file: 'the prompt', body: 'the prompt', description: 'the description' } as const;

/**
 * The one place size limits and refusals are enforced, so that no tool ever cuts an agent silently:
 * text a tool would cut or refuse is an error; a description a tool would shorten is an error for a
 * catalog agent (the catalog must fit every tool) and a warning for a custom agent (it still loads), except
 * where a budget shared by all installed agents shortens it (a warning for both: install fewer agents);
 * a tool's own advice is a warning.
 */
export function checkAgent(
  platform: Platform,
  limits: ResolvedLimits,
  agent: ResolvedAgent,
  rendered: { content: string; body: string },
): { errors: UserError[]; warnings: SharedWarning[] } {
  const errors: UserError[] = [];
  const warnings: SharedWarning[] = [];
  const where = `agent \`${agent.name}\` on ${platform.title} (${platform.id})`;
  // The agent's own file is where the fix goes, so that is where a problem points.
  const location = { file: agent.file };
  const refusal = platform.refuses?.(agent);
  if (refusal) errors.push(new UserError(`${where}: ${refusal}`, { location }));
  for (const { limit, max } of limits) {
    const text =
      limit.of === 'file' ? rendered.content : limit.of === 'body' ? rendered.body : agent.description;
    if (text.length <= max) continue;
    const message = `${where}: ${measured[limit.of]} is ${text.length} characters; ${explain(limit, max)}`;
    // A budget shared by every installed agent shrinks as more are installed: the catalog cannot fit every
    // combination, so going over it is a warning; a fixed per-agent limit binds catalog agents.
    const shared = typeof limit.max !== 'number';
    const fatal =
      limit.effect === 'cut' || (limit.effect === 'shortened' && agent.source === 'catalog' && !shared);
    if (!fatal) {
      warnings.push({
        agent: agent.name,
        platform: platform.id,
        message,
        ...(shared ? { shared: { why: explain(limit, max), max, length: text.length } } : {}),
      });
      continue;
    }
    const hint =
      agent.source === 'catalog'
        ? 'this is a catalog agent: replace it with a custom agent, and please report it'
        : `shorten ${fix[limit.of]}; blue-gardener never cuts it for you`;
    errors.push(new UserError(message, { location, hint }));
  }
  return { errors, warnings };
}

/** What the tool does at this maximum: a shared budget with no share left says so instead of "at most 0". */
function explain(limit: Limit, max: number): string {
  if (max === 0 && limit.whyNone) return limit.whyNone;
  return limit.why.replace('{max}', max.toLocaleString('en-US'));
}

/** A warning about a budget every installed agent shares, with what `summariseShared` needs. */
type SharedWarning = RenderWarning & { shared?: { why: string; max: number; length: number } };

/**
 * One platform's warnings with those about a shared budget folded into one line when several agents go
 * over it (a thousand agents on Factory would otherwise print a thousand lines saying the same thing).
 */
export function summariseShared(
  platform: Platform,
  found: SharedWarning[],
  installed: number,
): RenderWarning[] {
  const over = found.filter((w) => w.shared);
  const plain = found
    .filter((w) => !w.shared)
    .map(({ agent, platform, message }) => ({ agent, platform, message }));
  if (over.length === 0) return plain;
  if (over.length === 1) {
    const { agent, platform: id, message } = over[0]!;
    return [...plain, { agent, platform: id, message }];
  }
  const longest = over.reduce((a, b) => (b.shared!.length > a.shared!.length ? b : a));
  const { why, max } = longest.shared!;
  const count = `${over.length.toLocaleString('en-US')} of ${installed.toLocaleString('en-US')}`;
  const where = `${platform.title} (${platform.id})`;
  // No share at all: shorter descriptions cannot help, only fewer agents can.
  const message =
    max === 0
      ? `${installed.toLocaleString('en-US')} agents are installed on ${where}; ${why}; install fewer agents on ${platform.id}`
      : `${count} agents on ${where} have a description over ${max.toLocaleString('en-US')} characters (the longest: \`${longest.agent}\`, ${longest.shared!.length}); ${why}; install fewer agents on ${platform.id} or shorten their descriptions`;
  return [...plain, { agent: '*', platform: platform.id, message }];
}
