import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { sourceAgent } from '../helpers/git-source.js';

const LOCK = '.github/blue-gardener.lock';
const MANIFEST = '.github/blue-gardener.yml';
const REVIEWER = '.claude/agents/reviewer.md';
const DESIGNER = '.claude/agents/api-designer.md';
const manifest =
  'version: 1\nplatforms: [claude-code]\nsources:\n  acme: acme/ai-catalog/agents@main\nagents: [acme/reviewer, acme/api-designer]\n';

let fake: FakeGitHub;
let first: string;
const upstream = (files: Record<string, string>) =>
  fake.commitFiles('acme/ai-catalog', 'main', files, 'upstream change');
const pulls = () => fake.repos.get('acme/web')!.pulls;

beforeEach(async () => {
  fake = fakeGitHub();
  fake.seed('acme/ai-catalog', {
    'agents/reviewer.md': sourceAgent('reviewer', 'Line one of the reviewer.\n\nLine two of the reviewer.'),
    'agents/api-designer.md': sourceAgent('api-designer', 'Design APIs.\n\nKeep them small.'),
  });
  first = fake.repos.get('acme/ai-catalog')!.refs.get('main')!;
  fake.seed('acme/web', { [MANIFEST]: manifest });
  const synced = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
  expect(synced.failed).toBeUndefined();
});
afterEach(() => expect(fake.problems).toEqual([]));

describe('mode: update', () => {
  it('moves the source, proposes ONE pull request on a fixed branch with old→new commit links, updated in place', async () => {
    const second = upstream({
      'agents/reviewer.md': sourceAgent(
        'reviewer',
        'Line one, improved upstream.\n\nLine two of the reviewer.',
      ),
    });
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    expect(pulls()).toHaveLength(1);
    const pull = pulls()[0]!;
    expect(pull.head).toBe('blue-gardener/update');
    expect(pull.title).toBe('Update AI agents from their sources (blue-gardener)');
    expect(pull.body).toContain(`https://github.com/acme/ai-catalog/compare/${first}...${second}`);
    expect(pull.body).toContain(
      `[\`${first.slice(0, 12)}\`](https://github.com/acme/ai-catalog/commit/${first})`,
    );
    expect(pull.body).toMatch(
      /- `acme` \(`acme\/ai-catalog\/agents@\u200bmain`\): .*; agents changed: `reviewer`\n/,
    );
    expect(pull.body).toContain(`<!-- blue-gardener-update acme@${second} -->`);
    const proposed = fake.filesAt('acme/web', 'blue-gardener/update');
    expect(proposed[REVIEWER]).toContain('Line one, improved upstream.');
    expect(JSON.parse(proposed[LOCK]!).sources.acme.commit).toBe(second);
    // The base branch is untouched, and a sync there stays pinned at the first commit.
    expect(JSON.parse(fake.filesAt('acme/web', 'main')[LOCK]!).sources.acme.commit).toBe(first);
    expect(run.summary).toContain('### Sources');

    // The source moves again: the same pull request is updated in place.
    const third = upstream({
      'agents/api-designer.md': sourceAgent('api-designer', 'Design APIs well.\n\nKeep them small.'),
    });
    const again = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(again.failed).toBeUndefined();
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.body).toContain(`compare/${first}...${third}`);
    expect(pulls()[0]!.body).toMatch(/agents changed: `api-designer`, `reviewer`/);
    expect(again.outputs['pull-request-operation']).toBe('updated');
  });

  it('merges a hand edit cleanly, keeps a conflicting one unchanged, and lists both for the reviewer', async () => {
    const main = fake.filesAt('acme/web', 'main');
    // The user edits both generated files: an added closing line (clean merge), a rewritten line (conflict).
    fake.commitFiles(
      'acme/web',
      'main',
      {
        [REVIEWER]: `${main[REVIEWER]!}\nOur team note: run the linters first.\n`,
        [DESIGNER]: main[DESIGNER]!.replace('Keep them small.', 'Keep them tiny, our rule.'),
      },
      'hand edits',
    );
    const edited = fake.filesAt('acme/web', 'main');
    upstream({
      'agents/reviewer.md': sourceAgent(
        'reviewer',
        'Line one, improved upstream.\n\nLine two of the reviewer.',
      ),
      'agents/api-designer.md': sourceAgent(
        'api-designer',
        'Design APIs.\n\nKeep them small and documented.',
      ),
    });
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    const proposed = fake.filesAt('acme/web', 'blue-gardener/update');
    expect(proposed[REVIEWER]).toContain('Line one, improved upstream.');
    expect(proposed[REVIEWER]).toContain('Our team note: run the linters first.');
    expect(proposed[DESIGNER]).toBe(edited[DESIGNER]);
    const body = pulls()[0]!.body;
    expect(body).toMatch(
      /### Hand edits kept, upstream change merged[\s\S]*- `\.claude\/agents\/reviewer\.md` \(agent `reviewer` of source `acme`\)/,
    );
    expect(body).toMatch(
      /### Conflicts: your files left unchanged[\s\S]*- `\.claude\/agents\/api-designer\.md` \(agent `api-designer` of source `acme`\)/,
    );
  });

  it('closed means no: a pull request closed unmerged is not proposed again for the same commits, and is when the source moves on', async () => {
    upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version two.') });
    await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(pulls()).toHaveLength(1);
    pulls()[0]!.state = 'closed'; // a person closes it without merging
    const branchHead = fake.repos.get('acme/web')!.refs.get('blue-gardener/update');

    const declined = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(declined.failed).toBeUndefined();
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.state).toBe('closed');
    expect(fake.repos.get('acme/web')!.refs.get('blue-gardener/update')).toBe(branchHead);
    expect(declined.summary).toContain('not proposed: these source commits were declined in pull request #1');
    expect(
      declined.requests.filter(
        (r) =>
          r.method !== 'GET' &&
          r.operation !== 'graphql.source' &&
          r.operation !== 'graphql.blobs' &&
          r.operation !== 'graphql.snapshot',
      ),
    ).toEqual([]);

    // The source moves on: a new pull request proposes the new commit.
    const third = upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version three.') });
    const proposed = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(proposed.failed).toBeUndefined();
    expect(pulls()).toHaveLength(2);
    expect(pulls()[1]!.state).toBe('open');
    expect(pulls()[1]!.body).toContain(`<!-- blue-gardener-update acme@${third} -->`);
    expect(fake.filesAt('acme/web', 'blue-gardener/update')[REVIEWER]).toContain('Version three.');
  });

  it('a merged update pull request does not count as declined', async () => {
    upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version two.') });
    await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    Object.assign(pulls()[0]!, { state: 'closed', merged: true });
    // (not actually merged into main here: the next run proposes the same commits again)
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    expect(pulls().filter((p) => p.state === 'open')).toHaveLength(1);
  });

  it('requests per source on an update: 7 when it moved (new commit 4, locked commit 3 as merge base), 4 when it did not', async () => {
    const sourceOps = (requests: { operation: string; path: string; body: unknown }[]) =>
      requests
        .filter(
          (r) =>
            r.path.startsWith('/repos/acme/ai-catalog/') ||
            JSON.stringify(r.body ?? '').includes('"name":"ai-catalog"'),
        )
        .map((r) => r.operation);
    upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version two.') });
    const moved = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(sourceOps(moved.requests)).toEqual([
      'graphql.source',
      'graphql.source',
      'git.getTree',
      'graphql.blobs',
      'graphql.source',
      'git.getTree',
      'graphql.blobs',
    ]);
    // Merged: the lock is at the new commit. The next update finds it there and reads it once.
    fake.commitFiles('acme/web', 'main', fake.filesAt('acme/web', 'blue-gardener/update'), 'merge');
    const still = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(sourceOps(still.requests)).toEqual([
      'graphql.source',
      'graphql.source',
      'git.getTree',
      'graphql.blobs',
    ]);
  });

  it('no source moved: no update pull request even with a regeneration pending (that is pull-request mode’s), and an open one is closed', async () => {
    upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version two of the reviewer.') });
    await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(pulls().filter((p) => p.state === 'open')).toHaveLength(1);
    // Someone ran `blue-gardener update` locally and pushed the result, then added a bundled agent unsynced.
    const merged = fake.filesAt('acme/web', 'blue-gardener/update');
    fake.commitFiles(
      'acme/web',
      'main',
      { ...merged, [MANIFEST]: manifest.replace('agents: [', 'agents: [blue-docker-specialist, ') },
      'local update',
    );
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    expect(pulls().map((p) => p.state)).toEqual(['closed']);
    expect(run.summary).toContain(
      'nothing to update (every source is at its locked commit); closed pull request #1',
    );
    expect(JSON.parse(run.outputs['pending-files']!)).toContainEqual({
      path: '.claude/agents/blue-docker-specialist.md',
      operation: 'create',
    });
    expect(run.outputs['changed']).toBe('false');
  });

  it('nothing moved: no pull request', async () => {
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    expect(pulls()).toHaveLength(0);
    expect(run.summary).toContain('up to date');
  });

  it('echoes source text through the escaping function: a hostile ref or folder cannot inject Markdown', async () => {
    // The GitHub spec grammar refuses `@` in a ref; a ref with HTML in it is echoed inside a code span.
    fake.commitFiles(
      'acme/web',
      'main',
      { [MANIFEST]: manifest.replace('@main', '@`**bold**<b>x</b>') },
      'm',
    );
    fake.repos
      .get('acme/ai-catalog')!
      .refs.set('`**bold**<b>x</b>', fake.repos.get('acme/ai-catalog')!.refs.get('main')!);
    upstream({ 'agents/reviewer.md': sourceAgent('reviewer', 'Version two.') });
    const run = await runAction(fake, { event: 'schedule', inputs: { mode: 'update' } });
    expect(run.failed).toBeUndefined();
    const body = pulls()[0]!.body;
    expect(body).toContain("`acme/ai-catalog/agents@\u200b'**bold**<b>x</b>`");
    expect(body).not.toMatch(/[^`']\*\*bold\*\*/);
  });
});
