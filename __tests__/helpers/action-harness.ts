import { createRequire } from 'node:module';
import type { SourceLocation } from '../../src/core/errors.js';
import type { Catalog } from '../../src/core/model.js';
import { narrowContext } from '../../src/runs/event.js';
import type { ActionIO } from '../../src/runs/io.js';
import { run } from '../../src/action/main.js';
import { createOctokit } from '../../src/hosts/github/client.js';
import type { FakeGitHub } from './fake-github.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as {
  name: string;
  examples: Record<string, any>[];
}[];

/** A real webhook payload from @octokit/webhooks-examples. */
export function webhookPayload(
  event: string,
  pick: (p: Record<string, any>) => boolean = () => true,
): Record<string, any> {
  const payload = examples.find((e) => e.name === event)?.examples.find(pick);
  if (!payload) throw new Error(`no ${event} example`);
  return structuredClone(payload);
}

export const TOKEN = 'ghs_KnownTestTokenValue0123456789abcdef';

export function recordingIO(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {};
  const logs: string[] = [];
  const annotations: { level: string; message: string; location?: SourceLocation }[] = [];
  let failed: string | undefined;
  let summary = '';
  const io: ActionIO = {
    input: (name) => ({ token: TOKEN, ...inputs })[name] ?? '',
    setOutput: (n, v) => (outputs[n] = v),
    info: (m) => logs.push(m),
    warning: (m, location) =>
      annotations.push({ level: 'warning', message: m, ...(location ? { location } : {}) }),
    error: (m, location) =>
      annotations.push({ level: 'error', message: m, ...(location ? { location } : {}) }),
    debug: (m) => logs.push(`debug: ${m}`),
    group: async (name, fn) => {
      logs.push(`::group::${name}`);
      return fn();
    },
    summary: async (md) => {
      summary += md;
    },
    setFailed: (m) => (failed = m),
    setSecret: () => undefined,
  };
  return {
    io,
    outputs,
    logs,
    annotations,
    get failed() {
      return failed;
    },
    get summary() {
      return summary;
    },
  };
}

export interface CommentOptions {
  body: string;
  login?: string;
  userType?: 'User' | 'Bot';
  action?: 'created' | 'edited' | 'deleted';
  /** Set for a comment on a pull request; the fake repository must know its head (`pullHeads`). */
  pullRequest?: number;
  issue?: number;
  /** Re-deliver an existing comment (a re-run) instead of posting a new one. */
  id?: number;
}

/** Runs the action's run() the way the runner would for `event`, against the fake GitHub. */
export async function runAction(
  fake: FakeGitHub,
  options: {
    event:
      | 'push'
      | 'workflow_dispatch'
      | 'schedule'
      | 'pull_request'
      | 'pull_request_target'
      | 'merge_group'
      | 'issue_comment';
    /** On pull_request events: the head commit (default: the base branch's head, an unchanged pull request). */
    headSha?: string;
    inputs?: Record<string, string>;
    repo?: string;
    branch?: string;
    comment?: CommentOptions;
    runAttempt?: number;
    /** Client options over the defaults (e.g. retries and throttling switched on, with short waits). */
    client?: Record<string, unknown>;
    /** The catalog the action ships (default: the bundled one), e.g. an older one to simulate an update. */
    catalog?: Catalog;
  },
) {
  const [owner, name] = (options.repo ?? 'acme/web').split('/') as [string, string];
  const branch = options.branch ?? 'main';
  const payload =
    options.event === 'schedule'
      ? { schedule: '17 3 * * *' }
      : options.event === 'push'
        ? webhookPayload('push', (p) => String(p.ref).startsWith('refs/heads/'))
        : webhookPayload(options.event === 'pull_request_target' ? 'pull_request' : options.event);
  const branchHead = fake.repos.get(`${owner}/${name}`)?.refs.get(branch);
  if (payload['pull_request']) {
    payload['pull_request'].base.ref = branch;
    payload['pull_request'].head.sha = options.headSha ?? branchHead;
  }
  if (payload['merge_group']) {
    payload['merge_group'].base_ref = `refs/heads/${branch}`;
    payload['merge_group'].head_sha = options.headSha ?? branchHead;
  }
  if (options.event === 'issue_comment') {
    const c = options.comment!;
    Object.assign(
      payload,
      webhookPayload('issue_comment', (p) => p.action === 'created' && !p.issue.pull_request),
    );
    payload['action'] = c.action ?? 'created';
    payload['comment'].body = c.body;
    payload['comment'].id = c.id ?? 4000 + fake.repos.get(`${owner}/${name}`)!.comments.length;
    payload['comment'].user.login = c.login ?? 'octocat';
    payload['comment'].user.type = c.userType ?? 'User';
    payload['issue'].number = c.pullRequest ?? c.issue ?? 12;
    if (c.pullRequest)
      payload['issue'].pull_request = {
        url: `https://api.github.com/repos/${owner}/${name}/pulls/${c.pullRequest}`,
      };
    else delete payload['issue'].pull_request;
    if (c.id === undefined)
      fake.repos.get(`${owner}/${name}`)!.comments.push({
        id: payload['comment'].id,
        issue: payload['issue'].number,
        body: c.body,
        user: { login: c.login ?? 'octocat', type: c.userType ?? 'User' },
      });
  }
  const recording = recordingIO(options.inputs ?? {});
  const started = fake.requests.length;
  await run({
    ...(options.catalog ? { catalog: options.catalog } : {}),
    io: recording.io,
    context: narrowContext({
      eventName: options.event,
      ref: `refs/heads/${branch}`,
      repo: { owner, repo: name },
      serverUrl: 'https://github.com',
      runId: 42,
      runAttempt: options.runAttempt ?? 1,
      payload,
    }),
    octokit: (token, io) =>
      createOctokit(token, io, {
        request: { fetch: fake.fetch },
        throttle: { enabled: false },
        retry: { enabled: false },
        ...options.client,
      } as never),
  });
  return { ...recording, requests: fake.requests.slice(started) };
}
