import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';

/** A scratch repository folder with the given files. */
export function scratchRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'blue-gardener-test-'));
  for (const [path, content] of Object.entries(files)) writeRepoFile(dir, path, content);
  return dir;
}

export function writeRepoFile(dir: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

export function readRepoFile(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** Every file under the folder, path → content, sorted: compare two of them to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, 'latin1');
    }
  };
  walk(dir);
  return out;
}

export function removeRepo(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI in-process, as a user would type it. */
export async function cli(dir: string, ...args: string[]) {
  const output = memoryOutput();
  const code = await main([...args, '--dir', dir], { output, version: 'test' });
  return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
}

export function manifest(body: string): Record<string, string> {
  return { '.github/blue-gardener.yml': body };
}
