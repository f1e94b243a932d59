// The CLI's `sync` with a 200-agent local git source (BENCH_ONLY=source-200): the first sync of a fresh
// repository with a cold source cache (ls-remote, a depth-1 fetch, one cat-file batch), the same with the
// cache warm (another repository that uses the source), and a no-op sync (the locked commit, nothing fetched).
// Wall time of the whole process and its peak RSS (/usr/bin/time -v when present, else the process's own).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ENV, OURS, WORK, fixture, writeManifest } from './cli.js';
import { stats, type Stats } from './stats.js';

export const SOURCE_AGENTS = 200;
const TIME = '/usr/bin/time';

export interface SourceBench {
  agents: number;
  platforms: string[];
  files: number;
  first: { ms: Stats; rssMb: Stats };
  warm: { ms: Stats; rssMb: Stats };
  noop: { ms: Stats; rssMb: Stats };
  /** Control, under the same load: the same 200 agents as the repository's custom agents, first sync. */
  custom: { ms: Stats; rssMb: Stats };
}

function git(dir: string, ...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
}

/** A local git repository holding `count` agents, in 10 folders, with a README the reader skips. */
function makeSource(count: number): string {
  const dir = join(WORK, `source-${count}`);
  mkdirSync(dir, { recursive: true });
  git(dir, '-c', 'init.defaultBranch=main', 'init', '-q');
  for (let i = 0; i < count; i++) {
    const name = `agent-${String(i).padStart(3, '0')}`;
    const folder = join(dir, 'agents', `team-${i % 10}`);
    mkdirSync(folder, { recursive: true });
    const body = `You are ${name}. Review the change, run the tests and explain each finding with its file and line.\n`;
    writeFileSync(
      join(folder, `${name}.md`),
      `---\nname: ${name}\ndescription: Agent ${i} of the organisation catalog\ncategory: quality\ntags: [review, team-${i % 10}]\n---\n\n${body.repeat(20)}`,
    );
  }
  writeFileSync(join(dir, 'agents', 'README.md'), '# Our catalog\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'catalog');
  return dir;
}

/** One `sync` of ours in `dir`, with its own temporary folder (so the source cache is as `tmp` holds it). */
function timedSync(dir: string, tmp: string): { ms: number; rssMb: number } {
  const args = [OURS, 'sync', '--dir', dir];
  const env = { ...BENCH_ENV, TMPDIR: tmp };
  const timed = existsSync(TIME);
  const start = process.hrtime.bigint();
  const r = timed
    ? spawnSync(TIME, ['-v', process.execPath, ...args], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`sync with a source exited ${r.status}: ${r.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: kb ? Number(kb[1]) / 1024 : NaN };
}

export function sourceSide(runs: number, log: (m: string) => void): SourceBench {
  log(`CLI sync with a ${SOURCE_AGENTS}-agent local git source (${runs} runs)…`);
  const source = makeSource(SOURCE_AGENTS);
  const platforms = ['claude-code', 'cursor', 'codex'];
  const names = Array.from({ length: SOURCE_AGENTS }, (_, i) => `acme/agent-${String(i).padStart(3, '0')}`);
  const text = `version: 1\nplatforms: [${platforms.join(', ')}]\nsources:\n  acme: { git: 'file://${source}', ref: main, path: agents }\nagents:\n${names.map((n) => `  - ${n}\n`).join('')}`;
  const first: { ms: number; rssMb: number }[] = [];
  const warm: { ms: number; rssMb: number }[] = [];
  const noop: { ms: number; rssMb: number }[] = [];
  const custom: { ms: number; rssMb: number }[] = [];
  const customText = `version: 1\nplatforms: [${platforms.join(', ')}]\n`;
  let files = 0;
  for (let i = 0; i < runs; i++) {
    const tmp = join(WORK, `source-tmp-${i}`);
    mkdirSync(tmp);
    const dir = fixture();
    writeManifest(dir, text);
    first.push(timedSync(dir, tmp)); // cold cache: this run's own temporary folder is empty
    noop.push(timedSync(dir, tmp));
    const again = fixture();
    writeManifest(again, text);
    warm.push(timedSync(again, tmp)); // the cache holds the commit: no fetch
    const control = fixture();
    writeManifest(control, customText);
    cpSync(join(source, 'agents'), join(control, '.github/blue-gardener/agents'), { recursive: true });
    for (let t = 0; t < 10; t++)
      for (const f of readdirSync(join(control, '.github/blue-gardener/agents', `team-${t}`)))
        renameSync(
          join(control, '.github/blue-gardener/agents', `team-${t}`, f),
          join(control, '.github/blue-gardener/agents', f),
        );
    for (let t = 0; t < 10; t++)
      rmSync(join(control, '.github/blue-gardener/agents', `team-${t}`), { recursive: true });
    rmSync(join(control, '.github/blue-gardener/agents/README.md'));
    custom.push(timedSync(control, tmp));
    if (i === 0) {
      const r = spawnSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=all'], {
        encoding: 'utf8',
      });
      files = r.stdout.split('\n').filter((l) => l && !l.endsWith('blue-gardener.yml')).length;
    }
  }
  const pack = (xs: { ms: number; rssMb: number }[]) => ({
    ms: stats(xs.map((x) => x.ms)),
    rssMb: stats(xs.map((x) => x.rssMb)),
  });
  return {
    agents: SOURCE_AGENTS,
    platforms,
    files,
    first: pack(first),
    warm: pack(warm),
    noop: pack(noop),
    custom: pack(custom),
  };
}
