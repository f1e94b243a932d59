/**
 * GitHub Copilot CLI in offline BYOK mode (COPILOT_OFFLINE + COPILOT_PROVIDER_BASE_URL on the recording
 * endpoint). Its `task` tool lists every custom agent in the `agent_type` enum of the first request.
 * .claude/agents is left out of Copilot's copy: Copilot reads that folder too, and we want to count
 * what it takes from .github/agents. Rejected agent files are logged as [ERROR] lines in --log-dir.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputLines, requestBodies } from '../text.js';
import type { Adapter } from '../types.js';

interface ChatTool {
  function?: {
    name?: string;
    description?: string;
    parameters?: { properties?: { agent_type?: { enum?: unknown[] } } };
  };
}

export const copilot: Adapter = {
  id: 'copilot',
  cacheDir: 'copilot',
  packages: ['@github/copilot@1.0.102'],
  bin: 'node_modules/.bin/copilot',
  reads: '.github/agents',
  method: '`copilot -p` offline BYOK → recorded model request (task tool agent_type enum)',
  omit: ['.claude'],
  notes: ['.claude/agents left out of the copy (Copilot also reads it) so only .github/agents is counted'],
  invocation: (ctx) => ({
    args: [
      '-p',
      'hello',
      '--trust-folder',
      '--allow-all-tools',
      '--disable-client-telemetry',
      '--log-dir',
      path.join(ctx.work, 'logs'),
      '--log-level',
      'warning',
    ],
    record: true,
    env: {
      COPILOT_OFFLINE: 'true',
      COPILOT_PROVIDER_BASE_URL: `${ctx.baseUrl}/v1`,
      COPILOT_PROVIDER_TYPE: 'openai',
      COPILOT_PROVIDER_API_KEY: 'compat-offline',
      COPILOT_MODEL: 'gpt-5',
    },
  }),
  parse: (out, ctx) => {
    const names = new Set<string>();
    const descriptions: Record<string, string> = {};
    for (const body of requestBodies(out.requests)) {
      const tools = ((body as { tools?: ChatTool[] }).tools ?? []).filter((t) => t.function?.name === 'task');
      for (const tool of tools) {
        for (const value of tool.function?.parameters?.properties?.agent_type?.enum ?? []) {
          if (typeof value === 'string') names.add(value);
        }
        for (const match of (tool.function?.description ?? '').matchAll(/^- \*\*([^*]+)\*\*: ?(.*)$/gm)) {
          if (match[1]) descriptions[match[1]] = match[2] ?? '';
        }
      }
    }
    const messages = outputLines(
      out,
      [/agent/i, /(invalid|error|fail|skip|warn)/i],
      [/transient API error/i, /Failed to get response/i],
    );
    const logs = path.join(ctx.work, 'logs');
    const logFiles = existsSync(logs) ? readdirSync(logs).map((file) => path.join(logs, file)) : [];
    for (const line of logFiles.flatMap((file) => readFileSync(file, 'utf8').split(/\r?\n/))) {
      if (/\[(ERROR|WARN|WARNING)\]/.test(line) && /agent/i.test(line)) {
        messages.push(line.replace(/^\S+Z \[/, '[').slice(0, 300));
      }
    }
    return { names: [...names], descriptions, messages };
  },
};
