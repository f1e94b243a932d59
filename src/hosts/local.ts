import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SourceFile } from '../core/catalog.js';
import { UserError } from '../core/errors.js';
import { currentOf } from '../core/current-file.js';
import { decodeUtf8 } from '../core/text-input.js';
import { checkWritablePath } from '../core/write-allowlist.js';
import type { Host } from './host.js';

const missing = (error: unknown) =>
  (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR';

/** Whether a folder holds a file (or a link) at any depth; nested folders are looked into up to 8 deep. */
function holdsFile(dir: string, depth: number): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => !e.isDirectory() || (depth < 8 && holdsFile(join(dir, e.name), depth + 1)));
}

/**
 * A working tree on disk. Writes are all-or-nothing: on any failure, every file written so far is restored.
 * Synchronous file calls on purpose: a CLI touching a few hundred small files is fastest that way.
 */
export function localHost(root: string): Host {
  let realRoot: string | undefined;
  const checkedDirs = new Set<string>();
  /** Missing folders whose nearest existing ancestor was checked: one check per folder while reading. */
  const absentDirs = new Set<string>();

  /**
   * The absolute path of a repository path, refusing anything that resolves outside the root (symlinks
   * included). Reading remembers the missing folders it passed; writing checks every folder again.
   */
  function inside(path: string, shown = path, writing = false): string {
    realRoot ??= realpathSync(root);
    const absolute = join(root, path);
    // The deepest existing ancestor folder must resolve inside the root: a symlinked folder cannot lead us out.
    let dir = dirname(absolute);
    const passed: string[] = [];
    while (!checkedDirs.has(dir) && !absentDirs.has(dir)) {
      try {
        // A missing folder is passed over without an exception (building one costs more than the lookup).
        if (!lstatSync(dir, { throwIfNoEntry: false })) {
          passed.push(dir);
          const parent = dirname(dir);
          if (parent === dir) break;
          dir = parent;
          continue;
        }
        const rel = relative(realRoot, realpathSync(dir));
        if (rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep)) {
          throw new UserError(`\`${shown}\` leads outside the repository (through a symbolic link)`, {
            location: { file: shown },
            hint: 'replace the link with a real folder inside the repository',
          });
        }
        checkedDirs.add(dir);
        break;
      } catch (error) {
        if (!missing(error)) throw error;
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    if (!writing) for (const d of passed) absentDirs.add(d);
    return absolute;
  }

  function read(path: string): string | undefined {
    const absolute = inside(path);
    let text: string;
    try {
      const info = lstatSync(absolute, { throwIfNoEntry: false });
      if (!info) return undefined;
      if (info.isSymbolicLink()) {
        throw new UserError(
          `\`${path}\` is a symbolic link; blue-gardener reads and writes regular files only`,
          { location: { file: path } },
        );
      }
      if (!info.isFile())
        throw new UserError(`\`${path}\` is not a regular file`, { location: { file: path } });
      // No size cap here: the host reads files we wrote (the lock, generated files) and must read whatever
      // size we wrote; the inputs people write are bounded where they are parsed (yaml-text.ts, catalog.ts).
      // Node decodes in one native call; bytes that are not UTF-8 come out as U+FFFD, and only then is the
      // file decoded again strictly, to refuse it (or to keep a U+FFFD that was really there).
      text = readFileSync(absolute, 'utf8');
      if (text.includes('\ufffd')) text = decodeUtf8(readFileSync(absolute), path);
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
    return text;
  }

  return {
    label: root,
    read: async (path) => read(path),
    current: async (paths) => new Map(paths.map((p) => [p, currentOf(read(p))])),
    async has(path) {
      // Never follows the path out of the repository: a name is all detection needs (a symlinked
      // `.claude/` is listed through the link, only for names; nothing is read).
      if (path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`internal: has(${path}) outside the repository`);
      const absolute = join(root, path);
      if (!path.endsWith('/')) return lstatSync(absolute, { throwIfNoEntry: false })?.isDirectory() === false;
      return holdsFile(absolute, 0);
    },
    async listAgentFiles(dir) {
      const absolute = inside(`${dir}/x`, dir).slice(0, -2);
      let names: string[];
      try {
        if (lstatSync(absolute).isSymbolicLink()) {
          throw new UserError(`the custom agent folder \`${dir}\` is a symbolic link`, {
            location: { file: dir },
            hint: 'use a real folder inside the repository',
          });
        }
        names = readdirSync(absolute)
          .filter((n) => n.endsWith('.md'))
          .sort();
      } catch (error) {
        if (missing(error)) return [];
        throw error;
      }
      const files: SourceFile[] = [];
      for (const name of names) {
        const path = `${dir}/${name}`;
        const text = read(path);
        if (text !== undefined) files.push({ path, text });
      }
      return files;
    },
    async apply(changes) {
      // Every path is checked before the first write, so a refused path never leaves a partial change.
      for (const change of changes) checkWritablePath(change.path);
      // Folders missing when read may exist now: each is checked again before anything is written into it.
      absentDirs.clear();
      const undo: (() => void)[] = [];
      const existingDirs = new Set<string>();
      try {
        for (const change of changes) {
          const absolute = inside(change.path, change.path, true);
          const create = change.operation === 'create';
          let previous: Buffer | undefined;
          if (!create) {
            try {
              if (lstatSync(absolute, { throwIfNoEntry: false })) previous = readFileSync(absolute);
            } catch (error) {
              if (!missing(error)) throw error;
            }
          }
          const createdDirs = change.operation === 'delete' ? [] : mkdirsFor(absolute, existingDirs);
          /** Whether undoing may remove or restore what is at `absolute` (not a file someone else just made). */
          let ours = !create;
          undo.push(() => {
            if (ours) {
              if (previous === undefined) rmSync(absolute, { force: true });
              else {
                mkdirSync(dirname(absolute), { recursive: true });
                writeFileSync(absolute, previous);
              }
            }
            for (const d of createdDirs.reverse()) tryRmdir(d);
          });
          if (change.operation === 'delete') {
            rmSync(absolute, { force: true });
            removeEmptyParents(absolute, root);
          } else if (create) {
            // A new file is created exclusively, in one step: a file that appeared after the plan is never
            // overwritten (the run stops and is undone), and a new file needs no lookup or rename first.
            try {
              writeFileSync(absolute, change.content!, { encoding: 'utf8', flag: 'wx' });
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
                throw new UserError(`\`${change.path}\` appeared while blue-gardener was writing`, {
                  location: { file: change.path },
                  hint: 'nothing was changed; run the command again to plan with the file as it is now',
                });
              }
              ours = true; // it may exist, empty or part-written
              throw error;
            }
            ours = true;
          } else {
            // Write beside, then rename: a crash never leaves a file half overwritten.
            const temp = `${absolute}.blue-gardener-tmp`;
            writeFileSync(temp, change.content!, 'utf8');
            renameSync(temp, absolute);
          }
        }
      } catch (error) {
        for (const step of undo.reverse()) {
          try {
            step();
          } catch {
            // keep restoring the others
          }
        }
        throw error;
      }
    },
  };
}

/** Creates the missing folders above `file`, returning them; `existing` remembers folders seen in this batch. */
function mkdirsFor(file: string, existing: Set<string>): string[] {
  const missingDirs: string[] = [];
  for (let dir = dirname(file); !existing.has(dir); dir = dirname(dir)) {
    try {
      if (lstatSync(dir, { throwIfNoEntry: false })) {
        existing.add(dir);
        break;
      }
    } catch {
      // Not a folder on the way (ENOTDIR): treated as missing, and mkdir says what is wrong.
    }
    missingDirs.push(dir);
    if (dirname(dir) === dir) break;
  }
  missingDirs.reverse();
  for (const d of missingDirs) {
    mkdirSync(d);
    existing.add(d);
  }
  return missingDirs;
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** After deleting a generated file, remove the folders it leaves empty (never the root). */
function removeEmptyParents(file: string, root: string): void {
  for (
    let dir = dirname(file);
    relative(root, dir) && !relative(root, dir).startsWith('..');
    dir = dirname(dir)
  ) {
    if (!tryRmdir(dir)) return;
  }
}
