import { cli, manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { gitSourceRepo, sourceAgent } from '../helpers/git-source.js';

/** `list`, `search` and `add` with a local git source: source agents labelled with the source and its commit. */
const withSource = (url: string, rest: string) =>
  manifest(
    `version: 1\nplatforms: [claude-code]\nsources:\n  acme: { git: '${url}', ref: main, path: agents }\n${rest}`,
  );

let repo: string;
let src: ReturnType<typeof gitSourceRepo>;
beforeEach(() => {
  src = gitSourceRepo({
    'agents/reviewer.md': sourceAgent('reviewer'),
    'agents/infra/terraform-gardener.md': sourceAgent(
      'terraform-gardener',
      'You keep the Terraform modules tidy.',
    ).replace('tags: [review]', 'tags: [terraform, infrastructure]'),
    'agents/profiles.yml': 'platform:\n  description: Platform work\n  agents: [terraform-gardener]\n',
  });
});
afterEach(() => {
  removeRepo(repo);
  removeRepo(src.dir);
});

describe('list and search cover the agents of sources', () => {
  it('list shows each source agent as <source>/<name>, labelled with its locked commit, and marks the installed ones', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    const short = src.first.slice(0, 12);
    // The source moves on: list keeps showing the locked commit, as sync would read it.
    src.commit({ 'agents/late.md': sourceAgent('late') });
    const tree = snapshot(repo);
    const listed = await cli(repo, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`\nsource acme @ ${short}\n`);
    expect(listed.stdout).toMatch(
      new RegExp(
        `✓ acme/reviewer +The reviewer agent of the organisation catalog \\(source acme @ ${short}\\)`,
      ),
    );
    expect(listed.stdout).toMatch(/ {3}acme\/terraform-gardener +/);
    expect(listed.stdout).not.toContain('acme/late');
    expect(listed.stdout).toContain('2 agents from sources, 1 installed (✓).');
    const json = JSON.parse((await cli(repo, 'list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(json.find((a) => a.name === 'acme/reviewer')).toMatchObject({
      installed: true,
      source: { id: 'acme', commit: src.first },
    });
    // Reading the source for list writes nothing into the repository.
    expect(snapshot(repo)).toEqual(tree);
  });

  it('search finds a source agent, labelled, with the command that adds it; add installs it', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    const found = await cli(repo, 'search', 'terraform');
    expect(found.code).toBe(0);
    expect(found.stdout).toContain(
      `acme/terraform-gardener (source acme @ ${src.first.slice(0, 12)}, quality)`,
    );
    expect(found.stdout).toContain('add it: npx blue-gardener@1 add acme/terraform-gardener');
    const json = JSON.parse((await cli(repo, 'search', 'terraform', '--json')).stdout) as Array<
      Record<string, unknown>
    >;
    expect(json[0]).toMatchObject({ name: 'acme/terraform-gardener', source: { id: 'acme' } });
    // Bundled agents still come without a source.
    const bundled = JSON.parse((await cli(repo, 'search', 'docker', '--json')).stdout) as Array<
      Record<string, unknown>
    >;
    expect(bundled.some((h) => h.name === 'blue-docker-specialist' && !('source' in h))).toBe(true);

    expect((await cli(repo, 'add', 'acme/terraform-gardener')).code).toBe(0);
    expect(snapshot(repo)['.claude/agents/terraform-gardener.md']).toContain('Terraform modules');
  });

  it('add of a source profile by its bare name says to list it under profiles, and writes nothing', async () => {
    repo = scratchRepo(withSource(src.url, 'agents: [acme/reviewer]\n'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    const tree = snapshot(repo);
    const wrong = await cli(repo, 'add', 'acme/platform');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('unknown agent `acme/platform` in `agents`');
    expect(wrong.stderr).toContain('add --profile acme/platform');
    expect(snapshot(repo)).toEqual(tree);
    expect((await cli(repo, 'add', '--profile', 'acme/platform')).code).toBe(0);
    expect(snapshot(repo)['.claude/agents/terraform-gardener.md']).toBeDefined();
  });

  it('without a manifest, list and search show the bundled catalog only', async () => {
    repo = scratchRepo({});
    const listed = await cli(repo, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain('from sources');
  });
});
