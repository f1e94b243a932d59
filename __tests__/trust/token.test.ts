import { narrowContext } from '../../src/runs/event.js';
import { run } from '../../src/action/main.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { TOKEN, recordingIO, runAction, type CommentOptions } from '../helpers/action-harness.js';
import { fastClient, inject } from './faults.js';

const MANIFEST = '.github/blue-gardener.yml';
const manifest = 'version: 1\nplatforms: [claude-code, codex]\nagents:\n  - blue-react-developer\n';
const FORMS = [TOKEN, Buffer.from(`x-access-token:${TOKEN}`).toString('base64'), TOKEN.slice(4, 24)];

let fake: FakeGitHub;
const authorizations = new Set<string>();
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/web', { [MANIFEST]: manifest, 'AGENTS.md': '# notes\n' });
  fake.repos.get('acme/web')!.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  const real = fake.fetch;
  // Every request carries the token (so it really was in play) — and nothing we print or write does.
  fake.fetch = async (input, init) => {
    authorizations.add(String(new Headers(init?.headers).get('authorization')));
    return real(input, init);
  };
});

/** Everything a run leaves anywhere a person or another workflow can read it. */
function everything(result: Awaited<ReturnType<typeof runAction>>): string {
  const repo = fake.repos.get('acme/web')!;
  return JSON.stringify([
    result.logs,
    result.annotations,
    result.summary,
    result.outputs,
    result.failed ?? '',
    repo.comments,
    repo.pulls,
    [...repo.commits.values()].map((c) => c.message),
    [...repo.blobs.values()],
    fake.requests.map((r) => [r.path, r.query, r.body]),
  ]);
}

type Scenario = [string, () => Promise<Awaited<ReturnType<typeof runAction>>>];
const comment = (c: CommentOptions) =>
  runAction(fake, { event: 'issue_comment', comment: { login: 'maintainer', ...c }, client: fastClient() });
const push = (inputs: Record<string, string>) =>
  runAction(fake, { event: 'push', inputs, client: fastClient() });

const scenarios: Scenario[] = [
  ['commit mode', () => push({ mode: 'commit' })],
  ['pull-request mode', () => push({})],
  ['check mode, stale files', () => push({ mode: 'check' })],
  ['dry run', () => push({ mode: 'commit', 'dry-run': 'true' })],
  [
    'a bad manifest',
    () => {
      fake.commitFiles('acme/web', 'main', { [MANIFEST]: `version: 1\nplatforms: [cursr]\n` }, 'x');
      return push({ mode: 'commit' });
    },
  ],
  [
    '401 bad credentials',
    () => {
      inject(fake, 'graphql.snapshot', { status: 401, message: 'Bad credentials' });
      return push({ mode: 'commit' });
    },
  ],
  [
    '403 no permission',
    () => {
      inject(fake, 'git.createTree', { status: 403, message: 'Resource not accessible by integration' });
      return push({ mode: 'commit' });
    },
  ],
  [
    '502 that does not end',
    () => {
      inject(fake, 'git.createCommit', { status: 502 });
      return push({ mode: 'commit' });
    },
  ],
  [
    'a network timeout',
    () => {
      inject(fake, 'git.getTree', { network: 'timeout' });
      return push({ mode: 'commit' });
    },
  ],
  [
    'an answer we cannot read (a bug path: message and stack in debug)',
    () => {
      fake.afterHooks.push(() => ({ status: 200, body: { data: null } }));
      return push({ mode: 'commit' });
    },
  ],
  ['/blue add on an issue', () => comment({ body: '/blue add blue-docker-specialist' })],
  ['/blue search', () => comment({ body: '/blue search docker' })],
  ['/blue with an unknown command', () => comment({ body: '/blue deploy now' })],
  [
    '/blue add that fails at GitHub',
    () => {
      inject(fake, 'git.createTree', { status: 403, message: 'Resource not accessible by integration' });
      return comment({ body: '/blue add blue-seo-specialist' });
    },
  ],
];

describe('the token never appears in logs, errors, summaries, outputs, comments or commits', () => {
  it.each(scenarios)('%s', async (_name, scenario) => {
    authorizations.clear();
    const result = await scenario();
    expect([...authorizations]).toEqual([`token ${TOKEN}`]);
    const text = everything(result);
    for (const form of FORMS) expect(text).not.toContain(form);
  });

  it('registers the token as a secret before anything else reaches the runner', async () => {
    const recording = recordingIO({ mode: 'commit' });
    const calls: string[] = [];
    const io = new Proxy(recording.io, {
      get(target, name: string) {
        const original = target[name as keyof typeof target] as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => {
          calls.push(
            name === 'setSecret' ? `setSecret(${String(args[0]) === TOKEN ? 'token' : 'other'})` : name,
          );
          return original(...args);
        };
      },
    });
    await run({
      io,
      context: narrowContext({
        eventName: 'push',
        ref: 'refs/heads/main',
        repo: { owner: 'acme', repo: 'web' },
        serverUrl: 'https://github.com',
        runId: 1,
        payload: {},
      }),
      octokit: () => {
        throw new Error('stop here');
      },
    });
    const firstOutput = calls.findIndex((c) => !['input', 'setSecret(token)'].includes(c));
    expect(calls.indexOf('setSecret(token)')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('setSecret(token)')).toBeLessThan(firstOutput);
  });
});
