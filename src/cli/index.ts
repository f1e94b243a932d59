#!/usr/bin/env node
// The `blue-gardener` bin: answers `--version` at once and runs the CLI bundle for everything else, so
// the cheapest call (scripts and CI probe it) pays no engine start-up.
import { version } from '../version.js';
import { runCached } from './code-cache.js';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${version}\n`);
} else {
  // Built beside this file by scripts/build.mjs; left to Node's loader, not the bundler.
  const engine = './engine.js';
  if (!runCached(new URL(engine, import.meta.url))) await import(/* webpackIgnore: true */ engine);
}
