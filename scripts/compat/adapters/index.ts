import { auggie } from './auggie.js';
import { claudeRuntime, claudeValidate } from './claude-code.js';
import { cline } from './cline.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { factory } from './factory.js';
import { gemini } from './gemini.js';
import { kilo, opencode } from './opencode-family.js';
import { qwen } from './qwen.js';
import type { Adapter } from '../types.js';

/** Every tool checked, in table order. */
export const adapters: readonly Adapter[] = [
  claudeRuntime,
  claudeValidate,
  copilot,
  opencode,
  kilo,
  gemini,
  codex,
  qwen,
  factory,
  cline,
  auggie,
];
