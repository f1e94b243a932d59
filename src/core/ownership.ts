import type { CurrentFile } from './current-file.js';
import { gitBlobSha } from './hash.js';
import { hasMark } from './generated-mark.js';
import type { Lock } from './lock.js';
import type { RenderedFile } from './model.js';

/**
 * When a whole file listed in the lock is ours to overwrite or delete. The lock alone never decides it: the
 * file must carry our generated-by mark (generated-mark.ts). A file that takes no mark (a skill's supporting
 * file, copied byte for byte) is ours only when the SKILL.md of its folder is: listed in the lock, carrying the
 * mark and unchanged since we wrote it.
 *
 * Upgrade: a version-1 lock was written before files carried the mark, so its entries are trusted as before,
 * for one run (the plan writes version 2) — unless the repository shows it was already synced by a version
 * that marks files (one of the lock's files carries the mark), which makes a version-1 lock a downgrade.
 */
export interface Ownership {
  /** Whether the whole file at `path` (listed in the lock) is ours. Needs the text of the file that decides. */
  owns(path: string): boolean;
  /** The version-1 lock is trusted as before (see above). */
  legacy: boolean;
}

const SKILL_FILE = 'SKILL.md';

/** The SKILL.md, listed in the lock, of the nearest folder above `path` holding one; undefined if none. */
export function skillFileGoverning(path: string, locked: ReadonlySet<string>): string | undefined {
  let dir = path;
  for (let slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/')) {
    dir = dir.slice(0, slash);
    const skill = `${dir}/${SKILL_FILE}`;
    if (skill !== path && locked.has(skill)) return skill;
  }
  return undefined;
}

export function ownership(
  lock: Lock,
  current: ReadonlyMap<string, CurrentFile | undefined>,
  desiredBlob: (path: string) => string | undefined,
): Ownership {
  const entries = new Map(lock.files.filter((e) => e.kind === 'file').map((e) => [e.path, e]));
  const locked = new Set(entries.keys());
  const marked = (path: string): boolean => {
    const now = current.get(path);
    if (!now) return false;
    if (now.text === undefined) throw new Error(`internal: ownership of ${path} needs its text`);
    return hasMark(path, now.text);
  };
  const owns = (path: string): boolean => {
    const skill = skillFileGoverning(path, locked);
    if (skill === undefined) return marked(path);
    const now = current.get(skill);
    return now !== undefined && now.blob === entries.get(skill)!.blob && marked(skill);
  };
  const upgraded = () =>
    [...entries.keys()].some((path) => {
      const now = current.get(path);
      if (!now) return false;
      if (now.text !== undefined) return hasMark(path, now.text);
      return now.blob === desiredBlob(path);
    });
  const legacy = lock.version === 1 && entries.size > 0 && !upgraded();
  return { legacy, owns: legacy ? () => true : owns };
}

/**
 * The paths whose text deciding ownership needs and `current` lacks (a GitHub tree gives blob SHAs only): for
 * every locked whole file that may change (not generated now, or differing from what we generate), the file
 * whose mark decides it. Bounded by the number of changes, so a no-op sync downloads nothing more.
 */
export function ownershipTexts(
  rendered: readonly RenderedFile[],
  lock: Lock,
  current: ReadonlyMap<string, CurrentFile | undefined>,
): string[] {
  const desired = new Map(rendered.map((f) => [f.path, f]));
  const locked = new Set(lock.files.filter((e) => e.kind === 'file').map((e) => e.path));
  const needed = new Set<string>();
  for (const path of locked) {
    const now = current.get(path);
    if (!now || now.text !== undefined) continue;
    const file = desired.get(path);
    if (file && gitBlobSha(file.content) === now.blob) continue;
    const decides = skillFileGoverning(path, locked) ?? path;
    if (current.get(decides)?.text === undefined && current.get(decides) !== undefined) needed.add(decides);
  }
  return [...needed].sort();
}
