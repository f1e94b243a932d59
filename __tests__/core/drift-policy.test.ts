import { driftPolicy } from '../../src/core/drift-policy.js';
import { formatUserError, type UserError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/manifest/load.js';

describe('driftPolicy', () => {
  it('reports a bad policy value or key in either form at its line, with the allowed values', () => {
    const errors = (text: string) => {
      try {
        loadManifest(`version: 1\nplatforms: [cursor]\n${text}`, 'm.yml');
      } catch (error) {
        return (error as UserError).all().map(formatUserError);
      }
      return [];
    };
    expect(errors('hand-edits: ignore\n')[0]).toContain(
      'm.yml:3:13: `hand-edits`: `ignore` is not one of the allowed values',
    );
    const long = errors('hand-edits:\n  orphans: keep\n  stale: ignore\n');
    expect(long).toEqual([
      expect.stringContaining('m.yml:5:10: `hand-edits.stale`: `ignore` is not one of the allowed values'),
      expect.stringContaining('m.yml:4:3: unknown key `orphans` in `hand-edits`. Did you mean `orphaned`?'),
    ]);
  });

  it('reads the short form as the hand-edit policy and fills defaults for the long form', () => {
    expect(driftPolicy('overwrite')).toEqual({
      missing: 'regenerate',
      stale: 'regenerate',
      'hand-edited': 'overwrite',
      orphaned: 'delete',
      foreign: 'report',
    });
    expect(driftPolicy({ orphaned: 'keep', foreign: 'fail' })).toMatchObject({
      'hand-edited': 'keep',
      orphaned: 'keep',
      foreign: 'fail',
    });
  });
});
