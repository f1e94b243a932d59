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
    pull_request?: { base?: { ref?: string } };
    comment?: { id: number; body?: string; user?: { login: string; type: string } };
    issue?: { number: number; pull_request?: unknown };
  };
  // Pull-request events act on the base branch: configuration is never read from a pull request's head.
  const prBase = payload.pull_request?.base?.ref;
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
  };
}
