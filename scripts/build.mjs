// Builds what is committed: the CLI and action bundles (dist/cli, dist/action), the manifest's JSON Schema and agents/CATALOG.md.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
for (const [entry, out] of [
  ['src/cli/index.ts', 'dist/cli'],
  ['src/action/index.ts', 'dist/action'],
]) {
  rmSync(out, { recursive: true, force: true });
  run('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet']);
}
run('npx', ['tsx', 'scripts/generate.ts']);
