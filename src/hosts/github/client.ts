import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { OctokitOptions } from '@octokit/core/types';
import { version } from '../../version.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientLog {
  warning(message: string): void;
  debug(message: string): void;
}

/**
 * The one Octokit factory: retries on 5xx and network errors, backs off on primary and secondary rate
 * limits (honouring `retry-after`), our user agent, GitHub Enterprise's API URL and the proxy from the
 * environment (both through @actions/github). Tests pass `request.fetch` to reach a fake GitHub.
 */
export function createOctokit(token: string, log: ClientLog, options: OctokitOptions = {}): Octokit {
  // Retry and throttle options are merged into ours, not swapped for them: tests shorten the waits
  // (`retryAfterBaseValue`, Bottleneck groups) and keep the policy.
  const { retry: retryOptions, throttle: throttleOptions, ...rest } = options;
  return getOctokit(
    token,
    {
      userAgent: `blue-gardener/${version}`,
      // Read at call time: GitHub Enterprise Server sets GITHUB_API_URL (…/api/v3; GraphQL then uses …/api/graphql).
      baseUrl: process.env['GITHUB_API_URL'] || 'https://api.github.com',
      log: { debug: log.debug, info: log.debug, warn: log.warning, error: log.warning },
      ...rest,
      // 429 is the throttling plugin's, which waits as `retry-after` says; the retry plugin would not.
      retry: { retries: 3, doNotRetry: [400, 401, 403, 404, 409, 422, 429, 451], ...retryOptions },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          log.warning(
            `GitHub rate limit reached on ${request.method} ${request.url}; retrying in ${retryAfter} s`,
          );
          return retryCount < 2;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          log.warning(
            `GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter} s`,
          );
          return retryCount < 2;
        },
        ...throttleOptions,
      },
    },
    retry,
    throttling,
  );
}
