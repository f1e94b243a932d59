import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BEGIN_MARKER } from '../../src/core/markers.js';
import { STATE, originalTree, sixPlatformTree, toVersion010State } from '../helpers/original-cli.js';
import { cli, readRepoFile, removeRepo, snapshot, writeRepoFile } from '../helpers/repo.js';

// Every tree here is written by the original CLI itself (npm blue-gardener@0.2.0), in a scratch folder.
let repo: string;
afterEach(() => removeRepo(repo));

const manifestOf = (dir: string) =>
  parse(readRepoFile(dir, '.github/blue-gardener.yml')) as { platforms: string[]; agents: string[] };

describe('migrate from the original CLI', () => {
  it('moves all six platforms: same agents, our platform ids, adopted files, no state file, check passes', async () => {
    repo = sixPlatformTree();
    expect(existsSync(join(repo, STATE))).toBe(true);
    const before = await cli(repo, 'doctor');
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('run `npx blue-gardener@1 migrate`');
    const dry = await cli(repo, 'migrate', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would write');
    expect(existsSync(join(repo, '.github/blue-gardener.yml'))).toBe(false);

    const { code, stdout } = await cli(repo, 'migrate');
    expect(code).toBe(0);
    expect(manifestOf(repo)).toMatchObject({
      platforms: ['cursor', 'claude-code', 'opencode', 'windsurf', 'codex', 'copilot'],
      agents: ['blue-react-developer', 'blue-docker-specialist'],
    });
    expect(stdout).toContain('adopted 8 file(s)');
    expect(stdout).toMatch(/AGENTS\.md: removed the header .* the section `## /);
    expect(existsSync(join(repo, STATE))).toBe(false);
    // The original's whole-file outputs held nothing of a person's: gone, or only our block left.
    expect(existsSync(join(repo, '.github/copilot-instructions.md'))).toBe(false);
    expect(readRepoFile(repo, 'AGENTS.md').startsWith(BEGIN_MARKER)).toBe(true);
    // Adopted files are ours now, in each tool's format.
    expect(readRepoFile(repo, '.opencode/agents/blue-react-developer.md')).toContain('mode: subagent');
    expect(readRepoFile(repo, '.github/blue-gardener.lock')).toContain(
      '.windsurf/rules/blue-docker-specialist.md',
    );
    expect(existsSync(join(repo, '.github/agents/blue-react-developer.agent.md'))).toBe(true);

    expect((await cli(repo, 'check')).code).toBe(0);
    expect((await cli(repo, 'doctor')).code).toBe(0);
    const again = await cli(repo, 'migrate');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already migrated');
  });

  it('writes `profiles:` for a whole profile the original installed, and lists only the extra agents', async () => {
    repo = originalTree([
      ['add', '--profile', 'frontend-react', '--platform', 'claude-desktop'],
      ['add', 'blue-docker-specialist', '--platform', 'claude-desktop'],
    ]);
    const installed = Object.keys((JSON.parse(readRepoFile(repo, STATE)) as { agents: object }).agents);
    const { code, stdout } = await cli(repo, 'migrate');
    expect(code).toBe(0);
    expect(stdout).toContain('(profiles: frontend-react)');
    const written = parse(readRepoFile(repo, '.github/blue-gardener.yml')) as {
      profiles: string[];
      agents: string[];
    };
    expect(written).toMatchObject({ profiles: ['frontend-react'], agents: ['blue-docker-specialist'] });
    // The same agents as the original's, no more (a profile is taken only when it is there whole).
    const listed = JSON.parse((await cli(repo, 'check', '--json')).stdout) as {
      upToDate: boolean;
      agents: string[];
    };
    expect(listed.upToDate).toBe(true);
    expect([...listed.agents].sort()).toEqual([...installed].sort());
  });

  it('a partial profile stays a list of agents', async () => {
    const { asProfiles } = await import('../../src/migration/plan.js');
    const { bundledCatalog } = await import('../../src/hosts/bundled-catalog.js');
    const catalog = bundledCatalog();
    const core = catalog.profiles.get('core')!.agents;
    expect(asProfiles(core, catalog)).toEqual({ profiles: ['core'], extras: [] });
    // Without one of core's agents: not core, but whatever smaller profiles it still holds whole, and
    // together exactly the same agents.
    const partial = asProfiles(core.slice(1), catalog);
    expect(partial.profiles).not.toContain('core');
    const union = [...partial.profiles.flatMap((p) => catalog.profiles.get(p)!.agents), ...partial.extras];
    expect(new Set(union)).toEqual(new Set(core.slice(1)));
    expect(asProfiles([...core, 'blue-seo-specialist'], catalog)).toEqual({
      profiles: ['core'],
      extras: ['blue-seo-specialist'],
    });
  });

  it('reads a 0.1.0 state file that has only `platform`', async () => {
    repo = originalTree([['add', 'blue-seo-specialist', '--platform', 'claude-desktop']]);
    toVersion010State(repo);
    expect(JSON.parse(readRepoFile(repo, STATE))).not.toHaveProperty('platforms');
    const { code, stdout } = await cli(repo, 'migrate');
    expect(code).toBe(0);
    expect(stdout).toContain('0.1.x state file');
    expect(manifestOf(repo)).toMatchObject({ platforms: ['claude-code'], agents: ['blue-seo-specialist'] });
    expect(readRepoFile(repo, '.claude/agents/blue-seo-specialist.md')).toContain(
      'name: blue-seo-specialist',
    );
    expect((await cli(repo, 'check')).code).toBe(0);
  });

  it('keeps the person’s own AGENTS.md and copilot-instructions.md byte for byte, removing only its sections', async () => {
    // The person's files, with CRLF, a fence holding `---` and `## `, and their own rule + heading.
    const agentsMd =
      '# Our team rules\r\n\r\nAlways run tests.\r\n\r\n---\r\n\r\n## Style\r\n\r\n```yaml\r\n---\r\n## not a heading\r\n```\r\n';
    const copilotMd = 'Prefer small pull requests.\n\n## Reviews\n\nTwo approvals.';
    // The platforms were set up before the person wrote the files: the state file the original keeps then.
    repo = originalTree([], {
      [STATE]: `${JSON.stringify({ version: '0.2.0', platform: 'codex', platforms: ['codex', 'github-copilot'], agents: {} })}\n`,
      'AGENTS.md': agentsMd,
      '.github/copilot-instructions.md': copilotMd,
    });
    const { original } = await import('../helpers/original-cli.js');
    original(repo, 'add', 'blue-react-developer', 'blue-docker-specialist');
    expect(readRepoFile(repo, 'AGENTS.md').startsWith(agentsMd)).toBe(true); // it appended its sections
    expect(readRepoFile(repo, 'AGENTS.md').length).toBeGreaterThan(agentsMd.length + 1000);

    const { code, stdout } = await cli(repo, 'migrate');
    expect(code).toBe(0);
    expect(stdout).toContain('AGENTS.md: removed the section `## ');
    expect(stdout).toContain('every other line is kept byte for byte');
    const migrated = readRepoFile(repo, 'AGENTS.md');
    expect(migrated.startsWith(`${agentsMd}${BEGIN_MARKER}`)).toBe(true);
    expect(readRepoFile(repo, '.github/copilot-instructions.md')).toBe(copilotMd);
    expect((await cli(repo, 'check')).code).toBe(0);
    // And it stays the person's: disabling Codex gives AGENTS.md back exactly as they wrote it.
    expect((await cli(repo, 'platform', 'remove', 'codex')).code).toBe(0);
    expect(readRepoFile(repo, 'AGENTS.md')).toBe(agentsMd);
  });

  it('refuses without a state file, and writes nothing when the state file is broken', async () => {
    repo = originalTree([]);
    const none = await cli(repo, 'migrate');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('npx blue-gardener@1 init');
    writeRepoFile(repo, STATE, '{"platforms": [], "agents": {}}');
    const before = snapshot(repo);
    const broken = await cli(repo, 'migrate');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${STATE}: the original CLI's state file names no platform`);
    expect(snapshot(repo)).toEqual(before);
  });
});
