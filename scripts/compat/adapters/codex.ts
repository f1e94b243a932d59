/**
 * OpenAI Codex: `codex debug prompt-input` renders the model-visible input offline. Project agents from
 * .codex/agents/*.toml appear as "Available roles" in the spawn_agent tool's agent_type description.
 * Codex loads project agents only in a trusted project, so the scratch HOME's config.toml trusts the copy.
 * A malformed role file is skipped silently there; `codex doctor --json` reports it as a startup warning.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { outputLines, strings } from '../text.js';
import type { Adapter } from '../types.js';

export const codex: Adapter = {
  id: 'codex',
  cacheDir: 'codex',
  packages: ['@openai/codex@0.171.0'],
  bin: 'node_modules/.bin/codex',
  reads: '.codex/agents',
  method: '`codex debug prompt-input` (spawn_agent "Available roles") + `codex doctor --json` warnings',
  notes: ['project marked trusted in the scratch HOME config.toml'],
  prepare: (ctx) => {
    mkdirSync(path.join(ctx.home, '.codex'), { recursive: true });
    writeFileSync(
      path.join(ctx.home, '.codex', 'config.toml'),
      `[projects.${JSON.stringify(ctx.repo)}]\ntrust_level = "trusted"\n`,
    );
  },
  invocation: () => ({ args: ['debug', 'prompt-input', 'hello'] }),
  diagnostics: {
    args: ['doctor', '--json'],
    parse: (out) => {
      let report: unknown;
      try {
        report = JSON.parse(out.stdout);
      } catch {
        return [`codex doctor printed no JSON: ${out.stderr.trim().slice(0, 200)}`];
      }
      const warnings = new Set<string>();
      const visit = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') {
          for (const [key, item] of Object.entries(value)) {
            if (key === 'startup warning' && typeof item === 'string')
              warnings.add(item.split('\n')[0] ?? item);
            else visit(item);
          }
        }
      };
      visit(report);
      return [...warnings].filter((w) => /agent|role/i.test(w));
    },
  },
  parse: (out) => {
    let input: unknown;
    try {
      input = JSON.parse(out.stdout);
    } catch {
      return { names: [], messages: [`no prompt input: ${out.stderr.trim()}`] };
    }
    const names = new Set<string>();
    const descriptions: Record<string, string> = {};
    for (const text of strings(input)) {
      if (!text.includes('Available roles:')) continue;
      const rest = text.slice(text.indexOf('Available roles:'));
      for (const match of rest.matchAll(/^([A-Za-z0-9_-]+): \{\n([^]*?)\n\}$/gm)) {
        if (!match[1]) continue;
        names.add(match[1]);
        descriptions[match[1]] = match[2] ?? '';
      }
    }
    // stdout is the prompt JSON itself; the loader's complaints go to stderr.
    const messages = outputLines(
      { ...out, stdout: '' },
      [/(agent|role)/i, /(invalid|error|fail|skip|warn|ignor)/i],
      [/PATH aliases/],
    );
    return { names: [...names], descriptions, messages };
  },
};
