import { parse } from 'yaml';
import { detectPlatforms, presentIn } from '../../src/core/detect-platforms.js';
import { memoryHost } from '../../src/hosts/memory.js';
import { onboardingManifest } from '../../src/fleet/onboarding.js';
import { cli, readRepoFile, removeRepo, scratchRepo } from '../helpers/repo.js';

// What a repository that already uses a tool has (written here from the tools' documentation, not from the
// platform files): one file each, the way a team would have it before blue-gardener.
const signs: [file: string, platform: string][] = [
  ['.cursor/rules/style.mdc', 'cursor'],
  ['.cursorrules', 'cursor'],
  ['.claude/settings.json', 'claude-code'],
  ['.claude/agents/reviewer.md', 'claude-code'],
  ['CLAUDE.md', 'claude-code'],
  ['AGENTS.md', 'codex'],
  ['.codex/config.toml', 'codex'],
  ['.github/copilot-instructions.md', 'copilot'],
  ['.github/instructions/ts.instructions.md', 'copilot'],
  ['.gemini/settings.json', 'gemini'],
  ['GEMINI.md', 'gemini'],
  ['.windsurf/rules/style.md', 'windsurf'],
  ['.windsurfrules', 'windsurf'],
  ['.opencode/agents/helper.md', 'opencode'],
  ['opencode.json', 'opencode'],
  ['.kiro/steering/product.md', 'kiro'],
  ['.qwen/settings.json', 'qwen'],
  ['QWEN.md', 'qwen'],
  ['.factory/droids/x.md', 'factory'],
  ['.kilocode/rules/a.md', 'kilo'],
  ['.clinerules', 'cline'],
  ['.clinerules/style.md', 'cline'],
];

let repo: string | undefined;
afterEach(() => repo && removeRepo(repo));

async function initPlatforms(files: Record<string, string>): Promise<string[]> {
  repo = scratchRepo(files);
  const result = await cli(repo, 'init');
  expect(result.code).toBe(0);
  return (parse(readRepoFile(repo, '.github/blue-gardener.yml')) as { platforms: string[] }).platforms;
}

describe('detecting the tools a repository already uses', () => {
  it.each(signs)('%s means %s, for init and for onboarding alike', async (file, platform) => {
    expect(await initPlatforms({ [file]: 'x\n' })).toEqual([platform]);
    const proposed = parse(onboardingManifest(new Map([[file, {}]]))) as { platforms: string[] };
    expect(proposed.platforms).toEqual([platform]);
    expect(await memoryHost({ [file]: 'x' }).has(file.includes('/') ? `${file.split('/')[0]}/` : file)).toBe(
      true,
    );
  });

  it('finds several tools at once, in registry order', async () => {
    expect(
      await initPlatforms({
        '.cursor/rules/a.mdc': 'x',
        'CLAUDE.md': 'x',
        'AGENTS.md': 'x',
        '.gemini/settings.json': '{}',
      }),
    ).toEqual(['claude-code', 'cursor', 'codex', 'gemini']);
  });

  it('takes Claude Code when nothing is there, and ignores look-alikes', async () => {
    expect(
      await initPlatforms({ 'README.md': 'x', '.github/workflows/ci.yml': 'x', 'docs/CLAUDE.md.bak': 'x' }),
    ).toEqual(['claude-code']);
    expect(detectPlatforms(presentIn(['src/.cursor', 'my.cursorrules', 'docs/AGENTS.md']))).toEqual([
      'claude-code',
    ]);
  });

  it('an empty tool folder is not a sign (git would not even keep it)', async () => {
    repo = scratchRepo({ 'README.md': 'x' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(`${repo}/.cursor/rules`, { recursive: true });
    await cli(repo, 'init');
    expect(
      (parse(readRepoFile(repo, '.github/blue-gardener.yml')) as { platforms: string[] }).platforms,
    ).toEqual(['claude-code']);
  });
});
