// The engine in-process: load → resolve → render → plan against an in-memory repository, no I/O. Timed as
// shipped: the engine is bundled by ncc with --minify, as dist/cli/engine.js is, and not run from the sources
// through tsx, whose keepNames wrappers (a call per function expression created) added 3–5 ms to a plan.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { stats, type Stats } from './stats.js';

export interface InProcessResult extends Stats {
  files: number;
  warmup: number;
}

type Engine = typeof import('./engine-entry.js');

/** scripts/bench/engine-entry.ts bundled by ncc into a scratch folder, then imported. */
export async function shippedEngine(root: string): Promise<Engine> {
  const out = mkdtempSync(join(tmpdir(), 'bg-bench-engine-'));
  try {
    execFileSync('npx', ['ncc', 'build', 'scripts/bench/engine-entry.ts', '-o', out, '--minify', '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return (await import(pathToFileURL(join(out, 'index.js')).href)) as Engine;
  } finally {
    // The module is loaded: its file is no longer needed.
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * A full garbage collection, so that every iteration starts from a clean heap as a real run does, instead of
 * paying for the garbage of the iterations before it (which made the median depend on where collections fell).
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Median of `iterations` runs of `preparePlan` on a fresh memory host holding only the manifest. */
export async function inProcess(
  engine: Engine,
  manifest: string,
  iterations: number,
  warmup = 5,
): Promise<InProcessResult> {
  const catalog = bundledCatalog();
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const host = engine.memoryHost({ '.github/blue-gardener.yml': manifest });
    collect();
    const start = performance.now();
    const result = await engine.preparePlan(host, catalog);
    const ms = performance.now() - start;
    if (i >= warmup) samples.push(ms);
    files = result.plan.changes.length;
  }
  return { ...stats(samples), files, warmup };
}
