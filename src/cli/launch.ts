// What the `blue-gardener` bin (bin.cjs) does: answers `--version` at once, so the cheapest call (scripts
// and CI probe it) pays no engine start-up, and runs the CLI bundle (dist/cli/engine.js) for everything else.
import { version } from '../version.js';
import { runCached } from './code-cache.js';

export function launch(args: string[], engine: URL): void {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    process.stdout.write(`${version}\n`);
    return;
  }
  if (runCached(engine)) return;
  // A bundle this runner cannot run as a script (or a Node without process.getBuiltinModule) is imported,
  // by Node's loader and not the bundler.
  import(/* webpackIgnore: true */ engine.href).catch((error: unknown) => {
    process.stderr.write(`internal error: ${String(error)}\n`);
    process.exitCode = 1;
  });
}
