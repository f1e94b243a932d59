import fc from 'fast-check';
import { packMatrix } from '../../src/fleet/matrix.js';
import { globMatcher } from '../../src/fleet/patterns.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `acme/r${i}`);

describe('packMatrix', () => {
  it.each([
    [0, 256, 0, 0],
    [1, 256, 1, 1],
    [256, 256, 256, 1],
    [257, 256, 129, 2],
    [300, 256, 150, 2],
    [1000, 256, 250, 4],
    [1000, 20, 20, 50],
    [5, 2, 2, 3],
  ])('%i repositories, max %i jobs → %i jobs of up to %i', (n, max, jobs, per) => {
    const matrix = packMatrix(names(n), max);
    expect(matrix.include).toHaveLength(jobs);
    expect(Math.max(0, ...matrix.include.map((e) => e.repositories.split(' ').length))).toBe(per);
  });

  it('never exceeds the limit, keeps every repository exactly once and in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 256 }), (n, max) => {
        const matrix = packMatrix(names(n), max);
        expect(matrix.include.length).toBeLessThanOrEqual(max);
        expect(matrix.include.flatMap((e) => e.repositories.split(' ')).filter(Boolean)).toEqual(names(n));
      }),
      { numRuns: 200 },
    );
  });

  it('labels a job by its first repository, and gives its owner and names when they share one', () => {
    expect(packMatrix(['acme/a', 'acme/b', 'acme/c'], 1).include).toEqual([
      { repositories: 'acme/a acme/b acme/c', label: 'acme/a (+2)', owner: 'acme', names: 'a,b,c' },
    ]);
    expect(packMatrix(['acme/a', 'other/b'], 1).include).toEqual([
      { repositories: 'acme/a other/b', label: 'acme/a (+1)' },
    ]);
  });
});

describe('glob patterns', () => {
  it.each([
    ['svc-*', 'acme/svc-api', true],
    ['svc-*', 'acme/web', false],
    ['*', 'acme/anything', true],
    ['acme/*', 'acme/web', true],
    ['acme/*', 'other/web', false],
    ['web-?', 'acme/web-1', true],
    ['web-?', 'acme/web-12', false],
    ['{api,web}', 'acme/WEB', true],
    ['{api,web}', 'acme/docs', false],
    ['a.b', 'acme/axb', false],
    ['*/docs', 'acme/docs', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(globMatcher(pattern)(name)).toBe(expected);
  });
});
