import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { checkWritablePath } from '../../src/core/write-allowlist.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { platforms, platformIds } from '../../src/platforms/registry.js';
import { allPlatformsYaml, fixtureAgents, renderAll } from '../helpers/render-fixtures.js';

// What each tool accepts (from each vendor's documentation), written here independently of the platform files.
const allowedKeys: Record<string, string[]> = {
  'claude-code': [
    'name',
    'description',
    'tools',
    'disallowedTools',
    'model',
    'color',
    'permissionMode',
    'maxTurns',
    'effort',
    'skills',
  ],
  copilot: ['name', 'description', 'tools', 'model', 'target'],
  cursor: ['name', 'description', 'model', 'readonly', 'is_background'],
  codex: ['name', 'description', 'developer_instructions', 'model', 'model_reasoning_effort', 'sandbox_mode'],
  gemini: ['name', 'description', 'tools', 'model', 'temperature', 'max_turns', 'timeout_mins'],
  opencode: [
    'description',
    'mode',
    'model',
    'temperature',
    'top_p',
    'color',
    'steps',
    'hidden',
    'permission',
  ],
  windsurf: ['trigger', 'description', 'globs'],
  kiro: ['name', 'description', 'tools', 'model'],
  qwen: ['name', 'description', 'tools', 'model', 'approvalMode', 'color'],
  factory: ['name', 'description', 'model', 'reasoningEffort', 'tools'],
  kilo: ['description', 'mode', 'model', 'temperature', 'top_p', 'color', 'steps', 'hidden', 'permission'],
  cline: ['name', 'description', 'tools', 'modelId', 'maxIterations'],
};
const required: Record<string, string[]> = {
  codex: ['name', 'description', 'developer_instructions'],
  gemini: ['name', 'description'],
  opencode: ['description', 'mode'],
  kilo: ['description', 'mode'],
  windsurf: ['trigger'],
  cline: ['name', 'description'],
  factory: ['name'],
  qwen: ['name', 'description'],
};

const catalogRun = renderAll(
  `${allPlatformsYaml}profiles: [core, infrastructure, blockchain, python, jvm, dotnet, platform, ai-apps, rust, mobile, data]\nagents: [${[
    'blue-animation-specialist',
    'blue-go-backend-implementation-specialist',
    'blue-storybook-specialist',
    'blue-third-party-api-strategist',
    'blue-codebase-analyst',
    'blue-go-backend-code-reviewer',
    'blue-refactoring-verification-specialist',
    'blue-seo-specialist',
    'blue-document-database-specialist',
    'blue-keyvalue-database-specialist',
    'blue-typescript-cli-developer',
    'blue-ai-platform-configuration-specialist',
    'blue-blockchain-defi-specialist',
    'blue-blockchain-ethereum-developer',
    'blue-blockchain-gas-optimizer',
    'blue-blockchain-solana-developer',
    'blue-blockchain-tokenomics-designer',
    'blue-extraction-boundary-designer',
  ].join(', ')}]\n`,
);
const fixtureRun = renderAll(allPlatformsYaml, fixtureAgents());

function split(content: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(content);
  if (!match) throw new Error('no frontmatter');
  return {
    data: parseYaml(match[1]!, { strict: true, uniqueKeys: true }) as Record<string, unknown>,
    body: match[2]!,
  };
}

describe.each([
  ['the whole catalog', catalogRun],
  ['the hostile fixtures', fixtureRun],
])('registry invariants over %s', (_label, run) => {
  const files = run.files.filter((f) => f.kind === 'file');

  it('installs every agent on every target, with unique, allowed, relative paths', () => {
    expect(files).toHaveLength(run.resolution.agents.length * platformIds.length);
    expect(new Set(run.files.map((f) => f.path)).size).toBe(run.files.length);
    for (const f of run.files) {
      expect(f.path).not.toMatch(/^\/|\.\.|\\/);
      expect(() => checkWritablePath(f.path)).not.toThrow();
    }
  });

  it('is deterministic and every file ends with exactly one newline', () => {
    const again = renderAll(allPlatformsYaml, fixtureAgents());
    expect(renderAll(allPlatformsYaml, fixtureAgents()).files).toEqual(again.files);
    for (const f of run.files) expect(f.content).toMatch(/[^\n]\n$/);
  });

  it('writes only keys each tool accepts, and they parse back to the agent’s values', () => {
    for (const f of files) {
      const agent = run.resolution.agents.find((a) => a.name === f.agent)!;
      const data =
        f.platform === 'codex' ? (parseToml(f.content) as Record<string, unknown>) : split(f.content).data;
      for (const key of Object.keys(data))
        expect([f.platform, allowedKeys[f.platform]!.includes(key) ? key : `unexpected ${key}`]).toEqual([
          f.platform,
          key,
        ]);
      for (const key of required[f.platform] ?? []) expect(data[key]).toBeDefined();
      expect(data['description']).toBe(agent.description);
      if ('name' in data) expect(data['name']).toBe(agent.name);
      if (f.platform === 'opencode' || f.platform === 'kilo') expect(data['mode']).toBe('subagent');
      if (f.platform === 'codex')
        expect(String(data['developer_instructions']).trim().length).toBeGreaterThan(0);
      // Never a block scalar, always one quoted line.
      if (f.platform !== 'codex') expect(f.content).toMatch(/^description: "[^\n]*"$/m);
    }
  });

  it('carries the body structurally: fences, headings and `---` lines survive, mentions are rewritten not deleted', () => {
    for (const f of files) {
      const agent = run.resolution.agents.find((a) => a.name === f.agent)!;
      const body =
        f.platform === 'codex'
          ? String((parseToml(f.content) as Record<string, unknown>)['developer_instructions'])
          : split(f.content).body;
      const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;
      expect(count(body, /^(```|~~~)/gm)).toBe(count(agent.body, /^(```|~~~)/gm));
      expect(count(body, /^#{1,6} /gm)).toBe(count(agent.body, /^#{1,6} /gm));
      expect(count(body, /^---$/gm)).toBe(count(agent.body, /^---$/gm));
      for (const target of agent.delegates) expect(body).toContain(target);
      const mention = platforms[f.platform as keyof typeof platforms].mention('blue-x');
      if (!mention.startsWith('@') && agent.delegates.length)
        expect(body).not.toMatch(/(^|[\s(])@blue-[a-z]/m);
    }
  });
});

describe('the whole catalog', () => {
  it('fits every target without hard-limit errors or warnings', () => {
    expect(catalogRun.resolution.agents).toHaveLength(bundledCatalog().agents.size);
    expect(catalogRun.warnings).toEqual([]);
  });

  it('keeps the AGENTS.md index far below Codex’s 32 KiB', () => {
    const index = catalogRun.files.find((f) => f.path === 'AGENTS.md')!;
    expect(Buffer.byteLength(index.content)).toBeLessThan(16_384);
    for (const agent of catalogRun.resolution.agents) expect(index.content).toContain(`\`${agent.name}\``);
  });
});

describe('the registry table', () => {
  it('keys match ids, and every platform documents its source and its folders', () => {
    for (const id of platformIds) {
      expect(platforms[id].id).toBe(id);
      expect(platforms[id].docs).toMatch(/^https:\/\//);
      expect(platforms[id].writes.length).toBeGreaterThan(0);
    }
  });
});
