/**
 * Qwen Code: `qwen -p` with an OpenAI-compatible base URL on the recording endpoint. The `agent` tool
 * description lists every subagent as "- **name**: description".
 */
import { outputLines, requestBodies } from '../text.js';
import type { Adapter } from '../types.js';

interface ChatTool {
  function?: { name?: string; description?: string };
}

export const qwen: Adapter = {
  id: 'qwen',
  cacheDir: 'qwen',
  packages: ['@qwen-code/qwen-code@0.24.4'],
  bin: 'node_modules/.bin/qwen',
  reads: '.qwen/agents',
  method: '`qwen -p` → recorded model request (agent tool description)',
  invocation: (ctx) => ({
    args: [
      '-p',
      'hello',
      '--auth-type',
      'openai',
      '--openai-api-key',
      'compat-offline',
      '--openai-base-url',
      `${ctx.baseUrl}/v1`,
      '-m',
      'qwen3-coder-plus',
    ],
    record: true,
  }),
  parse: (out) => {
    const names = new Set<string>();
    const descriptions: Record<string, string> = {};
    for (const body of requestBodies(out.requests)) {
      for (const tool of (body as { tools?: ChatTool[] }).tools ?? []) {
        if (tool.function?.name !== 'agent') continue;
        for (const match of (tool.function.description ?? '').matchAll(/^- \*\*([^*]+)\*\*: ?(.*)$/gm)) {
          if (!match[1]) continue;
          names.add(match[1]);
          descriptions[match[1]] = match[2] ?? '';
        }
      }
    }
    const messages = outputLines(
      out,
      [/agent/i, /(invalid|error|fail|skip|warn)/i],
      [/API Error/, /Ripgrep not available/],
    );
    return { names: [...names], descriptions, messages };
  },
};
