import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isTempName } from '../../src/hosts/atomic-file.js';

/**
 * Crashes and concurrency against the built CLI (issue 15, items 4 and 5), as a user meets them: real
 * processes, `kill -9` at random moments during a sync with creates, updates and deletes, two syncs at once,
 * two different `add`s at once. Randomness is seeded (BLUE_GARDENER_CRASH_SEED) so a failure can be replayed.
 */
const BIN = join(process.cwd(), 'dist/cli/index.cjs');
const SEED = Number(process.env.BLUE_GARDENER_CRASH_SEED ?? 15);
const KILLS = 30;
const PAIRS = 20;
jest.setTimeout(240_000);

/** mulberry32: a small seedable generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the built CLI. `kill`: SIGKILL `after` ms from the start, or, with `watch`, `after` ms from the first
 * change in that folder (so the kill lands while files are being written, not while Node starts).
 */
function run(dir: string, args: string[], kill?: { after: number; watch?: string }): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args, '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), kill!.after));
    const watcher = kill?.watch === undefined ? undefined : watch(join(dir, kill.watch), arm);
    if (kill && !watcher) arm();
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Every file under `dir` but `.git/` and our temporary files, path → bytes; temporary files are counted. */
function files(dir: string): { tree: Map<string, string>; temps: number } {
  const tree = new Map<string, string>();
  let temps = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git' || d !== dir) walk(full);
      } else if (isTempName(e.name)) temps++;
      else tree.set(relative(dir, full), readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return { tree, temps };
}

const same = (a: Map<string, string>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

const PLATFORMS = '[claude-code, cursor, codex, gemini, opencode, qwen]';
const custom = (name: string, body: string) =>
  `---\nname: ${name}\ndescription: Custom agent ${name} for the crash test.\ncategory: testing\ntags: [crash]\n---\n${body}\n`;

let work: string;
let template: string;
let before: Map<string, string>;
let after: Map<string, string>;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bg-crash-'));
  template = join(work, 'template');
  const write = (path: string, text: string) => {
    mkdirSync(join(template, path, '..'), { recursive: true });
    writeFileSync(join(template, path), text);
  };
  mkdirSync(join(template, '.git'), { recursive: true });
  write('AGENTS.md', '# Our own notes\n\nKeep this text.\n');
  write(
    '.github/blue-gardener.yml',
    `version: 1\nplatforms: ${PLATFORMS}\nprofiles: [frontend-react, python]\nagents: [mine-a, mine-b]\n`,
  );
  write('.github/blue-gardener/agents/mine-a.md', custom('mine-a', 'Body one of a.'));
  write('.github/blue-gardener/agents/mine-b.md', custom('mine-b', 'Body one of b.'));
  expect((await run(template, ['sync'])).code).toBe(0);
  // The next sync has creates (backend-node agents), updates (the custom agents' bodies, AGENTS.md, the lock)
  // and deletes (front-end agents).
  write(
    '.github/blue-gardener.yml',
    `version: 1\nplatforms: ${PLATFORMS}\nprofiles: [backend-node, python]\nagents: [mine-a, mine-b]\n`,
  );
  write('.github/blue-gardener/agents/mine-a.md', custom('mine-a', 'Body two of a.'));
  write('.github/blue-gardener/agents/mine-b.md', custom('mine-b', 'Body two of b.'));
  before = files(template).tree;
  const done = join(work, 'done');
  cpSync(template, done, { recursive: true });
  expect((await run(done, ['sync'])).code).toBe(0);
  after = files(done).tree;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh copy of the template (the old state, with the edited manifest and agents). */
function fresh(name: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  return dir;
}

it('the planned sync has creates, updates and deletes (so a kill can land in each)', () => {
  const created = [...after.keys()].filter((p) => !before.has(p)).length;
  const deleted = [...before.keys()].filter((p) => !after.has(p)).length;
  const updated = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p)).length;
  expect({ created, deleted, updated }).toEqual({
    created: expect.any(Number),
    deleted: expect.any(Number),
    updated: expect.any(Number),
  });
  expect(Math.min(created, deleted, updated)).toBeGreaterThan(10);
});

it(`kill -9 at ${KILLS} random moments: every file wholly old or new; the next sync reaches the plan; check passes`, async () => {
  const next = random(SEED);
  const figures = { kills: 0, midBatch: 0, partial: 0, leftovers: 0, resyncFailed: 0, checkFailed: 0 };
  const problems: string[] = [];
  // Runs that finish before their kill do not count: try until KILLS kills have landed (bounded).
  for (let i = 0; figures.kills < KILLS && i < KILLS * 3; i++) {
    const repo = fresh('crash');
    // One kill in four at any moment of the run (start-up, planning, writing); the others within 150 ms of the
    // first write (`.claude/agents/` is written first: changes are applied in path order).
    const anywhere = i % 4 === 0;
    const delay = Math.floor(next() * (anywhere ? 600 : 150));
    const killed = await run(
      repo,
      ['sync'],
      anywhere ? { after: delay } : { after: delay, watch: '.claude/agents' },
    );
    if (killed.signal !== 'SIGKILL') continue; // finished before the kill: not counted
    figures.kills++;
    const { tree, temps } = files(repo);
    figures.leftovers += temps;
    for (const path of new Set([...tree.keys(), ...before.keys(), ...after.keys()])) {
      const now = tree.get(path);
      if (now !== before.get(path) && now !== after.get(path)) {
        figures.partial++;
        problems.push(
          `kill ${i}: ${path} is neither old nor new (${now === undefined ? 'missing' : `${now.length} bytes`})`,
        );
      }
    }
    if (!same(tree, before) && !same(tree, after)) figures.midBatch++;
    const resync = await run(repo, ['sync']);
    if (resync.code !== 0 || !same(files(repo).tree, after)) {
      figures.resyncFailed++;
      problems.push(`kill ${i}: the next sync exited ${resync.code}: ${resync.stdout} ${resync.stderr}`);
    }
    const left = files(repo).temps;
    if (left) problems.push(`kill ${i}: ${left} temporary file(s) left after the next sync`);
    const check = await run(repo, ['check']);
    if (check.code !== 0) figures.checkFailed++;
  }
  // The figures for the issue's closing note.
  console.info(`crash test (seed ${SEED}): ${JSON.stringify(figures)}`);
  expect(problems).toEqual([]);
  expect(figures.kills).toBe(KILLS);
  expect(figures.midBatch).toBeGreaterThan(0);
  expect(figures).toMatchObject({ partial: 0, resyncFailed: 0, checkFailed: 0 });
});

const BUSY = 'another blue-gardener run is in progress';

it(`two syncs at once, ${PAIRS} times: the planned state every time, check passes`, async () => {
  const figures = { pairs: 0, bothWrote: 0, refused: 0, corrupt: 0 };
  const problems: string[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const repo = fresh('pair');
    const both = await Promise.all([run(repo, ['sync']), run(repo, ['sync'])]);
    figures.pairs++;
    for (const r of both) {
      if (r.code === 1 && r.stderr.includes(BUSY)) figures.refused++;
      else if (r.code !== 0) problems.push(`pair ${i}: exit ${r.code}: ${r.stderr}`);
    }
    if (both.every((r) => r.code === 0)) figures.bothWrote++;
    const { tree } = files(repo);
    const check = await run(repo, ['check']);
    if (!same(tree, after) || check.code !== 0) {
      figures.corrupt++;
      problems.push(`pair ${i}: the files are not the planned state (check exited ${check.code})`);
    }
  }
  console.info(`concurrent syncs: ${JSON.stringify(figures)}`);
  expect(problems).toEqual([]);
  expect(figures.corrupt).toBe(0);
});

it(`two different adds at once, ${PAIRS} times: each add that exits 0 is in the manifest (no lost update)`, async () => {
  const small = join(work, 'small');
  mkdirSync(join(small, '.github'), { recursive: true });
  mkdirSync(join(small, '.git'));
  writeFileSync(
    join(small, '.github/blue-gardener.yml'),
    'version: 1\nplatforms: [claude-code, codex]\nagents:\n  - blue-react-developer\n',
  );
  expect((await run(small, ['sync'])).code).toBe(0);
  const figures = { pairs: 0, bothLanded: 0, refused: 0, lost: 0, checkFailed: 0 };
  const problems: string[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const repo = join(work, 'adds');
    rmSync(repo, { recursive: true, force: true });
    cpSync(small, repo, { recursive: true });
    const names = ['blue-docker-specialist', 'blue-python-code-reviewer'];
    const both = await Promise.all(names.map((n) => run(repo, ['add', n])));
    figures.pairs++;
    const manifest = readFileSync(join(repo, '.github/blue-gardener.yml'), 'utf8');
    both.forEach((r, k) => {
      if (r.code === 0 && !manifest.includes(names[k]!)) {
        figures.lost++;
        problems.push(`pair ${i}: \`add ${names[k]}\` exited 0 but the manifest lacks it`);
      } else if (r.code === 1 && r.stderr.includes(BUSY)) figures.refused++;
      else if (r.code !== 0) problems.push(`pair ${i}: exit ${r.code}: ${r.stderr}`);
    });
    if (names.every((n) => manifest.includes(n))) figures.bothLanded++;
    if ((await run(repo, ['check'])).code !== 0) figures.checkFailed++;
  }
  console.info(`concurrent adds: ${JSON.stringify(figures)}`);
  expect(problems).toEqual([]);
  expect(figures).toMatchObject({ lost: 0, checkFailed: 0 });
});
