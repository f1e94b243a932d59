import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { scratchRepo, writeRepoFile } from './repo.js';

const require = createRequire(import.meta.url);
/** The original CLI (npm blue-gardener@0.2.0, a dev dependency), run as its users run it. */
const bin = join(
  dirname(require.resolve('blue-gardener/package.json')),
  (require('blue-gardener/package.json') as { bin: Record<string, string> }).bin['blue-gardener']!,
);

export const STATE = '.cursor/agents/.blue-generated-manifest.json';

export function original(dir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [bin, ...args], {
    cwd: dir,
    input: '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
}

/** A repository whose agent files the original CLI wrote: `steps` are its command lines, in order. */
export function originalTree(steps: string[][], files: Record<string, string> = {}): string {
  const dir = scratchRepo(files);
  for (const step of steps) original(dir, ...step);
  return dir;
}

/** Every file of a folder as UTF-8 text (to seed the fake GitHub with it). */
export function treeFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The six platforms of the original, each enabled the way its users do it (`add … --platform`). */
export function sixPlatformTree(): string {
  return originalTree([
    ['add', 'blue-react-developer', 'blue-docker-specialist', '--platform', 'cursor'],
    ...['claude-desktop', 'opencode', 'windsurf', 'codex', 'github-copilot'].map((p) => [
      'add',
      'blue-react-developer',
      '--platform',
      p,
    ]),
  ]);
}

/** Rewrites the state file into the 0.1.0 shape: `platform` only, no `platforms` list, no version. */
export function toVersion010State(dir: string): void {
  const state = JSON.parse(readFileSync(join(dir, STATE), 'utf8')) as Record<string, unknown>;
  writeRepoFile(
    dir,
    STATE,
    `${JSON.stringify({ _comment: state['_comment'], platform: state['platform'], agents: state['agents'] }, null, 2)}\n`,
  );
}
