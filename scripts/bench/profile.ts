// CPU profiles of our CLI (`node --cpu-prof`), summarised as self time per function, per module and per
// package. The shipped bundle (dist/cli/engine.js) is minified, so its function names are mangled; to name
// them, the same sources are also bundled without minification (esbuild, already installed with tsx) into
// a temporary "readable twin" and profiled the same way. esbuild marks each module with a `// path` line,
// which maps a profile's line numbers back to the module (src/… or node_modules/<package>/…).
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { run } from './cli.js';
import { median } from './stats.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  selfMs: number;
  pct: number;
}

export interface ProfileSummary {
  script: string;
  args: string;
  runs: number;
  /** Wall time of the profiled runs (profiling slows them a little). */
  wallMs: number;
  /** Self time (mean per run) by kind: GC, (program) = V8/native outside JS, node internals, our bundle. */
  kinds: Row[];
  topFunctions: Row[];
  topModules?: Row[];
  topPackages?: Row[];
}

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

/** Maps a line of the readable bundle to the module esbuild emitted it from. */
function moduleMap(bundle: string): (line: number) => string {
  const marks: [number, string][] = [];
  bundle.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:src|node_modules|scripts|__tests__)\/\S+)$/.exec(text);
    if (m) marks.push([i, m[1]!]);
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = '(bundle preamble)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]![0] <= line) {
        found = marks[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const packageOf = (module: string) => {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (m) return m[1]!;
  const s = /^src\/([^/]+)\//.exec(module);
  return s ? `src/${s[1]}` : module;
};

function top(map: Map<string, number>, total: number, runs: number, n: number): Row[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({
      name,
      selfMs: Math.round(us / runs / 100) / 10,
      pct: Math.round((us / total) * 1000) / 10,
    }));
}

/**
 * Profiles `script args` `runs` times, each in a fresh folder from `fixture()`, and sums self time.
 * `bundleText` (the readable twin's source) enables the module and package breakdowns.
 */
export function profile(
  script: string,
  argsFor: (dir: string) => string[],
  fixture: () => string,
  runs: number,
  outDir: string,
  bundleText?: string,
): ProfileSummary {
  const moduleOf = bundleText ? moduleMap(bundleText) : undefined;
  const kinds = new Map<string, number>();
  const fns = new Map<string, number>();
  const modules = new Map<string, number>();
  const packages = new Map<string, number>();
  const walls: number[] = [];
  let total = 0;
  let args: string[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = fixture();
    const profDir = join(outDir, `p${Date.now()}-${r}`);
    mkdirSync(profDir, { recursive: true });
    args = argsFor(dir);
    const start = performance.now();
    run(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '100', script, ...args],
      'profiled run',
      { cwd: dir },
    );
    walls.push(performance.now() - start);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!;
    const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
    rmSync(dir, { recursive: true, force: true });
    const byId = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = prof.timeDeltas[i + 1] ?? 0;
      const cf = byId.get(prof.samples[i]!)!;
      total += dt;
      const inBundle = cf.url.endsWith(basename(script)) && cf.url.includes('/cli/');
      const kind = SPECIAL.has(cf.functionName)
        ? cf.functionName
        : cf.url.startsWith('node:') || cf.url === ''
          ? 'node internals (module loader, fs, …)'
          : inBundle
            ? 'bundle JS (ours + dependencies)'
            : `other: ${cf.url}`;
      add(kinds, kind, dt);
      if (SPECIAL.has(cf.functionName)) {
        add(fns, cf.functionName, dt);
        continue;
      }
      const module = inBundle && moduleOf ? moduleOf(cf.lineNumber) : cf.url.replace(/^.*\//, '');
      add(
        fns,
        `${cf.functionName || '(anonymous)'} — ${module}:${cf.lineNumber + 1}${moduleOf ? '' : `:${cf.columnNumber + 1}`}`,
        dt,
      );
      if (inBundle && moduleOf) {
        add(modules, module, dt);
        add(packages, packageOf(module), dt);
      }
    }
  }
  return {
    script,
    args: args.join(' ').replace(/\/tmp\/\S+/g, '<fixture>'),
    runs,
    wallMs: Math.round(median(walls) * 10) / 10,
    kinds: top(kinds, total, runs, 10),
    topFunctions: top(fns, total, runs, 20),
    ...(moduleOf
      ? { topModules: top(modules, total, runs, 15), topPackages: top(packages, total, runs, 12) }
      : {}),
  };
}

/**
 * Bundles the CLI program (src/cli/run.ts, what dist/cli/engine.js holds; the bin in front of it only answers
 * --version and loads it) without minification into `dir/cli/index.js` (with dist/catalog.json beside, as in
 * dist/), or returns the reason it could not.
 */
export async function readableTwin(
  root: string,
  dir: string,
  catalogJson: string,
): Promise<{ script: string; text: string } | { error: string }> {
  try {
    const esbuild = await import('esbuild');
    const script = join(dir, 'cli/index.js');
    await esbuild.build({
      entryPoints: [join(root, 'src/cli/run.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: script,
      minify: false,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __bgRequire } from 'node:module'; const require = __bgRequire(import.meta.url);",
      },
    });
    writeFileSync(join(dir, 'cli/package.json'), '{"type":"module"}\n');
    cpSync(catalogJson, join(dir, 'catalog.json'));
    return { script, text: readFileSync(script, 'utf8') };
  } catch (error) {
    return { error: (error as Error).message.split('\n').slice(0, 3).join(' ') };
  }
}
