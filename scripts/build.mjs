// Builds what is committed: the action (dist/index.js), the CLI (dist/cli/engine.js, the program, and
// dist/cli/index.cjs, the small bin that loads it), the manifest's JSON Schema, dist/catalog.json and
// agents/CATALOG.md.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const ncc = (entry, out) => {
  rmSync(out, { recursive: true, force: true });
  run('npx', ['ncc', 'build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet']);
};
ncc('src/cli/run.ts', 'dist/cli');
renameSync('dist/cli/index.js', 'dist/cli/engine.js');
/**
 * Bundles `entry` into a scratch folder and moves its output to `file` (ncc empties its output folder): an ES
 * module index.js with the package.json that marks it so, or, for a CommonJS entry, index.cjs.
 */
const nccFile = (entry, file) => {
  const out = mkdtempSync(join(tmpdir(), 'blue-gardener-build-'));
  ncc(entry, out);
  if (entry.endsWith('.cjs')) copyFileSync(join(out, 'index.cjs'), file);
  else {
    copyFileSync(join(out, 'index.js'), file);
    copyFileSync(join(out, 'package.json'), join(file, '..', 'package.json'));
  }
  rmSync(out, { recursive: true, force: true });
};
nccFile('src/cli/bin.cjs', 'dist/cli/index.cjs');
chmodSync('dist/cli/index.cjs', 0o755);
rmSync('dist/action', { recursive: true, force: true });
nccFile('src/action/index.ts', 'dist/index.js');
run('npx', ['tsx', 'scripts/generate.ts']);
