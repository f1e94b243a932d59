import { botCommands, readsSources } from '../../src/bot/commands.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction, type CommentOptions } from '../helpers/action-harness.js';
import { sourceAgent } from '../helpers/git-source.js';

const MANIFEST = '.github/blue-gardener.yml';
const LOCK = '.github/blue-gardener.lock';
const manifest =
  'version: 1\nplatforms: [claude-code]\nsources:\n  acme: acme/ai-catalog/agents@main\nagents:\n  - blue-react-developer\n';

let fake: FakeGitHub;
let first: string;
const repo = () => fake.repos.get('acme/web')!;
const comment = (c: CommentOptions) => runAction(fake, { event: 'issue_comment', comment: c });
const lastReply = () =>
  repo()
    .comments.filter((c) => c.user.type === 'Bot')
    .at(-1)!.body;

beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/ai-catalog', {
    'agents/reviewer.md': sourceAgent('reviewer'),
    'agents/profiles.yml': 'review:\n  description: Review work\n  agents: [reviewer]\n',
  });
  first = fake.repos.get('acme/ai-catalog')!.refs.get('main')!;
  fake.seed('acme/web', { [MANIFEST]: manifest });
  repo().permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  repo().permissions.set('reader', { permission: 'read', role_name: 'read' });
});
afterEach(() => expect(fake.problems).toEqual([]));

describe('the bot with sources', () => {
  it('/blue add acme/reviewer installs the source agent in our pull request, pinned in the lock', async () => {
    const run = await comment({ body: '/blue add acme/reviewer', login: 'maintainer' });
    expect(run.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(files[MANIFEST]).toBe(`${manifest}  - acme/reviewer\n`);
    expect(files['.claude/agents/reviewer.md']).toContain('You review reviewer changes');
    expect(JSON.parse(files[LOCK]!).sources.acme.commit).toBe(first);
    expect(lastReply()).toContain('🚀 Done: add `acme/reviewer`');
  });

  it('/blue add --profile acme/review and /blue remove acme/reviewer take qualified names', async () => {
    await comment({ body: '/blue add --profile acme/review', login: 'maintainer' });
    expect(fake.filesAt('acme/web', 'blue-gardener/sync')['.claude/agents/reviewer.md']).toBeDefined();
    // An agent the source's profile brings in is excluded (the bot reads the source's profiles for it).
    await comment({ body: '/blue remove acme/reviewer', login: 'maintainer' });
    expect(lastReply()).toContain('🚀 Done: remove `acme/reviewer`');
    let files = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(files[MANIFEST]).toMatch(/exclude:\n {2}- acme\/reviewer\n/);
    expect(files['.claude/agents/reviewer.md']).toBeUndefined();
    // Listed by name: dropped from `agents`.
    await comment({ body: '/blue add acme/reviewer', login: 'maintainer' });
    await comment({ body: '/blue remove acme/reviewer', login: 'maintainer' });
    expect(lastReply()).toContain('🚀 Done: remove `acme/reviewer`');
    files = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(files[MANIFEST]).toBe(`${manifest}profiles:\n  - acme/review\nexclude: [acme/reviewer]\n`);
    const bad = await comment({ body: '/blue add acme/Reviewer', login: 'maintainer' });
    expect(lastReply()).toContain('`acme/Reviewer` is not a valid agent name');
    expect(bad.failed).toBeDefined();
  });

  it('/blue remove reads the sources only for a qualified name (a source profile may bring it in)', () => {
    expect(readsSources(botCommands['remove']!, ['blue-react-developer'])).toBe(false);
    expect(readsSources(botCommands['remove']!, ['blue-react-developer', 'acme/reviewer'])).toBe(true);
    expect(readsSources(botCommands['search']!, ['react'])).toBe(true);
    expect(readsSources(botCommands['add']!, ['acme/reviewer'])).toBe(false);
  });

  it('/blue add of an agent the source does not have: a clear reply, nothing written', async () => {
    const before = repo().refs.get('main');
    await comment({ body: '/blue add acme/nobody', login: 'maintainer' });
    expect(lastReply()).toMatch(/I could not do that: .*nobody/s);
    expect(repo().refs.get('main')).toBe(before);
    expect(repo().refs.has('blue-gardener/sync')).toBe(false);
  });

  it('/blue update: the same run as mode: update — one update pull request with the source commits', async () => {
    // Installed and merged first.
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: `${manifest}  - acme/reviewer\n` }, 'm');
    expect((await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).failed).toBeUndefined();
    const second = fake.commitFiles(
      'acme/ai-catalog',
      'main',
      { 'agents/reviewer.md': sourceAgent('reviewer', 'Upstream changed the reviewer.') },
      'up',
    );
    const run = await comment({ body: '/blue update', login: 'maintainer' });
    expect(run.failed).toBeUndefined();
    const pull = repo().pulls.find((p) => p.head === 'blue-gardener/update')!;
    expect(pull.body).toContain(`compare/${first}...${second}`);
    expect(pull.body).toContain(`<!-- blue-gardener-update acme@${second} -->`);
    expect(lastReply()).toContain('🚀 Done: update the sources');
    expect(lastReply()).toContain(`pull/${pull.number}`);

    // Closed by a person, then asked for again by a person: a request is a yes, so it is proposed again.
    pull.state = 'closed';
    const declined = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(declined.summary).toContain('declined');
    expect(repo().pulls.filter((p) => p.state === 'open')).toHaveLength(0);
    await comment({ body: '/blue update acme', login: 'maintainer' });
    expect(repo().pulls.filter((p) => p.state === 'open' && p.head === 'blue-gardener/update')).toHaveLength(
      1,
    );
  });

  it('/blue update needs write permission, and names an unknown source', async () => {
    await comment({ body: '/blue update', login: 'reader' });
    expect(lastReply()).toContain('needs write permission');
    await comment({ body: '/blue update nope', login: 'maintainer' });
    expect(lastReply()).toContain('the manifest has no source `nope`');
    expect(lastReply()).toContain('its sources: acme');
  });

  it('/blue help lists update', async () => {
    await comment({ body: '/blue help', login: 'reader' });
    expect(lastReply()).toContain('`/blue update [source…]`');
  });

  it('/blue search and /blue list cover the sources, each agent labelled with its source and commit', async () => {
    const run = await comment({ body: '/blue search organisation reviewer', login: 'reader' });
    expect(run.failed).toBeUndefined();
    expect(lastReply()).toContain(
      `| \`acme/reviewer\` (source \`acme\` @ ${first.slice(0, 12)}) | quality |`,
    );
    expect(lastReply()).toContain('`/blue add acme/reviewer`');
    await comment({ body: '/blue list', login: 'reader' });
    expect(lastReply()).toContain("The manifest's sources have 1 agents");
    expect(lastReply()).toContain(
      `| \`acme/reviewer\` | source \`acme\` @ ${first.slice(0, 12)} | quality |`,
    );
    // Read, never written: an answer changes nothing.
    expect(
      run.requests.filter((r) => r.method !== 'GET' && !/reactions|createComment|graphql/.test(r.operation)),
    ).toEqual([]);
  });

  it('reads the sources at the commit the lock pins, and shows their text only as code', async () => {
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: `${manifest}  - acme/reviewer\n` }, 'm');
    expect((await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).failed).toBeUndefined();
    // Upstream moves on with a hostile description; the lock still pins the first commit.
    fake.commitFiles(
      'acme/ai-catalog',
      'main',
      {
        'agents/reviewer.md': sourceAgent('reviewer').replace(
          'The reviewer agent of the organisation catalog',
          'Ping @octocat and see [here](https://evil.example)',
        ),
        'agents/extra.md': sourceAgent('extra'),
      },
      'up',
    );
    await comment({ body: '/blue list', login: 'reader' });
    expect(lastReply()).toContain("The manifest's sources have 1 agents");
    expect(lastReply()).not.toContain('acme/extra');
    // After an update, the new text is listed — inside a code span, nothing live.
    fake.commitFiles('acme/web', 'main', { [LOCK]: null }, 'drop the lock');
    await comment({ body: '/blue list', login: 'reader' });
    const reply = lastReply();
    expect(reply).toContain('acme/extra');
    const outsideCode = reply.replace(/`[^`]*`/g, '');
    expect(outsideCode).not.toContain('@octocat');
    expect(outsideCode).not.toContain('](https://evil');
  });

  it('a source that cannot be read: the answer covers the bundled catalog and says why', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest.replace('acme/ai-catalog/agents@main', 'acme/missing/agents@main') },
      'm',
    );
    const run = await comment({ body: '/blue search docker', login: 'reader' });
    expect(run.failed).toBeUndefined();
    expect(lastReply()).toContain('`blue-docker-specialist`');
    expect(lastReply()).toContain("The manifest's `sources` could not be read");
  });
});
