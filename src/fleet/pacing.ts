import type { Octokit } from '../hosts/github/client.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces this client's content-creating requests (every REST request but GET; our GraphQL calls only read)
 * at least `intervalMs` apart, one at a time. The throttling plugin already spaces writes one second apart
 * within a job; this slower pace is for fleets, where `max-parallel` jobs write at once and GitHub's
 * guidance is at most 80 content-creating requests a minute: the fleet stays under
 * `max-parallel × 60 / interval` per minute.
 */
export function paceWrites(octokit: Octokit, intervalMs: number, clock: Clock = realClock): void {
  if (intervalMs <= 0) return;
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  octokit.hook.before('request', (options) => {
    if (options.method === 'GET' || String(options.url).endsWith('/graphql')) return;
    queue = queue.then(async () => {
      const wait = last + intervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
      last = clock.now();
    });
    return queue;
  });
}
