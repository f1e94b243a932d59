import { UserError } from '../../core/errors.js';
import type { FileChange } from '../../core/model.js';
import type { Octokit } from './client.js';
import { createCommit, isAlreadyExists, isNotFastForward, isProtectedBranch, pointBranch } from './commit.js';
import type { BranchHead, RepoRef, Snapshot } from './snapshot.js';

/** How often a change is planned again when the branch moved under it before giving up. */
export const MAX_ATTEMPTS = 3;
/** Marks every commit we make on our own branch: a head without it is someone else's work. */
export const TRAILER_PLAN = 'Blue-Gardener-Plan:';
export const TRAILER_BASE = 'Blue-Gardener-Base:';

/** A plan made against one read of a branch: what to write, and on top of which snapshot. */
export interface Planned {
  snapshot: Snapshot;
  changes: FileChange[];
}

/** What landing needs from the run: a line in the log, and a named step around the writes. */
export interface LandLog {
  info(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface Landing<P extends Planned> {
  octokit: Octokit;
  repo: RepoRef;
  log: LandLog;
  /** The plan to land first; `replan` reads the branch again and plans anew after it moved. */
  first: P;
  replan: () => Promise<P>;
  /** At most this many plans are tried (default MAX_ATTEMPTS). */
  attempts?: number;
}

/** Branch protection refused a direct commit; nothing was changed. The caller may propose a pull request. */
export class BranchProtected extends UserError {
  constructor(readonly branch: string) {
    super(`branch protection refused a direct commit to ${branch}`, {
      hint: 'use `mode: pull-request`, set `fallback-to-pull-request: true`, or allow the token’s actor to bypass the rule',
    });
  }
}

/**
 * Lands a plan as one commit on the branch it was planned against: a tree and a commit, then a ref update
 * that is never forced. When the branch moved meanwhile, the change is planned again on the new head. A
 * ref update refused on a retry may have landed on the first try (its answer lost): if the branch now
 * points at our commit, it did. `sha` is absent when a new plan had nothing left to write.
 */
export async function landCommit<P extends Planned>(
  landing: Landing<P>,
  message: string,
): Promise<{ planned: P; sha?: string }> {
  const { octokit, repo, log } = landing;
  const attempts = landing.attempts ?? MAX_ATTEMPTS;
  let planned = landing.first;
  let sent: { sha: string; planned: P } | undefined;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      planned = await landing.replan();
      if (sent && planned.snapshot.headOid === sent.sha) return sent;
      if (planned.changes.length === 0) return { planned };
    }
    const { snapshot, changes } = planned;
    const sha = await log.group('Commit', () => createCommit(octokit, repo, snapshot, changes, message));
    try {
      await octokit.rest.git.updateRef({ ...repo, ref: `heads/${snapshot.branch}`, sha, force: false });
      return { planned, sha };
    } catch (error) {
      sent = { sha, planned };
      if (isNotFastForward(error)) {
        if (attempt >= attempts) throw new BranchMoved(snapshot.branch, attempts);
        log.info(
          `${snapshot.branch} moved while we planned; planning again (attempt ${attempt + 1} of ${attempts})`,
        );
        continue;
      }
      if (isProtectedBranch(error)) throw new BranchProtected(snapshot.branch);
      throw error;
    }
  }
}

/** What to commit on our branch for one plan, and whether the branch already holds exactly that. */
export interface BranchCommit {
  message: string;
  upToDate: boolean;
}

/**
 * Lands a plan on our own branch (the pull request's head), on top of the base head it was planned
 * against. Our previous commit is a second parent, so the update is a fast forward and needs no force: a
 * push that lands on our branch after we read it makes GitHub refuse the update instead of losing it, and
 * the change is planned again. A head we did not make (no plan trailer) is never moved past.
 * `sha` is absent when the branch already held the plan, or a new plan had nothing left to write.
 */
export async function landOnBranch<P extends Planned>(
  landing: Landing<P>,
  branch: string,
  commitFor: (planned: P) => BranchCommit,
): Promise<{ planned: P; sha?: string }> {
  const { octokit, repo, log } = landing;
  const attempts = landing.attempts ?? MAX_ATTEMPTS;
  let planned = landing.first;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      planned = await landing.replan();
      if (planned.changes.length === 0) return { planned };
    }
    const { snapshot, changes } = planned;
    const head = checkOurBranch(snapshot, branch);
    const commit = commitFor(planned);
    if (commit.upToDate) return { planned };
    const sha = await log.group('Commit', () =>
      createCommit(octokit, repo, snapshot, changes, commit.message, head ? [head.oid] : []),
    );
    try {
      await pointBranch(octokit, repo, branch, sha, head !== null);
      return { planned, sha };
    } catch (error) {
      // The branch moved, or another run created it, since we read it: plan again from what is there now.
      if (!(isNotFastForward(error) || isAlreadyExists(error))) throw error;
      if (attempt >= attempts) throw new BranchMoved(branch, attempts);
      log.info(`${branch} changed while we planned; planning again (attempt ${attempt + 1} of ${attempts})`);
    }
  }
}

/** Whether a commit on our branch is ours: every commit we make there carries the plan trailer. */
export const isOurCommit = (head: { message: string }): boolean => head.message.includes(TRAILER_PLAN);

/** Our branch's head (null when the branch is new), refused when it is a commit we did not make. */
export function checkOurBranch(snapshot: Snapshot, branch: string): BranchHead | null {
  const head = snapshot.ours?.head ?? null;
  if (head && !isOurCommit(head)) throw someoneElsePushed(branch, head.oid);
  return head;
}

/** Our branch's head is a commit we did not make: we stop rather than move the branch past it. */
export function someoneElsePushed(branch: string, oid: string): UserError {
  return new UserError(
    `someone else pushed to \`${branch}\`; blue-gardener will not force-push over their commit ${oid.slice(0, 7)}`,
    { hint: `merge or close that work, or delete the branch \`${branch}\`, then run again` },
  );
}

/** The branch moved under every plan we tried; nothing was changed. */
export class BranchMoved extends UserError {
  constructor(
    readonly branch: string,
    attempts: number,
  ) {
    super(
      `${branch} kept moving; gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} without changing anything`,
      { hint: 'run the workflow again when the branch is quiet; nothing was overwritten' },
    );
  }
}
