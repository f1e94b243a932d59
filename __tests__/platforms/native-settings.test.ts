import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parseAgent } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import type { Agent } from '../../src/core/model.js';
import { platforms, platformIds } from '../../src/platforms/registry.js';
import { renderEveryTarget } from '../helpers/render-fixtures.js';

// Model tier and access level travel with the agent (issue 22): catalog fields, overridable per agent in the
// manifest, written in each tool's own keys where it has them, and a tool's own override always wins.
const agentFile = (front: string) =>
  parseAgent(
    {
      path: 'agents/x/blue-probe.md',
      text: `---\nname: blue-probe\ndescription: "Use when probing."\ncategory: x\ntags: [a, b]\n${front}---\nA body long enough to count.\n`,
    },
    'custom',
  );

const isEditTool = (t: string) =>
  [
    'edit',
    'write',
    'write_file',
    'replace',
    'Create',
    'Edit',
    'ApplyPatch',
    'editor',
    'apply_patch',
  ].includes(t);

/** Frontmatter (or TOML table) of the probe agent on every platform, for the given manifest tail and agent. */
function settings(agent: Agent, manifestTail = ''): Record<string, Record<string, unknown>> {
  const run = renderEveryTarget(manifestTail, [agent]);
  return Object.fromEntries(
    run.files
      .filter((f) => f.agent === 'blue-probe')
      .map((f) => [
        f.platform,
        f.path.endsWith('.toml')
          ? (parseToml(f.content) as Record<string, unknown>)
          : f.path.endsWith('.json')
            ? (JSON.parse(f.content) as Record<string, unknown>)
            : (parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(f.content)![1]!) as Record<string, unknown>),
      ]),
  );
}

describe('tier, access and role in the agent file', () => {
  it('defaults to balanced and full; `readonly: true` still means read-only', () => {
    expect(agentFile('')).toMatchObject({ tier: 'balanced', access: 'full', role: 'specialist' });
    expect(agentFile('readonly: true\n').access).toBe('read-only');
    expect(agentFile('readonly: false\naccess: full\n').access).toBe('full');
  });

  it('refuses a `readonly` that contradicts `access`, at the line of `readonly`', () => {
    let error: unknown;
    try {
      agentFile('readonly: true\naccess: edits\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/contradicts/);
    expect((error as UserError).location).toMatchObject({ file: 'agents/x/blue-probe.md', line: 6 });
  });

  it('rejects values outside the three tiers and three access levels', () => {
    expect(() => agentFile('tier: huge\n')).toThrow(UserError);
    expect(() => agentFile('access: root\n')).toThrow(UserError);
  });
});

describe('mapping to each tool', () => {
  const balanced = settings(agentFile(''));
  const fast = settings(agentFile('tier: fast\n'));
  const deep = settings(agentFile('tier: deep\n'));
  const readOnly = settings(agentFile('access: read-only\n'));
  const edits = settings(agentFile('access: edits\n'));

  it('balanced and full write what the tool defaults to (nothing, or inherit)', () => {
    for (const id of platformIds) {
      expect([id, balanced[id]!['model'] ?? 'inherit']).toEqual([id, 'inherit']);
      for (const key of ['model_reasoning_effort', 'tools', 'disallowedTools', 'sandbox_mode', 'permission'])
        expect([id, key, balanced[id]![key]]).toEqual([id, key, undefined]);
    }
    expect(balanced['cursor']!['readonly']).toBe(false);
  });

  it('maps the tier to the model alias or reasoning effort where the tool has one', () => {
    expect(fast['claude-code']!['model']).toBe('haiku');
    expect(deep['claude-code']!['model']).toBe('opus');
    expect(fast['cursor']!['model']).toBe('fast');
    expect([fast['gemini']!['model'], deep['gemini']!['model']]).toEqual(['flash', 'pro']);
    expect([fast['codex']!['model_reasoning_effort'], deep['codex']!['model_reasoning_effort']]).toEqual([
      'low',
      'high',
    ]);
  });

  it('maps read-only to each tool’s own restriction, with no edit tool left', () => {
    expect(readOnly['claude-code']!['disallowedTools']).toBe('Write, Edit, NotebookEdit');
    expect(readOnly['codex']!['sandbox_mode']).toBe('read-only');
    expect(readOnly['cursor']!['readonly']).toBe(true);
    expect(readOnly['qwen']!['approvalMode']).toBe('plan');
    expect(readOnly['opencode']!['permission']).toEqual({ edit: 'deny' });
    for (const id of ['gemini', 'factory', 'cline', 'copilot', 'kiro']) {
      const tools = readOnly[id]!['tools'] as string[];
      expect([id, tools.length > 0, tools.filter(isEditTool)]).toEqual([id, true, []]);
    }
  });

  it('maps edits to file tools without a shell', () => {
    const shells = ['Bash', 'run_shell_command', 'Execute', 'run_commands', 'execute', 'shell'];
    for (const id of ['gemini', 'factory', 'cline', 'copilot', 'kiro']) {
      const tools = edits[id]!['tools'] as string[];
      expect([id, tools.some(isEditTool), tools.filter((t) => shells.includes(t))]).toEqual([id, true, []]);
    }
    expect(edits['claude-code']!['disallowedTools']).toBe('Bash, PowerShell');
    expect(edits['opencode']!['permission']).toEqual({ bash: 'deny' });
    expect(edits['qwen']!['disallowedTools']).toEqual(['run_shell_command']);
    expect(edits['codex']!['sandbox_mode']).toBe('workspace-write');
  });

  it('lets the manifest set tier and access per agent, and a tool’s own key win over both', () => {
    const over = settings(
      agentFile('tier: fast\naccess: read-only\n'),
      'overrides:\n  blue-probe:\n    tier: deep\n    access: edits\n    claude-code: { model: sonnet }\n',
    );
    expect(over['claude-code']).toMatchObject({ model: 'sonnet', disallowedTools: 'Bash, PowerShell' });
    expect(over['gemini']!['model']).toBe('pro');
    expect(over['codex']).toMatchObject({ model_reasoning_effort: 'high', sandbox_mode: 'workspace-write' });
  });

  it('makes orchestrators primary agents where the tool has them, and says how to run them', () => {
    const run = renderEveryTarget('', [agentFile('role: orchestrator\n')]);
    const file = (id: string) =>
      run.files.find((f) => f.platform === id && f.agent === 'blue-probe')!.content;
    expect(file('opencode')).toMatch(/^mode: all$/m);
    expect(file('kilo')).toMatch(/^mode: all$/m);
    expect(file('claude-code')).toContain('`claude --agent blue-probe`');
    for (const id of platformIds)
      expect([id, file(id).includes('so that it can start the specialists')]).toEqual([
        id,
        platforms[id].runAsMain !== undefined,
      ]);
  });
});

describe('the README platform table', () => {
  it('says for every platform whether it can express tier and access', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const id of platformIds) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${id}\` |`))!;
      const cells = row.split(' | ');
      const [tierCell, accessCell] = cells.slice(-2);
      expect([id, tierCell!.startsWith('—')]).toEqual([id, platforms[id].native?.tier === undefined]);
      expect([id, accessCell!.replace(/ \|$/, '').startsWith('—')]).toEqual([
        id,
        platforms[id].native?.access === undefined,
      ]);
    }
  });
});
