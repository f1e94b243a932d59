// npm run bench: ours against the original CLI (blue-gardener@0.2.0, a dev dependency) as whole processes,
// alternated on fresh fixture repositories; the engine in-process; peak RSS; requests per action run against
// the tests' in-memory GitHub. Prints one table, writes bench/results.json, and profiles ours (node
// --cpu-prof) wherever it misses its target. Installs nothing. BENCH_RUNS (default 9, at least 7) sets the
// number of timed pairs per CLI scenario; BENCH_PROFILE=0 skips the profiles; BENCH_ONLY=sync-6,noop-6 runs only
// those CLI scenarios (ids: startup, add-core, add-47, sync-6, noop-6; source-200: sync with a 200-agent
// local git source) and skips the rest of the benchmark, for a
// quick look while working: such a run does not write bench/results.json.
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundledCatalog } from '../src/hosts/bundled-catalog.js';
import { platformGroups } from '../src/platforms/registry.js';
import {
  cleanup,
  comparePair,
  fixture,
  keepOnly,
  manifest,
  nodeBaseline,
  original,
  ORIGINAL,
  ours,
  REMOVED_ENV,
  OURS,
  ROOT,
  rss,
  writeManifest,
  type CliScenario,
  type PairResult,
} from './bench/cli.js';
import { githubSide } from './bench/github.js';
import { scaleSide } from './bench/scale.js';
import { sourceSide } from './bench/source.js';
import { inProcess, shippedEngine } from './bench/in-process.js';
import { profile, readableTwin, type ProfileSummary } from './bench/profile.js';
import { printTable, show } from './bench/stats.js';

const RUNS = Math.max(7, Number(process.env['BENCH_RUNS'] ?? 9));
const TARGET = { cliRatio: 0.5, inProcessMs: 20, rssMb: 80 };
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

/**
 * The agents both catalogs hold (the original's are its `agents/<category>/<name>.md` files): ours has grown
 * past the original's 47, and a side-by-side must install the same agents on both sides.
 */
const originalAgents = new Set(
  readdirSync(join(ROOT, 'node_modules/blue-gardener/agents'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md') && !f.endsWith('CATALOG.md'))
    .map((f) => basename(f, '.md')),
);
const all = [...bundledCatalog().agents.keys()].filter((name) => originalAgents.has(name));
if (all.length !== 47) log(`note: the catalogs share ${all.length} agents, not 47`);
/** The six platforms the original supports, and ours for each (claude-desktop ≈ claude-code, github-copilot ≈ copilot). */
const ORIGINAL_SIX = ['claude-desktop', 'cursor', 'opencode', 'windsurf', 'codex', 'github-copilot'];
const OUR_SIX = ['claude-code', 'cursor', 'opencode', 'windsurf', 'codex', 'copilot'];
const ORIGINAL_STATE = '.cursor/agents/.blue-generated-manifest.json';
const OUR_MANIFEST = '.github/blue-gardener.yml';

/**
 * The original with all 47 agents on its six platforms. `platform add` is broken in 0.2.0 ("Unknown platform:
 * add"), so: `add <47> --platform claude-desktop`, then `add --platform <p>` for each other platform, which
 * enables it and syncs the installed agents to it (no agent argument is needed once all 47 are installed).
 */
function originalAllSix(dir: string) {
  original(dir, ['add', ...all, '--platform', ORIGINAL_SIX[0]!]);
  for (const p of ORIGINAL_SIX.slice(1)) original(dir, ['add', '--platform', p]);
}

const scenarios: CliScenario[] = [
  {
    id: 'startup',
    label: 'start-up: --version',
    original: { run: (d) => original(d, ['--version']), does: '`--version` (prints the hard-coded 0.1.0)' },
    ours: { run: (d) => ours(d, ['--version']), does: '`--version`' },
  },
  {
    id: 'add-core',
    label: 'add --profile core, 1 platform',
    original: {
      run: (d) => original(d, ['add', '--profile', 'core', '--platform', 'claude-desktop']),
      does: 'bare repo; `add --profile core --platform claude-desktop`: writes 19 .claude/agents files + its state file',
    },
    ours: {
      setup: (d) => writeManifest(d, manifest(['claude-code'])),
      run: (d) => ours(d, ['add', '--profile', 'core', '--dir', d]),
      does: 'manifest `platforms: [claude-code]`; `add --profile core`: edits the manifest, writes 19 .claude/agents files + lock',
    },
  },
  {
    id: 'add-47',
    label: 'add all 47, 1 platform',
    original: {
      run: (d) => original(d, ['add', ...all, '--platform', 'claude-desktop']),
      does: 'bare repo; `add <47 names> --platform claude-desktop`: 47 .claude/agents files + state file',
    },
    ours: {
      setup: (d) => writeManifest(d, manifest(['claude-code'])),
      run: (d) => ours(d, ['add', ...all, '--dir', d]),
      does: 'manifest `platforms: [claude-code]`; `add <47 names>`: edits the manifest, writes 47 .claude/agents files + lock',
    },
  },
  {
    id: 'sync-6',
    label: 'sync 47 × 6 platforms (files missing)',
    floor: true,
    original: {
      setup: (d) => {
        originalAllSix(d);
        keepOnly(d, ['README.md', ORIGINAL_STATE]);
      },
      run: (d) => original(d, ['sync']),
      does: 'set up with `add <47> --platform claude-desktop` then `add --platform` cursor, opencode, windsurf, codex, github-copilot; every generated file deleted, its state file kept; timed `sync` regenerates 4×47 agent files + AGENTS.md + .github/copilot-instructions.md and rewrites the state file (191 files)',
    },
    ours: {
      setup: (d) => {
        writeManifest(d, manifest(OUR_SIX, all));
        ours(d, ['sync', '--dir', d]);
        keepOnly(d, ['README.md', OUR_MANIFEST]);
      },
      run: (d) => ours(d, ['sync', '--dir', d]),
      does: `manifest \`platforms: [${OUR_SIX.join(', ')}]\` + all 47 agents; synced, then every generated file and the lock deleted (manifest kept); timed \`sync\` writes 6×47 agent files + AGENTS.md + lock (284 files)`,
    },
  },
  {
    id: 'noop-6',
    label: 'sync no-op, 47 × 6 platforms',
    original: {
      setup: originalAllSix,
      run: (d) => original(d, ['sync']),
      does: 'same set-up, everything in place; timed `sync` (the original has no no-op: it rewrites all 190 files and its state file)',
    },
    ours: {
      setup: (d) => {
        writeManifest(d, manifest(OUR_SIX, all));
        ours(d, ['sync', '--dir', d]);
      },
      run: (d) => ours(d, ['sync', '--dir', d]),
      does: 'same manifest, synced; timed `sync` reads and hashes, writes nothing',
    },
  },
];

/**
 * For a scenario timed with its floor: Node writing the same files and nothing else, and each side's own work
 * above that floor (median minus median).
 */
function floorRows(r: PairResult): string[][] {
  if (!r.floor) return [];
  const { original: fo, ours: fu } = r.floor;
  const above = { ours: r.ours.median - fu.median, original: r.original.median - fo.median };
  return [
    [
      `  floor: node writing the same files (${fu.files} / ${fo.files})`,
      show(fu),
      show(fo),
      `${(fu.median / fo.median).toFixed(2)} (the best ratio possible: ${(fu.median / r.original.median).toFixed(2)})`,
    ],
    [
      '  above the floor (median − floor median)',
      `${above.ours.toFixed(1)} ms`,
      `${above.original.toFixed(1)} ms`,
      (above.ours / above.original).toFixed(2),
    ],
  ];
}

const started = new Date().toISOString();
const load = [loadavg()];

// ---- CLI, alternated ----
const only = process.env['BENCH_ONLY']?.split(',').filter(Boolean);
// ---- size: 47 to 5,000 agents (BENCH_ONLY=scale runs only this; BENCH_SCALE=47,250 picks the sizes) ----
const scaleSizes = (process.env['BENCH_SCALE'] ?? '47,250,1000,5000').split(',').map(Number);
const scale = !only || only.includes('scale') ? await scaleSide(scaleSizes, log) : [];
if (scale.length) {
  const kb = (b: number) => `${(b / 1000).toFixed(0)} KB`;
  printTable(
    [
      'agents',
      'files',
      'lock: root + parts × largest',
      'first sync',
      'no-op',
      'check',
      'RSS first/no-op',
      'per file',
      'action first: requests, largest body, trees',
      'action later: requests, largest body',
    ],
    scale.map((r) => [
      r.agents.toLocaleString('en'),
      r.files.toLocaleString('en'),
      r.lockParts ? `${kb(r.lockBytes)} + ${r.lockParts} × ${kb(r.largestPartBytes)}` : kb(r.lockBytes),
      `${r.firstMs} ms`,
      `${r.noopMs} ms`,
      `${r.checkMs} ms`,
      `${r.firstRssMb}/${r.noopRssMb} MiB`,
      `${r.perFileUs} µs`,
      r.action?.failed
        ? `FAILED: ${r.action.failed}`
        : `${r.action!.first.requests}, ${kb(r.action!.first.largestBody)} (${r.action!.first.largestOperation}), ${r.action!.first.trees}`,
      r.action?.failed ? '' : `${r.action!.later.requests}, ${kb(r.action!.later.largestBody)}`,
    ]),
  );
}
// ---- a 200-agent local git source (BENCH_ONLY=source-200 runs only this) ----
const source = !only || only.includes('source-200') ? sourceSide(RUNS, log) : undefined;
if (source)
  printTable(
    ['CLI sync, 200-agent local git source', 'wall median [min–max]', 'peak RSS median [min–max]'],
    (['first', 'warm', 'noop', 'custom'] as const).map((k) => [
      {
        first: `first sync, cold source cache (${source.files} files written)`,
        warm: 'first sync of another repository, cache warm',
        noop: 'no-op sync (locked commit, nothing fetched)',
        custom: 'control: the same 200 agents as custom agents, first sync',
      }[k],
      show(source[k].ms),
      show(source[k].rssMb, 'MiB'),
    ]),
  );
const cli: PairResult[] = [];
for (const s of scenarios.filter((x) => !only || only.includes(x.id))) {
  log(`CLI ${s.label} (${RUNS} pairs)…`);
  cli.push(comparePair(s, RUNS));
}
log('node -e "" baseline…');
const baseline = nodeBaseline(RUNS);
/** The same with the environment as it is, when the bench removed something from it (cli.ts says why). */
const asIs = REMOVED_ENV.length ? nodeBaseline(RUNS, process.env) : undefined;
const baselineRows = [
  ['baseline: node -e ""', show(baseline), '(same node)', '—'],
  ...(asIs
    ? [[`  with ${REMOVED_ENV.join(', ')} as set here (not used below)`, show(asIs), '(same node)', '—']]
    : []),
];
if (only) {
  cleanup();
  printTable(
    ['scenario', 'ours median [min–max]', 'original median [min–max]', 'ratio ours/original'],
    [
      ...baselineRows,
      ...cli.flatMap((r) => [[r.label, show(r.ours), show(r.original), r.ratio.toFixed(2)], ...floorRows(r)]),
    ],
  );
  process.exit(0);
}

// ---- in-process ----
log('in-process…');
const starter = 'version: 1\nplatforms: [claude-code, cursor, codex]\nprofiles: [core]\n';
// The largest group of targets that can be enabled together (kiro-cli excludes kiro).
const everyTarget = platformGroups()[0]!;
const everything = manifest(everyTarget, all);
const allLabel = `all 47 agents × ${everyTarget.length} platforms`;
const syncLabel = `ours: sync 47 × ${everyTarget.length} (first sync, ${47 * everyTarget.length + 2} files)`;
const engine = await shippedEngine(ROOT);
const inProc = {
  'starter (core profile, 3 platforms)': await inProcess(engine, starter, 100, 20),
  [allLabel]: await inProcess(engine, everything, 100, 20),
};

// ---- peak RSS ----
log('peak RSS…');
const peak = {
  [syncLabel]: rss(
    'ours',
    (d) => writeManifest(d, everything),
    ['sync'],
    5,
    `manifest with all 47 agents on ${everyTarget.length} platforms; \`sync\` writes ${47 * everyTarget.length} agent files + AGENTS.md + lock`,
  ),
  'ours: sync 47 × 6 (first sync, 284 files)': rss(
    'ours',
    (d) => writeManifest(d, manifest(OUR_SIX, all)),
    ['sync'],
    5,
    'as the sync-6 scenario',
  ),
  'original: sync 47 × 6 (191 files)': rss(
    'original',
    (d) => {
      originalAllSix(d);
      keepOnly(d, ['README.md', ORIGINAL_STATE]);
    },
    ['sync'],
    5,
    'as the sync-6 scenario',
  ),
};
const rssMain = peak[syncLabel]!;

// ---- GitHub side ----
log('GitHub side (fake GitHub, real action code)…');
const github = await githubSide(all);
load.push(loadavg());

// ---- misses and profiles ----
const misses: string[] = [];
for (const r of cli)
  if (r.ours.median > TARGET.cliRatio * r.original.median)
    misses.push(`${r.id}: ours ${r.ours.median} ms > ${TARGET.cliRatio} × original ${r.original.median} ms`);
const ip = inProc[allLabel]!;
if (ip.median > TARGET.inProcessMs) misses.push(`in-process: ${ip.median} ms > ${TARGET.inProcessMs} ms`);
if (rssMain.median > TARGET.rssMb)
  misses.push(`peak RSS: ${rssMain.median.toFixed(1)} MB > ${TARGET.rssMb} MB`);

const profiles: Record<string, { dist: ProfileSummary; readable?: ProfileSummary; readableError?: string }> =
  {};
let profileDir: string | undefined;
if (misses.length && process.env['BENCH_PROFILE'] !== '0') {
  profileDir = mkdtempSync(join(tmpdir(), 'bg-bench-profiles-'));
  const twin = await readableTwin(ROOT, join(profileDir, 'readable'), join(OURS, '../../catalog.json'));
  const targets: { id: string; setup?: (d: string) => void; args: (d: string) => string[] }[] = [];
  for (const r of cli) {
    if (r.ours.median <= TARGET.cliRatio * r.original.median) continue;
    const s = scenarios.find((x) => x.id === r.id)!;
    const argsOf: Record<string, (d: string) => string[]> = {
      startup: () => ['--version'],
      'add-core': (d) => ['add', '--profile', 'core', '--dir', d],
      'add-47': (d) => ['add', ...all, '--dir', d],
      'sync-6': (d) => ['sync', '--dir', d],
      'noop-6': (d) => ['sync', '--dir', d],
    };
    targets.push({ id: r.id, ...(s.ours.setup ? { setup: s.ours.setup } : {}), args: argsOf[r.id]! });
  }
  if (ip.median > TARGET.inProcessMs || rssMain.median > TARGET.rssMb)
    targets.push({
      id: 'sync-12',
      setup: (d) => writeManifest(d, everything),
      args: (d) => ['sync', '--dir', d],
    });
  for (const t of targets) {
    log(`profiling ours: ${t.id}…`);
    const tpl = fixture();
    t.setup?.(tpl);
    const dist = profile(OURS, t.args, () => fixture(tpl), 3, join(profileDir, t.id, 'dist'));
    const entry: (typeof profiles)[string] = { dist };
    if ('script' in twin)
      entry.readable = profile(
        twin.script,
        t.args,
        () => fixture(tpl),
        3,
        join(profileDir, t.id, 'readable'),
        twin.text,
      );
    else entry.readableError = twin.error;
    profiles[t.id] = entry;
  }
}
cleanup();

// ---- the table ----
const ratioCell = (r: PairResult) =>
  `${r.ratio.toFixed(2)} (pairs ${r.pairRatios.min.toFixed(2)}–${r.pairRatios.max.toFixed(2)}) ${r.ratio <= TARGET.cliRatio ? '✓' : '✗'} ≤ ${TARGET.cliRatio}`;
const rows: string[][] = [
  ...baselineRows,
  ...cli.flatMap((r) => [[r.label, show(r.ours), show(r.original), ratioCell(r)], ...floorRows(r)]),
  ...Object.entries(inProc).map(([k, v]) => [
    `in-process: ${k}, resolve+render+plan (${v.files} files)`,
    show(v, 'ms', 2),
    '—',
    k.startsWith('all')
      ? `${v.median <= TARGET.inProcessMs ? '✓' : '✗'} target ≤ ${TARGET.inProcessMs} ms`
      : '—',
  ]),
  [
    `peak RSS: sync 47 × ${everyTarget.length} (${47 * everyTarget.length + 2} files)`,
    show(rssMain, 'MB'),
    '—',
    `${rssMain.median <= TARGET.rssMb ? '✓' : '✗'} target ≤ ${TARGET.rssMb} MB`,
  ],
  [
    'peak RSS: sync 47 × 6 (files missing)',
    show(peak['ours: sync 47 × 6 (first sync, 284 files)'], 'MB'),
    show(peak['original: sync 47 × 6 (191 files)'], 'MB'),
    (
      peak['ours: sync 47 × 6 (first sync, 284 files)'].median /
      peak['original: sync 47 × 6 (191 files)'].median
    ).toFixed(2),
  ],
];
if (Array.isArray(github)) {
  for (const mode of ['no-op', 'commit', 'pull-request'] as const) {
    for (const big of [false, true]) {
      const g = github.filter((x) => x.mode === mode && x.tree.includes('50,000') === big);
      const ok = g.every(
        (x) =>
          x.requests === x.expected && x.largestBody <= 1_000_000 && !x.failed && x.openApiProblems === 0,
      );
      rows.push([
        `GitHub ${mode}, ${big ? 'tree +50,000 other files' : 'small tree'}: requests for ≈10 / ≈100 / ≈1,000 files`,
        `${g.map((x) => x.requests).join(' / ')} req (${g.map((x) => x.changedFiles).join(' / ')} files; ${g.map((x) => Math.round(x.ms)).join(' / ')} ms)`,
        '—',
        `${ok ? '✓' : '✗'} expected ${g.map((x) => x.expected).join(' / ')}, bodies ≤ 1 MB (largest ${Math.round(Math.max(...g.map((x) => x.largestBody)) / 1000)} KB)`,
      ]);
    }
  }
} else rows.push(['GitHub side', `not measured: ${github.error}`, '—', '✗']);

console.log(
  `\nblue-gardener benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${RUNS} alternated pairs per CLI scenario (after 1 warm-up each)\n`,
);
printTable(['scenario', 'ours median [min–max]', 'original median [min–max]', 'ratio ours/original'], rows);
console.log(
  `\nrss measured with: ${rssMain.method}; load average before ${load[0]!.map((x) => x.toFixed(2)).join(' ')}, after ${load[1]!.map((x) => x.toFixed(2)).join(' ')}`,
);
if (misses.length) console.log(`\nmissed targets:\n  ${misses.join('\n  ')}`);
for (const [id, p] of Object.entries(profiles)) {
  console.log(
    `\nprofile of ours, ${id} (${p.dist.runs} runs, mean self time per run; dist wall ${p.dist.wallMs} ms):`,
  );
  for (const k of p.dist.kinds)
    console.log(`  ${k.selfMs.toFixed(1).padStart(6)} ms ${k.pct.toFixed(1).padStart(5)}%  ${k.name}`);
  if (p.readable) {
    console.log('  by package (readable twin):');
    for (const k of p.readable.topPackages!.slice(0, 8))
      console.log(`  ${k.selfMs.toFixed(1).padStart(6)} ms ${k.pct.toFixed(1).padStart(5)}%  ${k.name}`);
    console.log('  top self-time functions (readable twin):');
    for (const k of p.readable.topFunctions.slice(0, 12))
      console.log(`  ${k.selfMs.toFixed(1).padStart(6)} ms ${k.pct.toFixed(1).padStart(5)}%  ${k.name}`);
  } else if (p.readableError) console.log(`  (no readable twin: ${p.readableError})`);
}
if (profileDir) console.log(`\n.cpuprofile files (open in Chrome DevTools): ${profileDir}`);

const results = {
  started,
  finished: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim(),
  loadavg: { before: load[0], after: load[1] },
  runsPerScenario: RUNS,
  sourceCli: source,
  ours: {
    script: 'dist/cli/index.cjs',
    version: readFileSync(join(ROOT, 'src/version.ts'), 'utf8').match(/'(.+)'/)?.[1],
  },
  original: {
    script: ORIGINAL.slice(ROOT.length + 1),
    version: (
      JSON.parse(readFileSync(join(ROOT, 'node_modules/blue-gardener/package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
  },
  method:
    'Wall time of the whole process (spawnSync, stdin /dev/null, stdout ignored), fresh copy of a prepared fixture per run (a git repo with one README commit, then the set-up described per side, done outside the timing), one warm-up each, then alternated pairs: original, ours, original, ours…',
  targets: TARGET,
  misses,
  environment: {
    removed: REMOVED_ENV,
    why: 'Removed from every timed process, ours and the original alike: Node reads NODE_EXTRA_CA_CERTS at start-up whether or not the program uses TLS (scripts/bench/cli.ts). BENCH_KEEP_ENV=1 keeps it.',
  },
  baseline: { 'node -e ""': baseline, ...(asIs ? { 'node -e "" (environment as is)': asIs } : {}) },
  cli,
  inProcess: inProc,
  peakRss: peak,
  github,
  profiles,
  ...(profileDir ? { profileDir } : {}),
};
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nraw figures: bench/results.json`);
