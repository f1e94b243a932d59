import { UserError } from '../core/errors.js';

/** Turns the GitHub API errors people actually hit into the fix, as a UserError; other errors pass through. */
export function translateGitHubError(error: unknown, repository: string): unknown {
  if (error instanceof UserError) return error;
  const status = (error as { status?: number }).status;
  const message = String((error as { message?: string }).message ?? '');
  if (/not permitted to create or approve pull requests/i.test(message)) {
    return new UserError('GitHub Actions may not create pull requests in this repository', {
      hint: 'enable Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or use a GitHub App token (actions/create-github-app-token)',
    });
  }
  if (status === 403 && /resource not accessible by integration/i.test(message)) {
    return new UserError(`the token may not write to ${repository}`, {
      hint: 'give the job `permissions: { contents: write, pull-requests: write }` (check mode needs only `contents: read`), or pass a GitHub App token with those permissions',
    });
  }
  if (status === 403 || status === 429) {
    if (/rate limit/i.test(message))
      return new UserError('GitHub rate limit exceeded, even after waiting and retrying', {
        hint: 'run less often, or use a GitHub App token, whose limit is higher',
      });
    return new UserError(`GitHub refused the request (${status}): ${message}`, {
      hint: `check the token's permissions on ${repository}`,
    });
  }
  if (status === 401)
    return new UserError('the token was rejected by GitHub (401)', {
      hint: 'the token expired or is wrong; for another repository use a GitHub App token',
    });
  if (status === 404) {
    return new UserError(`${repository} or the branch was not found, or the token cannot see it (404)`, {
      hint: 'the workflow token only reaches its own repository; to manage another one, pass a GitHub App installation token',
    });
  }
  // Building the commit's objects: GitHub answers a request it could not process in time with a 422 "too
  // large … build the tree incrementally", or a 502/504. Usually the request's size, not an outage.
  const request = (error as { request?: { method?: string; url?: string } }).request;
  const building = request?.method === 'POST' && /\/git\/(trees|blobs)$/.test(request.url ?? '');
  const tooLarge = status === 422 && /too large to process|tree incrementally/i.test(message);
  if (tooLarge || (building && status !== undefined && status >= 502)) {
    const what = /blobs$/.test(request?.url ?? '') ? 'a blob' : "the commit's tree";
    return new UserError(
      `GitHub answered ${status} while creating ${what}${tooLarge ? '' : ', after retries'}: it answers so when a request takes too long to process (usually its size)`,
      {
        hint: 'blue-gardener sends trees in parts of at most 1 MB, so run the workflow again; if it keeps failing, report it with the number of files in the plan. Nothing was changed (no branch moved).',
      },
    );
  }
  // Octokit reports a request that got no response at all (DNS, proxy, refused connection) as a 500.
  if (status === 500 && !(error as { response?: unknown }).response)
    return new UserError(`could not reach GitHub's API: ${message}`, {
      hint: 'check the runner’s network and proxy settings, and GITHUB_API_URL on GitHub Enterprise Server. Nothing was changed.',
    });
  if (status !== undefined && status >= 500)
    return new UserError(`GitHub failed with ${status} after retries: ${message}`, {
      hint: 'GitHub had an outage; run the workflow again later. Nothing was changed.',
    });
  return error;
}
