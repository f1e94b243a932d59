import type { FileChange } from '../../core/model.js';
import { checkWritablePath } from '../../core/write-allowlist.js';
import type { Octokit } from './client.js';
import { refuseLinkedPath, type RepoRef, type Snapshot } from './snapshot.js';

/**
 * One commit for all changes, in two requests: a tree on top of the base tree (contents inline, deletions
 * as `sha: null`) and a commit whose parent is the commit we planned against. No ref moves here.
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
  const tree = await octokit.rest.git.createTree({
    owner: repo.owner,
    repo: repo.repo,
    base_tree: snapshot.treeOid,
    tree: changes.map((c) =>
      c.operation === 'delete'
        ? { path: c.path, mode: '100644' as const, type: 'blob' as const, sha: null }
        : {
            path: c.path,
            // A skill's script keeps its executable bit: 100755 is git's only other mode for a blob.
            mode: c.executable ? ('100755' as const) : ('100644' as const),
            type: 'blob' as const,
            content: c.content!,
          },
    ),
  });
  const commit = await octokit.rest.git.createCommit({
    owner: repo.owner,
    repo: repo.repo,
    message,
    tree: tree.data.sha,
    parents: [snapshot.headOid, ...alsoParents],
  });
  return commit.data.sha;
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
