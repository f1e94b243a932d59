import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { checkWritablePath } from '../../src/core/write-allowlist.js';
import type { Platform } from '../../src/platforms/contract.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { platforms, platformIds, type PlatformId } from '../../src/platforms/registry.js';
import { fixtureAgents, renderEveryTarget } from '../helpers/render-fixtures.js';

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
  copilot: ['name', 'description', 'tools', 'model', 'target', 'disable-model-invocation', 'user-invocable'],
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
  qwen: ['name', 'description', 'tools', 'model', 'approvalMode', 'disallowedTools', 'color'],
  factory: ['name', 'description', 'model', 'reasoningEffort', 'tools'],
  kilo: ['description', 'mode', 'model', 'temperature', 'top_p', 'color', 'steps', 'hidden', 'permission'],
  cline: ['name', 'description', 'tools', 'modelId', 'maxIterations'],
  'kiro-cli': ['name', 'description', 'prompt', 'tools', 'allowedTools', 'model'],
  augment: ['name', 'description', 'model', 'color', 'tools', 'disabled_tools'],
  junie: ['name', 'description', 'model', 'tools', 'disallowedTools'],
  goose: ['name', 'description', 'model'],
  'agents-folder': ['name', 'description'],
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
  'kiro-cli': ['name', 'description', 'prompt'],
  augment: ['name', 'description'],
  junie: ['name', 'description'],
  goose: ['name'],
  'agents-folder': ['name', 'description'],
};

const catalogRun = renderEveryTarget(
  `profiles: [core, infrastructure, blockchain, python, jvm, dotnet, platform, ai-apps, rust, mobile, data]\nagents: [${[
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
const fixtureRun = renderEveryTarget('', fixtureAgents());

/** A reader that only strips one pair of surrounding quotes and unescapes nothing. */
function naiveRead(line: string): string {
  const raw = line.slice(line.indexOf(': ') + 2);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.at(-1) === raw[0];
  return quoted ? raw.slice(1, -1) : raw;
}

/** The fields and the prompt of a generated file, whatever its format. */
function read(platform: string, content: string): { data: Record<string, unknown>; body: string } {
  if (platform === 'codex') {
    const data = parseToml(content) as Record<string, unknown>;
    return { data, body: String(data['developer_instructions']) };
  }
  if (platform === 'kiro-cli') {
    const data = JSON.parse(content) as Record<string, unknown>;
    return { data, body: String(data['prompt']) };
  }
  return split(content);
}

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
    const again = renderEveryTarget('', fixtureAgents());
    expect(renderEveryTarget('', fixtureAgents()).files).toEqual(again.files);
    for (const f of run.files) expect(f.content).toMatch(/[^\n]\n$/);
  });

  it('writes only keys each tool accepts, and they parse back to the agent’s values', () => {
    for (const f of files) {
      const agent = run.resolution.agents.find((a) => a.name === f.agent)!;
      const { data } = read(f.platform, f.content);
      for (const key of Object.keys(data))
        expect([f.platform, allowedKeys[f.platform]!.includes(key) ? key : `unexpected ${key}`]).toEqual([
          f.platform,
          key,
        ]);
      for (const key of required[f.platform] ?? []) expect(data[key]).toBeDefined();
      expect(data['description']).toBe(agent.description);
      if ('name' in data) expect(data['name']).toBe(agent.name);
      if (f.platform === 'opencode' || f.platform === 'kilo')
        expect(data['mode']).toBe(agent.role === 'orchestrator' ? 'all' : 'subagent');
      if (f.platform === 'codex')
        expect(String(data['developer_instructions']).trim().length).toBeGreaterThan(0);
      // Never a block scalar: one line that a naive reader (no unescaping) reads right.
      if (f.platform !== 'codex' && f.platform !== 'kiro-cli')
        expect(naiveRead(/^description: .*$/m.exec(f.content)![0])).toBe(agent.description);
    }
  });

  it('carries the body structurally: fences, headings and `---` lines survive, mentions are rewritten not deleted', () => {
    for (const f of files) {
      const agent = run.resolution.agents.find((a) => a.name === f.agent)!;
      const { body } = read(f.platform, f.content);
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
  it('fits every target without hard-limit errors; only Factory’s shared list budget warns', () => {
    expect(catalogRun.resolution.agents).toHaveLength(bundledCatalog().agents.size);
    // Factory shares one 10,000-character list among every installed droid: with all 61 agents each
    // description gets ~113 characters, so it shortens some — a warning, never an error, for a shared budget.
    expect(catalogRun.warnings.filter((w) => w.platform !== 'factory')).toEqual([]);
    for (const w of catalogRun.warnings) expect(w.message).toContain('with these droids Factory shows');
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

  it('targets exclude each other both ways, and only existing ones', () => {
    for (const id of platformIds)
      for (const other of (platforms[id] as Platform).excludes ?? []) {
        expect(platformIds).toContain(other);
        expect([id, (platforms[other as PlatformId] as Platform).excludes ?? []]).toEqual([
          id,
          expect.arrayContaining([id]),
        ]);
      }
  });
});
