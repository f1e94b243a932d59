/**
 * Auggie (Augment): `auggie agents list`, which runs its subagent loader over `.augment/agents`,
 * `.claude/agents` and `.agents/agents`. Auggie lists subagents only once its server's feature flags
 * allow them, so the recording endpoint answers `get-models` with that one flag and a scratch session
 * (AUGMENT_SESSION_AUTH) points there; nothing else is answered. The copy keeps `.claude/agents` and
 * `.agents/agents`: each agent must be listed once, and from `.augment/agents` (`[workspace]`).
 */
import { outputLines } from '../text.js';
import type { Adapter } from '../types.js';

export const auggie: Adapter = {
  id: 'auggie',
  cacheDir: 'auggie',
  packages: ['@augmentcode/auggie@0.36.0'],
  bin: 'node_modules/.bin/auggie',
  reads: '.augment/agents',
  method: '`auggie agents list` (its subagent loader; settings served on 127.0.0.1)',
  notes: [
    'get-models answered with the subagents feature flag only; .claude/agents and .agents/agents kept in the copy',
  ],
  invocation: (ctx) => ({
    args: ['agents', 'list'],
    record: true,
    responses: {
      '/get-models': {
        default_model: 'compat',
        models: [],
        feature_flags: { beachhead_enable_sub_agent_tool: true },
      },
    },
    env: {
      AUGMENT_SESSION_AUTH: JSON.stringify({
        accessToken: 'compat-offline',
        tenantURL: `${ctx.baseUrl}/`,
        scopes: ['email'],
      }),
    },
  }),
  parse: (out) => {
    const names: string[] = [];
    const descriptions: Record<string, string> = {};
    const messages: string[] = [];
    for (const line of out.stdout.split(/\r?\n/)) {
      // "   <name>   <description, cut at 50 with ...> [<source>] [<colour>] [<model>]"
      const match = /^ {3}(\S+)(?: +(.*?))? \[([^\]]+)\](?: \[[^\]]*\])*\s*$/.exec(line);
      if (!match?.[1]) continue;
      const [, name, description = '', source] = match;
      if (name.startsWith('blue-') && names.includes(name)) messages.push(`${name}: listed twice`);
      if (name.startsWith('blue-') && source !== 'workspace')
        messages.push(`${name}: read from ${source}, not .augment/agents`);
      names.push(name);
      descriptions[name] = description.replace(/\.\.\.$/, '');
    }
    if (out.exitCode !== 0)
      messages.push(`exit ${out.exitCode}: ${outputLines(out, [/./]).slice(-2).join(' | ')}`);
    return { names, descriptions, messages };
  },
};
