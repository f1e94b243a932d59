import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { narrowContext } from '../../src/runs/event.js';
import { fakeGitHub, type FakeGitHub, type Recorded } from '../helpers/fake-github.js';
import { runAction, webhookPayload } from '../helpers/action-harness.js';
import { sourceAgent } from '../helpers/git-source.js';

// The claims of SECURITY.md that no other test states: the permissions table, no mutation or force push,
// pull_request events read the base, echoes are defused for every command, and every cited test exists.
const SECURITY = readFileSync(join(process.cwd(), 'SECURITY.md'), 'utf8');
const MANIFEST = '.github/blue-gardener.yml';
const manifest = 'version: 1\nplatforms: [claude-code, codex]\nagents:\n  - blue-react-developer\n';

function seeded(): FakeGitHub {
  const fake = fakeGitHub();
  fake.seed('acme/web', { [MANIFEST]: manifest, 'AGENTS.md': '# notes\n' });
  const repo = fake.repos.get('acme/web')!;
  repo.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  fake.commitFiles('acme/web', 'feature', { 'src/app.ts': 'x\n' }, 'work', repo.refs.get('main'));
  repo.pullHeads.set(5, { ref: 'feature', repo: 'acme/web', state: 'open' });
  return fake;
}

/** The permission (scope and level) each request we make needs, per GitHub's fine-grained permissions. */
const NEEDS: Record<string, [string, 'read' | 'write'] | 'metadata'> = {
  'graphql.snapshot': ['contents', 'read'],
  'graphql.blobs': ['contents', 'read'],
  'graphql.source': ['contents', 'read'],
  'git.getTree': ['contents', 'read'],
  'git.createTree': ['contents', 'write'],
  'git.createCommit': ['contents', 'write'],
  'git.updateRef': ['contents', 'write'],
  'git.createRef': ['contents', 'write'],
  'pulls.get': ['pull-requests', 'read'],
  'pulls.list': ['pull-requests', 'read'],
  'pulls.create': ['pull-requests', 'write'],
  'pulls.update': ['pull-requests', 'write'],
  'pulls.requestReviewers': ['pull-requests', 'write'],
  'issues.addLabels': ['pull-requests', 'write'],
  'issues.listComments': ['issues', 'read'],
  'issues.createComment': ['issues', 'write'],
  'issues.updateComment': ['issues', 'write'],
  'reactions.createForIssueComment': ['issues', 'write'],
  'repos.getCollaboratorPermissionLevel': 'metadata',
};

function permissions(requests: Recorded[]): string[] {
  const level = new Map<string, string>();
  for (const r of requests) {
    const need = NEEDS[r.operation];
    if (need === undefined) throw new Error(`no permission known for ${r.operation}; add it to NEEDS`);
    if (need === 'metadata') continue;
    if (level.get(need[0]) !== 'write') level.set(need[0], need[1]);
  }
  return [...level].map(([scope, l]) => `${scope}: ${l}`).sort();
}

/** The table under "Permissions each mode needs": mode → its permissions. */
function documented(): Record<string, string[]> {
  const section = SECURITY.split('## Permissions each mode needs')[1]!.split('\n## ')[0]!;
  const rows = section.split('\n').filter((l) => /^\| `?[a-z]/.test(l));
  return Object.fromEntries(
    rows.map((row) => {
      const [mode, perms] = row
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      const list = perms!.split(',').map((p) => p.replace(/`/g, '').trim());
      return [mode!.replace(/`/g, '').split(' ')[0]!, list.sort()];
    }),
  );
}

const runs: Record<string, Recorded[]> = {};
beforeAll(async () => {
  let fake = seeded();
  runs['check'] = (await runAction(fake, { event: 'pull_request', inputs: { mode: 'check' } })).requests;
  fake = seeded();
  runs['commit'] = (await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).requests;
  fake = seeded();
  runs['pull-request'] = [
    ...(await runAction(fake, { event: 'push', inputs: { labels: 'agents', reviewers: 'octocat' } }))
      .requests,
  ];
  fake.commitFiles('acme/web', 'main', { [MANIFEST]: `${manifest}  - blue-seo-specialist\n` }, 'more');
  runs['pull-request'].push(...(await runAction(fake, { event: 'push' })).requests);
  fake = seeded();
  const bot: Recorded[] = [];
  for (const comment of [
    { body: '/blue add blue-docker-specialist', login: 'maintainer' },
    { body: '/blue add blue-seo-specialist', login: 'maintainer', pullRequest: 5 },
    { body: '/blue search docker', login: 'maintainer' },
  ])
    bot.push(...(await runAction(fake, { event: 'issue_comment', comment })).requests);
  const again = fake.repos.get('acme/web')!.comments.find((c) => c.body === '/blue search docker')!;
  bot.push(
    ...(
      await runAction(fake, {
        event: 'issue_comment',
        comment: { body: again.body, login: 'maintainer', id: again.id },
        runAttempt: 2,
      })
    ).requests,
  );
  runs['bot'] = bot;
  // `update`: a GitHub source moves; its pull request is proposed, closed unmerged, and declined next time.
  fake = seeded();
  fake.seed('acme/catalog', { 'agents/reviewer.md': sourceAgent('reviewer') });
  fake.commitFiles(
    'acme/web',
    'main',
    { [MANIFEST]: `${manifest}  - acme/reviewer\nsources:\n  acme: acme/catalog/agents@main\n` },
    'a source',
  );
  const synced = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
  if (synced.failed) throw new Error(synced.failed);
  fake.commitFiles(
    'acme/catalog',
    'main',
    { 'agents/reviewer.md': sourceAgent('reviewer', 'The new review rules of the catalog.') },
    'up',
  );
  const update = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
  if (update.failed || fake.repos.get('acme/web')!.pulls.length !== 1)
    throw new Error(update.failed ?? update.summary);
  runs['update'] = update.requests;
  fake.repos.get('acme/web')!.pulls[0]!.state = 'closed';
  runs['update'].push(...(await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } })).requests);
});

describe('SECURITY.md is true', () => {
  it('each mode needs exactly the permissions SECURITY.md lists', () => {
    const table = documented();
    expect(Object.keys(table).sort()).toEqual(['bot', 'check', 'commit', 'pull-request', 'update']);
    for (const [mode, requests] of Object.entries(runs))
      expect({ mode, permissions: permissions(requests) }).toEqual({ mode, permissions: table[mode] });
  });

  it('no mode sends a GraphQL mutation or a force push', () => {
    const all = Object.values(runs).flat();
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) {
      if (r.path === '/graphql')
        expect(String((r.body as { query: string }).query).trimStart()).toMatch(/^query /);
      if (r.operation === 'git.updateRef') expect((r.body as { force?: boolean }).force).not.toBe(true);
    }
    expect(all.some((r) => r.operation === 'git.updateRef')).toBe(true);
  });

  it("pull_request events read the base branch, never the pull request's head", async () => {
    const payload = webhookPayload('pull_request');
    payload['pull_request'].base.ref = 'main';
    payload['pull_request'].head.ref = 'evil';
    const context = narrowContext({
      eventName: 'pull_request',
      ref: 'refs/pull/7/merge',
      repo: { owner: 'acme', repo: 'web' },
      serverUrl: 'https://github.com',
      runId: 1,
      payload,
    });
    expect(context.branch).toBe('main');

    // End to end: the head branch holds a hostile manifest; the check reads main only and passes.
    const fake = seeded();
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    fake.commitFiles('acme/web', 'evil', { [MANIFEST]: 'version: 1\nplatforms: [x]\n' }, 'evil', undefined);
    const result = await runAction(fake, { event: 'pull_request', inputs: { mode: 'check' } });
    expect(result.failed).toBeUndefined();
    expect(JSON.stringify(result.requests.map((r) => r.body))).not.toContain('evil');
  });

  it("a commenter's text is echoed only defused, whatever the command", async () => {
    const hostile = '"x` @everyone <img src=x onerror=alert(1)> [link](https://evil.example) `y"';
    for (const body of [
      `/blue add ${hostile}`,
      `/blue add --profile ${hostile}`,
      `/blue remove ${hostile}`,
      `/blue platform add ${hostile}`,
      `/blue platform remove ${hostile}`,
      `/blue search ${hostile}`,
      `/blue ${hostile}`,
    ]) {
      const fake = seeded();
      await runAction(fake, { event: 'issue_comment', comment: { body, login: 'maintainer' } });
      const replies = fake.repos.get('acme/web')!.comments.filter((c) => c.user.type === 'Bot');
      expect(replies).toHaveLength(1);
      const reply = replies[0]!.body;
      expect({ body, mention: reply.includes('@everyone') }).toEqual({ body, mention: false });
      const outsideCode = reply.replace(/`[^`]*`/g, '');
      for (const markup of ['<img', '](https://evil'])
        expect({ body, markup: outsideCode.includes(markup) }).toEqual({ body, markup: false });
      expect(fake.requests.filter((r) => r.operation.startsWith('git.create'))).toEqual([]);
    }
  });

  it('a name that is not a slug is refused before the repository is read, whatever the command', async () => {
    // A path, a mention, upper case, a dot folder, 65 characters, two slashes (`<source>/<agent>` has one): each would be harmless later too, but the
    // rule is that no non-slug name gets past the parser's table into a plan, a path or a message.
    for (const name of ['../../etc/passwd', '@octocat', 'Reviewer', '.claude', 'a'.repeat(65), 'a/b/c']) {
      for (const command of ['add', 'add --profile', 'remove', 'platform add', 'platform remove']) {
        const body = `/blue ${command} ${name}`;
        const fake = seeded();
        await runAction(fake, { event: 'issue_comment', comment: { body, login: 'maintainer' } });
        const reply =
          fake.repos.get('acme/web')!.comments.filter((c) => c.user.type === 'Bot')[0]?.body ?? '';
        expect({ body, refused: / is not a valid \w+ name/.test(reply) }).toEqual({ body, refused: true });
        const touched = fake.requests.filter((r) => /^(git\.|graphql|repos\.getContent)/.test(r.operation));
        expect({ body, touched: touched.map((r) => r.operation) }).toEqual({ body, touched: [] });
      }
    }
  });

  it('every test and case SECURITY.md cites exists', () => {
    const tests = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? tests(join(dir, e.name))
          : e.name.endsWith('.test.ts')
            ? [readFileSync(join(dir, e.name), 'utf8')]
            : [],
      );
    const sources = tests(join(process.cwd(), '__tests__'));
    const titles = [...SECURITY.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
    const files = [...SECURITY.matchAll(/`(__tests__\/[\w./-]+\.test\.ts)`/g)].map((m) => m[1]!);
    const cases = [...SECURITY.matchAll(/`(__fixtures__\/bad\/[\w-]+)`/g)].map((m) => m[1]!);
    expect(titles.length).toBeGreaterThanOrEqual(30);
    for (const title of titles)
      expect({ title, cited: sources.some((s) => s.includes(title)) }).toEqual({ title, cited: true });
    for (const path of [...files, ...cases])
      expect({ path, exists: existsSync(join(process.cwd(), path)) }).toEqual({ path, exists: true });
  });
});
