/**
 * Gemini CLI: `gemini -p` with GOOGLE_GEMINI_BASE_URL on the recording endpoint. The main request's
 * system instruction lists each registered subagent as <subagent><name>…</name>. Gemini registers a
 * project agent only after the user acknowledges it (and only in a trusted folder); the scratch HOME
 * gets the acknowledgement file the first-run dialog would write (sha256 of each file), and
 * --skip-trust trusts the copy for this session.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureAll, outputLines, requestBodies, strings } from '../text.js';
import type { Adapter } from '../types.js';

export const gemini: Adapter = {
  id: 'gemini',
  cacheDir: 'gemini',
  packages: ['@google/gemini-cli@0.61.0'],
  bin: 'node_modules/.bin/gemini',
  reads: '.gemini/agents',
  method: '`gemini -p` → recorded model request (<subagent> list in system instruction)',
  notes: ['project agents acknowledged in the scratch HOME, as the first-run dialog would do'],
  prepare: (ctx) => {
    const dir = path.join(ctx.home, '.gemini');
    mkdirSync(path.join(dir, 'acknowledgments'), { recursive: true });
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2),
    );
    const agentsDir = path.join(ctx.repo, '.gemini', 'agents');
    const acknowledged: Record<string, string> = {};
    for (const file of readdirSync(agentsDir).filter((f) => f.endsWith('.md'))) {
      const content = readFileSync(path.join(agentsDir, file), 'utf8');
      acknowledged[file.replace(/\.md$/, '')] = createHash('sha256').update(content).digest('hex');
    }
    writeFileSync(
      path.join(dir, 'acknowledgments', 'agents.json'),
      JSON.stringify({ [ctx.repo]: acknowledged }, null, 2),
    );
  },
  invocation: (ctx) => ({
    args: ['-p', 'hello', '--skip-trust', '-o', 'json'],
    record: true,
    env: {
      GEMINI_API_KEY: 'compat-offline',
      GOOGLE_GEMINI_BASE_URL: ctx.baseUrl,
      GEMINI_CLI_NO_RELAUNCH: 'true',
    },
  }),
  parse: (out) => {
    const texts = requestBodies(out.requests).flatMap((body) => strings(body));
    const names = captureAll(texts, /<subagent>\s*<name>([^<]+)<\/name>/g);
    const descriptions: Record<string, string> = {};
    for (const text of texts) {
      for (const match of text.matchAll(
        /<subagent>\s*<name>([^<]+)<\/name>\s*<description>([^<]*)<\/description>/g,
      )) {
        if (match[1]) descriptions[match[1]] = match[2] ?? '';
      }
    }
    const messages = outputLines(out, [
      /(Agent loading error|registering project agent|Skipping project agents)/,
    ]);
    return { names, descriptions, messages };
  },
};
