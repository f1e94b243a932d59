import { spawnSync } from 'node:child_process';

// The folder rules of ARCHITECTURE.md live in .dependency-cruiser.cjs and run in `npm run lint`. This test
// shows they bite: a fixture with two wrong arrows (core/ importing a host, bot/ importing the action)
// fails them, each by its rule's name, and src/ itself passes.
const depcruise = (dir: string) =>
  spawnSync(
    process.execPath,
    ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', dir, '--config', '.dependency-cruiser.cjs'],
    {
      encoding: 'utf8',
    },
  );

describe('the import rules between folders', () => {
  it('fail a wrong import, naming the rule and the arrow', () => {
    const result = depcruise('__fixtures__/layers/src');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(
      /core-is-pure: __fixtures__\/layers\/src\/core\/plan\.ts → .*hosts\/disk\.ts/,
    );
    expect(result.stdout).toMatch(/nothing-imports-action: __fixtures__\/layers\/src\/bot\/dispatch\.ts/);
  });

  it('hold for src/', () => {
    const result = depcruise('src');
    expect(result.stdout).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });
});
