import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Disk } from '../../src/hosts/atomic-file.js';
import { isTempName } from '../../src/hosts/atomic-file.js';
import { localHost } from '../../src/hosts/local.js';
import type { FileChange } from '../../src/core/model.js';

/**
 * Scale (issue 18): a sync of 16,000 files flushed them one after another, a journal commit each (about a
 * minute on the bench's virtual machine). Files are now flushed in rounds, several in flight at once, and
 * still every file is on the disk before it takes its name (so a power cut leaves it wholly old or new).
 */
let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'bg-flush-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** node:fs with the flushes and the placing steps recorded. */
function recordingDisk() {
  const opened = new Map<number, string>();
  const flushed = new Set<string>();
  const placedUnflushed: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const disk: Record<string, unknown> = { ...fs };
  disk['openSync'] = (path: string, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    opened.set(fd, path);
    return fd;
  };
  disk['fsyncSync'] = (fd: number) => {
    fs.fsyncSync(fd);
    flushed.add(opened.get(fd)!);
  };
  disk['fsync'] = (fd: number, done: (e: NodeJS.ErrnoException | null) => void) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const path = opened.get(fd)!;
    fs.fsync(fd, (error) => {
      inFlight--;
      if (!error) flushed.add(path);
      done(error);
    });
  };
  const placing =
    (name: 'linkSync' | 'renameSync') =>
    (from: string, to: string): void => {
      const base = from.slice(from.lastIndexOf('/') + 1);
      if (isTempName(base) && !flushed.has(from)) placedUnflushed.push(to);
      (fs[name] as (a: string, b: string) => void)(from, to);
    };
  disk['linkSync'] = placing('linkSync');
  disk['renameSync'] = placing('renameSync');
  return {
    disk: disk as unknown as Disk,
    figures: () => ({ placedUnflushed, maxInFlight, flushed: flushed.size }),
  };
}

const agent = (i: number) => `---\nname: a${i}\n---\nBody ${i}.\n`;

it('flushes files several at a time, and each one before it is put in place (creates and updates)', async () => {
  writeFileSync(join(root, 'AGENTS.md'), 'old\n');
  const changes: FileChange[] = [
    ...Array.from({ length: 100 }, (_, i) => ({
      path: `.claude/agents/a${String(i).padStart(3, '0')}.md`,
      operation: 'create' as const,
      content: agent(i),
    })),
    { path: 'AGENTS.md', operation: 'update', content: 'new\n', before: 'old\n' },
  ];
  const { disk, figures } = recordingDisk();
  await localHost(root, { disk }).apply(changes);
  const f = figures();
  expect(f.placedUnflushed).toEqual([]);
  expect(f.flushed).toBe(101);
  expect(f.maxInFlight).toBeGreaterThan(1);
  expect(readFileSync(join(root, '.claude/agents/a042.md'), 'utf8')).toBe(agent(42));
  expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe('new\n');
  expect(fs.readdirSync(join(root, '.claude/agents')).filter(isTempName)).toEqual([]);
});

it('a flush that fails in a later round: every file is restored, no temporary file stays, the message names a file', async () => {
  writeFileSync(join(root, 'AGENTS.md'), 'old\n');
  const changes: FileChange[] = [
    { path: 'AGENTS.md', operation: 'update', content: 'new\n', before: 'old\n' },
    ...Array.from({ length: 80 }, (_, i) => ({
      path: `.claude/agents/a${String(i).padStart(3, '0')}.md`,
      operation: 'create' as const,
      content: agent(i),
    })),
  ];
  let flushes = 0;
  const disk: Record<string, unknown> = { ...fs };
  disk['fsync'] = (fd: number, done: (e: NodeJS.ErrnoException | null) => void) => {
    if (++flushes === 50) done(Object.assign(new Error('EIO: injected'), { code: 'EIO' }));
    else fs.fsync(fd, done);
  };
  const failed = localHost(root, { disk: disk as unknown as Disk }).apply(changes);
  await expect(failed).rejects.toThrow(/`\.claude\/agents\/a\d{3}\.md`.*every file was restored/);
  expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe('old\n');
  const left = fs.readdirSync(root, { recursive: true }).map(String);
  expect(left).toEqual(['AGENTS.md']);
});
