// Builds what is committed: the CLI (dist/cli/engine.js, the program, and dist/cli/index.js, the small bin
// that loads it), the action bundle (dist/action), the manifest's JSON Schema and agents/CATALOG.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const ncc = (entry, out) => {
  rmSync(out, { recursive: true, force: true });
  run('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet']);
};
ncc('src/cli/run.ts', 'dist/cli');
renameSync('dist/cli/index.js', 'dist/cli/engine.js');
const bin = mkdtempSync(join(tmpdir(), 'blue-gardener-bin-'));
ncc('src/cli/index.ts', bin);
renameSync(join(bin, 'index.js'), 'dist/cli/index.js');
rmSync(bin, { recursive: true, force: true });
ncc('src/action/index.ts', 'dist/action');
run('npx', ['tsx', 'scripts/generate.ts']);
