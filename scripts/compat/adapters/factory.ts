/**
 * Factory droid: `droid exec` with a BYOK custom model whose baseUrl is the recording endpoint. The first
 * request's system reminder lists "Custom droids available (from …/.factory/droids …)" with one
 * "- name: description (location: project)" line per droid.
 * The npm launcher @factory/cli@0.225.1 pins platform packages of the same version, which were not
 * published (the platform packages jumped to 0.225.2), so the platform binary is installed directly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { blockAfter, outputLines, requestBodies, strings } from '../text.js';
import type { Adapter } from '../types.js';

const platform = `${process.platform}-${process.arch}`;

export const factory: Adapter = {
  id: 'factory',
  cacheDir: 'factory',
  packages: [`@factory/cli-${platform}@0.225.2`],
  bin: `node_modules/@factory/cli-${platform}/bin/droid`,
  reads: '.factory/droids',
  control: 'wrong-type',
  method: '`droid exec` BYOK → recorded model request (custom droids list)',
  notes: [
    'launcher @factory/cli@0.225.1 cannot install (its 0.225.1 platform packages are not published); its platform binary 0.225.2 is run directly',
  ],
  prepare: (ctx) => {
    mkdirSync(path.join(ctx.home, '.factory'), { recursive: true });
    writeFileSync(
      path.join(ctx.home, '.factory', 'settings.json'),
      JSON.stringify(
        {
          customModels: [
            {
              model: 'compat-model',
              displayName: 'compat',
              baseUrl: `${ctx.baseUrl}/v1`,
              apiKey: 'compat-offline',
              provider: 'generic-chat-completion-api',
              maxOutputTokens: 1024,
            },
          ],
        },
        null,
        2,
      ),
    );
  },
  invocation: () => ({ args: ['exec', '-m', 'custom:compat-0', 'hello'], record: true }),
  parse: (out) => {
    const names = new Set<string>();
    const descriptions: Record<string, string> = {};
    for (const body of requestBodies(out.requests)) {
      for (const text of strings(body)) {
        const start = text.indexOf('Custom droids available');
        if (start < 0) continue;
        const heading = text.slice(start, text.indexOf('\n', start));
        for (const line of blockAfter(text.slice(start), heading)) {
          const match = /^- ([^:\s]+): ?(.*?) ?\(location: project\)$/.exec(line);
          if (!match?.[1]) continue;
          names.add(match[1]);
          descriptions[match[1]] = match[2] ?? '';
        }
      }
    }
    const messages = outputLines(out, [/(droid|agent)/i, /(invalid|error|fail|skip|warn)/i], [/Exec failed/]);
    return { names: [...names], descriptions, messages };
  },
};
