/**
 * `npm run compat -- --skills`: lists the skills blue-gardener generates through each tool's own skill
 * loader where one runs offline without a model endpoint (Codex, Gemini, OpenCode, Kilo), in the same
 * network-less sandbox as the agent check. The scratch repository holds two skills, one with an executable
 * script, generated for every platform that reads project skills.
 *
 * --control: in each tool's copy, one skill is broken (see breakSkill: for the listing commands its
 * description line becomes unparsable YAML; for the recorded tools its SKILL.md is renamed), and the
 * check must report that skill missing.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adapters } from './adapters/index.js';
import {
  baseEnv,
  binPath,
  command,
  copyRepo,
  install,
  repoRoot,
  runCli,
  runSandboxed,
  type Generator,
} from './run.js';
import type { Adapter, SandboxOutput } from './types.js';

const SKILLS: Record<string, { description: string; files: Record<string, string> }> = {
  'pdf-tools': {
    description: 'Fills PDF forms with the bundled script. Use when the user asks to fill a PDF form.',
    files: { 'scripts/fill.sh': '#!/bin/sh\necho "filling $1"\n', 'references/forms.md': '# Forms\n' },
  },
  'release-notes': {
    description: 'Writes release notes from merged pull requests. Use before tagging a release.',
    files: {},
  },
};
const PLATFORMS =
  'claude-code, copilot, cursor, codex, gemini, opencode, windsurf, kiro, qwen, factory, kilo, cline, augment, junie';

interface SkillTool {
  id: string;
  /** The agent adapter whose pinned package this reuses. */
  adapter: string;
  reads: string;
  method: string;
  args: string[];
  env?: (home: string) => Record<string, string>;
  prepare?: (repo: string, home: string) => void;
  parse(out: SandboxOutput): string[];
}

/** `name: description (file: …)` lines of Codex's <skills_instructions> block. */
const codexNames = (out: SandboxOutput) =>
  [...out.stdout.replace(/\\n/g, '\n').matchAll(/^- ([a-z0-9-]+): .*\(file: [^)]*SKILL\.md\)/gm)].map(
    (m) => m[1]!,
  );
/** `opencode debug skill`: a JSON array of { name, location } (built-ins at `<built-in>`). */
const jsonNames = (out: SandboxOutput) => {
  const start = out.stdout.indexOf('[');
  try {
    const list = JSON.parse(out.stdout.slice(start)) as { name: string; location?: string }[];
    return list.filter((s) => s.location !== '<built-in>').map((s) => s.name);
  } catch {
    return [];
  }
};

const tools: SkillTool[] = [
  {
    id: 'codex',
    adapter: 'codex',
    reads: '.agents/skills',
    method: '`codex debug prompt-input` (<skills_instructions> skill lines)',
    args: ['debug', 'prompt-input', 'hello'],
    prepare: (repo, home) => {
      mkdirSync(path.join(home, '.codex'), { recursive: true });
      writeFileSync(
        path.join(home, '.codex', 'config.toml'),
        `[projects.${JSON.stringify(repo)}]\ntrust_level = "trusted"\n`,
      );
    },
    parse: codexNames,
  },
  {
    id: 'gemini',
    adapter: 'gemini',
    reads: '.agents/skills',
    method: '`gemini skills list` (trusted workspace)',
    args: ['skills', 'list'],
    env: () => ({
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
      GEMINI_API_KEY: 'compat-offline',
      GEMINI_CLI_NO_RELAUNCH: 'true',
    }),
    prepare: (_repo, home) => {
      mkdirSync(path.join(home, '.gemini'), { recursive: true });
      writeFileSync(
        path.join(home, '.gemini', 'settings.json'),
        JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
      );
    },
    parse: (out) => [...out.stdout.matchAll(/^\s*([a-z0-9-]+) \[(?:Enabled|Disabled)\]/gm)].map((m) => m[1]!),
  },
  {
    id: 'opencode',
    adapter: 'opencode',
    reads: '.agents/skills, .claude/skills',
    method: '`opencode debug skill` (JSON)',
    args: ['debug', 'skill'],
    parse: jsonNames,
  },
  {
    id: 'kilo',
    adapter: 'kilo',
    reads: '.agents/skills, .claude/skills',
    method: '`kilo debug skill` (JSON)',
    args: ['debug', 'skill'],
    parse: jsonNames,
  },
];

/**
 * Tools whose skill listing is only in the first model request: run with their agent adapter's recipe
 * (loopback recording endpoint); a skill counts as listed when its description is in a recorded request.
 */
const recorded: { id: string; adapter: string; reads: string }[] = [
  { id: 'claude-code', adapter: 'claude-code', reads: '.claude/skills' },
  { id: 'copilot', adapter: 'copilot', reads: '.agents/skills, .claude/skills' },
  { id: 'qwen', adapter: 'qwen', reads: '.agents/skills' },
  { id: 'factory', adapter: 'factory', reads: '.agents/skills' },
];
const PORT = 18080;

/** A scratch repository with the two skills, generated for every platform that reads project skills. */
function generate(generator: Generator): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'blue-gardener-skills-'));
  mkdirSync(path.join(repo, '.github'), { recursive: true });
  writeFileSync(
    path.join(repo, '.github', 'blue-gardener.yml'),
    `version: 1\nplatforms: [${PLATFORMS}]\nskills: [${Object.keys(SKILLS).join(', ')}]\n`,
  );
  for (const [name, skill] of Object.entries(SKILLS)) {
    const dir = path.join(repo, '.github', 'blue-gardener', 'skills', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'SKILL.md'),
      `---\nname: ${name}\ndescription: ${skill.description}\n---\n\nFollow the steps.\n`,
    );
    for (const [file, text] of Object.entries(skill.files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
      if (file.startsWith('scripts/')) chmodSync(path.join(dir, file), 0o755);
    }
  }
  const sync = runCli(generator, ['sync', '--dir', repo]);
  if (sync.status !== 0) throw new Error(`sync failed: ${sync.stderr.trim()}`);
  return repo;
}

/**
 * Breaks one skill's SKILL.md in every skill root of the copy: its `description` line becomes an unclosed
 * YAML list, so the spec's required field is missing and the frontmatter does not parse. Each alone is
 * not enough (measured): OpenCode and Kilo list a skill without a description; Codex and Gemini list one
 * whose frontmatter is not valid YAML.
 */
function breakSkill(repo: string, name: string, recorded = false): void {
  for (const root of ['.agents/skills', '.claude/skills']) {
    const file = path.join(repo, root, name, 'SKILL.md');
    if (!existsSync(file)) continue;
    // A tool that shows the description only in its model request: SKILL.md becomes NOTES.md, so the
    // description stays in the repository but no skill file holds it (Claude Code lists a skill whose
    // frontmatter does not parse, by its folder name, so breaking the YAML is no control for it).
    if (recorded) renameSync(file, path.join(path.dirname(file), 'NOTES.md'));
    else
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: .*\n/m, 'metadata: [unclosed\n'));
  }
}

export function runSkillsCompat(generator: Generator, control: boolean): number {
  const generated = generate(generator);
  const expected = Object.keys(SKILLS).sort();
  const broken = 'release-notes';
  const rows: string[] = [];
  let failures = 0;
  for (const tool of tools) {
    const adapter = adapters.find((a) => a.id === tool.adapter) as Adapter;
    const installed = install(adapter);
    if (!installed.ok) {
      rows.push(`| ${tool.id} | not runnable | install failed | |`);
      continue;
    }
    const work = mkdtempSync(path.join(os.tmpdir(), `blue-gardener-skills-${tool.id}-`));
    const repo = path.join(work, 'repo');
    const home = path.join(work, 'home');
    mkdirSync(path.join(home, 'tmp'), { recursive: true });
    copyRepo(generated, repo);
    if (control) breakSkill(repo, broken);
    tool.prepare?.(repo, home);
    const out = runSandboxed({
      command: binPath(adapter),
      args: tool.args,
      cwd: repo,
      env: { ...baseEnv(home), ...(tool.env?.(home) ?? {}) },
      work,
      record: false,
      port: 0,
      timeoutMs: 180_000,
      settleMs: 0,
    });
    const seen = [...new Set(tool.parse(out))].sort();
    const ours = seen.filter((n) => n in SKILLS);
    const missing = expected.filter((n) => !ours.includes(n));
    const want = control ? [broken] : [];
    const ok = JSON.stringify(missing) === JSON.stringify(want);
    if (!ok) failures++;
    const status = control
      ? ok
        ? `control caught: ${broken} not listed`
        : `control NOT caught (missing: ${missing.join(', ') || 'none'})`
      : ok
        ? 'verified'
        : `problems (missing: ${missing.join(', ')}; exit ${out.exitCode})`;
    rows.push(`| ${tool.id} | ${status} | ${ours.join(', ') || '—'} | ${tool.reads} | ${tool.method} |`);
    if (!ok) console.error(`${tool.id} output:\n${out.stdout.slice(0, 600)}\n${out.stderr.slice(0, 600)}`);
    rmSync(work, { recursive: true, force: true });
  }
  for (const tool of recorded) {
    const adapter = adapters.find((a) => a.id === tool.adapter) as Adapter;
    if (!install(adapter).ok) {
      rows.push(`| ${tool.id} | not runnable | install failed | |`);
      continue;
    }
    const work = mkdtempSync(path.join(os.tmpdir(), `blue-gardener-skills-${tool.id}-`));
    const ctx = {
      repo: path.join(work, 'repo'),
      home: path.join(work, 'home'),
      work,
      baseUrl: `http://127.0.0.1:${PORT}`,
      expected: [],
    };
    mkdirSync(path.join(ctx.home, 'tmp'), { recursive: true });
    copyRepo(generated, ctx.repo);
    // A recorded request holds the description only if the tool listed the skill (see breakSkill).
    if (control) breakSkill(ctx.repo, broken, true);
    adapter.prepare?.(ctx);
    const invocation = adapter.invocation(ctx);
    const start = command(adapter);
    const out = runSandboxed({
      command: start.command,
      args: [...start.args, ...invocation.args],
      cwd: ctx.repo,
      env: { ...baseEnv(ctx.home), ...invocation.env },
      work,
      record: invocation.record ?? false,
      port: PORT,
      timeoutMs: 180_000,
      settleMs: 3000,
      responses: invocation.responses,
    });
    const bodies = out.requests.map((r) => r.body.replace(/\\"/g, '"')).join('\n');
    const ours = expected.filter((n) => bodies.includes(SKILLS[n]!.description));
    const missing = expected.filter((n) => !ours.includes(n));
    const want = control ? [broken] : [];
    const ok = JSON.stringify(missing) === JSON.stringify(want);
    if (!ok) failures++;
    const status = control
      ? ok
        ? `control caught: ${broken} not listed`
        : `control NOT caught (missing: ${missing.join(', ') || 'none'})`
      : ok
        ? 'verified'
        : `problems (missing: ${missing.join(', ')}; ${out.requests.length} request(s), exit ${out.exitCode})`;
    rows.push(
      `| ${tool.id} | ${status} | ${ours.join(', ') || '—'} | ${tool.reads} | ${adapter.method.split(' → ')[0]} → recorded model request (skill descriptions) |`,
    );
    if (!ok) console.error(`${tool.id} output:\n${out.stdout.slice(0, 600)}\n${out.stderr.slice(0, 600)}`);
    rmSync(work, { recursive: true, force: true });
  }
  rmSync(generated, { recursive: true, force: true });
  const table = [
    '| tool | result | our skills it lists | reads | method |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(
    `Skills compat${control ? ' (control: `release-notes` broken in every copy, see breakSkill)' : ''}\n\n${table}`,
  );
  // A full run (not the control) replaces the checked-in report, next to the agents' bench/compat.json.
  if (!control) {
    const file = path.join(repoRoot, 'bench', 'compat-skills.json');
    const report = {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      generator,
      skills: expected,
      network: 'each tool run inside `unshare -n` (loopback only)',
      table,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(repoRoot, file)}`);
  }
  return failures ? 1 : 0;
}
