/**
 * Runs one tool inside the network namespace created by `unshare -n` (only loopback, which this script
 * brings up). Optionally serves a recording "model endpoint" on 127.0.0.1 that stores every request
 * and refuses it with HTTP 400, so the tool stops after its first model call — except the paths given
 * in `responses`, answered with their JSON (a tool that needs its vendor's settings before it loads
 * agents gets them from there).
 *
 * Usage (from run.ts): unshare -n node --import tsx sandbox.ts <spec.json>
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { RecordedRequest, SandboxOutput } from './types.js';

export interface SandboxSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Port of the recording endpoint; absent = no endpoint. */
  recordPort?: number;
  /** Request paths (the end of the URL) answered with HTTP 200 and this JSON instead of a refusal. */
  responses?: Record<string, unknown>;
  /** After the last recorded request, how long to wait before stopping the tool. */
  settleMs: number;
  outFile: string;
}

const MAX_OUTPUT = 8 * 1024 * 1024;

function bringUpLoopback(): void {
  const ip = spawnSync('ip', ['link', 'set', 'lo', 'up'], { encoding: 'utf8' });
  if (ip.status !== 0) throw new Error(`cannot bring up loopback: ${ip.stderr || ip.error?.message}`);
}

function startRecorder(
  port: number,
  requests: RecordedRequest[],
  onRequest: () => void,
  responses: Record<string, unknown> = {},
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      onRequest();
      const path = (req.url ?? '').split('?')[0]!;
      const answer = Object.entries(responses).find(([end]) => path.endsWith(end));
      if (answer) {
        const json = JSON.stringify(answer[1]);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
        return;
      }
      const body = JSON.stringify({
        error: {
          type: 'invalid_request_error',
          code: 'compat_refused',
          message: 'blue-gardener compat: request recorded and refused (offline check)',
        },
      });
      res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function main(): Promise<void> {
  const specFile = process.argv[2];
  if (!specFile) throw new Error('usage: sandbox.ts <spec.json>');
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as SandboxSpec;
  bringUpLoopback();

  const requests: RecordedRequest[] = [];
  let settleTimer: NodeJS.Timeout | undefined;
  const group: { pid?: number } = {};
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (group.pid) process.kill(-group.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = (): void => {
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), 3000).unref();
  };
  const server =
    spec.recordPort === undefined
      ? undefined
      : await startRecorder(
          spec.recordPort,
          requests,
          () => {
            if (settleTimer) clearTimeout(settleTimer);
            settleTimer = setTimeout(stop, spec.settleMs);
          },
          spec.responses,
        );

  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
  });

  group.pid = child.pid;
  let timedOut = false;
  const timeout = setTimeout(() => {
    timedOut = true;
    stop();
  }, spec.timeoutMs);

  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => {
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
      resolve([null, null]);
    });
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  clearTimeout(timeout);
  if (settleTimer) clearTimeout(settleTimer);
  killGroup('SIGKILL');
  server?.close();
  const output: SandboxOutput = { exitCode, signal, timedOut, stdout, stderr, requests };
  writeFileSync(spec.outFile, JSON.stringify(output));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(3);
  },
);
