import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction, type CommentOptions } from '../helpers/action-harness.js';

const manifest =
  '# our agents\nversion: 1\nplatforms: [claude-code]\nagents:\n  - blue-react-developer # UI\n';
let fake: FakeGitHub;
const repo = () => fake.repos.get('acme/web')!;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/web', { '.github/blue-gardener.yml': manifest });
  fake.commitFiles(
    'acme/web',
    'feature',
    { 'src/app.ts': 'x\n' },
    'feature work',
    fake.repos.get('acme/web')!.refs.get('main'),
  );
  repo().permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  repo().permissions.set('reader', { permission: 'read', role_name: 'read' });
  repo().pullHeads.set(5, { ref: 'feature', repo: 'acme/web', state: 'open' });
  repo().pullHeads.set(6, { ref: 'patch-1', repo: 'someone/web', state: 'open' });
});
afterEach(() => expect(fake.problems).toEqual([]));

const comment = (c: CommentOptions, inputs: Record<string, string> = {}) =>
  runAction(fake, { event: 'issue_comment', comment: c, inputs });
const writes = (requests: { method: string; operation: string }[]) =>
  requests
    .filter(
      (r) => r.method !== 'GET' && r.operation !== 'graphql.snapshot' && r.operation !== 'graphql.blobs',
    )
    .map((r) => r.operation);
const lastReply = () =>
  repo()
    .comments.filter((c) => c.user.type === 'Bot')
    .at(-1)!.body;
const reactions = () => repo().reactions.map((r) => r.content);

describe('/blue commands in comments', () => {
  it('add on an issue: our pull request with the manifest edit and the files, a reply linking it, 👀 then 🚀', async () => {
    const result = await comment({
      body: '/blue add blue-docker-specialist\r\nthanks!',
      login: 'maintainer',
    });
    expect(result.failed).toBeUndefined();
    expect(reactions()).toEqual(['eyes', 'rocket']);
    const files = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(files['.github/blue-gardener.yml']).toBe(`${manifest}  - blue-docker-specialist\n`);
    expect(files['.claude/agents/blue-docker-specialist.md']).toBeDefined();
    expect(lastReply()).toContain('🚀 Done: add `blue-docker-specialist`');
    expect(lastReply()).toContain('https://github.com/acme/web/pull/1');
    expect(lastReply()).toContain('| `.claude/agents/blue-docker-specialist.md` | create |');
    expect(result.outputs['pull-request-operation']).toBe('created');
    // A second command on an issue builds on the manifest already proposed in our pull request.
    await comment({ body: '/blue add blue-seo-specialist', login: 'maintainer' });
    expect(fake.filesAt('acme/web', 'blue-gardener/sync')['.github/blue-gardener.yml']).toBe(
      `${manifest}  - blue-docker-specialist\n  - blue-seo-specialist\n`,
    );
    expect(repo().pulls).toHaveLength(1);
  });

  it('add on a pull request from this repository: a commit on its branch', async () => {
    const result = await comment({
      body: '/blue add blue-seo-specialist',
      login: 'maintainer',
      pullRequest: 5,
    });
    expect(result.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'feature');
    expect(files['.claude/agents/blue-seo-specialist.md']).toBeDefined();
    expect(files['src/app.ts']).toBe('x\n');
    expect(lastReply()).toMatch(/Committed \d+ file\(s\) to `feature` in [0-9a-f]{40}/);
    expect(repo().pulls).toHaveLength(0);
  });

  it('add on a pull request whose branch moves meanwhile: re-plans on the new head and keeps the push', async () => {
    let moved = false;
    fake.hooks.push((r) => {
      if (r.method === 'POST' && r.path.endsWith('/git/commits') && !moved) {
        moved = true;
        fake.commitFiles('acme/web', 'feature', { 'src/app.ts': 'pushed meanwhile\n' }, 'author push');
      }
    });
    const result = await comment({
      body: '/blue add blue-seo-specialist',
      login: 'maintainer',
      pullRequest: 5,
    });
    expect(result.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'feature');
    expect(files['src/app.ts']).toBe('pushed meanwhile\n');
    expect(files['.claude/agents/blue-seo-specialist.md']).toBeDefined();
    expect(result.requests.filter((r) => r.operation === 'git.updateRef')).toHaveLength(2);
  });

  it('add on a pull request from a fork: never pushes to the fork, opens our pull request instead', async () => {
    const result = await comment({
      body: '/blue add blue-seo-specialist',
      login: 'maintainer',
      pullRequest: 6,
    });
    expect(result.failed).toBeUndefined();
    expect(repo().pulls[0]).toMatchObject({ head: 'blue-gardener/sync', base: 'main' });
  });

  it('search answers with ranked results, typo tolerant, without writing to the repository', async () => {
    const result = await comment({ body: '/blue search dokcer', login: 'reader' });
    expect(result.failed).toBeUndefined();
    expect(lastReply()).toContain('| `blue-docker-specialist` | infrastructure |');
    expect(lastReply()).toContain('`/blue add blue-docker-specialist`');
    // The manifest has no sources: nothing about them in the answer.
    expect(lastReply()).not.toContain('sources');
    expect(writes(result.requests)).toEqual([
      'reactions.createForIssueComment',
      'issues.createComment',
      'reactions.createForIssueComment',
    ]);
  });

  it('refuses a change from someone with read permission: a reply and 😕, and no write to the repository', async () => {
    const result = await comment({ body: '/blue add blue-docker-specialist', login: 'reader' });
    expect(lastReply()).toContain('needs write permission on this repository; you have read');
    expect(reactions()).toEqual(['confused']);
    expect(writes(result.requests)).toEqual(['issues.createComment', 'reactions.createForIssueComment']);
    expect(repo().refs.has('blue-gardener/sync')).toBe(false);
  });

  it('says "did you mean" for unknown commands and agents', async () => {
    await comment({ body: '/blue serach testing', login: 'reader' });
    expect(lastReply()).toContain('Did you mean `search`');
    await comment({ body: '/blue add blue-dokcer-specialist', login: 'maintainer' });
    expect(lastReply()).toContain('Did you mean `blue-docker-specialist`');
    expect(repo().refs.has('blue-gardener/sync')).toBe(false);
  });

  it('ignores bots, edited comments, other text and people without access — without a single request', async () => {
    for (const c of [
      { body: '/blue add blue-seo-specialist', login: 'renovate[bot]', userType: 'Bot' as const },
      { body: '/blue add blue-seo-specialist', login: 'maintainer', action: 'edited' as const },
      { body: 'looks good to me /blue add x', login: 'maintainer' },
      { body: '/bluegrass is a genre', login: 'maintainer' },
    ]) {
      const result = await comment(c);
      expect(result.requests).toEqual([]);
    }
    const stranger = await comment({ body: '/blue add blue-seo-specialist', login: 'stranger' });
    expect(stranger.requests.map((r) => r.operation)).toEqual(['repos.getCollaboratorPermissionLevel']);
  });

  it('escapes what it echoes: no mentions, no markup', async () => {
    await comment({ body: '/blue @everyone<img src=x>`', login: 'reader' });
    const reply = lastReply();
    expect(reply).not.toMatch(/@everyone/);
    // Echoed text only ever appears inside a code span, where GitHub renders no HTML or mention.
    expect(reply).toContain('`@\u200beveryone<img` is not a command');
  });

  it('updates its one reply in place on a re-run, found by a marker in a bot comment only', async () => {
    await comment({ body: '/blue search docker', login: 'reader' });
    const command = repo().comments.find((c) => c.body === '/blue search docker')!;
    const ourReply = repo().comments.at(-1)!;
    ourReply.body = ourReply.body.replace('Agents matching', 'OLD');
    // Someone copies our marker into their own comment, listed before ours (found first): it is not trusted.
    repo().comments.splice(repo().comments.indexOf(ourReply), 0, {
      id: 1,
      issue: 12,
      body: ourReply.body,
      user: { login: 'mallory', type: 'User' },
    });
    const rerun = await runAction(fake, {
      event: 'issue_comment',
      comment: { body: '/blue search docker', login: 'reader', id: command.id },
      runAttempt: 2,
    });
    expect(rerun.failed).toBeUndefined();
    expect(repo().comments.filter((c) => c.user.type === 'Bot')).toHaveLength(1);
    expect(ourReply.body).toContain('Agents matching');
    expect(repo().comments.find((c) => c.id === 1)!.body).toContain('OLD');
    expect(rerun.requests.map((r) => r.operation)).toContain('issues.updateComment');
  });

  it('help is generated from the command table, with the configured prefix and permissions', async () => {
    await comment(
      { body: '/agents help', login: 'reader' },
      { 'command-prefix': '/agents', 'write-permission': 'maintain' },
    );
    expect(lastReply()).toContain(
      '| `/agents add <agent or skill…> \\| add --profile <id>` | install agents, repository skills or a profile | maintain |',
    );
  });
});

describe('every change command, end to end on an issue', () => {
  const onSync = () => fake.filesAt('acme/web', 'blue-gardener/sync');
  it.each([
    {
      body: '/blue add --profile core',
      manifest: (m: string) => expect(m).toMatch(/profiles:\s*\n?\s*-?\s*\[?core/),
      file: '.claude/agents/blue-architecture-designer.md',
      present: true,
    },
    {
      body: '/blue remove blue-react-developer',
      manifest: (m: string) => expect(m).not.toContain('blue-react-developer'),
      file: '.claude/agents/blue-react-developer.md',
      present: false,
    },
    {
      body: '/blue platform add cursor',
      manifest: (m: string) => expect(m).toMatch(/platforms: \[claude-code, cursor\]/),
      file: '.cursor/agents/blue-react-developer.md',
      present: true,
    },
  ])('$body edits the manifest (keeping its comment) and regenerates', async (c) => {
    // Start from a repository whose files are in place, so a removal has something to delete.
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    const result = await comment({ body: c.body, login: 'maintainer' });
    expect(result.failed).toBeUndefined();
    const files = onSync();
    expect(files['.github/blue-gardener.yml']).toContain('# our agents');
    c.manifest(files['.github/blue-gardener.yml']!);
    expect(files[c.file] !== undefined).toBe(c.present);
    expect(lastReply()).toContain('🚀 Done');
    expect(reactions()).toEqual(['eyes', 'rocket']);
  });

  it('platform remove drops that tool’s files and keeps the others', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { '.github/blue-gardener.yml': manifest.replace('[claude-code]', '[claude-code, cursor]') },
      'enable cursor',
      repo().refs.get('main'),
    );
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(fake.filesAt('acme/web', 'main')['.cursor/agents/blue-react-developer.md']).toBeDefined();
    await comment({ body: '/blue platform remove cursor', login: 'maintainer' });
    const files = onSync();
    expect(files['.cursor/agents/blue-react-developer.md']).toBeUndefined();
    expect(files['.claude/agents/blue-react-developer.md']).toBeDefined();
    expect(lastReply()).toContain('| `.cursor/agents/blue-react-developer.md` | delete |');
  });

  it('sync regenerates a deleted generated file; a second sync with nothing to do says so and writes nothing', async () => {
    const first = await comment({ body: '/blue sync', login: 'maintainer' });
    expect(first.failed).toBeUndefined();
    expect(onSync()['.claude/agents/blue-react-developer.md']).toBeDefined();
    const before = repo().refs.get('blue-gardener/sync');
    const again = await comment({ body: '/blue sync', login: 'maintainer' });
    expect(again.failed).toBeUndefined();
    expect(repo().refs.get('blue-gardener/sync')).toBe(before);
    expect(writes(again.requests)).not.toContain('git.createCommit');
  });
});

describe('read-only commands and permission levels', () => {
  it.each([
    ['/blue list', 'The catalog has 61 agents'],
    ['/blue profiles', '| `core` |'],
    ['/blue platforms', '| `claude-code` |'],
    ['/blue help', '| `/blue search <words…>` |'],
  ])('%s answers without writing to the repository', async (body, expected) => {
    const result = await comment({ body, login: 'reader' });
    expect(result.failed).toBeUndefined();
    expect(lastReply()).toContain(expected);
    expect(writes(result.requests)).toEqual([
      'reactions.createForIssueComment',
      'issues.createComment',
      'reactions.createForIssueComment',
    ]);
  });

  it.each([
    ['admin', 'admin', true],
    ['maintain', 'write', true],
    ['write', 'write', true],
    ['triage', 'read', false],
    ['read', 'read', false],
  ])('a %s collaborator may change agents: %s', async (role, permission, allowed) => {
    repo().permissions.set('someone', { permission, role_name: role });
    const result = await comment({ body: '/blue add blue-seo-specialist', login: 'someone' });
    expect(repo().refs.has('blue-gardener/sync')).toBe(allowed);
    expect(reactions().at(-1)).toBe(allowed ? 'rocket' : 'confused');
    if (!allowed) expect(writes(result.requests)).not.toContain('git.createCommit');
  });

  it('a stricter write-permission input refuses a write collaborator', async () => {
    await comment({ body: '/blue sync', login: 'maintainer' }, { 'write-permission': 'admin' });
    expect(lastReply()).toContain('needs admin permission');
    expect(repo().refs.has('blue-gardener/sync')).toBe(false);
  });
});
