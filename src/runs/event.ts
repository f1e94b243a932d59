/** A comment that may hold a `/blue` command. */
export interface CommentEvent {
  action: string;
  id: number;
  body: string;
  user: { login: string; type: string };
  issue: number;
  /** The comment is on a pull request (issue_comment events fire for both). */
  onPullRequest: boolean;
}

/** The part of the workflow run we use, narrowed from @actions/github's context in one place. */
export interface RunContext {
  eventName: string;
  /** owner/repo of the workflow run. */
  repo: { owner: string; repo: string };
  /** The branch the event happened on, if it is a branch (push, workflow_dispatch, schedule). */
  branch: string | undefined;
  serverUrl: string;
  runUrl: string | undefined;
  /** 1 on the first attempt, more on re-runs. */
  runAttempt: number;
  comment?: CommentEvent;
  /**
   * On pull_request, pull_request_target and merge_group events: the commit under review (the pull
   * request's head, the merge group's head). Only read-only modes (`check`) judge it; write modes keep
   * reading configuration from the base branch.
   */
  review?: ReviewedCommit;
}

/** A commit a check judges instead of the branch head. */
export interface ReviewedCommit {
  commit: string;
  /** How it is named in messages: `pull request #12 (head 1a2b3c4)`. */
  label: string;
}

interface GitHubContextLike {
  eventName: string;
  ref: string;
  repo: { owner: string; repo: string };
  serverUrl: string;
  runId: number;
  runAttempt?: number;
  payload: { [key: string]: unknown };
}

export function narrowContext(ctx: GitHubContextLike): RunContext {
  const payload = ctx.payload as {
    action?: string;
    number?: number;
    pull_request?: { number?: number; base?: { ref?: string }; head?: { sha?: string } };
    merge_group?: { head_sha?: string; base_ref?: string };
    comment?: { id: number; body?: string; user?: { login: string; type: string } };
    issue?: { number: number; pull_request?: unknown };
  };
  // Pull-request events act on the base branch: configuration is never read from a pull request's head.
  const prBase =
    payload.pull_request?.base?.ref ?? payload.merge_group?.base_ref?.replace(/^refs\/heads\//, '');
  const branch =
    prBase ?? (ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined);
  const comment =
    ctx.eventName === 'issue_comment' && payload.comment && payload.issue
      ? {
          action: payload.action ?? 'created',
          id: payload.comment.id,
          body: payload.comment.body ?? '',
          user: { login: payload.comment.user?.login ?? '', type: payload.comment.user?.type ?? 'User' },
          issue: payload.issue.number,
          onPullRequest: payload.issue.pull_request !== undefined && payload.issue.pull_request !== null,
        }
      : undefined;
  return {
    eventName: ctx.eventName,
    repo: ctx.repo,
    branch,
    serverUrl: ctx.serverUrl,
    runUrl: ctx.runId
      ? `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${ctx.runId}`
      : undefined,
    runAttempt: ctx.runAttempt ?? 1,
    ...(comment ? { comment } : {}),
    ...reviewOf(payload),
  };
}

function reviewOf(payload: {
  number?: number;
  pull_request?: { number?: number; head?: { sha?: string } };
  merge_group?: { head_sha?: string };
}): { review?: ReviewedCommit } {
  const pr = payload.pull_request;
  if (pr?.head?.sha) {
    const number = pr.number ?? payload.number;
    return {
      review: {
        commit: pr.head.sha,
        label: `pull request #${number} (head ${pr.head.sha.slice(0, 7)})`,
      },
    };
  }
  const group = payload.merge_group;
  if (group?.head_sha)
    return { review: { commit: group.head_sha, label: `merge group (head ${group.head_sha.slice(0, 7)})` } };
  return {};
}
