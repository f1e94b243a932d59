import { jest } from '@jest/globals';
import * as fs from 'node:fs';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChange } from '../../src/core/model.js';
import { isLockPartPath, LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';
import { partPath } from '../../src/core/lock-parts.js';
import { writeRank } from '../../src/core/write-order.js';
import { preparePlan } from '../../src/engine.js';
import { isTempName, type Disk } from '../../src/hosts/atomic-file.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { localHost } from '../../src/hosts/local.js';
import { cli, snapshot, writeRepoFile } from '../helpers/repo.js';
import { AGENTS_FOLDER, everyPlatformManifest, syntheticAgents } from '../helpers/synthetic-agents.js';

/**
 * A lock in parts (issue 18) as a person meets it on disk: hand edits refused with the file and the fix, the
 * folder's other files never touched, and a run killed between the parts and the root finished by the next.
 * 200 synthetic agents on every platform: a 540 KB lock, in 16 parts.
 */
jest.setTimeout(240_000);

let work: string;
/** Synced repositories: `big` (200 agents, a lock in parts) and `small` (50 agents, a lock in one file). */
let big: string;
let small: string;
const agents = (n: number) => syntheticAgents(n);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bg-lock-parts-'));
  big = join(work, 'big');
  small = join(work, 'small');
  for (const [dir, n] of [
    [big, 200],
    [small, 50],
  ] as const) {
    for (const [path, text] of Object.entries({ ...everyPlatformManifest(), ...agents(n) }))
      writeRepoFile(dir, path, text);
    expect((await cli(dir, 'sync')).code).toBe(0);
  }
  expect(existsSync(join(big, partPath('0')))).toBe(true);
  expect(existsSync(join(small, '.github/blue-gardener.lock.d'))).toBe(false);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
const copyOf = (dir: string) => {
  const to = join(work, `copy-${n++}`);
  cpSync(dir, to, { recursive: true });
  return to;
};
const partsOf = (dir: string) => Object.keys(snapshot(dir)).filter(isLockPartPath).sort();

describe('a lock in parts, edited by hand', () => {
  it('a part entry pointing outside our folders is refused, naming the part, and nothing is written', async () => {
    const dir = copyOf(big);
    const path = partPath('7');
    const part = JSON.parse(fs.readFileSync(join(dir, path), 'utf8'));
    part.files[0].path = '.github/workflows/release.yml';
    writeRepoFile(dir, path, JSON.stringify(part));
    writeRepoFile(dir, '.github/workflows/release.yml', 'on: push\n');
    const before = snapshot(dir);
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain('a path outside the folders blue-gardener writes');
    expect(run.stderr).toContain(`git checkout -- ${path}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a part deleted by hand: sync and check name it and say how to restore it', async () => {
    const dir = copyOf(big);
    rmSync(join(dir, partPath('c')));
    const before = snapshot(dir);
    for (const command of ['sync', 'check']) {
      const run = await cli(dir, command);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`its part \`${partPath('c')}\` is missing`);
      expect(run.stderr).toContain(`git checkout -- ${partPath('c')}`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('an entry moved to another part is refused', async () => {
    const dir = copyOf(big);
    const from = JSON.parse(fs.readFileSync(join(dir, partPath('1')), 'utf8'));
    const to = JSON.parse(fs.readFileSync(join(dir, partPath('2')), 'utf8'));
    to.files.push(from.files.pop());
    writeRepoFile(dir, partPath('1'), JSON.stringify(from));
    writeRepoFile(dir, partPath('2'), JSON.stringify(to));
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(partPath('2'));
    expect(run.stderr).toContain('belongs in part "1"');
  });
});

describe('the parts folder: only our names are ours', () => {
  const theirs = {
    '.github/blue-gardener.lock.d/zz.json': '{"mine": true}\n',
    '.github/blue-gardener.lock.d/README.md': '# Our notes about the lock\n',
    '.github/blue-gardener.lock.d/notes/0.json': '[]\n',
    '.github/blue-gardener.lock.d/0.json.orig': 'a backup someone kept\n',
  };

  it('a person’s files there are never deleted; parts the lock no longer names are', async () => {
    const dir = copyOf(big);
    for (const [path, text] of Object.entries(theirs)) writeRepoFile(dir, path, text);
    // A killed run's leftover parts of another size: ours by name, named by no root.
    writeRepoFile(dir, partPath('0a'), '{"version": 2, "part": "0a", "files": []}\n');
    writeRepoFile(dir, partPath('12345678'), 'anything\n');
    expect((await cli(dir, 'sync')).code).toBe(0);
    const after = snapshot(dir);
    for (const [path, text] of Object.entries(theirs)) expect(after[path]).toBe(text);
    expect(after[partPath('0a')]).toBeUndefined();
    expect(after[partPath('12345678')]).toBeUndefined();
    expect(partsOf(dir)).toHaveLength(16);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it.each([
    ['big', () => big],
    ['small', () => small],
  ])(
    'a binary file, a link and a folder of links of a person there stop nothing, and are left as they are (%s lock)',
    async (_, of) => {
      const dir = copyOf(of());
      const bytes = Buffer.from([0xef, 0xbb, 0x00, 0xff, 0xfe, 0x80, 0x0a]);
      writeRepoFile(dir, '.github/blue-gardener.lock.d/README.md', '# notes\n');
      fs.writeFileSync(join(dir, '.github/blue-gardener.lock.d/diagram.png'), bytes);
      fs.symlinkSync('README.md', join(dir, '.github/blue-gardener.lock.d/latest.md'));
      fs.mkdirSync(join(dir, '.github/blue-gardener.lock.d/old'));
      fs.symlinkSync('/etc/passwd', join(dir, '.github/blue-gardener.lock.d/old/passwd'));
      for (const command of ['sync', 'check', 'doctor']) {
        const run = await cli(dir, command);
        expect({ command, code: run.code, lockFolder: run.stderr.includes('lock.d') }).toEqual({
          command,
          code: 0,
          lockFolder: false,
        });
      }
      expect(fs.readFileSync(join(dir, '.github/blue-gardener.lock.d/diagram.png'))).toEqual(bytes);
      expect(fs.readlinkSync(join(dir, '.github/blue-gardener.lock.d/latest.md'))).toBe('README.md');
      expect(fs.readlinkSync(join(dir, '.github/blue-gardener.lock.d/old/passwd'))).toBe('/etc/passwd');
    },
  );

  it('a link named like a part is still refused', async () => {
    const dir = copyOf(big);
    fs.rmSync(join(dir, partPath('3')));
    fs.symlinkSync('README.md', join(dir, partPath('3')));
    const run = await cli(dir, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`\`${partPath('3')}\` is a symbolic link`);
  });

  it('a lock that becomes small again deletes its parts and keeps the person’s files', async () => {
    const dir = copyOf(big);
    for (const [path, text] of Object.entries(theirs)) writeRepoFile(dir, path, text);
    for (let i = 50; i < 200; i++)
      rmSync(join(dir, AGENTS_FOLDER, `team-agent-${String(i).padStart(5, '0')}.md`));
    expect((await cli(dir, 'sync')).code).toBe(0);
    expect(partsOf(dir)).toEqual([]);
    const after = snapshot(dir);
    for (const [path, text] of Object.entries(theirs)) expect(after[path]).toBe(text);
    expect(after[LOCK_PATH]).toBe(snapshot(small)[LOCK_PATH]);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('--frozen counts a change of a part as a change of the lock', async () => {
    const dir = copyOf(big);
    const part = JSON.parse(fs.readFileSync(join(dir, partPath('4')), 'utf8'));
    part.files.pop();
    writeRepoFile(dir, partPath('4'), JSON.stringify(part, null, 2));
    const before = snapshot(dir);
    const run = await cli(dir, 'sync', '--frozen');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--frozen: the lock would change');
    expect(snapshot(dir)).toEqual(before);
  });
});

/**
 * node:fs recording the order in which repository paths take their new state (placed, or deleted), and which
 * of the placed files were flushed to the disk before taking their name.
 */
function orderRecordingDisk(root: string) {
  const order: string[] = [];
  const flushedPaths: string[] = [];
  const opened = new Map<number, string>();
  const flushed = new Set<string>();
  const disk: Record<string, unknown> = { ...fs };
  const rel = (p: string) => p.slice(root.length + 1);
  const temp = (p: string) => isTempName(p.slice(p.lastIndexOf('/') + 1));
  disk['openSync'] = (path: string, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    opened.set(fd, path);
    return fd;
  };
  disk['fsyncSync'] = (fd: number) => {
    fs.fsyncSync(fd);
    flushed.add(opened.get(fd)!);
  };
  const placing =
    (name: 'linkSync' | 'renameSync') =>
    (from: string, to: string): void => {
      (fs[name] as (a: string, b: string) => void)(from, to);
      if (temp(from) && !temp(to)) {
        order.push(rel(to));
        if (flushed.has(from)) flushedPaths.push(rel(to));
      }
    };
  disk['linkSync'] = placing('linkSync');
  disk['renameSync'] = placing('renameSync');
  for (const name of ['rmSync', 'unlinkSync'] as const)
    disk[name] = (path: string, ...rest: unknown[]) => {
      (fs[name] as (...a: unknown[]) => void)(path, ...rest);
      if (!temp(path)) order.push(rel(path));
    };
  return { disk: disk as unknown as Disk, order, flushedPaths };
}

/** The changes a sync of `dir` would make, in the order the local host writes them. */
async function plannedChanges(dir: string): Promise<FileChange[]> {
  const result = await preparePlan(localHost(dir), bundledCatalog());
  return [...result.changes].sort((a, b) => writeRank(a) - writeRank(b));
}

/** Writes the first `count` changes by hand, as a run killed after them would have left the folder. */
function applyFirst(dir: string, changes: readonly FileChange[], count: number): void {
  for (const change of changes.slice(0, count)) {
    if (change.operation === 'delete') rmSync(join(dir, change.path));
    else writeRepoFile(dir, change.path, change.content!);
  }
}

describe('a run killed between the lock’s parts and its root', () => {
  /** Edits a copy of `from` as a person would, then returns it with the planned changes and the final state. */
  async function transition(from: string, edit: (dir: string) => void) {
    const dir = copyOf(from);
    edit(dir);
    const changes = await plannedChanges(dir);
    const final = copyOf(dir);
    expect((await cli(final, 'sync')).code).toBe(0);
    return { dir, changes, final: snapshot(final) };
  }
  /** Kill points: after the generated files, after half the parts, after every part, after the root. */
  function cuts(changes: FileChange[]): number[] {
    const lastBefore = (rank: number) => changes.filter((c) => writeRank(c) < rank).length;
    const parts = changes.filter((c) => writeRank(c) === 2).length;
    return [...new Set([lastBefore(2), lastBefore(2) + Math.floor(parts / 2), lastBefore(3), lastBefore(4)])];
  }
  async function killedAndResumed(t: { dir: string; changes: FileChange[]; final: Record<string, string> }) {
    for (const cut of cuts(t.changes)) {
      const dir = copyOf(t.dir);
      applyFirst(dir, t.changes, cut);
      const resumed = await cli(dir, 'sync');
      expect({ cut, code: resumed.code, error: resumed.stderr.includes('error') }).toEqual({
        cut,
        code: 0,
        error: false,
      });
      expect({ cut, same: JSON.stringify(snapshot(dir)) === JSON.stringify(t.final) }).toEqual({
        cut,
        same: true,
      });
      expect({ cut, check: (await cli(dir, 'check')).code }).toEqual({ cut, check: 0 });
    }
  }

  it('writes in that order: generated files, parts, root, then the parts it no longer has; parts flushed like the root', async () => {
    // A lock that grows into parts: generated files and parts are written, then the root.
    const growing = copyOf(small);
    for (const [path, text] of Object.entries(agents(200))) writeRepoFile(growing, path, text);
    const recorded = orderRecordingDisk(growing);
    await localHost(growing, { disk: recorded.disk }).apply(await plannedChanges(growing));
    const order = recorded.order;
    const root = order.indexOf(LOCK_PATH);
    const parts = order.flatMap((p, i) => (isLockPartPath(p) ? [i] : []));
    const generated = order.flatMap((p, i) => (p.startsWith('.') && !p.startsWith('.github/') ? [i] : []));
    expect(parts).toHaveLength(16);
    expect(generated.length).toBeGreaterThan(16);
    expect(Math.max(...generated)).toBeLessThan(Math.min(...parts));
    expect(Math.max(...parts)).toBeLessThan(root);
    expect(root).toBe(order.length - 1);
    // The parts are the lock: each on the disk before it takes its name, as the root is (power loss).
    expect(recorded.flushedPaths.filter(isLockPartPath)).toHaveLength(16);
    expect(recorded.flushedPaths).toContain(LOCK_PATH);

    // Fewer platforms: a small lock again, so every part is deleted, after the root.
    const shrinking = copyOf(big);
    writeRepoFile(
      shrinking,
      MANIFEST_PATH,
      `version: 1\nplatforms: [claude-code, codex]\ncustom-agents: ${AGENTS_FOLDER}\n`,
    );
    const again = orderRecordingDisk(shrinking);
    await localHost(shrinking, { disk: again.disk }).apply(await plannedChanges(shrinking));
    const at = again.order.indexOf(LOCK_PATH);
    const deleted = again.order.filter(isLockPartPath);
    expect(deleted).toHaveLength(16);
    for (const p of deleted) expect(again.order.indexOf(p)).toBeGreaterThan(at);
    expect(again.order.slice(0, at).some((p) => p.startsWith('.cursor/'))).toBe(true);
  });

  it('a lock in parts that changes: the next sync finishes the job and check passes', async () => {
    const t = await transition(big, (dir) => {
      const more = agents(210);
      for (let i = 200; i < 210; i++) {
        const path = `${AGENTS_FOLDER}/team-agent-${String(i).padStart(5, '0')}.md`;
        writeRepoFile(dir, path, more[path]!);
      }
      rmSync(join(dir, AGENTS_FOLDER, 'team-agent-00007.md'));
      const edited = join(dir, AGENTS_FOLDER, 'team-agent-00005.md');
      fs.appendFileSync(edited, 'One more step.\n');
    });
    expect(t.changes.filter((c) => isLockPartPath(c.path)).length).toBeGreaterThan(1);
    await killedAndResumed(t);
  });

  it('a lock that grows into parts: the next sync finishes the job and check passes', async () => {
    const t = await transition(small, (dir) => {
      for (const [path, text] of Object.entries(agents(200))) writeRepoFile(dir, path, text);
    });
    expect(t.changes.filter((c) => isLockPartPath(c.path))).toHaveLength(16);
    await killedAndResumed(t);
  });

  it('a lock that shrinks out of parts: the next sync finishes the job and check passes', async () => {
    const t = await transition(big, (dir) => {
      for (let i = 50; i < 200; i++)
        rmSync(join(dir, AGENTS_FOLDER, `team-agent-${String(i).padStart(5, '0')}.md`));
    });
    expect(t.changes.filter((c) => isLockPartPath(c.path) && c.operation === 'delete')).toHaveLength(16);
    await killedAndResumed(t);
  });
});
