import type { Platform } from '../platforms/contract.js';
import { platformIds, platforms, withoutExcluded, type PlatformId } from '../platforms/registry.js';

/**
 * What shows that a repository already uses a tool: its `detect` paths, or else the folder it keeps agents
 * in. A path ending in `/` is a folder holding any file (at any depth); any other path is a file.
 */
const signalsOf = (platform: Platform): readonly string[] =>
  platform.detect ?? platform.writes.filter((w) => w.endsWith('/')).slice(0, 1);

/** Every path detection looks at, so a host can look them up once (files by reading, folders by listing). */
export function detectionSignals(): string[] {
  return [...new Set(platformIds.flatMap((id) => signalsOf(platforms[id])))].sort();
}

/**
 * The tools a repository already uses, in registry order; Claude Code when there are none. The one rule
 * that `init` and the fleet's onboarding share, so they never disagree. Pure: `present` says which
 * signals (see detectionSignals) the repository has.
 */
export function detectPlatforms(present: (signal: string) => boolean): PlatformId[] {
  const found = platformIds.filter((id) => signalsOf(platforms[id]).some(present));
  // Of two targets that exclude each other, the first found serves the folder.
  return found.length ? withoutExcluded(found) : ['claude-code'];
}

/** `present` for a repository known by its file paths (a GitHub tree, a memory host). */
export function presentIn(paths: Iterable<string>): (signal: string) => boolean {
  const files = new Set(paths);
  const folders = new Set<string>();
  for (const file of files)
    for (let end = file.indexOf('/'); end !== -1; end = file.indexOf('/', end + 1))
      folders.add(file.slice(0, end + 1));
  return (signal) => (signal.endsWith('/') ? folders.has(signal) : files.has(signal));
}
