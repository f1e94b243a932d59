// The GitHub side: requests per action run, counted by the in-memory GitHub of the tests, which runs the
// real action code (src/action/main.ts) through the real Octokit.
import { performance } from 'node:perf_hooks';
import { platformIds } from '../../src/platforms/registry.js';

export interface GitHubRow {
  id: string;
  files: string;
  tree: string;
  mode: 'no-op' | 'commit' | 'pull-request';
  /** Requests of the measured run, and their operations in order. */
  requests: number;
  operations: string[];
  /**
   * Requests the README's formula gives for this run: 3 for a no-op, 6 for a commit (7 for a pull request) when
   * the change fits one tree request, plus one per further tree request and per file sent up first as a blob.
   */
  expected: number;
  /** The largest request body, in bytes (each must be at most 1 MB). */
  largestBody: number;
  /** Files the run reported as changed (the `files` output), and whether it said `changed`. */
  changedFiles: number;
  changed: string | undefined;
  /** Wall time of the measured run in-process (fake GitHub, no network). */
  ms: number;
  failed?: string;
  openApiProblems: number;
  treeFilesBefore: number;
}

interface Shape {
  label: string;
  platforms: string[];
  agents: string[];
  custom: number;
}

const customAgent = (i: number) => {
  const name = `acme-custom-${String(i).padStart(2, '0')}`;
  return [
    `.github/blue-gardener/agents/${name}.md`,
    `---\nname: ${name}\ndescription: "Use when the benchmark needs custom agent number ${i}."\ncategory: custom\ntags: [bench, custom]\n---\n` +
      `You are custom agent ${i} of the benchmark repository.\n\n## When to use\n- Whenever the benchmark asks for agent ${i}.\n\n## Procedure\n1. Read the task.\n2. Do it carefully.\n`,
  ] as const;
};

/** ~10, ~100 and ~1,000 generated files (agents × platforms, + AGENTS.md when codex is on, + the lock). */
export function shapes(catalogAgents: string[]): Shape[] {
  return [
    { label: '≈10', platforms: ['claude-code'], agents: catalogAgents.slice(0, 9), custom: 0 },
    {
      label: '≈100',
      platforms: ['claude-code', 'copilot', 'cursor'],
      agents: catalogAgents.slice(0, 33),
      custom: 0,
    },
    // Every platform but codex (its AGENTS.md index of ~90 agents would pass the 16 KiB budget we keep for
    // it) and kiro-cli (it excludes kiro).
    {
      label: '≈1,000',
      platforms: platformIds.filter((p) => p !== 'codex' && p !== 'kiro-cli'),
      agents: catalogAgents,
      custom: 44,
    },
  ];
}

function repoFiles(shape: Shape, others: number): Record<string, string> {
  const files: Record<string, string> = {
    'README.md': '# acme/web\n',
    '.github/blue-gardener.yml': `version: 1\nplatforms: [${shape.platforms.join(', ')}]\nagents: [${shape.agents.join(', ')}]\n`,
  };
  for (let i = 1; i <= shape.custom; i++) {
    const [path, text] = customAgent(i);
    files[path] = text;
  }
  for (let i = 0; i < others; i++)
    files[`vendor/pkg-${i % 500}/lib/file-${i}.js`] = `module.exports = ${i};\n`;
  return files;
}

const count = (requests: readonly { operation?: string }[], operation: string) =>
  requests.filter((r) => r.operation === operation).length;

export async function githubSide(catalogAgents: string[]): Promise<GitHubRow[] | { error: string }> {
  let fakeGitHub: typeof import('../../__tests__/helpers/fake-github.js').fakeGitHub;
  let runAction: typeof import('../../__tests__/helpers/action-harness.js').runAction;
  try {
    ({ fakeGitHub } = await import('../../__tests__/helpers/fake-github.js'));
    ({ runAction } = await import('../../__tests__/helpers/action-harness.js'));
  } catch (error) {
    return { error: `could not load the action or the fake GitHub: ${(error as Error).message}` };
  }
  const rows: GitHubRow[] = [];
  for (const others of [0, 50_000]) {
    for (const shape of shapes(catalogAgents)) {
      const seeded = repoFiles(shape, others);
      for (const mode of ['no-op', 'commit', 'pull-request'] as const) {
        const fake = fakeGitHub();
        fake.seed('acme/web', seeded);
        if (mode === 'no-op') {
          // Put everything in place first (commit mode), then measure a default (pull-request mode) run.
          const first = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
          if (first.failed) throw new Error(`setting up no-op (${shape.label}): ${first.failed}`);
        }
        const start = performance.now();
        const result = await runAction(
          fake,
          mode === 'commit' ? { event: 'push', inputs: { mode: 'commit' } } : { event: 'schedule' },
        );
        const ms = performance.now() - start;
        const listed = result.outputs['files']
          ? (JSON.parse(result.outputs['files']) as unknown[]).length
          : 0;
        rows.push({
          id: `${mode} ${shape.label} files${others ? ` +${others.toLocaleString('en')} others` : ''}`,
          files: shape.label,
          tree: others ? `${Object.keys(seeded).length.toLocaleString('en')} files (50,000 others)` : 'small',
          mode,
          requests: result.requests.length,
          operations: result.requests.map((r) => r.operation || `${r.method} ${r.path}`),
          expected:
            (mode === 'no-op' ? 3 : mode === 'commit' ? 6 : 7) +
            Math.max(0, count(result.requests, 'git.createTree') - 1) +
            count(result.requests, 'git.createBlob'),
          largestBody: Math.max(0, ...result.requests.map((r) => r.bodyBytes)),
          changedFiles: listed,
          changed: result.outputs['changed'],
          ms: Math.round(ms * 10) / 10,
          ...(result.failed ? { failed: result.failed } : {}),
          openApiProblems: fake.problems.length,
          treeFilesBefore: Object.keys(seeded).length,
        });
      }
    }
  }
  return rows;
}
