import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Catalog } from '../../src/core/model.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import {
  cli,
  manifest,
  readRepoFile,
  removeRepo,
  scratchRepo,
  snapshot,
  writeRepoFile,
} from '../helpers/repo.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

/** A hand edit of a generated file: its content replaced, its generated-by mark kept. */
const HAND_EDIT = `---\n# ${MARK_TEXT}\n---\n\nmy own edit\n`;

const base =
  'version: 1\nplatforms: [claude-code, cursor, codex]\nagents:\n  - blue-react-developer\n  - blue-docker-specialist\n';
let repo: string;
afterEach(() => removeRepo(repo));

/** A synced repository, then one change per drift class. */
async function driftedRepo(policy = ''): Promise<void> {
  repo = scratchRepo(manifest(base));
  expect((await cli(repo, 'sync')).code).toBe(0);
  const { rmSync } = await import('node:fs');
  rmSync(join(repo, '.claude/agents/blue-docker-specialist.md')); // missing
  writeRepoFile(repo, '.cursor/agents/blue-react-developer.md', HAND_EDIT); // hand-edited
  rmSync(join(repo, '.codex/agents/blue-react-developer.toml')); // lock entry without a file (codex leaves)
  writeRepoFile(repo, '.claude/agents/blue-seo-specialist.md', 'written by a person\n'); // foreign
  writeRepoFile(
    repo,
    '.github/blue-gardener.yml',
    // codex leaves (orphans), an override makes one file stale, seo lands on a foreign file
    'version: 1\nplatforms: [claude-code, cursor]\nagents:\n  - blue-react-developer\n  - blue-docker-specialist\n  - blue-seo-specialist\noverrides:\n  blue-react-developer:\n    claude-code: { model: sonnet }\n' +
      policy,
  );
}

const kinds = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { kind: string; path: string; action: string }[] }).findings
    .map((f) => `${f.kind} ${f.path} ${f.action}`)
    .sort();

describe('doctor and repair on a local repository', () => {
  it('doctor classifies every kind of drift, exits 1, and writes nothing', async () => {
    await driftedRepo();
    const before = snapshot(repo);
    const text = await cli(repo, 'doctor');
    expect(text.code).toBe(1);
    for (const kind of ['missing', 'stale', 'hand-edited', 'orphaned', 'foreign', 'lock-without-file'])
      expect(text.stdout).toContain(kind);
    expect(text.stdout).toContain('Run `npx blue-gardener@1 repair`');
    const json = await cli(repo, 'doctor', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).healthy).toBe(false);
    expect(kinds(json.stdout)).toEqual([
      'foreign .claude/agents/blue-seo-specialist.md kept',
      'hand-edited .cursor/agents/blue-react-developer.md kept',
      'lock-without-file .codex/agents/blue-react-developer.toml dropped',
      'missing .claude/agents/blue-docker-specialist.md fixed',
      'orphaned .codex/agents/blue-docker-specialist.toml fixed',
      'orphaned AGENTS.md fixed',
      'stale .claude/agents/blue-react-developer.md fixed',
    ]);
    expect(snapshot(repo)).toEqual(before);
    expect((await cli(repo, 'repair', '--dry-run', '--diff')).stdout).toContain(
      '+++ b/.claude/agents/blue-docker-specialist.md',
    );
    expect(snapshot(repo)).toEqual(before);
  });

  it('repair follows the default policy: regenerate, delete orphans, keep hand edits, never touch foreign files', async () => {
    await driftedRepo();
    const { code, stdout } = await cli(repo, 'repair');
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote');
    expect(existsSync(join(repo, '.claude/agents/blue-docker-specialist.md'))).toBe(true);
    expect(readRepoFile(repo, '.claude/agents/blue-react-developer.md')).toContain('model: sonnet');
    expect(readRepoFile(repo, '.cursor/agents/blue-react-developer.md')).toBe(HAND_EDIT);
    expect(readRepoFile(repo, '.claude/agents/blue-seo-specialist.md')).toBe('written by a person\n');
    expect(existsSync(join(repo, '.codex/agents/blue-docker-specialist.toml'))).toBe(false);
    expect(existsSync(join(repo, 'AGENTS.md'))).toBe(false);
    // What is left is what the policy keeps: the hand edit and the foreign file.
    const after = await cli(repo, 'doctor', '--json');
    expect(after.code).toBe(1);
    expect(kinds(after.stdout)).toEqual([
      'foreign .claude/agents/blue-seo-specialist.md kept',
      'hand-edited .cursor/agents/blue-react-developer.md kept',
    ]);
    // With the hand edit overwritten and the foreign file moved away, the repository is healthy.
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      `${readRepoFile(repo, '.github/blue-gardener.yml')}hand-edits: overwrite\n`,
    );
    const { rmSync } = await import('node:fs');
    rmSync(join(repo, '.claude/agents/blue-seo-specialist.md'));
    expect((await cli(repo, 'repair')).code).toBe(0);
    const healthy = await cli(repo, 'doctor');
    expect(healthy).toMatchObject({ code: 0 });
    expect(healthy.stdout).toContain('Healthy');
    expect((await cli(repo, 'check')).code).toBe(0);
  });

  it('follows a per-class policy: report missing, keep orphans, fail on foreign files', async () => {
    await driftedRepo('hand-edits:\n  missing: report\n  orphaned: keep\n');
    expect((await cli(repo, 'repair')).code).toBe(0);
    expect(existsSync(join(repo, '.claude/agents/blue-docker-specialist.md'))).toBe(false);
    expect(existsSync(join(repo, '.codex/agents/blue-docker-specialist.toml'))).toBe(true);
    expect(readRepoFile(repo, '.claude/agents/blue-react-developer.md')).toContain('model: sonnet');
    const left = await cli(repo, 'doctor', '--json');
    expect(kinds(left.stdout)).toEqual(
      expect.arrayContaining([
        'missing .claude/agents/blue-docker-specialist.md kept',
        'orphaned .codex/agents/blue-docker-specialist.toml kept',
      ]),
    );
    writeRepoFile(
      repo,
      '.github/blue-gardener.yml',
      readRepoFile(repo, '.github/blue-gardener.yml').replace(
        'orphaned: keep',
        'orphaned: keep\n  foreign: fail',
      ),
    );
    const before = snapshot(repo);
    const stopped = await cli(repo, 'repair');
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/foreign\s+\.claude\/agents\/blue-seo-specialist\.md\s+.*stopping/);
    expect(snapshot(repo)).toEqual(before);
  });

  it('tells a hand edit of our block in AGENTS.md from a removed block, and keeps the person’s text', async () => {
    const mine = '# Our rules\n\nNo force pushes.\n';
    repo = scratchRepo({ ...manifest(base), 'AGENTS.md': mine });
    expect((await cli(repo, 'sync')).code).toBe(0);
    const synced = readRepoFile(repo, 'AGENTS.md');
    writeRepoFile(
      repo,
      'AGENTS.md',
      synced.replace('- `blue-docker-specialist`', '- `blue-docker-specialist` (ask Ana)'),
    );
    const edited = await cli(repo, 'doctor', '--json');
    expect(kinds(edited.stdout)).toEqual(['hand-edited AGENTS.md kept']);
    writeRepoFile(repo, 'AGENTS.md', `${mine}\nMore of ours.\n`); // the whole block deleted, our text added
    const removed = await cli(repo, 'doctor', '--json');
    expect(kinds(removed.stdout)).toEqual(['missing AGENTS.md fixed']);
    expect((await cli(repo, 'repair')).code).toBe(0);
    expect(
      readRepoFile(repo, 'AGENTS.md').startsWith(`${mine}\nMore of ours.\n<!-- BEGIN blue-gardener`),
    ).toBe(true);
    expect((await cli(repo, 'doctor')).code).toBe(0);
  });

  it('names the agents the shipped catalog changed since the last sync, and repair updates them', async () => {
    const real = bundledCatalog();
    const older: Catalog = {
      profiles: real.profiles,
      agents: new Map(
        [...real.agents].map(([name, agent]) => [
          name,
          name === 'blue-react-developer' ? { ...agent, body: `${agent.body}\nAn older sentence.\n` } : agent,
        ]),
      ),
    };
    repo = scratchRepo(manifest(base));
    const run = async (catalog: Catalog, ...args: string[]) => {
      const output = memoryOutput();
      const code = await main([...args, '--dir', repo], {
        output,
        version: 'test',
        context: (dir, flags) => ({ ...defaultContext(dir, output, flags, 'test'), catalog }),
      });
      return { code, stdout: output.stdout.join('\n') };
    };
    expect((await run(older, 'sync')).code).toBe(0);
    const doctor = await run(real, 'doctor');
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('changed 1 installed agent(s): `blue-react-developer`');
    expect(doctor.stdout).toMatch(
      /stale\s+\.claude\/agents\/blue-react-developer\.md\s+the catalog changed `blue-react-developer`/,
    );
    expect(doctor.stdout).not.toContain('blue-docker-specialist.md');
    expect((await run(real, 'repair')).code).toBe(0);
    expect(readRepoFile(repo, '.claude/agents/blue-react-developer.md')).not.toContain('An older sentence.');
    expect((await run(real, 'doctor')).code).toBe(0);
  });
});
