/**
 * `npm run compat`: loads the files blue-gardener generates with the coding tools' own loaders.
 *
 * 1. Generates all catalog agents for all platforms into a scratch repository (our CLI: dist bundle,
 *    or the sources with --source or when the bundle fails).
 * 2. Installs each tool's pinned npm packages into the cache (BLUE_GARDENER_COMPAT_CACHE, else
 *    $XDG_CACHE_HOME/blue-gardener-compat); this step needs the registry.
 * 3. Runs each tool offline under `unshare -n` (loopback only) with a scratch HOME and its own copy of
 *    the generated files, and reads which agents it loaded.
 * Prints a table and writes bench/compat.json. Not part of `npm test`.
 *
 * Options: --only <id,id>   --source
 *          --skills   list the generated skills through each tool's skill loader instead (see skills.ts)
 *          --control  break one agent file in every tool's copy, the way that tool refuses (Markdown
 *                     without its frontmatter, or with a list for a description where a tool still
 *                     lists a file without frontmatter; TOML with an unclosed array), and report
 *                     whether each tool's check notices; proves the check can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { adapters } from './adapters/index.js';
import { runSkillsCompat } from './skills.js';
import { platformGroups } from '../../src/platforms/registry.js';
import {
  baseEnv,
  command,
  cacheRoot,
  copyRepo,
  install,
  namespaceCheck,
  repoRoot,
  runCli,
  runSandboxed,
  toolVersion,
  type Generator,
} from './run.js';
import type { Adapter, RunContext, ToolResult } from './types.js';

/** Every target that can be enabled with the others (kiro-cli excludes kiro and has no offline loader). */
const PLATFORMS = platformGroups()[0]!;
const PORT = 18080;
const RUN_TIMEOUT_MS = 180_000;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index < 0 ? undefined : process.argv[index + 1];
}

/** Catalog agent names (sorted) and descriptions, from `list --json`. */
function catalog(generator: Generator): Record<string, string> {
  const list = runCli(generator, ['list', '--json']);
  if (list.status !== 0) throw new Error(`list --json failed: ${list.stderr.trim()}`);
  const agents = (JSON.parse(list.stdout) as { name: string; description: string }[]).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return Object.fromEntries(agents.map((agent) => [agent.name, agent.description]));
}

function normalise(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/…$/, '')
    .trim();
}

/** A shown description must be the catalog's (the tool may shorten it): catches dropped frontmatter. */
function descriptionProblems(shown: Record<string, string>, descriptions: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, text] of Object.entries(shown)) {
    const expected = descriptions[name];
    if (expected === undefined) continue;
    const got = normalise(text);
    const head = got.slice(0, 40);
    if (!got) problems.push(`${name}: loaded without a description`);
    else if (!normalise(expected).startsWith(head)) problems.push(`${name}: description shown as "${head}…"`);
  }
  return problems;
}

/** Writes the manifest and runs `sync`; returns the generator that worked. */
function generate(
  dir: string,
  preferred: Generator,
): { generator: Generator; descriptions: Record<string, string> } {
  const order: Generator[] = preferred === 'source' ? ['source'] : ['dist', 'source'];
  const failures: string[] = [];
  for (const generator of order) {
    try {
      const descriptions = catalog(generator);
      const expected = Object.keys(descriptions);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(path.join(dir, '.github'), { recursive: true });
      spawnSync('git', ['init', '-q', dir]);
      const manifest = [
        'version: 1',
        'platforms:',
        ...PLATFORMS.map((p) => `  - ${p}`),
        'agents:',
        ...expected.map((name) => `  - ${name}`),
        '',
      ].join('\n');
      writeFileSync(path.join(dir, '.github', 'blue-gardener.yml'), manifest);
      const sync = runCli(generator, ['sync', '--dir', dir]);
      if (sync.status !== 0)
        throw new Error(`sync exit ${sync.status}: ${(sync.stderr || sync.stdout).trim()}`);
      return { generator, descriptions };
    } catch (error) {
      failures.push(`${generator}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`could not generate the files:\n${failures.join('\n')}`);
}

/** The part of a result that says which tool, at which version, and how it was loaded. */
const aboutTool = (adapter: Adapter, version: string) => ({
  id: adapter.id,
  packages: adapter.packages,
  version,
  method: adapter.method,
  reads: adapter.reads,
});

function notRunnable(adapter: Adapter, reason: string, version = '-'): ToolResult {
  return {
    ...aboutTool(adapter, version),
    status: 'not runnable',
    recognised: [],
    missing: [],
    unexpected: [],
    messages: [reason],
    notes: adapter.notes ?? [],
    exitCode: null,
    durationMs: 0,
  };
}

/**
 * Control run: corrupts the first agent's file in the folder the tool reads; returns what it did. A file
 * without frontmatter is still listed by some tools (OpenCode, Kilo, Factory), so theirs get a description
 * of the wrong type instead, which they refuse.
 */
function breakOneAgent(repo: string, adapter: Adapter, name: string): string | undefined {
  const dir = path.join(repo, adapter.reads);
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`));
  if (!file) return undefined;
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  const where = `${adapter.reads}/${file}`;
  if (file.endsWith('.toml')) {
    writeFileSync(full, `broken = [unclosed\n${text}`);
    return `${where}: an unclosed TOML array`;
  }
  if (adapter.control === 'wrong-type') {
    writeFileSync(full, text.replace(/^description: .*$/m, 'description: [a, list]'));
    return `${where}: description made a list`;
  }
  writeFileSync(full, text.replace(/^---\r?\n[^]*?\r?\n---\r?\n/, ''));
  return `${where}: frontmatter deleted`;
}

function check(
  adapter: Adapter,
  generated: string,
  runDir: string,
  descriptions: Record<string, string>,
  control: boolean,
): ToolResult {
  const expected = Object.keys(descriptions);
  const started = Date.now();
  const installed = install(adapter);
  if (!installed.ok) {
    const reason = installed.log.split('\n').filter(Boolean).slice(-2).join(' ');
    return notRunnable(adapter, `install failed: ${reason}`);
  }
  const work = path.join(runDir, adapter.id.replace(/\//g, '-'));
  const ctx: RunContext = {
    repo: path.join(work, 'repo'),
    home: path.join(work, 'home'),
    work,
    baseUrl: `http://127.0.0.1:${PORT}`,
    expected,
  };
  mkdirSync(path.join(ctx.home, 'tmp'), { recursive: true });
  const version = toolVersion(adapter, work, ctx.home);
  if (version === '?') return notRunnable(adapter, 'the binary does not start (no --version output)');
  copyRepo(generated, ctx.repo, adapter.omit);
  const brokenFile = control && expected[0] ? breakOneAgent(ctx.repo, adapter, expected[0]) : undefined;
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
    timeoutMs: RUN_TIMEOUT_MS,
    settleMs: 3000,
    responses: invocation.responses,
  });
  writeFileSync(path.join(work, 'output.txt'), `${out.stdout}\n--- stderr ---\n${out.stderr}`);
  const parsed = adapter.parse(out, ctx);
  if (adapter.diagnostics) {
    const diagnostics = runSandboxed({
      command: start.command,
      args: [...start.args, ...adapter.diagnostics.args],
      cwd: ctx.repo,
      env: baseEnv(ctx.home),
      work,
      record: false,
      port: PORT,
      timeoutMs: RUN_TIMEOUT_MS,
      settleMs: 0,
    });
    writeFileSync(
      path.join(work, 'diagnostics.txt'),
      `${diagnostics.stdout}\n--- stderr ---\n${diagnostics.stderr}`,
    );
    parsed.messages.push(...adapter.diagnostics.parse(diagnostics));
  }
  const found = new Set(parsed.names);
  const expectedSet = new Set(expected);
  const recognised = expected.filter((name) => found.has(name));
  const missing = expected.filter((name) => !found.has(name));
  const unexpected = parsed.names.filter((name) => name.startsWith('blue-') && !expectedSet.has(name));
  const messages = [...parsed.messages, ...descriptionProblems(parsed.descriptions ?? {}, descriptions)];
  if (out.timedOut) messages.push(`timed out after ${RUN_TIMEOUT_MS / 1000}s`);
  if (invocation.record && out.requests.length === 0) messages.push('no model request was recorded');
  const clean = missing.length === 0 && unexpected.length === 0 && messages.length === 0;
  return {
    ...aboutTool(adapter, version),
    status: clean ? 'verified' : 'problems',
    recognised,
    missing,
    unexpected,
    messages,
    notes: [...(adapter.notes ?? []), ...(parsed.notes ?? [])],
    exitCode: out.exitCode,
    durationMs: Date.now() - started,
    ...(control ? { control: brokenFile ?? 'no file found to break' } : {}),
  };
}

function table(results: readonly ToolResult[], expected: number): string {
  const rows = results.map((r) => [
    r.id,
    r.version,
    r.method,
    r.status === 'not runnable' ? 'not runnable' : `${r.recognised.length} / ${expected}`,
    r.status === 'not runnable'
      ? r.messages.join('; ')
      : [
          r.missing.length ? `missing: ${r.missing.join(', ')}` : '',
          r.unexpected.length ? `unexpected: ${r.unexpected.join(', ')}` : '',
          ...r.messages,
        ]
          .filter(Boolean)
          .join('; ') || 'none',
    // A control row says which file it broke, and how, and whether the tool's check noticed.
    ...(r.control === undefined
      ? []
      : [`${r.control} — ${r.status === 'verified' ? 'NOT noticed' : 'noticed'}`]),
  ]);
  const header = ['tool', 'version', 'how it was loaded', 'agents recognised', 'rejections / warnings'];
  if (results.some((r) => r.control !== undefined)) header.push('control');
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function main(): void {
  const only = option('--only')?.split(',');
  const control = process.argv.includes('--control');
  if (process.argv.includes('--skills')) {
    const generator = process.argv.includes('--source') ? 'source' : 'dist';
    process.exitCode = runSkillsCompat(generator, control);
    return;
  }
  const selected = adapters.filter((a) => !only || only.includes(a.id));
  const runDir = path.join(cacheRoot(), 'runs', 'latest');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const generated = path.join(runDir, 'generated');
  const { generator, descriptions } = generate(
    generated,
    process.argv.includes('--source') ? 'source' : 'dist',
  );
  const expected = Object.keys(descriptions);
  console.log(
    `Generated ${expected.length} agents × ${PLATFORMS.length} platforms with the ${generator} CLI.`,
  );
  console.log(`Tools cached in ${cacheRoot()}; run folders in ${runDir}.\n`);

  const namespaceProblem = namespaceCheck();
  const results: ToolResult[] = [];
  for (const adapter of selected) {
    process.stdout.write(`… ${adapter.id}\n`);
    const result = namespaceProblem
      ? notRunnable(adapter, `no network namespace (unshare -n): ${namespaceProblem}`)
      : check(adapter, generated, runDir, descriptions, control);
    results.push(result);
  }
  const output = table(results, expected.length);
  console.log(`\n${output}\n`);
  for (const r of results.filter((x) => x.notes.length)) console.log(`${r.id}: ${r.notes.join('; ')}`);

  const report = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    generator,
    platforms: PLATFORMS,
    expectedAgents: expected.length,
    network: 'each tool run inside `unshare -n` (loopback only); recording endpoint on 127.0.0.1 refuses all',
    results,
    table: output,
  };
  if (control) {
    // The control run proves each check can fail: every tool must notice the corrupted file.
    const unnoticed = results.filter((r) => r.status === 'verified');
    for (const r of results)
      console.log(`control ${r.id}: ${r.status === 'verified' ? 'NOT noticed' : 'noticed'}`);
    process.exitCode = unnoticed.length ? 1 : 0;
    return;
  }
  // Only a full run replaces the checked-in report; a partial one stays in the run folder.
  const file = only ? path.join(runDir, 'compat.json') : path.join(repoRoot, 'bench', 'compat.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${only ? file : path.relative(repoRoot, file)}`);
  const failed = results.some((r) => r.status !== 'verified');
  process.exitCode = failed ? 1 : 0;
}

main();
