// The committed bin as a user runs it: `node dist/cli/index.cjs`, which loads dist/cli/engine.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../src/version.js';
import { manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../dist/cli/index.cjs', import.meta.url));
let repo: string | undefined;
let temp: string;
beforeEach(() => (temp = mkdtempSync(join(tmpdir(), 'bg-bin-'))));
afterEach(() => {
  if (repo) removeRepo(repo);
  repo = undefined;
  rmSync(temp, { recursive: true, force: true });
});

/** Runs the bin with its own temporary folder, where the code cache goes. */
const bin = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TMPDIR: temp } });

describe('the committed bin (dist/cli/index.cjs)', () => {
  it('answers --version without loading the engine', () => {
    const result = bin('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(existsSync(join(temp, `blue-gardener-cache-${process.getuid?.() ?? 0}`))).toBe(false);
  });

  it('runs the engine through the code cache: sync writes the files, the next sync finds nothing to do', () => {
    const dir = scratchRepo(
      manifest(
        'version: 1\nplatforms: [claude-code]\nagents: [blue-react-developer, blue-state-management-expert]\n',
      ), // the two route to each other: no warning
    );
    repo = dir;
    const first = bin('sync', '--dir', dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(existsSync(join(dir, '.claude/agents/blue-react-developer.md'))).toBe(true);
    const [cache] = readdirSync(join(temp, `blue-gardener-cache-${process.getuid?.() ?? 0}`));
    expect(cache).toMatch(/\.v8$/);
    const tree = snapshot(dir);
    const second = bin('sync', '--dir', dir);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Up to date');
    expect(snapshot(dir)).toEqual(tree);
  });

  it('fails with exit 2 and a usage message on an unknown command', () => {
    const result = bin('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('frobnicate');
  });
});
