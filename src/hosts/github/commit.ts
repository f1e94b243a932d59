import type { FileChange } from '../../core/model.js';
import { checkWritablePath } from '../../core/write-allowlist.js';
import type { Octokit } from './client.js';
import { refuseLinkedPath, type RepoRef, type Snapshot } from './snapshot.js';

/** The most a create-tree request's body may carry (github.com times out on bodies near 2 MB). */
export const MAX_TREE_BODY_BYTES = 1_000_000;
/** An entry larger than this goes up as a blob first, so every tree request stays well filled and small. */
export const MAX_INLINE_ENTRY_BYTES = 250_000;

type TreeItem =
  | { path: string; mode: '100644' | '100755'; type: 'blob'; sha: string | null }
  | { path: string; mode: '100644' | '100755'; type: 'blob'; content: string };

/** The bytes an item adds to a create-tree body, as JSON (the comma included). */
const itemBytes = (item: TreeItem) => Buffer.byteLength(JSON.stringify(item), 'utf8') + 1;

/**
 * One commit for all changes, in bounded requests: files whose entry is larger than MAX_INLINE_ENTRY_BYTES go
 * up as blobs first; the rest are packed, in path order, into create-tree requests of at most
 * MAX_TREE_BODY_BYTES each, every tree built on the one before (`base_tree`); then one commit whose parent is
 * the commit we planned against. Nothing here moves a ref, so a failure part-way leaves only unreachable
 * objects. Requests: blobs + ⌈inline bytes / (MAX_TREE_BODY_BYTES − MAX_INLINE_ENTRY_BYTES)⌉ at most + 1.
 */
export async function createCommit(
  octokit: Octokit,
  repo: RepoRef,
  snapshot: Snapshot,
  changes: readonly FileChange[],
  message: string,
  /** Further parents after the planned-against head: our previous commit, to make the update a fast forward. */
  alsoParents: readonly string[] = [],
): Promise<string> {
  for (const change of changes) {
    checkWritablePath(change.path);
    refuseLinkedPath(snapshot, change.path, `${repo.owner}/${repo.repo}@${snapshot.branch}`);
  }
  const items: TreeItem[] = [];
  for (const c of [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (c.operation === 'delete') {
      items.push({ path: c.path, mode: '100644', type: 'blob', sha: null });
      continue;
    }
    // A skill's script keeps its executable bit, and so does a file someone made executable (an update keeps
    // the file's mode, as on the local host): 100755 is git's only other mode for a blob.
    const executable = c.executable || snapshot.files.get(c.path)?.mode === '100755';
    const mode = executable ? ('100755' as const) : ('100644' as const);
    const inline: TreeItem = { path: c.path, mode, type: 'blob', content: c.content! };
    if (itemBytes(inline) <= MAX_INLINE_ENTRY_BYTES) {
      items.push(inline);
      continue;
    }
    const blob = await octokit.rest.git.createBlob({
      owner: repo.owner,
      repo: repo.repo,
      content: c.content!,
      encoding: 'utf-8',
    });
    items.push({ path: c.path, mode, type: 'blob', sha: blob.data.sha });
  }
  let treeSha = snapshot.treeOid;
  for (const chunk of treeChunks(items)) {
    const tree = await octokit.rest.git.createTree({
      owner: repo.owner,
      repo: repo.repo,
      base_tree: treeSha,
      tree: chunk,
    });
    treeSha = tree.data.sha;
  }
  const commit = await octokit.rest.git.createCommit({
    owner: repo.owner,
    repo: repo.repo,
    message,
    tree: treeSha,
    parents: [snapshot.headOid, ...alsoParents],
  });
  return commit.data.sha;
}

/** Items packed greedily into create-tree bodies of at most MAX_TREE_BODY_BYTES; at least one (maybe empty) chunk. */
export function treeChunks<T extends TreeItem>(items: readonly T[]): T[][] {
  const envelope = 200; // `{"base_tree":"<sha>","tree":[]}` and the owner/repo Octokit leaves in the URL
  const chunks: T[][] = [[]];
  let size = envelope;
  for (const item of items) {
    const bytes = itemBytes(item);
    if (chunks.at(-1)!.length > 0 && size + bytes > MAX_TREE_BODY_BYTES) {
      chunks.push([]);
      size = envelope;
    }
    chunks.at(-1)!.push(item);
    size += bytes;
  }
  return chunks;
}

/** Whether an error from a ref update means the branch moved since we read it. */
export function isNotFastForward(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  const message = String((error as { message?: string }).message ?? '');
  // GitHub documents 409 Conflict for a ref update that lost a race; planning again is always safe.
  return (
    status === 409 ||
    (status === 422 && /fast.?forward|reference does not exist|update is not/i.test(message))
  );
}

/** Whether an error means branch protection refused the push. */
export function isProtectedBranch(error: unknown): boolean {
  const message = String((error as { message?: string }).message ?? '');
  return /protected branch|required status check|changes must be made through a pull request|repository rule/i.test(
    message,
  );
}

/** Whether creating a ref failed because the branch exists now (another run created it after we read). */
export function isAlreadyExists(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === 422 && /reference already exists/i.test(String((error as Error).message ?? ''));
}

/**
 * Points our branch at `sha`: creates it, or moves it as a fast forward, never forced. A commit made with
 * the branch's head as a parent moves it; a push that landed after we read the head makes GitHub refuse
 * (see isNotFastForward), as does a branch another run created meanwhile (isAlreadyExists).
 */
export async function pointBranch(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  sha: string,
  exists: boolean,
): Promise<void> {
  if (exists) await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
  else await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
}
