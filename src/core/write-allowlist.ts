import { UserError } from './errors.js';
import { LOCK_PATH, MANIFEST_PATH } from './manifest-schema.js';
import { ORIGINAL_SHARED_FILES } from './original-cli.js';
import { platforms } from '../platforms/registry.js';

/**
 * Every place we may ever write: the targets' own folders and root files, the manifest and the lock, and
 * the whole files the original CLI wrote (a migration takes its sections out of them).
 */
const allowed = [
  ...new Set([...Object.values(platforms).flatMap((p) => p.writes), ...ORIGINAL_SHARED_FILES]),
  MANIFEST_PATH,
  LOCK_PATH,
];

/**
 * Refuses any path outside the allowlist before anything is written: no absolute paths, no `..`, nothing
 * under `.github/workflows/`, nothing nested deeper than a target's own folder.
 */
export function checkWritablePath(path: string): void {
  if (!isWritablePath(path)) {
    throw new UserError(`refusing to write \`${path}\`: it is outside the folders blue-gardener manages`, {
      hint: 'this is a bug in blue-gardener or a hostile input; please report it',
    });
  }
}

/** Whether `path` is inside the allowlist (see checkWritablePath). */
export function isWritablePath(path: string): boolean {
  const segments = path.split('/');
  const bad =
    path.startsWith('/') ||
    path.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..') ||
    path.startsWith('.github/workflows/') ||
    !allowed.some((prefix) =>
      prefix.endsWith('/')
        ? path.startsWith(prefix) && !path.slice(prefix.length).includes('/')
        : path === prefix,
    );
  return !bad;
}
