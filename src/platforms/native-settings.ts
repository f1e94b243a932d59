import { ownEntry } from '../core/model.js';
import type { Access, Role, Tier } from '../core/model.js';
import type { ResolvedAgent } from './contract.js';
import type { Field } from './frontmatter.js';
import { pick } from './shared.js';

type Value = NonNullable<Field[1]>;
/** A value to write, or one computed from the agent (e.g. a tool list that grows when the agent routes work). */
type Entry = Value | ((agent: ResolvedAgent) => Value);

/**
 * How one tool expresses the catalog's role, access level and model tier: for each value, the tool's own
 * frontmatter keys and what to write in them. The access levels are what an agent does, each a set of
 * tools: `read-only` inspects (reads, searches, fetches docs, runs checks such as tests and linters, but has
 * no file-editing tool), `edits` writes files but runs no commands, `full` keeps every tool of the session. Values left out write nothing, so the tool's default holds;
 * `balanced` and `full` are left out everywhere (the session's model, no restriction added). A tool with no
 * table cannot express the setting, which the README's platform table says.
 */
export interface NativeSettings {
  role?: Partial<Record<Role, Record<string, Entry>>>;
  access?: Partial<Record<Access, Record<string, Entry>>>;
  tier?: Partial<Record<Tier, Record<string, Entry>>>;
}

/**
 * What a platform writes in `key` for one agent: the manifest's override of that key for this tool, else what
 * the agent's role, access level or model tier maps to in the tool's table, else undefined.
 */
export function nativeSetting<T>(
  agent: ResolvedAgent,
  platform: string,
  table: NativeSettings,
  key: string,
): T | undefined {
  const own = pick<T>(agent, platform, key);
  if (own !== undefined) return own;
  for (const entries of [table.role?.[agent.role], table.access?.[agent.access], table.tier?.[agent.tier]]) {
    const entry = ownEntry(entries, key);
    if (entry !== undefined) return (typeof entry === 'function' ? entry(agent) : entry) as T;
  }
  return undefined;
}

/** A tool list plus the tool that starts subagents, when the agent routes work to others. */
export const withDelegation =
  (tools: string[], delegationTool: string) =>
  (agent: ResolvedAgent): string[] =>
    agent.delegates.length ? [...tools, delegationTool] : tools;
