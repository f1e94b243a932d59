import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { platformIds } from '../../src/platforms/registry.js';
import { fixtureAgents, renderEveryTarget } from '../helpers/render-fixtures.js';

// Hostile fixtures (quotes and `: ` in descriptions, fences holding `---` and `## `, non-ASCII, a long
// body, an agent routing to three others, one of them not installed) rendered for every target.
// Regenerate with UPDATE_GOLDEN=1 and review the diff.
const goldenDir = join(process.cwd(), '__fixtures__/golden');
const agents = fixtureAgents();
const installed = agents.filter((a) => a.name !== 'blue-delta');
const { files, warnings } = renderEveryTarget('exclude: [blue-delta]\n', agents);

describe('golden files for every target', () => {
  it.each(files.map((f) => [f.path, f] as const))('%s', (path, file) => {
    const golden = join(goldenDir, path);
    if (process.env['UPDATE_GOLDEN']) {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, file.content);
    }
    expect(file.content).toBe(readFileSync(golden, 'utf8'));
  });

  it('renders each installed fixture agent once per target', () => {
    expect(files.filter((f) => f.kind === 'file')).toHaveLength(installed.length * platformIds.length);
  });

  it('fit every target: no limit is passed (limits.test.ts passes them on purpose)', () => {
    expect(warnings).toEqual([]);
  });
});
