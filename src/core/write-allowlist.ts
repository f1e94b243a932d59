import { UserError } from './errors.js';
import { isLockPartPath, LOCK_PATH, MANIFEST_PATH } from './paths.js';
import { ORIGINAL_SHARED_FILES } from './paths.js';
import { platforms } from '../platforms/registry.js';

/**
 * Every place we may ever write: the targets' own folders and root files, the manifest and the lock (its parts
 * too, by name: isLockPartPath), and the whole files the original CLI wrote (a migration takes its sections
 * out of them).
 */
const allowed = [
  ...new Set([...Object.values(platforms).flatMap((p) => p.writes), ...ORIGINAL_SHARED_FILES]),
  MANIFEST_PATH,
  LOCK_PATH,
];

/**
 * Refuses any path outside the allowlist before anything is written: no absolute paths, no `..`, nothing
 * under `.github/workflows/`, nothing nested deeper than a target's own folder (skill folders excepted).
 */
export function checkWritablePath(path: string): void {
  if (!isWritablePath(path)) {
    throw new UserError(`refusing to write \`${path}\`: it is outside the folders blue-gardener manages`, {
      hint: 'this is a bug in blue-gardener or a hostile input; please report it',
    });
  }
}

const allowedDirs = new Set(allowed.filter((p) => p.endsWith('/')));
/** Skill roots: a tree rule, `<root><skill>/<any depth>` (never a file directly in the root). */
const skillRoots = [...new Set(Object.values(platforms).flatMap((p) => (p.skills ? [p.skills.root] : [])))];
const allowedFiles = new Set(allowed.filter((p) => !p.endsWith('/')));

/**
 * Whether `path` is inside the allowlist (see checkWritablePath): a listed root file, a file directly in
 * a listed folder, a part of the lock, or a file at any depth inside one skill's folder of a skill root. Set lookups: every generated path and every lock entry is checked, hundreds per run.
 */
export function isWritablePath(path: string): boolean {
  if (path.includes('\\') || path.startsWith('.github/workflows/')) return false;
  // The parts folder is ours by name only: `<hex>.json` directly in it, never a person's file beside them.
  if (isLockPartPath(path)) return true;
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const inSkill = skillRoots.some((root) => path.startsWith(root) && path.indexOf('/', root.length) > 0);
  if (!allowedFiles.has(path) && !(folder !== '' && allowedDirs.has(folder)) && !inSkill) return false;
  // No empty, `.` or `..` segment: this also refuses absolute paths and a trailing `/`.
  for (const segment of path.split('/'))
    if (segment === '' || segment === '.' || segment === '..') return false;
  return true;
}
