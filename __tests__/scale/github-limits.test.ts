// Each of github.com's size limits, one at a time, against the fake that enforces them: the fake answers as
// github.com does, and our reads and writes stay within the limits or go around them.
import { createOctokit } from '../../src/hosts/github/client.js';
import { createCommit } from '../../src/hosts/github/commit.js';
import { readBlobs, readSnapshot } from '../../src/hosts/github/snapshot.js';
import { UserError } from '../../src/core/errors.js';
import { translateGitHubError } from '../../src/runs/github-errors.js';
import { fakeGitHub, GITHUB_LIMITS, TREE_TOO_LARGE, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';

/** The bound on every request body. */
const ONE_MB = 1_000_000;

const repo = { owner: 'acme', repo: 'web' };
const client = (fake: FakeGitHub) =>
  createOctokit(
    't',
    { debug: () => undefined, warning: () => undefined } as never,
    {
      request: { fetch: fake.fetch },
      throttle: { enabled: false },
      retry: { enabled: false },
    } as never,
  );
/** `n` distinct texts of `size` bytes each, under `dir`. */
const texts = (n: number, size: number, dir = 'gen') =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${dir}/f${String(i).padStart(5, '0')}.md`,
      `${i}\n`.padEnd(size, 'x'),
    ]),
  );

describe('the fake enforces github.com limits', () => {
  it('a create-tree body over 2 MB: 422 with GitHub’s "build the tree incrementally" message', async () => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { 'README.md': 'hi\n' });
    const big = Object.entries(texts(30, 80_000)).map(([path, content]) => ({
      path,
      mode: '100644' as const,
      type: 'blob' as const,
      content,
    }));
    const error = await client(fake)
      .rest.git.createTree({ ...repo, tree: big })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, message: expect.stringContaining('tree incrementally') });
  });

  it('GraphQL cuts a blob’s text at 512,000 bytes and says so', async () => {
    const fake = fakeGitHub();
    const text = 'a'.repeat(GITHUB_LIMITS.graphqlBlobTextBytes + 10);
    fake.seed('acme/web', { 'big.md': text });
    const sha = [...fake.repos.get('acme/web')!.blobs.keys()][0]!;
    const data = await client(fake).graphql<{ repository: { b0: { text: string; isTruncated: boolean } } }>(
      'query BlueGardenerBlobs($owner: String!, $name: String!, $o0: GitObjectID!) { repository(owner: $owner, name: $name) { b0: object(oid: $o0) { ... on Blob { text isBinary isTruncated } } } }',
      { owner: 'acme', name: 'web', o0: sha },
    );
    expect(data.repository.b0.isTruncated).toBe(true);
    expect(data.repository.b0.text).toHaveLength(GITHUB_LIMITS.graphqlBlobTextBytes);
  });
});

describe('writes of any size, in bounded requests', () => {
  it('a 3 MB change set and a 1.5 MB file: every tree request ≤ 1 MB, the big file as a blob, one commit', async () => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { 'README.md': 'hi\n', '.claude/agents/gone.md': 'bye\n' });
    const octokit = client(fake);
    const snapshot = await readSnapshot(octokit, repo, undefined);
    const files = {
      ...texts(300, 10_000, '.claude/agents'),
      '.claude/agents/huge.md': 'h'.repeat(1_500_000),
    };
    const changes = [
      ...Object.entries(files).map(([path, content]) => ({ path, operation: 'create' as const, content })),
      { path: '.claude/agents/gone.md', operation: 'delete' as const },
    ];
    const sha = await createCommit(octokit, repo, snapshot, changes as never, 'big');
    const trees = fake.requests.filter((r) => r.operation === 'git.createTree');
    expect(trees.length).toBeGreaterThanOrEqual(3);
    for (const t of trees) expect(t.bodyBytes).toBeLessThanOrEqual(ONE_MB);
    // Each tree builds on the one before: the chain ends in a tree holding everything.
    const blobs = fake.requests.filter((r) => r.operation === 'git.createBlob');
    expect(blobs).toHaveLength(1);
    expect(fake.requests.filter((r) => r.operation === 'git.createCommit')).toHaveLength(1);
    const ours = fake.repos.get('acme/web')!;
    const tree = ours.trees.get(ours.commits.get(sha)!.tree)!;
    for (const [path, content] of Object.entries(files))
      expect(ours.blobs.get(tree.get(path)!.sha)).toBe(content);
    expect(tree.has('.claude/agents/gone.md')).toBe(false);
    expect(tree.has('README.md')).toBe(true);
    // No ref moved: the commit is made, the branch is where it was.
    expect(ours.refs.get('main')).toBe(snapshot.headOid);
  });

  it('a failure part-way (the second tree request) leaves the branch where it was', async () => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { 'README.md': 'hi\n' });
    let n = 0;
    fake.hooks.push((r) =>
      r.operation === '' && r.method === 'POST' && r.path.endsWith('/git/trees') && ++n === 2
        ? { status: 422, body: { message: TREE_TOO_LARGE } }
        : undefined,
    );
    const start = fake.repos.get('acme/web')!.refs.get('main');
    const octokit = client(fake);
    const snapshot = await readSnapshot(octokit, repo, undefined);
    const changes = Object.entries(texts(300, 10_000, '.claude/agents')).map(([path, content]) => ({
      path,
      operation: 'create' as const,
      content,
    }));
    await expect(createCommit(octokit, repo, snapshot, changes as never, 'm')).rejects.toMatchObject({
      status: 422,
    });
    expect(fake.repos.get('acme/web')!.refs.get('main')).toBe(start);
  });
});

describe('reads of any size', () => {
  it('a text GraphQL cuts is read whole through the REST blobs API', async () => {
    const fake = fakeGitHub();
    const text = `${'é'.repeat(300_000)}\n`; // 600,001 bytes: over the cut in bytes, not in characters
    fake.seed('acme/web', { 'lock.json': text, 'small.md': 'small\n' });
    const blobs = [...fake.repos.get('acme/web')!.blobs.keys()];
    const got = await readBlobs(client(fake), repo, blobs);
    expect([...got.values()].sort()).toEqual([text, 'small\n'].sort());
    const rest = fake.requests.filter((r) => r.operation === 'git.getBlob');
    expect(rest).toHaveLength(1);
    // Raw bytes, not a JSON answer: Octokit cannot parse a JSON answer of many megabytes.
    expect(rest[0]!.accept).toContain('application/vnd.github.raw');
    expect(fake.problems).toEqual([]);
  });

  it('texts are asked for in GraphQL requests of at most 1 MB, a file known to be over the cut straight through REST', async () => {
    const fake = fakeGitHub();
    const files = {
      ...texts(30, 100_000, 'docs'),
      'big.md': 'b'.repeat(GITHUB_LIMITS.graphqlBlobTextBytes + 1),
    };
    fake.seed('acme/web', files);
    const octokit = client(fake);
    const snapshot = await readSnapshot(octokit, repo, undefined);
    const got = await readBlobs(octokit, repo, [...snapshot.files.values()]);
    expect(got.size).toBe(31);
    const queries = fake.requests.filter((r) => r.operation === 'graphql.blobs');
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const q of queries) {
      const asked = Object.keys((q.body as { variables: object }).variables).filter((k) => /^o\d+$/.test(k));
      expect(asked.length * 100_000).toBeLessThanOrEqual(ONE_MB);
      expect(JSON.stringify(q.body)).not.toContain(snapshot.files.get('big.md')!.sha);
    }
    expect(fake.requests.filter((r) => r.operation === 'git.getBlob')).toHaveLength(1);
  });

  it('a truncated recursive listing is walked folder by folder, complete', async () => {
    const fake = fakeGitHub({ recursiveTreeEntries: 50 });
    const files = {
      ...texts(40, 10, 'src/a'),
      ...texts(40, 10, 'src/b'),
      ...texts(5, 10, '.claude/agents'),
      'README.md': 'x',
    };
    fake.seed('acme/web', files);
    const snapshot = await readSnapshot(client(fake), repo, undefined);
    expect([...snapshot.files.keys()].sort()).toEqual(Object.keys(files).sort());
    const listings = fake.requests.filter((r) => r.operation === 'git.getTree');
    expect(listings.length).toBeGreaterThan(1);
    expect(fake.problems).toEqual([]);
  });

  it('the action plans and commits on a repository whose listing GitHub truncates', async () => {
    const fake = fakeGitHub({ recursiveTreeEntries: 100 });
    fake.seed('acme/web', {
      '.github/blue-gardener.yml': 'version: 1\nplatforms: [claude-code]\nagents: [blue-react-developer]\n',
      ...texts(300, 10, 'vendor'),
    });
    const result = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    expect(result.failed).toBeUndefined();
    expect(fake.filesAt('acme/web', 'main')['.claude/agents/blue-react-developer.md']).toBeDefined();
    expect(fake.filesAt('acme/web', 'main')['vendor/f00299.md']).toBeDefined();
    expect(fake.problems).toEqual([]);
  });
});

describe('tree-building failures, translated', () => {
  const building = (status: number, message: string) =>
    Object.assign(new Error(message), {
      status,
      request: { method: 'POST', url: 'https://api.github.com/repos/acme/web/git/trees' },
      response: { status },
    });
  it.each([
    [422, TREE_TOO_LARGE],
    [502, 'Bad Gateway'],
    [504, 'Gateway Timeout'],
  ])(
    '%d on creating a tree: says the request was too large, nothing changed — not an outage',
    (status, message) => {
      const error = translateGitHubError(building(status, message), 'acme/web') as UserError;
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toContain('too long to process (usually its size)');
      expect(error.message).not.toContain('outage');
      expect(error.hint).toContain('Nothing was changed (no branch moved)');
      expect(error.hint).not.toContain('outage');
    },
  );
  it('a 502 elsewhere is still an outage', () => {
    const error = translateGitHubError(
      Object.assign(new Error('Bad Gateway'), {
        status: 502,
        request: { method: 'GET', url: 'https://api.github.com/repos/acme/web/git/trees/abc' },
        response: {},
      }),
      'acme/web',
    ) as UserError;
    expect(error.hint).toContain('outage');
  });
});
