/**
 * Claude Code, two ways:
 * - runtime: `claude -p` with ANTHROPIC_BASE_URL on the recording endpoint; the first model request
 *   carries "Available agent types for the Agent tool:" with every subagent it loaded;
 * - validator: `claude plugin validate --json` on a throw-away plugin whose agents/ is a copy of
 *   .claude/agents (the command validates agent files only inside a plugin).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { blockAfter, outputLines, requestBodies, strings } from '../text.js';
import type { Adapter } from '../types.js';

const PACKAGES = ['@anthropic-ai/claude-code@2.1.332'];
const BIN = 'node_modules/.bin/claude';

export const claudeRuntime: Adapter = {
  id: 'claude-code',
  cacheDir: 'claude-code',
  packages: PACKAGES,
  bin: BIN,
  reads: '.claude/agents',
  method: '`claude -p` → recorded model request (Agent tool list)',
  invocation: (ctx) => ({
    args: ['-p', 'hello', '--max-turns', '1'],
    record: true,
    env: {
      ANTHROPIC_BASE_URL: ctx.baseUrl,
      ANTHROPIC_API_KEY: 'sk-compat-offline',
      CLAUDE_CODE_MAX_RETRIES: '0',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
    },
  }),
  parse: (out) => {
    const descriptions: Record<string, string> = {};
    for (const body of requestBodies(out.requests)) {
      for (const text of strings(body)) {
        for (const line of blockAfter(text, 'Available agent types for the Agent tool:')) {
          const match = /^- ([^:\s]+): ?(.*?)(?: \(Tools: [^)]*\))?$/.exec(line);
          if (match?.[1]) descriptions[match[1]] = match[2] ?? '';
        }
      }
    }
    return {
      names: Object.keys(descriptions),
      descriptions,
      messages: outputLines(out, [/agent/i, /(invalid|error|fail|skip|warn)/i], [/API Error/]),
    };
  },
};

interface ValidateIssue {
  path?: string;
  message?: string;
}
interface ValidateEntry {
  file?: string;
  errors?: ValidateIssue[];
  warnings?: ValidateIssue[];
}
interface ValidateReport {
  success?: boolean;
  contents?: ValidateEntry[];
  manifest?: ValidateEntry | null;
  provides?: { agents?: string[] } | null;
}

export const claudeValidate: Adapter = {
  id: 'claude-code/validate',
  cacheDir: 'claude-code',
  packages: PACKAGES,
  bin: BIN,
  reads: '.claude/agents',
  method: '`claude plugin validate --json` (agents/ = copy of .claude/agents)',
  prepare: (ctx) => {
    const plugin = path.join(ctx.work, 'plugin');
    mkdirSync(path.join(plugin, '.claude-plugin'), { recursive: true });
    writeFileSync(
      path.join(plugin, '.claude-plugin', 'plugin.json'),
      `${JSON.stringify(
        {
          name: 'compat',
          version: '0.0.0',
          description: 'blue-gardener compatibility check',
          author: { name: 'blue-gardener' },
        },
        null,
        2,
      )}\n`,
    );
    cpSync(path.join(ctx.repo, '.claude', 'agents'), path.join(plugin, 'agents'), { recursive: true });
  },
  invocation: (ctx) => ({ args: ['plugin', 'validate', '--json', path.join(ctx.work, 'plugin')] }),
  parse: (out) => {
    let report: ValidateReport;
    try {
      report = JSON.parse(out.stdout) as ValidateReport;
    } catch {
      return { names: [], messages: [`no JSON report: ${out.stderr.trim() || out.stdout.trim()}`] };
    }
    const names = (report.provides?.agents ?? []).map((name) => name.replace(/^compat:/, ''));
    const messages: string[] = [];
    for (const entry of report.contents ?? []) {
      const file = path.basename(entry.file ?? '?');
      for (const issue of entry.errors ?? [])
        messages.push(`${file}: error ${issue.path ?? ''}: ${issue.message}`);
      for (const issue of entry.warnings ?? [])
        messages.push(`${file}: warning ${issue.path ?? ''}: ${issue.message}`);
    }
    if (report.success === false) messages.push('validation failed');
    return { names, messages };
  },
};
