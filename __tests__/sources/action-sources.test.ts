import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { sourceAgent } from '../helpers/git-source.js';

const LOCK = '.github/blue-gardener.lock';
const MANIFEST = '.github/blue-gardener.yml';
const manifest = (spec = 'acme/ai-catalog/agents@main', agents = '[acme/reviewer]') =>
  `version: 1\nplatforms: [claude-code]\nsources:\n  acme: ${spec}\nagents: ${agents}\n`;

let fake: FakeGitHub;
let first: string;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/ai-catalog', {
    'agents/reviewer.md': sourceAgent('reviewer'),
    'agents/backend/api-designer.md': sourceAgent('api-designer'),
    'agents/profiles.yml': 'backend:\n  description: Backend work\n  agents: [api-designer, reviewer]\n',
    'agents/README.md': '# Our catalog\n',
    'src/other.ts': 'export {};\n',
  });
  first = fake.repos.get('acme/ai-catalog')!.refs.get('main')!;
  fake.seed('acme/web', { [MANIFEST]: manifest(), 'src/index.ts': 'export {};\n' });
});
afterEach(() => expect(fake.problems).toEqual([]));

const ops = (requests: { operation: string; path: string }[]) => requests.map((r) => r.operation);
const sourceRequests = (requests: { operation: string; path: string; body: unknown }[]) =>
  requests.filter(
    (r) =>
      r.path.startsWith('/repos/acme/ai-catalog/') ||
      JSON.stringify(r.body ?? '').includes('"name":"ai-catalog"'),
  );

/** What a failed run told the person: its failure line and its annotations (a located error is one). */
const said = (run: { failed?: string; annotations: { message: string }[] }) =>
  [run.failed ?? '', ...run.annotations.map((a) => a.message)].join('\n');

describe('the action with a GitHub source', () => {
  it('commit mode: installs the source agent, pins the commit in the lock, in 4 requests for the source (3 when pinned)', async () => {
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'main');
    expect(files['.claude/agents/reviewer.md']).toContain('You review reviewer changes');
    const lock = JSON.parse(files[LOCK]!);
    expect(lock.sources.acme.commit).toBe(first);
    expect(Object.keys(lock.sources.acme.agents)).toEqual(['reviewer']);
    // A new source in a sub-folder: resolve the ref, ask for the folder at that commit, list it, read texts.
    expect(ops(sourceRequests(run.requests))).toEqual([
      'graphql.source',
      'graphql.source',
      'git.getTree',
      'graphql.blobs',
    ]);
    // Only the folder is listed, not the whole repository.
    const listing = sourceRequests(run.requests).find((r) => r.operation === 'git.getTree')!;
    expect(listing.path).not.toContain(fake.repos.get('acme/ai-catalog')!.commits.get(first)!.tree);

    // The source moves on: a later run stays at the locked commit, reading it in 3 requests, and changes nothing.
    fake.commitFiles(
      'acme/ai-catalog',
      'main',
      { 'agents/reviewer.md': sourceAgent('reviewer', 'Changed upstream.') },
      'c',
    );
    const again = await runAction(fake, { event: 'schedule', inputs: { mode: 'commit' } });
    expect(again.failed).toBeUndefined();
    expect(again.outputs['changed']).toBe('false');
    expect(ops(sourceRequests(again.requests))).toEqual(['graphql.source', 'git.getTree', 'graphql.blobs']);
    expect(fake.filesAt('acme/web', 'main')['.claude/agents/reviewer.md']).toContain('You review reviewer');
  });

  it('a symbolic link in a GitHub source is never read; naming its agent is an error that says it is a link', async () => {
    const secret = 'SECRET LINK TARGET';
    fake.commitFiles(
      'acme/ai-catalog',
      'main',
      { 'agents/alias.md': `../../${secret}` },
      'link',
      undefined,
      '120000',
    );
    const ok = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(ok.failed).toBeUndefined();
    expect(JSON.stringify(fake.filesAt('acme/web', 'main'))).not.toContain(secret);
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest(undefined, '[acme/reviewer, acme/alias]') },
      'm',
    );
    const asked = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(said(asked)).toContain('unknown agent `acme/alias`');
    expect(said(asked)).toContain(
      'its file in source `acme` is a symbolic link, which blue-gardener never follows',
    );
    expect(fake.filesAt('acme/web', 'main')['.claude/agents/alias.md']).toBeUndefined();
  });

  it('a GitHub source over 5,000 files or 20 MB is refused before its texts are read', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 5_000; i++) many[`agents/notes/n${i}.txt`] = `${i}\n`;
    fake.commitFiles('acme/ai-catalog', 'main', many, 'many notes');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(said(run)).toContain('source `acme` has 5004 files; the limit is 5000');
    expect(ops(sourceRequests(run.requests))).not.toContain('graphql.blobs');
    const less: Record<string, string | null> = {};
    for (let i = 0; i < 5_000; i++) less[`agents/notes/n${i}.txt`] = null;
    for (const c of 'abc') less[`agents/${c}.txt`] = c.repeat(7 * 1024 * 1024);
    fake.commitFiles('acme/ai-catalog', 'main', less, 'heavy');
    const heavy = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(said(heavy)).toContain('source `acme` is larger than 20 MB');
    expect(ops(sourceRequests(heavy.requests))).not.toContain('graphql.blobs');
    expect(fake.filesAt('acme/web', 'main')[LOCK]).toBeUndefined();
  });

  it('the request count does not grow with the number of agents in the source', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`agents/team${i % 7}/agent-${i}.md`] = sourceAgent(`agent-${i}`);
    fake.commitFiles('acme/ai-catalog', 'main', many, 'many agents');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    expect(sourceRequests(run.requests)).toHaveLength(4);
  });

  it('pull-request mode: proposes the source agent and a source profile', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest(undefined, '[]\nprofiles: [acme/backend]') },
      'p',
    );
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'pull-request' } });
    expect(run.failed).toBeUndefined();
    const pull = fake.repos.get('acme/web')!.pulls[0]!;
    expect(pull.state).toBe('open');
    const files = fake.filesAt('acme/web', pull.head);
    expect(files['.claude/agents/api-designer.md']).toContain('api-designer');
    expect(files['.claude/agents/reviewer.md']).toBeDefined();
    expect(JSON.parse(files[LOCK]!).sources.acme.commit).toBe(first);
  });

  it('a source at the repository root, and a tag, resolve in one request', async () => {
    fake.seed('acme/flat', { 'reviewer.md': sourceAgent('reviewer') });
    const tagged = fake.repos.get('acme/flat')!.refs.get('main')!;
    fake.repos.get('acme/flat')!.refs.set('tags/v2', tagged);
    fake.commitFiles('acme/flat', 'main', { 'reviewer.md': sourceAgent('reviewer', 'After the tag.') }, 'c');
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: manifest('acme/flat@v2') }, 'm');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    const files = fake.filesAt('acme/web', 'main');
    expect(JSON.parse(files[LOCK]!).sources.acme.commit).toBe(tagged);
    expect(files['.claude/agents/reviewer.md']).not.toContain('After the tag');
    expect(
      ops(
        run.requests.filter(
          (r) => r.path.includes('acme/flat') || JSON.stringify(r.body ?? '').includes('"name":"flat"'),
        ),
      ),
    ).toEqual(['graphql.source', 'git.getTree', 'graphql.blobs']);
  });

  it('an annotated tag is peeled to its commit', async () => {
    const tagged = fake.repos.get('acme/ai-catalog')!.refs.get('main')!;
    fake.repos.get('acme/ai-catalog')!.annotatedTags.set('v3', tagged);
    fake.commitFiles(
      'acme/ai-catalog',
      'main',
      { 'agents/reviewer.md': sourceAgent('reviewer', 'Later.') },
      'c',
    );
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: manifest('acme/ai-catalog/agents@v3') }, 'm');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    expect(JSON.parse(fake.filesAt('acme/web', 'main')[LOCK]!).sources.acme.commit).toBe(tagged);
  });

  it('check mode fails when the lock would change (a source whose spec changed), and writes nothing', async () => {
    expect((await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).failed).toBeUndefined();
    fake.repos.get('acme/ai-catalog')!.refs.set('stable', first);
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: manifest('acme/ai-catalog/agents@stable') }, 'm');
    const head = fake.repos.get('acme/web')!.refs.get('main');
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'check' } });
    expect(run.failed).toBeDefined();
    expect(JSON.parse(run.outputs['pending-files']!)).toEqual([{ path: LOCK, operation: 'update' }]);
    expect(fake.repos.get('acme/web')!.refs.get('main')).toBe(head);
  });

  it.each([
    [
      'a missing repository',
      'acme/nothing/agents@main',
      /repository acme\/nothing was not found, or the action's token cannot read it/,
      /GitHub App installation token or a fine-grained personal access token with Contents: read on acme\/nothing/,
    ],
    [
      'a missing ref',
      'acme/ai-catalog/agents@v9',
      /acme\/ai-catalog has no branch, tag or commit `v9`/,
      /check the ref/,
    ],
    [
      'a missing folder',
      'acme/ai-catalog/agentz@main',
      /no folder `agentz` in acme\/ai-catalog at commit [0-9a-f]{12} \(ref `main`\)/,
      /folder after owner\/repo/,
    ],
    [
      'a file, not a folder',
      'acme/ai-catalog/src/other.ts@main',
      /`src\/other.ts` in acme\/ai-catalog is a file, not a folder/,
      /folder that holds/,
    ],
  ])('%s: a clear error naming the source, and nothing written', async (_what, spec, message, hint) => {
    fake.commitFiles('acme/web', 'main', { [MANIFEST]: manifest(spec) }, 'm');
    const before = fake.repos.get('acme/web')!.refs.get('main');
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(said(run)).toMatch(/source `acme`/);
    expect(said(run)).toMatch(message);
    expect(said(run)).toMatch(hint);
    expect(fake.repos.get('acme/web')!.refs.get('main')).toBe(before);
    expect(run.requests.filter((r) => r.method !== 'GET' && r.operation.startsWith('git.'))).toEqual([]);
  });

  it('a locked commit that is gone (history rewritten) says so and points to update', async () => {
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    fake.repos.get('acme/ai-catalog')!.commits.delete(first);
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'check' } });
    expect(said(run)).toMatch(new RegExp(`the locked commit ${first} is not in acme/ai-catalog any more`));
    expect(said(run)).toMatch(/mode: update/);
  });

  it('a `git:` source on github.com is read through the API; another git URL is refused with the fix', async () => {
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest("{ git: 'https://github.com/acme/ai-catalog.git', ref: main, path: agents }") },
      'm',
    );
    const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(run.failed).toBeUndefined();
    expect(fake.filesAt('acme/web', 'main')['.claude/agents/reviewer.md']).toBeDefined();
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest("{ git: 'https://git.example.com/ai.git', ref: main }") },
      'm',
    );
    const other = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(said(other)).toMatch(
      /the action reads GitHub sources only, not https:\/\/git.example.com\/ai.git/,
    );
    expect(said(other)).toMatch(/use the CLI/);
  });
});
