// npm run bench: times the engine in-process and the CLI as a whole process; writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { preparePlan } from '../src/engine.js';
import { bundledCatalog } from '../src/hosts/bundled-catalog.js';
import { memoryHost } from '../src/hosts/memory.js';
import { platformIds } from '../src/platforms/registry.js';

const cli = join(process.cwd(), 'dist/cli/index.js');
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return {
    median: +s[Math.floor(s.length / 2)]!.toFixed(2),
    min: +s[0]!.toFixed(2),
    max: +s[s.length - 1]!.toFixed(2),
    runs: s.length,
  };
};
const starter = 'version: 1\nplatforms: [claude-code, cursor, codex]\nprofiles: [core]\n';
const everything = `version: 1\nplatforms: [${platformIds.join(', ')}]\nagents: [${[...bundledCatalog().agents.keys()].join(', ')}]\n`;

async function inProcess(manifest: string, iterations: number) {
  const catalog = bundledCatalog();
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < iterations; i++) {
    const host = memoryHost({ '.github/blue-gardener.yml': manifest });
    const start = performance.now();
    const result = await preparePlan(host, catalog);
    samples.push(performance.now() - start);
    files = result.plan.changes.length;
  }
  return { ...stats(samples), files };
}

function processRuns(args: string[], manifest: string, runs: number, presync: boolean) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const repo = mkdtempSync(join(tmpdir(), 'bg-bench-'));
    cpSync('examples/demo-repo/AGENTS.md', join(repo, 'AGENTS.md'));
    execFileSync('mkdir', ['-p', join(repo, '.github')]);
    writeFileSync(join(repo, '.github/blue-gardener.yml'), manifest);
    if (presync) execFileSync('node', [cli, 'sync', '--dir', repo], { stdio: 'ignore' });
    const start = performance.now();
    execFileSync('node', [cli, ...args, '--dir', repo], { stdio: 'ignore' });
    samples.push(performance.now() - start);
    rmSync(repo, { recursive: true, force: true });
  }
  return stats(samples);
}

const results = {
  node: process.version,
  inProcess: {
    'starter (core profile, 3 platforms): resolve+render+plan': await inProcess(starter, 50),
    'all 47 agents x 12 platforms: resolve+render+plan': await inProcess(everything, 30),
  },
  process: {
    '--version': processRuns(['--version'], starter, 10, false),
    'sync starter (core, 3 platforms)': processRuns(['sync'], starter, 10, false),
    'sync no-op (core, 3 platforms)': processRuns(['sync'], starter, 10, true),
    'sync all 47 x 12 platforms': processRuns(['sync'], everything, 5, false),
  },
};
console.table({ ...results.inProcess, ...results.process });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
