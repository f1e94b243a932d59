import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { validateAction, validateWorkflow } =
  require('@action-validator/core') as typeof import('@action-validator/core');
const dir = 'examples/workflows';
const workflows = [...readdirSync(dir).map((name) => `${dir}/${name}`), 'examples/fleet.yml'];

describe('example workflows and action.yml are valid (SchemaStore schemas via action-validator)', () => {
  it.each(workflows)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(validateWorkflow(text).errors).toEqual([]);
    // Every input they pass exists in action.yml.
    const inputs = Object.keys((parse(readFileSync('action.yml', 'utf8')) as { inputs: object }).inputs);
    const workflow = parse(text) as { jobs: Record<string, { steps: { uses?: string; with?: object }[] }> };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('blue-gardener/'))) {
        for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
      }
    }
  });

  it('action.yml', () => {
    // The bundled SchemaStore schema predates the node24 runtime; everything else is checked against it.
    expect(
      validateAction(readFileSync('action.yml', 'utf8').replace('using: node24', 'using: node20')).errors,
    ).toEqual([]);
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      runs: { using: string; main: string };
      outputs: object;
    };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'changed',
        'command',
        'commit-sha',
        'files',
        'pending-files',
        'findings',
        'pull-request-number',
        'pull-request-operation',
        'pull-request-url',
        'repositories',
        'count',
        'matrix',
      ].sort(),
    );
  });

  it('examples/fleet.yml wires discover → matrix → aggregate so that one failure stays one failure', () => {
    type Job = {
      needs?: string | string[];
      if?: string;
      strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
      outputs?: Record<string, string>;
      steps: { uses?: string; with?: Record<string, unknown> }[];
    };
    const { jobs } = parse(readFileSync('examples/fleet.yml', 'utf8')) as { jobs: Record<string, Job> };
    const action = parse(readFileSync('action.yml', 'utf8')) as { outputs: object };
    const modeOf = (job: Job) => job.steps.find((s) => s.uses?.startsWith('blue-gardener/'))?.with?.['mode'];
    expect(modeOf(jobs['discover']!)).toBe('discover');
    for (const value of Object.values(jobs['discover']!.outputs ?? {}))
      expect(Object.keys(action.outputs)).toContain(/steps\.discover\.outputs\.([\w-]+)/.exec(value)![1]);
    expect(jobs['sync']!.strategy).toMatchObject({
      'fail-fast': false,
      matrix: '${{ fromJSON(needs.discover.outputs.matrix) }}',
    });
    const sync = jobs['sync']!.steps.find((s) => s.uses?.startsWith('blue-gardener/'))!;
    expect(sync.with).toMatchObject({
      repositories: '${{ matrix.repositories }}',
      results: 'blue-gardener-results',
    });
    expect(jobs['sync']!.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(modeOf(jobs['aggregate']!)).toBe('aggregate');
    expect(jobs['aggregate']!.needs).toEqual(['discover', 'sync']);
    expect(jobs['aggregate']!.if).toContain('!cancelled()');
  });
});
