// The CLI program, bundled on its own (dist/cli/engine.js); dist/cli/index.cjs (src/cli/bin.cjs) loads it when needed.
import '../core/zod-config.js';
import { main } from './main.js';
import { version } from '../version.js';

main(process.argv.slice(2), { version }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
