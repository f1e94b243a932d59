import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localHost } from '../../src/hosts/local.js';
import { lockPath, lockRepository } from '../../src/hosts/local-lock.js';

/** One writer per repository (issue 15, item 5): the lock, its wait, its message, stale locks; compare-and-swap. */
let root: string;
let elsewhere: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bg-lock-'));
  elsewhere = mkdtempSync(join(tmpdir(), 'bg-lockdir-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

/** The pid of a process that has exited (ids are not reused this fast). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the repository lock', () => {
  it('lives in .git/ when it is a folder, else outside the repository, keyed by the real path', () => {
    const outside = lockPath(root, { fallbackDir: elsewhere });
    expect(outside.startsWith(elsewhere)).toBe(true);
    expect(outside.startsWith(root)).toBe(false);
    expect(lockPath(root, { fallbackDir: elsewhere })).toBe(outside);
    mkdirSync(join(root, '.git'));
    expect(lockPath(root)).toBe(join(root, '.git', 'blue-gardener.lock'));
  });

  it('a second run waits, then refuses with the holder’s pid and the lock file; released, it is free', async () => {
    const release = await lockRepository(root, root, { fallbackDir: elsewhere });
    const file = lockPath(root, { fallbackDir: elsewhere });
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid}\n`);
    const started = Date.now();
    await expect(lockRepository(root, root, { fallbackDir: elsewhere, waitMs: 300 })).rejects.toThrow(
      `another blue-gardener run is in progress in ${root} (pid ${process.pid}); wait for it or delete ${file} if it is stale`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    release();
    expect(existsSync(file)).toBe(false);
    (await lockRepository(root, root, { fallbackDir: elsewhere, waitMs: 0 }))();
  });

  it('a waiting run gets the lock as soon as the holder releases it', async () => {
    const release = await lockRepository(root, root, { fallbackDir: elsewhere });
    setTimeout(release, 200);
    const second = await lockRepository(root, root, { fallbackDir: elsewhere, waitMs: 5000 });
    second();
  });

  it('a lock left by a killed run (its process is gone) is broken at once', async () => {
    const file = lockPath(root, { fallbackDir: elsewhere });
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(file, `${deadPid()}\n`);
    const release = await lockRepository(root, root, { fallbackDir: elsewhere, waitMs: 0 });
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid}\n`);
    release();
  });

  it('a lock held by a live process is never broken', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const file = lockPath(root, { fallbackDir: elsewhere });
      writeFileSync(file, `${holder.pid}\n`);
      await expect(lockRepository(root, root, { fallbackDir: elsewhere, waitMs: 200 })).rejects.toThrow(
        `(pid ${holder.pid})`,
      );
      expect(readFileSync(file, 'utf8')).toBe(`${holder.pid}\n`);
      expect(readdirSync(elsewhere)).toEqual([file.slice(elsewhere.length + 1)]);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('compare and swap: a file changed since the plan is never overwritten or deleted', () => {
  it.each(['update', 'delete'] as const)(
    '%s of a file that changed meanwhile: refused, the batch undone',
    async (operation) => {
      mkdirSync(join(root, '.claude/agents'), { recursive: true });
      writeFileSync(join(root, 'AGENTS.md'), 'before\n');
      writeFileSync(join(root, '.claude/agents/a.md'), 'changed by someone else\n');
      const failed = localHost(root).apply([
        { path: 'AGENTS.md', operation: 'update', content: 'after\n', before: 'before\n' },
        {
          path: '.claude/agents/a.md',
          operation,
          before: 'as planned\n',
          ...(operation === 'update' ? { content: 'ours\n' } : {}),
        },
      ]);
      await expect(failed).rejects.toThrow('`.claude/agents/a.md` changed while blue-gardener was planning');
      expect(readFileSync(join(root, 'AGENTS.md'), 'utf8')).toBe('before\n');
      expect(readFileSync(join(root, '.claude/agents/a.md'), 'utf8')).toBe('changed by someone else\n');
      expect(readdirSync(join(root, '.claude/agents'))).toEqual(['a.md']);
    },
  );
});
