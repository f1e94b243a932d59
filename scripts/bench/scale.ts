// Size: synthetic ~4 KB custom agents at 47, 250, 1,000 and 5,000 on every platform one repository can hold.
// The CLI as a whole process (first sync, no-op sync, check: wall time, peak RSS, per generated file), and the
// action against the tests' fake GitHub with github.com's limits on (requests per run, largest request body).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixture, ours, rss, treeOf } from './cli.js';

export interface ScaleRow {
  agents: number;
  files: number;
  /** The root lock file; a lock in parts adds `lockParts` files, the largest `largestPartBytes`. */
  lockBytes: number;
  lockParts: number;
  largestPartBytes: number;
  firstMs: number;
  noopMs: number;
  checkMs: number;
  firstRssMb: number;
  noopRssMb: number;
  perFileUs: number;
  action?: {
    first: { requests: number; largestBody: number; largestOperation: string; trees: number; ms: number };
    later: { requests: number; largestBody: number; ms: number };
    failed?: string;
  };
}

const timed = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

export async function scaleSide(sizes: number[], log: (m: string) => void): Promise<ScaleRow[]> {
  const { syntheticAgents, everyPlatformManifest } =
    await import('../../__tests__/helpers/synthetic-agents.js');
  const { fakeGitHub } = await import('../../__tests__/helpers/fake-github.js');
  const { runAction } = await import('../../__tests__/helpers/action-harness.js');
  const rows: ScaleRow[] = [];
  for (const n of sizes) {
    log(`scale: ${n} agents…`);
    const files = { ...everyPlatformManifest(), ...syntheticAgents(n) };
    const write = (dir: string) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    };
    const tpl = fixture();
    write(tpl);
    const dir = fixture(tpl);
    const firstMs = timed(() => ours(dir, ['sync', '--dir', dir]));
    const noopMs = timed(() => ours(dir, ['sync', '--dir', dir]));
    const checkMs = timed(() => ours(dir, ['check', '--dir', dir]));
    const generated = treeOf(dir).files - Object.keys(files).length - 1; // minus inputs and README.md
    const { existsSync, readdirSync, statSync } = await import('node:fs');
    const lockBytes = statSync(join(dir, '.github/blue-gardener.lock')).size;
    const partsDir = join(dir, '.github/blue-gardener.lock.d');
    const partSizes = existsSync(partsDir)
      ? readdirSync(partsDir)
          .filter((name) => /^[0-9a-f]{1,8}\.json$/.test(name))
          .map((name) => statSync(join(partsDir, name)).size)
      : [];
    rmSync(dir, { recursive: true, force: true });
    const firstRss = rss('ours', write, ['sync'], 1, 'first sync');
    const noopRss = rss('ours', (d) => (write(d), ours(d, ['sync', '--dir', d])), ['sync'], 1, 'no-op sync');
    rmSync(tpl, { recursive: true, force: true });
    const row: ScaleRow = {
      agents: n,
      files: generated,
      lockBytes,
      lockParts: partSizes.length,
      largestPartBytes: Math.max(0, ...partSizes),
      firstMs: Math.round(firstMs),
      noopMs: Math.round(noopMs),
      checkMs: Math.round(checkMs),
      firstRssMb: Math.round(firstRss.median),
      noopRssMb: Math.round(noopRss.median),
      perFileUs: Math.round((firstMs * 1000) / generated),
    };
    // The action, commit mode, against github.com's limits: the first run writes everything, the later one nothing.
    const fake = fakeGitHub();
    fake.seed('acme/big', files);
    const run = () =>
      runAction(fake, {
        event: 'push',
        repo: 'acme/big',
        inputs: { mode: 'commit', repository: 'acme/big' },
      });
    let start = performance.now();
    const first = await run();
    const firstRun = { ms: Math.round(performance.now() - start), count: fake.requests.length };
    const firstRequests = fake.requests.slice();
    start = performance.now();
    const later = await run();
    const laterMs = Math.round(performance.now() - start);
    const laterRequests = fake.requests.slice(firstRun.count);
    const largest = (rs: typeof firstRequests) => Math.max(0, ...rs.map((r) => r.bodyBytes));
    const largestOperation = (rs: typeof firstRequests) =>
      rs.reduce((a, b) => (b.bodyBytes > a.bodyBytes ? b : a), rs[0]!).operation;
    row.action = {
      first: {
        requests: firstRequests.length,
        largestBody: largest(firstRequests),
        largestOperation: largestOperation(firstRequests),
        trees: firstRequests.filter((r) => r.operation === 'git.createTree').length,
        ms: firstRun.ms,
      },
      later: { requests: laterRequests.length, largestBody: largest(laterRequests), ms: laterMs },
      ...(first.failed || later.failed ? { failed: first.failed ?? later.failed } : {}),
    };
    rows.push(row);
    // Each size as soon as it is measured: the 5,000-agent size takes minutes on a busy machine.
    log(`scale: ${JSON.stringify(row)}`);
  }
  return rows;
}
