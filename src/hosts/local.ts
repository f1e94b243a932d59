import * as nodeFs from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../core/catalog.js';
import { UserError } from '../core/errors.js';
import { currentOf } from '../core/current-file.js';
import type { FileChange } from '../core/model.js';
import type { TreeFile } from '../core/skill.js';
import { isLockPath, MANIFEST_PATH } from '../core/paths.js';
import { decodeUtf8 } from '../core/text-input.js';
import { checkWritablePath } from '../core/write-allowlist.js';
import { writeRank } from '../core/write-order.js';
import {
  backUp,
  type Disk,
  placeNew,
  placeOver,
  removeFile,
  removeLeftovers,
  writeTemp,
} from './atomic-file.js';
import { diskError, isMissing } from './disk-errors.js';
import type { Host } from './host.js';

/**
 * Which files are flushed to the disk before they take their name: the manifest (a person's text, which `add`
 * and `remove` edit) and the lock (the record the next run plans from). Generated files are not: a killed run
 * cannot lose them (the operating system keeps what a process wrote), and after a power cut the next sync
 * writes them again — a flush per file was half of a first sync of 16,000 files (SECURITY.md, "Power loss").
 * The lock's parts (core/lock-parts.ts) are the lock: flushed too.
 */
export const mustFlush = (path: string) => path === MANIFEST_PATH || isLockPath(path);

/** How deep listTree goes into a folder (a skill's `scripts/lib/…` is a few levels). */
const MAX_TREE_DEPTH = 8;

/** Whether a folder holds a file (or a link) at any depth; nested folders are looked into up to 8 deep. */
function holdsFile(dir: string, depth: number): boolean {
  let entries;
  try {
    entries = nodeFs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((e) => !e.isDirectory() || (depth < 8 && holdsFile(join(dir, e.name), depth + 1)));
}

/** A folder's entries by name (repository-relative folder), or undefined when it cannot be listed. */
type FolderListing = (dir: string) => ReadonlyMap<string, nodeFs.Dirent> | undefined;

export interface LocalHostOptions {
  /** The file-system calls to make (tests inject faults such as a full disk); `node:fs` by default. */
  disk?: Disk;
}

/**
 * A working tree on disk. No read, write or delete goes through a symbolic link: every folder on the way and
 * the file itself are looked at with lstat. Each file is replaced in one step (a temporary file beside it,
 * then renamed or linked into place), so a crash leaves it wholly old or wholly new; a batch is
 * all-or-nothing: on any failure, every file written so far is restored. Operating-system errors become
 * messages naming the path and the fix (disk-errors.ts). Synchronous calls on purpose: a CLI touching a few
 * hundred small files is fastest that way.
 */
export function localHost(root: string, options: LocalHostOptions = {}): Host {
  const disk = options.disk ?? nodeFs;
  /** Whether the file system keeps execute bits (not on Windows). */
  const modesKept = process.platform !== 'win32';
  /** Folders seen to be real folders while reading (each looked at once), and folders seen missing. */
  const readDirs = new Set<string>();
  const absentDirs = new Set<string>();
  /** The folder of every path read: a writing run clears a killed run's temporary files from each of them. */
  const readFolders = new Set<string>();

  /** The refusal for a path that goes through the link at `linkPath` (a repository path). */
  function linkError(shown: string, linkPath: string, doing: string): UserError {
    const absolute = join(root, linkPath);
    let target = '?';
    let outside = false;
    try {
      target = disk.readlinkSync(absolute);
      const real = (() => {
        try {
          return disk.realpathSync(absolute);
        } catch {
          return resolve(dirname(absolute), target);
        }
      })();
      const rel = relative(disk.realpathSync(root), real);
      outside = rel === '..' || rel.startsWith(`..${sep}`) || resolve(rel) === rel;
    } catch {
      // the link vanished; the message still names it
    }
    const through =
      linkPath === shown
        ? `\`${shown}\` is a symbolic link`
        : `\`${shown}\` goes through the symbolic link \`${linkPath}\``;
    return new UserError(
      `${through} (to \`${target}\`${outside ? ', which leads outside the repository' : ''}); blue-gardener never ${doing} through a link`,
      {
        location: { file: linkPath },
        hint: `replace \`${linkPath}\` with a real ${linkPath === shown ? 'file' : 'folder'}, or delete it; nothing was written`,
      },
    );
  }

  /**
   * Looks at each folder between the root and `path` with lstat. A link anywhere is refused. A file where a
   * folder belongs is refused when writing, and means "no such file" when reading. `seen` remembers folders
   * already looked at (for the whole run when reading; for one batch when writing).
   */
  function checkFolders(path: string, writing: boolean, seen: Set<string>): 'ok' | 'absent' {
    const parts = path.split('/');
    let rel = '';
    for (let i = 0; i < parts.length - 1; i++) {
      rel = rel ? `${rel}/${parts[i]}` : parts[i]!;
      if (seen.has(rel)) continue;
      if (!writing && absentDirs.has(rel)) return 'absent';
      let info;
      try {
        info = disk.lstatSync(join(root, rel), { throwIfNoEntry: false });
      } catch (error) {
        throw diskError(error, rel, writing ? 'while checking where to write' : 'while reading');
      }
      if (!info) {
        if (!writing) absentDirs.add(rel);
        return 'absent';
      }
      if (info.isSymbolicLink()) throw linkError(path, rel, writing ? 'writes or deletes' : 'reads');
      if (!info.isDirectory()) {
        if (!writing) return 'absent';
        throw new UserError(
          `\`${rel}\` is a file where blue-gardener needs a folder (to write \`${path}\`)`,
          {
            location: { file: rel },
            hint: `move or delete the file \`${rel}\`, or disable the platform that writes there; nothing was written`,
          },
        );
      }
      seen.add(rel);
    }
    return 'ok';
  }

  /**
   * The text of `path`. With `expected` (the text the plan would write there): when the file holds exactly
   * that, `expected` itself is returned, so that a no-op run does not keep a second copy of every generated
   * file's text (16,000 generated files held both copies, about 2 × 100 MB).
   */
  function read(path: string, expected?: string, listed?: FolderListing): string | undefined {
    readFolders.add(dirname(path));
    if (checkFolders(path, false, readDirs) === 'absent') return undefined;
    const absolute = join(root, path);
    try {
      // A file its folder's listing shows as a regular file needs no lstat of its own; anything else (a link,
      // a folder, a name the listing lacks — a case-insensitive disk matches other spellings) is looked at.
      if (!listed?.(dirname(path))?.get(basename(path))?.isFile()) {
        const info = disk.lstatSync(absolute, { throwIfNoEntry: false });
        if (!info) return undefined;
        if (info.isSymbolicLink()) throw linkError(path, path, 'reads');
        if (!info.isFile())
          throw new UserError(`\`${path}\` is not a regular file`, {
            location: { file: path },
            hint: 'move it away: blue-gardener keeps a file at this path',
          });
      }
      // No size cap here: the host reads files we wrote (the lock, generated files) and must read whatever
      // size we wrote; the inputs people write are bounded where they are parsed (yaml-text.ts, catalog.ts).
      // Node decodes in one native call; bytes that are not UTF-8 come out as U+FFFD, and only then is the
      // file decoded again strictly, to refuse it (or to keep a U+FFFD that was really there).
      let text = disk.readFileSync(absolute, 'utf8');
      if (text.includes('\ufffd')) text = decodeUtf8(disk.readFileSync(absolute), path);
      // The copy just decoded is dropped at once (young garbage costs the collector next to nothing).
      return text === expected ? expected : text;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw diskError(error, path, 'while reading it');
    }
  }

  /**
   * Whether the file just read at `path` has an execute bit (its owner's, group's or others'); undefined on
   * Windows, whose files have no such bit (every script would look as if it had lost it, on every run).
   */
  function isExecutable(path: string): boolean | undefined {
    if (!modesKept) return undefined;
    try {
      return (disk.lstatSync(join(root, path)).mode & 0o111) !== 0;
    } catch (error) {
      throw diskError(error, path, 'while reading its mode');
    }
  }

  /**
   * Each folder's entries, listed once (one readdir instead of an lstat per file: 16,000 generated files sit
   * in a few folders). A folder that cannot be listed gives undefined, and its files are looked at one by one.
   */
  function folderListing(): FolderListing {
    const folders = new Map<string, Map<string, nodeFs.Dirent> | undefined>();
    return (dir) => {
      if (!folders.has(dir)) {
        let entries: Map<string, nodeFs.Dirent> | undefined;
        try {
          entries = new Map(
            disk.readdirSync(join(root, dir), { withFileTypes: true }).map((e) => [e.name, e]),
          );
        } catch {
          entries = undefined;
        }
        folders.set(dir, entries);
      }
      return folders.get(dir);
    };
  }

  return {
    label: root,
    read: async (path) => read(path),
    async current(paths, _withText, expected, modes) {
      const listed = folderListing();
      return new Map(
        paths.map((p) => {
          const text = read(p, expected?.get(p), listed);
          return [p, currentOf(text, text !== undefined && modes?.has(p) ? isExecutable(p) : undefined)];
        }),
      );
    },
    async has(path) {
      // Never follows the path out of the repository: a name is all detection needs (a symlinked
      // `.claude/` is listed through the link, only for names; nothing is read).
      if (path.startsWith('/') || path.split('/').includes('..'))
        throw new Error(`internal: has(${path}) outside the repository`);
      const absolute = join(root, path);
      if (!path.endsWith('/'))
        return nodeFs.lstatSync(absolute, { throwIfNoEntry: false })?.isDirectory() === false;
      return holdsFile(absolute, 0);
    },
    async listAgentFiles(dir) {
      if (checkFolders(`${dir}/x`, false, readDirs) === 'absent') return [];
      const absolute = join(root, dir);
      let names: string[];
      let listing: Map<string, nodeFs.Dirent>;
      try {
        if (disk.lstatSync(absolute).isSymbolicLink()) {
          throw new UserError(`the custom agent folder \`${dir}\` is a symbolic link`, {
            location: { file: dir },
            hint: 'use a real folder inside the repository',
          });
        }
        listing = new Map(disk.readdirSync(absolute, { withFileTypes: true }).map((e) => [e.name, e]));
        names = [...listing.keys()].filter((n) => n.endsWith('.md')).sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw diskError(error, dir, 'while listing the custom agents');
      }
      const files: SourceFile[] = [];
      for (const name of names) {
        const path = `${dir}/${name}`;
        // The listing just made shows which names are regular files (a link is still refused by `read`).
        const text = read(path, undefined, (folder) => (folder === dir ? listing : undefined));
        if (text !== undefined) files.push({ path, text });
      }
      return files;
    },
    async listTree(dir, keep = () => true) {
      if (checkFolders(`${dir}/x`, false, readDirs) === 'absent') return [];
      let info;
      try {
        info = disk.lstatSync(join(root, dir), { throwIfNoEntry: false });
      } catch (error) {
        throw diskError(error, dir, 'while listing it');
      }
      if (!info) return [];
      if (info.isSymbolicLink() || !info.isDirectory()) {
        throw new UserError(`\`${dir}\` is not a folder (a symbolic link or a file)`, {
          location: { file: dir },
          hint: 'use a real folder inside the repository',
        });
      }
      const files: TreeFile[] = [];
      const walk = (rel: string, depth: number) => {
        let entries;
        try {
          entries = disk.readdirSync(join(root, rel), { withFileTypes: true });
        } catch (error) {
          throw diskError(error, rel, 'while listing it');
        }
        for (const entry of entries) {
          const path = `${rel}/${entry.name}`;
          if (!entry.isDirectory() && !keep(path)) continue;
          if (entry.isSymbolicLink()) files.push({ path, text: '', executable: false, symlink: true });
          else if (entry.isDirectory()) {
            if (depth >= MAX_TREE_DEPTH)
              throw new UserError(`\`${path}\` is nested more than ${MAX_TREE_DEPTH} folders deep`, {
                location: { file: path },
                hint: 'flatten the folder',
              });
            walk(path, depth + 1);
          } else if (entry.isFile()) {
            const text = read(path)!;
            const mode = disk.lstatSync(join(root, path)).mode;
            files.push({ path, text, executable: (mode & 0o111) !== 0 });
          } else throw new UserError(`\`${path}\` is not a regular file`, { location: { file: path } });
        }
      };
      walk(dir, 0);
      return files.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    async apply(changes) {
      // Every path is checked before the first write, so a refused path never leaves a partial change.
      const seen = new Set<string>();
      for (const change of changes) {
        checkWritablePath(change.path);
        checkFolders(change.path, true, seen);
        const info = disk.lstatSync(join(root, change.path), { throwIfNoEntry: false });
        if (info?.isSymbolicLink()) throw linkError(change.path, change.path, 'writes or deletes');
        if (info?.isDirectory())
          throw new UserError(`\`${change.path}\` is a folder where blue-gardener keeps a file`, {
            location: { file: change.path },
            hint: 'move or delete that folder; nothing was written',
          });
      }
      // A killed run's temporary files (new files not yet in place, backups not yet removed) go, from every
      // folder this run read or writes; an empty batch does only this.
      for (const dir of new Set([...readFolders, ...changes.map((c) => dirname(c.path))]))
        if (checkFolders(`${dir}/x`, false, readDirs) === 'ok') removeLeftovers(disk, join(root, dir));
      // Crash order: the manifest first and the lock last. A run killed half-way then leaves a lock that names
      // only what was there before; files already written match the new plan and are taken as ours by the
      // next run, which finishes the job. (A lock written early would call the old files still to be
      // replaced "edited by hand", and keep them.)
      const rank = writeRank; // (core/write-order.ts: the lock's parts before its root)
      changes = [...changes].sort((a, b) => rank(a) - rank(b));
      const undo: (() => void)[] = [];
      const backups: string[] = [];
      const existingDirs = new Set<string>();
      let current: FileChange | undefined;
      try {
        // One change at a time, in the crash order above: its temporary file written (flushed when
        // `mustFlush` says so), then put in place.
        for (const change of changes) {
          current = change;
          prepareOne(change, undo, backups, existingDirs).place();
        }
        // Done: the old files go, and the folders that deletes left empty (backups lived in them until now).
        for (const backup of backups) removeFile(disk, backup);
        for (const change of changes)
          if (change.operation === 'delete') removeEmptyParents(disk, join(root, change.path), root);
      } catch (error) {
        for (const step of undo.reverse()) {
          try {
            step();
          } catch {
            // keep restoring the others
          }
        }
        throw diskError(error, current?.path ?? root, 'while writing; every file was restored');
      }
    },
  };

  /**
   * Prepares one change (checks the file is as planned, makes its folders, keeps the old file, writes the new
   * one to a temporary file) and pushes the step that undoes it; `place` then carries it out.
   */
  function prepareOne(
    change: FileChange,
    undo: (() => void)[],
    backups: string[],
    existingDirs: Set<string>,
  ): { temp?: string; place: () => void } {
    const absolute = join(root, change.path);
    const create = change.operation === 'create';
    let previous: Buffer | undefined;
    let previousMode: number | undefined;
    if (!create) {
      try {
        previousMode = disk.lstatSync(absolute, { throwIfNoEntry: false })?.mode;
        if (previousMode !== undefined) previous = disk.readFileSync(absolute);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      // Compare and swap: the file must still be what the plan was made from (another program, or a run
      // that did not take the lock, may have changed it since); else nothing of this batch stays written.
      const planned = change.before === undefined ? undefined : Buffer.from(change.before, 'utf8');
      if (planned !== undefined && (previous === undefined || !previous.equals(planned))) {
        throw new UserError(`\`${change.path}\` changed while blue-gardener was planning`, {
          location: { file: change.path },
          hint: 'nothing was changed; run the command again to plan with the file as it is now',
        });
      }
    }
    const createdDirs = change.operation === 'delete' ? [] : mkdirsFor(disk, absolute, existingDirs);
    // The old file stays on the disk under a temporary name until the batch is done: undoing renames it back,
    // which needs no free space and keeps its mode.
    const backup = previous === undefined ? undefined : backUp(disk, absolute);
    if (backup !== undefined) backups.push(backup);
    /** Whether undoing may remove or restore what is at `absolute` (not a file someone else just made). */
    let ours = !create;
    undo.push(() => {
      if (ours) {
        if (previous === undefined) removeFile(disk, absolute);
        else {
          disk.mkdirSync(dirname(absolute), { recursive: true });
          if (backup !== undefined) restoreBackup(disk, backup, absolute);
          else
            placeOver(
              disk,
              writeTemp(disk, absolute, previous, { keep: previousMode }, mustFlush(change.path)),
              absolute,
            );
        }
      }
      for (const d of createdDirs.reverse()) tryRmdir(disk, d);
    });
    if (change.operation === 'delete') return { place: () => removeFile(disk, absolute) };
    const rule = {
      ...(previousMode === undefined ? {} : { keep: previousMode }),
      ...(change.executable ? { executable: true } : {}),
    };
    const temp = writeTemp(disk, absolute, change.content!, rule, mustFlush(change.path));
    /** Until it is placed, undoing removes the temporary file. */
    let placed = false;
    undo.push(() => {
      if (!placed) removeFile(disk, temp);
    });
    const place = () => {
      placed = true;
      if (create) {
        // A new file never replaces one that appeared after the plan: the run stops and is undone.
        if (!placeNew(disk, temp, absolute)) {
          throw new UserError(`\`${change.path}\` appeared while blue-gardener was writing`, {
            location: { file: change.path },
            hint: 'nothing was changed; run the command again to plan with the file as it is now',
          });
        }
        ours = true;
      } else placeOver(disk, temp, absolute);
    };
    return { temp, place };
  }
}

/** Creates the missing folders above `file`, returning them; `existing` remembers folders seen in this batch. */
function mkdirsFor(disk: Disk, file: string, existing: Set<string>): string[] {
  const missingDirs: string[] = [];
  for (let dir = dirname(file); !existing.has(dir); dir = dirname(dir)) {
    if (disk.lstatSync(dir, { throwIfNoEntry: false })) {
      existing.add(dir);
      break;
    }
    missingDirs.push(dir);
    if (dirname(dir) === dir) break;
  }
  missingDirs.reverse();
  for (const d of missingDirs) {
    disk.mkdirSync(d);
    existing.add(d);
  }
  return missingDirs;
}

/**
 * Puts the backed-up file back. When the name still holds the very same file (the change failed before
 * replacing it), the backup is only removed: a rename between two links of one file does nothing.
 */
function restoreBackup(disk: Disk, backup: string, absolute: string): void {
  const now = disk.lstatSync(absolute, { throwIfNoEntry: false });
  const kept = disk.lstatSync(backup);
  if (now && now.ino === kept.ino && now.dev === kept.dev) removeFile(disk, backup);
  else disk.renameSync(backup, absolute);
}

function tryRmdir(disk: Disk, dir: string): boolean {
  try {
    disk.rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** After deleting a generated file, remove the folders it leaves empty (never the root). */
function removeEmptyParents(disk: Disk, file: string, root: string): void {
  for (
    let dir = dirname(file);
    relative(root, dir) && !relative(root, dir).startsWith('..');
    dir = dirname(dir)
  ) {
    if (!tryRmdir(disk, dir)) return;
  }
}
