import { createRequire } from 'node:module';
import type { FakeGitHub, Recorded } from '../helpers/fake-github.js';

const require = createRequire(import.meta.url);
// The throttling plugin's own scheduler; fresh groups with no spacing keep tests from waiting a second per write.
const Bottleneck = require('bottleneck/light.js') as {
  new (options?: object): object;
  Group: new (options: object) => object;
};

/**
 * Client options for `runAction`: the real retry and throttling plugins, switched on, with every wait
 * shortened from seconds to milliseconds (`retryAfterBaseValue: 1`): a `retry-after: 7` waits 7 ms.
 */
export function fastClient(options: { throttle?: boolean } = {}): Record<string, unknown> {
  const group = () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 });
  const retry = { enabled: true, retryAfterBaseValue: 1 };
  // The throttling plugin only acts on 403/429 and rate-limited GraphQL answers; leaving it out where those
  // are not injected saves its scheduler's ~90 ms per run.
  if (options.throttle === false) return { retry };
  return {
    retry,
    throttle: {
      enabled: true,
      retryAfterBaseValue: 1,
      fallbackSecondaryRateRetryAfter: 3,
      global: group(),
      auth: group(),
      search: group(),
      write: group(),
      notifications: group(),
      retryLimiter: new Bottleneck(),
    },
  };
}

/** The operation a request is, known before the fake routes it (hooks run first). */
export function kind(r: Recorded): string {
  if (r.path === '/graphql') {
    const query = String((r.body as { query?: string }).query ?? '');
    return query.includes('BlueGardenerSnapshot')
      ? 'graphql.snapshot'
      : query.includes('BlueGardenerBlobs')
        ? 'graphql.blobs'
        : 'graphql';
  }
  const rest = r.path.replace(/^\/repos\/[^/]+\/[^/]+/, '');
  const table: [string, RegExp, string][] = [
    ['GET', /^\/git\/trees\/[^/]+$/, 'git.getTree'],
    ['POST', /^\/git\/trees$/, 'git.createTree'],
    ['POST', /^\/git\/commits$/, 'git.createCommit'],
    ['PATCH', /^\/git\/refs\//, 'git.updateRef'],
    ['POST', /^\/git\/refs$/, 'git.createRef'],
    ['POST', /^\/pulls$/, 'pulls.create'],
    ['PATCH', /^\/pulls\/\d+$/, 'pulls.update'],
    ['GET', /^\/pulls\/\d+$/, 'pulls.get'],
    ['GET', /^\/collaborators\/[^/]+\/permission$/, 'repos.getCollaboratorPermissionLevel'],
    ['POST', /^\/issues\/\d+\/comments$/, 'issues.createComment'],
    ['GET', /^\/issues\/\d+\/comments$/, 'issues.listComments'],
    ['PATCH', /^\/issues\/comments\/\d+$/, 'issues.updateComment'],
    ['POST', /^\/issues\/comments\/\d+\/reactions$/, 'reactions.createForIssueComment'],
  ];
  return table.find(([m, re]) => m === r.method && re.test(rest))?.[2] ?? `${r.method} ${rest}`;
}

export type Fault =
  { status: number; message?: string; headers?: Record<string, string> } | { network: 'timeout' | 'reset' };

/** What a network failure looks like from Node's fetch (undici): a TypeError whose cause names it. */
function networkError(which: 'timeout' | 'reset'): Error {
  const cause = Object.assign(
    new Error(which === 'timeout' ? 'Headers Timeout Error' : 'other side closed'),
    {
      code: which === 'timeout' ? 'UND_ERR_HEADERS_TIMEOUT' : 'UND_ERR_SOCKET',
    },
  );
  return new TypeError('fetch failed', { cause });
}

/**
 * Injects `fault` into the first `times` requests of `operation` (Infinity: all of them) and counts the
 * attempts. Returns the attempt log (operation and time of each matching request).
 */
export function inject(fake: FakeGitHub, operation: string, fault: Fault, times = Infinity) {
  const attempts: number[] = [];
  fake.hooks.push((r) => {
    if (kind(r) !== operation) return undefined;
    attempts.push(performance.now());
    if (attempts.length > times) return undefined;
    if ('network' in fault) throw networkError(fault.network);
    return {
      status: fault.status,
      body: { message: fault.message ?? `injected ${fault.status}` },
      ...(fault.headers ? { headers: fault.headers } : {}),
    };
  });
  return attempts;
}

/** The requests that change the repository. */
export const GIT_WRITES = new Set([
  'git.createTree',
  'git.createCommit',
  'git.updateRef',
  'git.createRef',
  'pulls.create',
  'pulls.update',
  'issues.addLabels',
]);
