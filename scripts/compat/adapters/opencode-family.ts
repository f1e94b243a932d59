/**
 * OpenCode and Kilo (an OpenCode fork): `<tool> agent list` prints the resolved agent registry
 * ("name (mode)") with no model call. One bad agent file makes the command fail, so a non-zero exit
 * is reported with the tool's error text.
 */
import { outputLines, tail } from '../text.js';
import type { Adapter, Parsed, SandboxOutput } from '../types.js';

function parseAgentList(out: SandboxOutput): Parsed {
  const names: string[] = [];
  const degraded: string[] = [];
  for (const line of out.stdout.split(/\r?\n/)) {
    const match = /^(\S+) \((primary|subagent|all)\)\s*$/.exec(line);
    if (!match?.[1]) continue;
    names.push(match[1]);
    // Our files say `mode: subagent`; any other mode means the frontmatter was not read.
    if (match[1].startsWith('blue-') && match[2] !== 'subagent')
      degraded.push(`${match[1]}: mode ${match[2]}, not subagent`);
  }
  const messages = [...degraded, ...outputLines(out, [/agent/i, /(ERROR|WARN|invalid|fail)/])];
  if (out.exitCode !== 0) messages.push(`exit ${out.exitCode}: ${tail(out)}`);
  return { names, messages };
}

export const opencode: Adapter = {
  id: 'opencode',
  cacheDir: 'opencode',
  packages: ['opencode-ai@1.18.33'],
  bin: 'node_modules/.bin/opencode',
  reads: '.opencode/agents',
  control: 'wrong-type',
  method: '`opencode agent list` (resolved agent registry, no model call)',
  invocation: () => ({ args: ['agent', 'list', '--print-logs', '--log-level', 'WARN'] }),
  parse: parseAgentList,
};

export const kilo: Adapter = {
  id: 'kilo',
  cacheDir: 'kilo',
  // 7.8.1 is the latest @kilocode/cli, but its linux-x64 binary package was never published; 7.7.7 has one.
  packages: ['@kilocode/cli@7.7.7'],
  bin: 'node_modules/.bin/kilo',
  reads: '.kilo/agents',
  control: 'wrong-type',
  method: '`kilo agent list` (resolved agent registry, no model call)',
  notes: ['@kilocode/cli 7.8.1 (latest) not used: @kilocode/cli-linux-x64@7.8.1 is not on the registry'],
  invocation: () => ({ args: ['agent', 'list', '--print-logs', '--log-level', 'WARN'] }),
  parse: parseAgentList,
};
