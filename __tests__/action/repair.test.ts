import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Catalog } from '../../src/core/model.js';
import { BEGIN_MARKER } from '../../src/core/markers.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { runAction } from '../helpers/action-harness.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { STATE, original, originalTree, sixPlatformTree, treeFiles } from '../helpers/original-cli.js';
import { removeRepo } from '../helpers/repo.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

/** A hand edit of a generated file: its content replaced, its generated-by mark kept. */
const HAND_EDIT = `---\n# ${MARK_TEXT}\n---\n\nmy own edit\n`;

const manifest =
  'version: 1\nplatforms: [claude-code, cursor, codex]\nagents:\n  - blue-react-developer\n  - blue-docker-specialist\n';
const READS = ['graphql.snapshot', 'git.getTree', 'graphql.blobs'];
const ops = (requests: { operation: string }[]) => requests.map((r) => r.operation);
let fake: FakeGitHub;
beforeEach(() => {
  fake = fakeGitHub();
  fake.seed('acme/web', { '.github/blue-gardener.yml': manifest, 'AGENTS.md': '# Team notes\n' });
});
afterEach(() => expect(fake.problems).toEqual([]));

/** One change per drift class, pushed by people after a first sync. */
function drift(): void {
  fake.commitFiles(
    'acme/web',
    'main',
    {
      '.claude/agents/blue-docker-specialist.md': null, // missing
      '.cursor/agents/blue-react-developer.md': HAND_EDIT, // hand-edited
      '.codex/agents/blue-react-developer.toml': null, // lock entry without a file, once codex leaves
      '.claude/agents/blue-seo-specialist.md': 'written by a person\n', // foreign
      '.github/blue-gardener.yml':
        'version: 1\nplatforms: [claude-code, cursor]\nagents:\n  - blue-react-developer\n  - blue-docker-specialist\n  - blue-seo-specialist\noverrides:\n  blue-react-developer:\n    claude-code: { model: sonnet }\n',
    },
    'people at work',
  );
}

describe('the action, repair mode (scheduled)', () => {
  it('explains every drift class in one pull request, fixes what the policy says, and closes it when nothing is left', async () => {
    expect((await runAction(fake, { event: 'push', inputs: { mode: 'commit' } })).failed).toBeUndefined();
    drift();

    const checked = await runAction(fake, { event: 'pull_request', inputs: { mode: 'check' } });
    expect(checked.failed).toContain('out of date');
    // Two more reads than a passing check: the texts of the locked files that would change (whether they carry
    // our generated-by mark decides if they are ours), and of the drifted files, to point at their first changed line.
    expect(ops(checked.requests)).toEqual([...READS, 'graphql.blobs', 'graphql.blobs']);

    const first = await runAction(fake, { event: 'schedule', inputs: { mode: 'repair' } });
    expect(first.failed).toBeUndefined();
    expect(first.outputs['pull-request-operation']).toBe('created');
    const pull = fake.repos.get('acme/web')!.pulls[0]!;
    expect(pull.body).toContain('| finding | file | what it means | what this pull request does |');
    for (const row of [
      '| missing | `.claude/agents/blue-docker-specialist.md` |',
      '| stale | `.claude/agents/blue-react-developer.md` |',
      '| hand-edited | `.cursor/agents/blue-react-developer.md` |',
      '| orphaned | `.codex/agents/blue-docker-specialist.toml` |',
      '| foreign | `.claude/agents/blue-seo-specialist.md` |',
      '| lock-without-file | `.codex/agents/blue-react-developer.toml` |',
    ])
      expect(pull.body).toContain(row);
    const proposed = fake.filesAt('acme/web', 'blue-gardener/sync');
    expect(proposed['.claude/agents/blue-docker-specialist.md']).toContain('name: blue-docker-specialist');
    expect(proposed['.claude/agents/blue-react-developer.md']).toContain('model: sonnet');
    expect(proposed['.cursor/agents/blue-react-developer.md']).toBe(HAND_EDIT);
    expect(proposed['.claude/agents/blue-seo-specialist.md']).toBe('written by a person\n');
    expect(proposed['.codex/agents/blue-docker-specialist.toml']).toBeUndefined();
    expect(proposed['AGENTS.md']).toBe('# Team notes\n');
    expect(proposed['.github/blue-gardener.lock']).not.toContain('.codex/');
    // What the policy keeps is a warning in the run.
    expect(first.annotations.map((a) => a.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('.cursor/agents/blue-react-developer.md: hand-edited'),
      ]),
    );

    // More drift before anyone merges: the same pull request is updated, its table too.
    fake.commitFiles('acme/web', 'main', { '.cursor/agents/blue-docker-specialist.md': null }, 'oops');
    const again = await runAction(fake, { event: 'schedule', inputs: { mode: 'repair' } });
    expect(again.outputs['pull-request-operation']).toBe('updated');
    expect(fake.repos.get('acme/web')!.pulls).toHaveLength(1);
    expect(pull.body).toContain('| missing | `.cursor/agents/blue-docker-specialist.md` |');
    const branch = fake.filesAt('acme/web', 'blue-gardener/sync');

    // The pull request is merged: only what the policy keeps is left, so the next run closes nothing new
    // but has no pull request to keep open.
    fake.commitFiles('acme/web', 'main', branch, 'merge the repair');
    const after = await runAction(fake, { event: 'schedule', inputs: { mode: 'repair' } });
    expect(after.failed).toBeUndefined();
    expect(after.outputs['pull-request-operation']).toBe('closed');
    // The kept hand edit still differs from what we generate: its text is read to see it still carries the mark.
    expect(ops(after.requests)).toEqual([...READS, 'graphql.blobs', 'pulls.update']);
    expect(after.summary).toContain('hand-edited');
  });

  it('runs as examples/workflows/repair.yml configures it, a mode action.yml documents', async () => {
    const workflow = parse(readFileSync('examples/workflows/repair.yml', 'utf8')) as {
      on: Record<string, unknown>;
      jobs: { repair: { steps: { with: Record<string, string> }[] } };
    };
    expect(Object.keys(workflow.on)).toContain('schedule');
    const inputs = workflow.jobs.repair.steps[0]!.with;
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: { mode: { description: string } } };
    expect(action.inputs.mode.description).toContain(`\`${inputs['mode']}\``);
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    drift();
    const run = await runAction(fake, { event: 'schedule', inputs });
    expect(run.failed).toBeUndefined();
    expect(fake.repos.get('acme/web')!.pulls[0]).toMatchObject({ labels: ['agents'], state: 'open' });
  });

  it('makes no request beyond the reads on a clean repository', async () => {
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
    const clean = await runAction(fake, { event: 'schedule', inputs: { mode: 'repair' } });
    expect(clean.failed).toBeUndefined();
    expect(ops(clean.requests)).toEqual(READS);
    expect(clean.outputs['pull-request-operation']).toBe('none');
    // No finding to warn about (the delegation warning of the manifest is not drift).
    expect(clean.annotations.filter((a) => !a.message.includes('route work'))).toEqual([]);
  });

  it('proposes the update when the shipped catalog changed an installed agent, naming it', async () => {
    const real = bundledCatalog();
    const older: Catalog = {
      profiles: real.profiles,
      agents: new Map(
        [...real.agents].map(([name, a]) => [
          name,
          name === 'blue-docker-specialist' ? { ...a, body: `${a.body}\nLast year's advice.\n` } : a,
        ]),
      ),
    };
    await runAction(fake, { event: 'push', inputs: { mode: 'commit' }, catalog: older });
    const update = await runAction(fake, { event: 'schedule', inputs: { mode: 'repair' } });
    expect(update.failed).toBeUndefined();
    const body = fake.repos.get('acme/web')!.pulls[0]!.body;
    expect(body).toContain('changed 1 installed agent(s): `blue-docker-specialist`');
    expect(body).toContain('| stale | `.claude/agents/blue-docker-specialist.md` |');
    expect(body).toContain('the catalog changed `blue-docker-specialist` since it was generated');
    expect(JSON.parse(update.outputs['files']!)).toEqual([
      { path: '.claude/agents/blue-docker-specialist.md', operation: 'update' },
      { path: '.codex/agents/blue-docker-specialist.toml', operation: 'update' },
      { path: '.cursor/agents/blue-docker-specialist.md', operation: 'update' },
      { path: '.github/blue-gardener.lock', operation: 'update' },
    ]);
  });
});

describe('the action, migrating a repository from the original CLI', () => {
  let dir: string;
  afterEach(() => removeRepo(dir));

  it('proposes the move in a pull request that explains it; the merged result passes check', async () => {
    dir = sixPlatformTree();
    fake.seed('acme/old', { ...treeFiles(dir), 'src/index.ts': 'export {};\n' });
    const refused = await runAction(fake, {
      event: 'pull_request',
      repo: 'acme/old',
      inputs: { mode: 'check' },
    });
    expect(refused.failed).toContain('npx blue-gardener@1 migrate');

    const moved = await runAction(fake, { event: 'schedule', repo: 'acme/old', inputs: { mode: 'repair' } });
    expect(moved.failed).toBeUndefined();
    const pull = fake.repos.get('acme/old')!.pulls[0]!;
    expect(pull.title).toBe('Move the AI agent files to blue-gardener’s manifest');
    expect(pull.body).toContain('original `blue-gardener` CLI');
    expect(pull.body).toContain('`claude-code`, `opencode`');
    expect(pull.body).toContain('8 file(s) the original generated are adopted');
    expect(pull.body).toMatch(/`AGENTS\.md`: removed the header/);
    const branch = fake.filesAt('acme/old', 'blue-gardener/sync');
    expect(branch[STATE]).toBeUndefined();
    expect(branch['.github/blue-gardener.yml']).toContain('  - copilot\n');
    expect(branch['.github/copilot-instructions.md']).toBeUndefined();
    expect(fake.filesAt('acme/old', 'main')[STATE]).toBeDefined();

    fake.commitFiles('acme/old', 'main', fake.filesAt('acme/old', 'blue-gardener/sync'), 'merge the move');
    const checked = await runAction(fake, {
      event: 'pull_request',
      repo: 'acme/old',
      inputs: { mode: 'check' },
    });
    expect(checked.failed).toBeUndefined();
  });

  it('keeps the person’s AGENTS.md text byte for byte, also in commit mode (which migrates by pull request)', async () => {
    const mine = '# House rules\n\nNo force pushes.\n';
    dir = originalTree([], {
      [STATE]: `${JSON.stringify({ version: '0.2.0', platform: 'codex', platforms: ['codex'], agents: {} })}\n`,
      'AGENTS.md': mine,
    });
    original(dir, 'add', 'blue-react-developer');
    fake.seed('acme/old', treeFiles(dir));
    const moved = await runAction(fake, { event: 'push', repo: 'acme/old', inputs: { mode: 'commit' } });
    expect(moved.failed).toBeUndefined();
    expect(moved.outputs['pull-request-operation']).toBe('created');
    expect(fake.filesAt('acme/old', 'main')['.github/blue-gardener.yml']).toBeUndefined();
    const agents = fake.filesAt('acme/old', 'blue-gardener/sync')['AGENTS.md']!;
    expect(agents.startsWith(`${mine}${BEGIN_MARKER}`)).toBe(true);
    expect(fake.repos.get('acme/old')!.pulls[0]!.body).toContain('every other line is kept byte for byte');
  });
});
