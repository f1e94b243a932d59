import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';

const dir = join(process.cwd(), '__fixtures__/manifests/bad');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  { message: string; line: number | null }
>;
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yml'));

describe('invalid manifests (__fixtures__/manifests/bad)', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(expected).sort()).toEqual(fixtures.sort());
  });

  it.each(fixtures)('%s: a clear error with its location, exit 1, nothing written', async (name) => {
    const userAgents = '# Our team notes\n\nKeep this.\n';
    const repo = scratchRepo({
      '.github/blue-gardener.yml': readFileSync(join(dir, name)),
      'AGENTS.md': userAgents,
    });
    try {
      const before = snapshot(repo);
      const { code, stderr } = await cli(repo, 'sync');
      expect(code).toBe(1);
      const { message, line } = expected[name]!;
      expect(stderr).toContain(message);
      const location = line === null ? '.github/blue-gardener.yml' : `.github/blue-gardener.yml:${line}`;
      expect(stderr).toContain(location);
      expect(snapshot(repo)).toEqual(before);
    } finally {
      removeRepo(repo);
    }
  });
});
