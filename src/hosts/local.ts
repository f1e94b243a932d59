import { lstat, mkdir, readFile, readdir, realpath, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { SourceFile } from '../core/catalog.js';
import { UserError } from '../core/errors.js';
import { decodeUtf8 } from '../core/text-input.js';
import type { Host } from './host.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A working tree on disk. Writes are all-or-nothing: on any failure, every file written so far is restored. */
export function localHost(root: string): Host {
  /** The absolute path of a repository path, refusing anything that resolves outside the root (symlinks included). */
  async function inside(path: string): Promise<string> {
    const absolute = join(root, path);
    const realRoot = await realpath(root);
    let probe = absolute;
    // The deepest existing ancestor must resolve inside the root: a symlinked folder cannot lead us out.
    for (;;) {
      try {
        const real = await realpath(probe);
        const rel = relative(realRoot, real);
        if (rel.startsWith('..') || rel.startsWith(sep)) {
          throw new UserError(`\`${path}\` leads outside the repository (through a symbolic link)`, {
            location: { file: path },
            hint: 'replace the link with a real folder inside the repository',
          });
        }
        return absolute;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const parent = dirname(probe);
        if (parent === probe) return absolute;
        probe = parent;
      }
    }
  }

  async function read(path: string): Promise<string | undefined> {
    const absolute = await inside(path);
    let bytes: Buffer;
    try {
      const info = await lstat(absolute);
      if (info.isSymbolicLink()) {
        throw new UserError(
          `\`${path}\` is a symbolic link; blue-gardener reads and writes regular files only`,
          { location: { file: path } },
        );
      }
      if (!info.isFile())
        throw new UserError(`\`${path}\` is not a regular file`, { location: { file: path } });
      if (info.size > MAX_FILE_BYTES)
        throw new UserError(`\`${path}\` is larger than 2 MiB`, { location: { file: path } });
      bytes = await readFile(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return decodeUtf8(bytes, path);
  }

  return {
    label: root,
    read,
    async readMany(paths) {
      const entries = await Promise.all(paths.map(async (p) => [p, await read(p)] as const));
      return new Map(entries);
    },
    async listAgentFiles(dir) {
      const absolute = await inside(dir);
      let names: string[];
      try {
        const info = await lstat(absolute);
        if (info.isSymbolicLink()) {
          throw new UserError(`the custom agent folder \`${dir}\` is a symbolic link`, {
            location: { file: dir },
            hint: 'use a real folder inside the repository',
          });
        }
        names = (await readdir(absolute)).filter((n) => n.endsWith('.md')).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const files: SourceFile[] = [];
      for (const name of names) {
        const path = `${dir}/${name}`;
        const text = await read(path);
        if (text !== undefined) files.push({ path, text });
      }
      return files;
    },
    async apply(changes) {
      const undo: (() => Promise<void>)[] = [];
      try {
        for (const change of changes) {
          const absolute = await inside(change.path);
          const previous = await readFile(absolute).catch(() => undefined);
          const createdDirs = await mkdirsFor(absolute);
          undo.push(async () => {
            if (previous === undefined) await rm(absolute, { force: true });
            else await writeFile(absolute, previous);
            for (const d of createdDirs.reverse()) await rmdir(d).catch(() => undefined);
          });
          if (change.operation === 'delete') {
            await rm(absolute, { force: true });
            await removeEmptyParents(absolute, root);
          } else {
            const temp = `${absolute}.blue-gardener-tmp`;
            await writeFile(temp, change.content!, 'utf8');
            await rename(temp, absolute);
          }
        }
      } catch (error) {
        for (const step of undo.reverse()) await step().catch(() => undefined);
        throw error;
      }
    },
  };
}

async function mkdirsFor(file: string): Promise<string[]> {
  const created: string[] = [];
  let dir = dirname(file);
  const missing: string[] = [];
  for (;;) {
    try {
      await lstat(dir);
      break;
    } catch {
      missing.push(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const d of missing.reverse()) {
    await mkdir(d);
    created.push(d);
  }
  return created;
}

/** After deleting a generated file, remove the folders it leaves empty (never the root). */
async function removeEmptyParents(file: string, root: string): Promise<void> {
  let dir = dirname(file);
  while (relative(root, dir) && !relative(root, dir).startsWith('..')) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
