import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Disk } from '../../src/hosts/atomic-file.js';
import { isTempName } from '../../src/hosts/atomic-file.js';
import { localHost } from '../../src/hosts/local.js';
import type { FileChange } from '../../src/core/model.js';
import { LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';

/**
 * Which files are flushed (issue 18): a sync of 16,000 files flushed each one, a disk commit each — half of
 * the run. A killed process cannot lose what it wrote, so only a power cut needs the flush, and only two
 * files are worth it: the manifest (a person's text) and the lock (what the next run plans from). Both are on
 * the disk before they take their name; generated files are not flushed (SECURITY.md, "Power loss").
 */
let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'bg-flush-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** node:fs with the flushes and the placing steps recorded. */
function recordingDisk(failFlushOf?: string) {
  const opened = new Map<number, string>();
  const flushed = new Set<string>();
  const placed: { to: string; flushed: boolean }[] = [];
  const disk: Record<string, unknown> = { ...fs };
  disk['openSync'] = (path: string, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    opened.set(fd, path);
    return fd;
  };
  disk['fsyncSync'] = (fd: number) => {
    const path = opened.get(fd)!;
    if (failFlushOf && path.includes(failFlushOf))
      throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
    fs.fsyncSync(fd);
    flushed.add(path);
  };
  const placing =
    (name: 'linkSync' | 'renameSync') =>
    (from: string, to: string): void => {
      const base = from.slice(from.lastIndexOf('/') + 1);
      if (isTempName(base)) placed.push({ to: to.slice(root.length + 1), flushed: flushed.has(from) });
      (fs[name] as (a: string, b: string) => void)(from, to);
    };
  disk['linkSync'] = placing('linkSync');
  disk['renameSync'] = placing('renameSync');
  return { disk: disk as unknown as Disk, placed };
}

const agent = (i: number) => `---\nname: a${i}\n---\nBody ${i}.\n`;

function changes(): FileChange[] {
  mkdirSync(join(root, '.github'));
  writeFileSync(join(root, 'AGENTS.md'), 'old\n');
  writeFileSync(join(root, MANIFEST_PATH), 'version: 1\n');
  return [
    { path: LOCK_PATH, operation: 'create', content: '{}\n' },
    ...Array.from({ length: 40 }, (_, i) => ({
      path: `.claude/agents/a${String(i).padStart(3, '0')}.md`,
      operation: 'create' as const,
      content: agent(i),
    })),
    { path: 'AGENTS.md', operation: 'update', content: 'new\n', before: 'old\n' },
    {
      path: MANIFEST_PATH,
      operation: 'update',
      content: 'version: 1\nplatforms: []\n',
      before: 'version: 1\n',
    },
  ];
}

it('flushes the manifest and the lock before they take their name, and no generated file', async () => {
  const { disk, placed } = recordingDisk();
  await localHost(root, { disk }).apply(changes());
  expect(placed.filter((p) => p.flushed).map((p) => p.to)).toEqual([MANIFEST_PATH, LOCK_PATH]);
  expect(placed.filter((p) => !p.flushed)).toHaveLength(41);
  // the crash order: the manifest first, the lock last
  expect(placed[0]!.to).toBe(MANIFEST_PATH);
  expect(placed.at(-1)!.to).toBe(LOCK_PATH);
  expect(readFileSync(join(root, '.claude/agents/a012.md'), 'utf8')).toBe(agent(12));
  expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe('new\n');
  expect(fs.readdirSync(join(root, '.claude/agents')).filter(isTempName)).toEqual([]);
});

it('a flush of the lock that fails: every file is restored, no temporary file stays, the message names the lock', async () => {
  const list = changes();
  const before = fs.readdirSync(root, { recursive: true }).map(String).sort();
  const { disk } = recordingDisk('blue-gardener.lock');
  const failed = localHost(root, { disk }).apply(list);
  await expect(failed).rejects.toThrow(/`\.github\/blue-gardener\.lock`.*every file was restored/);
  expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe('old\n');
  expect(readFileSync(join(root, MANIFEST_PATH), 'utf8')).toBe('version: 1\n');
  expect(fs.readdirSync(root, { recursive: true }).map(String).sort()).toEqual(before);
});
