// The engine in-process: load → resolve → render → plan against an in-memory repository, no I/O.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { preparePlan } from '../../src/engine.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { memoryHost } from '../../src/hosts/memory.js';
import { stats, type Stats } from './stats.js';

export interface InProcessResult extends Stats {
  files: number;
  warmup: number;
}

/**
 * A full garbage collection, so that every iteration starts from a clean heap as a real run does, instead of
 * paying for the garbage of the iterations before it (which made the median depend on where collections fell).
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Median of `iterations` runs of `preparePlan` on a fresh memory host holding only the manifest. */
export async function inProcess(manifest: string, iterations: number, warmup = 5): Promise<InProcessResult> {
  const catalog = bundledCatalog();
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const host = memoryHost({ '.github/blue-gardener.yml': manifest });
    collect();
    const start = performance.now();
    const result = await preparePlan(host, catalog);
    const ms = performance.now() - start;
    if (i >= warmup) samples.push(ms);
    files = result.plan.changes.length;
  }
  return { ...stats(samples), files, warmup };
}
