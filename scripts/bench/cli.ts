// The CLI as a whole process, ours against the original (blue-gardener@0.2.0, a dev dependency), alternated.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stats, type Stats } from './stats.js';

export const ROOT = process.cwd();
export const ORIGINAL = join(ROOT, 'node_modules/blue-gardener/dist/index.js');
const NODE = process.execPath;

/**
 * Variables removed from the environment of every process the benchmark times (ours, the original, the floors
 * and `node -e ""` alike), because they cost Node itself start-up time that neither CLI asks for.
 * NODE_EXTRA_CA_CERTS: Node 20 reads and parses that certificate file when it starts, whether or not the
 * program opens a connection (neither CLI does). Some machines set it for a proxy; on the VM these figures come
 * from, it added 45–75 ms to every process. `BENCH_KEEP_ENV=1` times with the environment as it is.
 */
export const REMOVED_ENV = process.env['BENCH_KEEP_ENV'] === '1' ? [] : ['NODE_EXTRA_CA_CERTS'];
export const BENCH_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !REMOVED_ENV.includes(name)),
);

/** Every fixture lives under one temporary folder, removed at the end. */
export const WORK = mkdtempSync(join(tmpdir(), 'bg-bench-'));
export const cleanup = () => rmSync(WORK, { recursive: true, force: true });

/**
 * Ours is run from a snapshot of dist/ (cli/index.cjs, cli/engine.js, cli/package.json, catalog.json) taken at start, so a
 * rebuild during the benchmark (it deletes dist/cli first) cannot break or mix the runs.
 */
function snapshotDist(): { script: string; sha256: string; bytes: number } {
  const src = join(ROOT, 'dist/cli/index.cjs');
  for (let waited = 0; !existsSync(src) || !existsSync(join(ROOT, 'dist/catalog.json')); waited++) {
    if (waited > 120) throw new Error('dist/cli/index.cjs is missing: run `npm run build` first');
    spawnSync('sleep', ['1']);
  }
  const dir = join(WORK, 'ours-dist');
  mkdirSync(join(dir, 'cli'), { recursive: true });
  for (const f of ['cli/index.cjs', 'cli/engine.js', 'cli/package.json', 'catalog.json'])
    cpSync(join(ROOT, 'dist', f), join(dir, f));
  const bytes = readFileSync(join(dir, 'cli/index.cjs'));
  return {
    script: join(dir, 'cli/index.cjs'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
}
export const OURS_DIST = snapshotDist();
export const OURS = OURS_DIST.script;

let counter = 0;
const freshDir = (tag: string) => {
  const dir = join(WORK, `${tag}-${++counter}`);
  mkdirSync(dir);
  return dir;
};

/** The tiny git repository every scenario starts from: `git init`, one commit with a README. */
function makeBase(): string {
  const dir = freshDir('base');
  writeFileSync(join(dir, 'README.md'), '# fixture\n\nA tiny repository for the blue-gardener benchmark.\n');
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  };
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  git('add', 'README.md');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'initial');
  return dir;
}

let base: string | undefined;
/** A fresh copy of `template` (default: the base repository): a fixture reset to a known state. */
export function fixture(template?: string): string {
  base ??= makeBase();
  const dir = freshDir('run');
  cpSync(template ?? base, dir, { recursive: true });
  return dir;
}

function check(r: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr}`);
  return r;
}

/**
 * Runs one measured process, stdin /dev/null, stdout ignored, in the bench's environment (BENCH_ENV) unless
 * `env` is given; throws, with its stderr, when it fails.
 */
export function run(
  command: string,
  args: string[],
  what: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  return check(
    spawnSync(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      // A sync of 5,000 agents prints more than spawnSync's default 1 MB of warnings.
      maxBuffer: 256 * 1024 * 1024,
      env: options.env ?? BENCH_ENV,
    }),
    what,
  );
}

/** Runs the original CLI in `dir` (it has no --dir: it works on the current directory). stdin is /dev/null. */
export function original(dir: string, args: string[]) {
  return run(NODE, [ORIGINAL, ...args], `original ${args.slice(0, 3).join(' ')}`, { cwd: dir });
}

/** Runs ours on `dir`. */
export function ours(dir: string, args: string[]) {
  return run(NODE, [OURS, ...args], `ours ${args.slice(0, 3).join(' ')}`, { cwd: dir });
}

export function writeManifest(dir: string, text: string) {
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github/blue-gardener.yml'), text);
}

export const manifest = (platforms: string[], agents: string[] = []) =>
  `version: 1\nplatforms: [${platforms.join(', ')}]\n${agents.length ? `agents: [${agents.join(', ')}]\n` : ''}`;

/** Every file of the working tree (not .git), relative, with its size. */
export function treeOf(dir: string): { files: number; bytes: number; paths: string[] } {
  const paths: string[] = [];
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else {
        paths.push(relative(dir, p));
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files: paths.length, bytes, paths: paths.sort() };
}

/** Deletes everything in the working tree except .git and the given paths (then removes emptied folders). */
export function keepOnly(dir: string, keep: string[]) {
  for (const p of treeOf(dir).paths) if (!keep.includes(p)) rmSync(join(dir, p));
  const prune = (d: string): boolean => {
    let empty = true;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) empty = false;
      else if (e.name === '.git' || !prune(join(d, e.name))) empty = false;
    }
    if (empty && d !== dir) rmSync(d, { recursive: true });
    return empty;
  };
  prune(dir);
}

export interface Side {
  /** Prepares the template this side's runs start from (outside the timing); default: the bare fixture. */
  setup?: (dir: string) => void;
  /** The timed command, given the fixture folder. */
  run: (dir: string) => unknown;
  /** What the timed command does, in words (documented in results.json). */
  does: string;
}

export interface CliScenario {
  id: string;
  label: string;
  original: Side;
  ours: Side;
  /**
   * Also time each side's floor, alternated with the runs: a bare Node process writing exactly the files that
   * side's command writes (same paths, same bytes), for scenarios bound by file creation.
   */
  floor?: boolean;
}

export interface SideResult extends Stats {
  does: string;
  /** The working tree after the first (warm-up) run: files and bytes outside .git. */
  after: { files: number; bytes: number };
}

export interface PairResult {
  id: string;
  label: string;
  original: SideResult;
  ours: SideResult;
  /** ours median / original median. */
  ratio: number;
  /** ours/original for each alternated pair. */
  pairRatios: Stats;
  /** Node writing the same files and nothing else, per side (scenarios with `floor`). */
  floor?: { original: Stats & { files: number }; ours: Stats & { files: number } };
}

/** The files a run created or changed, relative to its template: [path, text] pairs. */
function written(tpl: string, after: string): [string, string][] {
  return treeOf(after)
    .paths.filter((p) => {
      const now = readFileSync(join(after, p));
      return !existsSync(join(tpl, p)) || !now.equals(readFileSync(join(tpl, p)));
    })
    .map((p) => [p, readFileSync(join(after, p), 'utf8')]);
}

const FLOOR_SCRIPT = `const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const [list, dir] = process.argv.slice(2);
for (const [path, text] of JSON.parse(readFileSync(list, 'utf8'))) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
`;

/** A Side that writes `files` with plain writeFileSync calls from a bare Node process (the list is read from one JSON file). */
function floorSide(tag: string, files: [string, string][]): Side {
  const script = join(WORK, 'floor.cjs');
  if (!existsSync(script)) writeFileSync(script, FLOOR_SCRIPT);
  const list = join(WORK, `floor-${tag}.json`);
  writeFileSync(list, JSON.stringify(files));
  return {
    run: (dir) => run(NODE, [script, list, dir], `floor ${tag}`, { cwd: dir }),
    does: `node writes the ${files.length} files the command writes`,
  };
}

function template(side: Side): string {
  const dir = fixture();
  side.setup?.(dir);
  return dir;
}

/**
 * Flushes the file system (sync(1)) before each timed run, outside the timing. On this VM's ext4, creating a
 * file cost from 0.06 to about 1 ms (mostly kernel time) depending on what earlier runs left to write back:
 * removing the previous run's copy (hundreds of files), or the dirty pages and journal of the runs before.
 * A user's repository is quiet when they run a command; each timed run now starts from a quiet disk too, and
 * copies are removed only after a scenario's last run. Both sides get the same.
 */
function settleDisk(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}

function timed(side: Side, tpl: string): { ms: number; dir: string } {
  const dir = fixture(tpl);
  settleDisk();
  const start = performance.now();
  side.run(dir);
  const ms = performance.now() - start;
  return { ms, dir };
}

/** One warm-up each, then `runs` alternated pairs (original, ours, original, ours…), each on a fresh fixture. */
export function comparePair(s: CliScenario, runs: number): PairResult {
  const tplO = template(s.original);
  const tplU = template(s.ours);
  const warmO = timed(s.original, tplO);
  const warmU = timed(s.ours, tplU);
  const afterO = treeOf(warmO.dir);
  const afterU = treeOf(warmU.dir);
  const floors = s.floor ? { original: written(tplO, warmO.dir), ours: written(tplU, warmU.dir) } : undefined;
  rmSync(warmO.dir, { recursive: true });
  rmSync(warmU.dir, { recursive: true });
  const floorSides = floors && {
    original: floorSide('original', floors.original),
    ours: floorSide('ours', floors.ours),
  };
  const o: number[] = [];
  const u: number[] = [];
  const fo: number[] = [];
  const fu: number[] = [];
  const used: string[] = [];
  /** Times one run of `side` on a fresh copy of `tpl`; the copy is removed after the last run. */
  const sample = (side: Side, tpl: string, into: number[]) => {
    const run = timed(side, tpl);
    into.push(run.ms);
    used.push(run.dir);
  };
  for (let i = 0; i < runs; i++) {
    sample(s.original, tplO, o);
    sample(s.ours, tplU, u);
    if (!floorSides) continue;
    sample(floorSides.original, tplO, fo);
    sample(floorSides.ours, tplU, fu);
  }
  for (const dir of used) rmSync(dir, { recursive: true });
  const so = stats(o);
  const su = stats(u);
  return {
    id: s.id,
    label: s.label,
    original: { ...so, does: s.original.does, after: { files: afterO.files, bytes: afterO.bytes } },
    ours: { ...su, does: s.ours.does, after: { files: afterU.files, bytes: afterU.bytes } },
    ratio: Math.round((su.median / so.median) * 1000) / 1000,
    pairRatios: stats(u.map((x, i) => x / o[i]!)),
    ...(floors
      ? {
          floor: {
            original: { ...stats(fo), files: floors.original.length },
            ours: { ...stats(fu), files: floors.ours.length },
          },
        }
      : {}),
  };
}

/** Plain `node -e ""`: what any Node CLI pays before running a line of its own (in `env`: default, the bench's). */
export function nodeBaseline(runs: number, env: NodeJS.ProcessEnv = BENCH_ENV): Stats {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    run(NODE, ['-e', ''], 'node -e', { env });
    if (i > 0) samples.push(performance.now() - start);
  }
  return stats(samples);
}

// ---- peak RSS ----

export type RssMethod = '/usr/bin/time -v' | 'process.resourceUsage().maxRSS (--require wrapper)';

const TIME = '/usr/bin/time';
let wrapper: string | undefined;

/** Peak resident set size of one process, in MiB (1024 × 1024 bytes). */
function peakRss(script: string, args: string[], cwd: string): { mb: number; method: RssMethod } {
  if (existsSync(TIME)) {
    const r = run(TIME, ['-v', NODE, script, ...args], `time -v ${args[0]}`, { cwd });
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (kb) return { mb: Number(kb[1]) / 1024, method: '/usr/bin/time -v' };
  }
  if (!wrapper) {
    wrapper = join(WORK, 'max-rss.cjs');
    writeFileSync(
      wrapper,
      "process.on('exit', () => require('fs').writeFileSync(process.env.BG_BENCH_RSS_OUT, String(process.resourceUsage().maxRSS)));\n",
    );
  }
  const out = join(WORK, `rss-${++counter}.txt`);
  run(NODE, ['--require', wrapper, script, ...args], `rss ${args[0]}`, {
    cwd,
    env: { ...BENCH_ENV, BG_BENCH_RSS_OUT: out },
  });
  const kb = Number(readFileSync(out, 'utf8'));
  return { mb: kb / 1024, method: 'process.resourceUsage().maxRSS (--require wrapper)' };
}

export interface RssResult extends Stats {
  method: RssMethod;
  does: string;
}

/** Peak RSS (MB) over `runs` fresh fixtures prepared by `setup`. */
export function rss(
  which: 'ours' | 'original',
  setup: (dir: string) => void,
  args: string[],
  runs: number,
  does: string,
): RssResult {
  const tpl = fixture();
  setup(tpl);
  const samples: number[] = [];
  let method: RssMethod = '/usr/bin/time -v';
  for (let i = 0; i < runs; i++) {
    const dir = fixture(tpl);
    const r = peakRss(
      which === 'ours' ? OURS : ORIGINAL,
      which === 'ours' ? [...args, '--dir', dir] : args,
      dir,
    );
    samples.push(r.mb);
    method = r.method;
    rmSync(dir, { recursive: true });
  }
  return { ...stats(samples), method, does };
}
