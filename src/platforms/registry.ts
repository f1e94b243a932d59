import type { Platform } from './contract.js';
import { agentsFolder } from './agents-folder.js';
import { augment } from './augment.js';
import { claudeCode } from './claude-code.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { factory } from './factory.js';
import { gemini } from './gemini.js';
import { goose } from './goose.js';
import { junie } from './junie.js';
import { kiroCli } from './kiro-cli.js';
import { kiro } from './kiro.js';
import { kilo, opencode } from './opencode-family.js';
import { qwen } from './qwen.js';
import { windsurf } from './windsurf.js';

/** Every target, in the order files are generated and listed. The one table of platforms. */
export const platforms = {
  'claude-code': claudeCode,
  copilot,
  cursor,
  codex,
  gemini,
  opencode,
  windsurf,
  kiro,
  qwen,
  factory,
  kilo,
  cline,
  'kiro-cli': kiroCli,
  augment,
  junie,
  goose,
  'agents-folder': agentsFolder,
} as const satisfies Record<string, Platform>;

export type PlatformId = keyof typeof platforms;
export const platformIds = Object.keys(platforms) as PlatformId[];

/** Ids of the original CLI, still accepted (with a deprecation warning) so migrated manifests work. */
export const platformAliases: Readonly<Record<string, PlatformId>> = {
  'claude-desktop': 'claude-code',
  'github-copilot': 'copilot',
};

export function isPlatformId(value: string): value is PlatformId {
  return Object.hasOwn(platforms, value);
}

/**
 * Pairs of the given targets that exclude each other (they write one folder a tool would read twice), each
 * pair once, in the given order.
 */
export function exclusivePairs(ids: readonly PlatformId[]): [PlatformId, PlatformId][] {
  return ids.flatMap((a, i) =>
    ids
      .slice(i + 1)
      .flatMap((b) =>
        (platforms[a] as Platform).excludes?.includes(b) ? [[a, b] as [PlatformId, PlatformId]] : [],
      ),
  );
}

/** The targets, in order, without any that excludes one kept before it (detection finds both of a pair). */
export function withoutExcluded(ids: readonly PlatformId[]): PlatformId[] {
  const kept: PlatformId[] = [];
  for (const id of ids) if (exclusivePairs([...kept, id]).length === 0) kept.push(id);
  return kept;
}

/** Every target in as few groups as can each be enabled together (registry order): for tests and tools. */
export function platformGroups(): PlatformId[][] {
  const groups: PlatformId[][] = [];
  for (const id of platformIds) {
    const group = groups.find((g) => exclusivePairs([...g, id]).length === 0);
    if (group) group.push(id);
    else groups.push([id]);
  }
  return groups;
}
