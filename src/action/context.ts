/** The part of the workflow run we use, narrowed from @actions/github's context in one place. */
export interface RunContext {
  eventName: string;
  /** owner/repo of the workflow run. */
  repo: { owner: string; repo: string };
  /** The branch the event happened on, if it is a branch (push, workflow_dispatch, schedule). */
  branch: string | undefined;
  serverUrl: string;
  runUrl: string | undefined;
}

interface GitHubContextLike {
  eventName: string;
  ref: string;
  repo: { owner: string; repo: string };
  serverUrl: string;
  runId: number;
  payload: { pull_request?: { [key: string]: unknown } };
}

export function narrowContext(ctx: GitHubContextLike): RunContext {
  // Pull-request events act on the base branch: configuration is never read from a pull request's head.
  const prBase = (ctx.payload.pull_request?.['base'] as { ref?: string } | undefined)?.ref;
  const branch =
    prBase ?? (ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined);
  return {
    eventName: ctx.eventName,
    repo: ctx.repo,
    branch,
    serverUrl: ctx.serverUrl,
    runUrl: ctx.runId
      ? `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${ctx.runId}`
      : undefined,
  };
}
