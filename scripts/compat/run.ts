/** Installing the tools into the cache, generating the files, and running a tool in the sandbox. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxSpec } from './sandbox.js';
import type { Adapter, SandboxOutput } from './types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function cacheRoot(): string {
  if (process.env.BLUE_GARDENER_COMPAT_CACHE) return path.resolve(process.env.BLUE_GARDENER_COMPAT_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'blue-gardener-compat');
}

function installedVersion(dir: string, spec: string): string | undefined {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at);
  const file = path.join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

/** Installs the adapter's pinned packages into its cache folder (needs the registry; skipped when present). */
export function install(adapter: Adapter): { ok: boolean; log: string } {
  const dir = path.join(cacheRoot(), adapter.cacheDir);
  const wanted = adapter.packages.filter(
    (spec) => installedVersion(dir, spec) !== spec.slice(spec.lastIndexOf('@') + 1),
  );
  if (wanted.length === 0 && existsSync(path.join(dir, adapter.bin))) return { ok: true, log: 'cached' };
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path.join(dir, 'package.json'))) {
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  }
  const npm = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--save-exact', ...adapter.packages],
    { cwd: dir, encoding: 'utf8', timeout: 10 * 60_000 },
  );
  const log = `${npm.stdout ?? ''}${npm.stderr ?? ''}`.trim();
  return { ok: npm.status === 0 && existsSync(path.join(dir, adapter.bin)), log };
}

export function binPath(adapter: Adapter): string {
  return path.join(cacheRoot(), adapter.cacheDir, adapter.bin);
}

/** The command and leading arguments that start the tool (Node and the loader script, for a library). */
export function command(adapter: Adapter): { command: string; args: string[] } {
  if (!adapter.script) return { command: binPath(adapter), args: [] };
  const script = path.join(repoRoot, 'scripts', 'compat', 'loaders', adapter.script);
  return { command: process.execPath, args: [script, path.join(cacheRoot(), adapter.cacheDir)] };
}

/** `unshare -n` works here (needs root or unprivileged user namespaces). */
export function namespaceCheck(): string | undefined {
  const plain = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
  if (plain.status === 0) return undefined;
  const mapped = spawnSync('unshare', ['-rn', 'true'], { encoding: 'utf8' });
  if (mapped.status === 0) return undefined;
  return (plain.stderr || plain.error?.message || 'unshare -n failed').trim();
}

function unshareArgs(): string[] {
  return spawnSync('unshare', ['-n', 'true']).status === 0 ? ['-n'] : ['-rn'];
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The environment a tool gets: no inherited credentials or proxies, only what the adapter adds. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    HOME: home,
    USER: os.userInfo().username,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(home, 'tmp'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
  };
}

export interface SandboxRequest {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  work: string;
  record: boolean;
  port: number;
  timeoutMs: number;
  settleMs: number;
  /** See SandboxSpec.responses. */
  responses?: Record<string, unknown>;
}

/** Runs a command with `unshare -n` (loopback only) and returns what it printed and sent. */
export function runSandboxed(request: SandboxRequest): SandboxOutput {
  const specFile = path.join(request.work, 'sandbox-spec.json');
  const outFile = path.join(request.work, 'sandbox-out.json');
  rmSync(outFile, { force: true });
  const spec: SandboxSpec = {
    command: request.command,
    args: request.args,
    cwd: request.cwd,
    env: request.env,
    timeoutMs: request.timeoutMs,
    settleMs: request.settleMs,
    outFile,
    ...(request.record ? { recordPort: request.port, responses: request.responses } : {}),
  };
  writeFileSync(specFile, JSON.stringify(spec, null, 2));
  const sandbox = path.join(repoRoot, 'scripts', 'compat', 'sandbox.ts');
  const result = spawnSync(
    'unshare',
    [...unshareArgs(), process.execPath, '--import', tsxLoader, sandbox, specFile],
    { encoding: 'utf8', timeout: request.timeoutMs + 30_000 },
  );
  if (!existsSync(outFile)) {
    const why = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim() || `exit ${result.status}`;
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      stdout: '',
      stderr: `sandbox failed: ${why}`,
      requests: [],
    };
  }
  const output = JSON.parse(readFileSync(outFile, 'utf8')) as SandboxOutput;
  writeFileSync(path.join(request.work, 'requests.json'), JSON.stringify(output.requests, null, 2));
  return output;
}

/** A copy of the generated repository for one tool, minus the paths it should not see. */
export function copyRepo(generated: string, target: string, omit: readonly string[] = []): void {
  rmSync(target, { recursive: true, force: true });
  cpSync(generated, target, {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(generated, source);
      return !omit.some((prefix) => rel === prefix || rel.startsWith(`${prefix}${path.sep}`));
    },
  });
}

/** The tool's version as it reports it (run offline too); a library's from its package.json. */
export function toolVersion(adapter: Adapter, work: string, home: string): string {
  if (adapter.script) {
    const spec = adapter.packages[0]!;
    return installedVersion(path.join(cacheRoot(), adapter.cacheDir), spec) ?? '?';
  }
  const out = runSandboxed({
    command: binPath(adapter),
    args: ['--version'],
    cwd: work,
    env: baseEnv(home),
    work,
    record: false,
    port: 0,
    timeoutMs: 60_000,
    settleMs: 0,
  });
  const match = `${out.stdout}\n${out.stderr}`.match(/\d+\.\d+\.\d+(?:-[\w.]+)?/);
  return match ? match[0] : '?';
}

export type Generator = 'dist' | 'source';

/** Runs our CLI (built bundle, or the sources through tsx) with the given arguments. */
export function runCli(
  generator: Generator,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const command =
    generator === 'dist'
      ? [process.execPath, path.join(repoRoot, 'dist', 'cli', 'index.cjs')]
      : [process.execPath, '--import', tsxLoader, path.join(repoRoot, 'src', 'cli', 'run.ts')];
  const [bin, ...rest] = command as [string, ...string[]];
  const result = spawnSync(bin, [...rest, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 5 * 60_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}
