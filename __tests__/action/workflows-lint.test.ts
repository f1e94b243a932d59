import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { validateAction, validateWorkflow } =
  require('@action-validator/core') as typeof import('@action-validator/core');
const dir = 'examples/workflows';

describe('example workflows and action.yml are valid (SchemaStore schemas via action-validator)', () => {
  it.each(readdirSync(dir))('%s', (name) => {
    const text = readFileSync(`${dir}/${name}`, 'utf8');
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
    expect(Object.keys(action.outputs).sort()).toEqual([
      'changed',
      'command',
      'commit-sha',
      'files',
      'pull-request-number',
      'pull-request-operation',
      'pull-request-url',
    ]);
  });
});
