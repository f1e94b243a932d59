/**
 * Cline: its SDK's own loader (`loadConfiguredAgentConfigs` from @cline/core, what the Cline CLI runs) on
 * the copy, through loaders/cline.mjs; it reports every agent it read and every file it refused. Each
 * agent must also come with a non-empty prompt and the tool name Cline offers the model.
 */
import path from 'node:path';
import type { Adapter } from '../types.js';

interface Report {
  agents: { name: string; description: string; path?: string; tool?: string; promptChars: number }[];
  errors: { path: string; message: string }[];
}

export const cline: Adapter = {
  id: 'cline',
  cacheDir: 'cline',
  packages: ['@cline/core@0.0.86'],
  bin: 'node_modules/@cline/core/package.json',
  script: 'cline.mjs',
  reads: '.cline/agents',
  method: '`loadConfiguredAgentConfigs` of @cline/core (the Cline SDK loader), via loaders/cline.mjs',
  invocation: (ctx) => ({ args: [ctx.repo] }),
  parse: (out) => {
    let report: Report;
    try {
      report = JSON.parse(out.stdout) as Report;
    } catch {
      return { names: [], messages: [`no report: ${(out.stderr || out.stdout).trim().slice(0, 300)}`] };
    }
    const messages = report.errors.map((e) => `${path.basename(e.path)}: ${e.message}`);
    for (const agent of report.agents) {
      if (agent.promptChars === 0) messages.push(`${agent.name}: empty prompt`);
      if (!agent.tool) messages.push(`${agent.name}: no tool offered to the model`);
    }
    const descriptions = Object.fromEntries(report.agents.map((a) => [a.name, a.description]));
    return { names: report.agents.map((a) => a.name), descriptions, messages };
  },
};
