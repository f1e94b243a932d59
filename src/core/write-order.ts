import type { FileChange } from './model.js';
import { isLockPartPath, LOCK_PATH, MANIFEST_PATH } from './paths.js';

/**
 * Where a change goes in the order a host writes a change set (lowest first), so that a run killed half-way
 * leaves a repository the next run reads and finishes: the manifest first; then generated files; then the
 * lock's parts; then the lock's root, which names the parts to read; then the deletion of the parts the new
 * lock no longer has. A lock written early would call the old files still to be replaced "edited by hand";
 * a part deleted before the root would leave the old root naming a missing part. A new part written before a
 * root that does not name it is a leftover: never read, and deleted by the next run.
 */
export function writeRank(change: Pick<FileChange, 'path' | 'operation'>): number {
  if (change.path === MANIFEST_PATH) return 0;
  if (isLockPartPath(change.path)) return change.operation === 'delete' ? 4 : 2;
  return change.path === LOCK_PATH ? 3 : 1;
}
