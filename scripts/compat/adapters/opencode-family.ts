/**
 * OpenCode and Kilo (an OpenCode fork): `<tool> agent list` prints the resolved agent registry
 * ("name (mode)") with no model call. One bad agent file makes the command fail, so a non-zero exit
 * is reported with the tool's error text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputLines, tail } from '../text.js';
import type { Adapter, Parsed, RunContext, SandboxOutput } from '../types.js';

/** The `mode` we wrote for an agent (`subagent`, or `all` for orchestrators). */
function writtenMode(ctx: RunContext, reads: string, name: string): string | undefined {
  const file = path.join(ctx.repo, reads, `${name}.md`);
  return existsSync(file) ? /^mode: (\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
}

const parseAgentList =
  (reads: string) =>
  (out: SandboxOutput, ctx: RunContext): Parsed => {
    const names: string[] = [];
    const degraded: string[] = [];
    for (const line of out.stdout.split(/\r?\n/)) {
      const match = /^(\S+) \((primary|subagent|all)\)\s*$/.exec(line);
      if (!match?.[1]) continue;
      names.push(match[1]);
      // The tool's mode must be the one we wrote; its default (`all`) for a subagent means the frontmatter was
      // not read.
      const wrote = match[1].startsWith('blue-') ? writtenMode(ctx, reads, match[1]) : undefined;
      if (wrote && match[2] !== wrote) degraded.push(`${match[1]}: mode ${match[2]}, not ${wrote}`);
    }
    const messages = [...degraded, ...outputLines(out, [/agent/i, /(ERROR|WARN|invalid|fail)/])];
    if (out.exitCode !== 0) messages.push(`exit ${out.exitCode}: ${tail(out)}`);
    return { names, messages };
  };

export const opencode: Adapter = {
  id: 'opencode',
  cacheDir: 'opencode',
  packages: ['opencode-ai@1.18.33'],
  bin: 'node_modules/.bin/opencode',
  reads: '.opencode/agents',
  control: 'wrong-type',
  method: '`opencode agent list` (resolved agent registry, no model call)',
  invocation: () => ({ args: ['agent', 'list', '--print-logs', '--log-level', 'WARN'] }),
  parse: parseAgentList('.opencode/agents'),
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
  parse: parseAgentList('.kilo/agents'),
};
