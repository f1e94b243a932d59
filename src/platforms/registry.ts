import type { Platform } from './contract.js';
import { claudeCode } from './claude-code.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { factory } from './factory.js';
import { gemini } from './gemini.js';
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
