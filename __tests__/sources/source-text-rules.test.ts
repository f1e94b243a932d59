import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { gitSourceRepo, sourceAgent } from '../helpers/git-source.js';

/**
 * A source's agents are held to the rules of custom agents (issue 15, item 9 and its neighbours): names a
 * Windows checkout cannot hold, hidden characters, and bytes that are not UTF-8 (a source's blobs are read
 * leniently, since a source may hold images) are refused with the file, line and column, nothing written.
 */
const cases: [string, Record<string, string | Buffer>, string, RegExp][] = [
  [
    'an agent named like a Windows device',
    { 'agents/con.md': sourceAgent('con') },
    'a name Windows reserves for a device',
    /source:acme@[0-9a-f]{12}\/con\.md:2/,
  ],
  [
    'a right-to-left override in a description',
    { 'agents/reviewer.md': sourceAgent('reviewer').replace('organisation', 'organ\u202esation') },
    'invisible or control character (U+202E)',
    /source:acme@[0-9a-f]{12}\/reviewer\.md:3:45:/,
  ],
  [
    'a zero-width space in the prompt',
    { 'agents/reviewer.md': sourceAgent('reviewer', 'You review\u200b code carefully and say why.') },
    'U+200B',
    /source:acme@[0-9a-f]{12}\/reviewer\.md:8:11:/,
  ],
  [
    'an agent saved as Latin-1',
    {
      'agents/reviewer.md': Buffer.from(
        sourceAgent('reviewer', 'You review café code, always carefully.'),
        'latin1',
      ),
    },
    'is not valid UTF-8',
    /source:acme@[0-9a-f]{12}\/reviewer\.md:8:15:/,
  ],
];

describe('a source agent is checked like a custom agent', () => {
  // The agent installed is another one of the source: every agent a source holds is checked when it is read.
  it.each(cases)('%s: refused with its location, nothing written', async (_what, files, message, at) => {
    const src = gitSourceRepo({ 'agents/other.md': sourceAgent('other') });
    for (const [path, bytes] of Object.entries(files)) writeFileSync(join(src.dir, path), bytes);
    src.commit({}, 'hostile agent');
    const repo = scratchRepo(
      manifest(
        `version: 1\nplatforms: [claude-code]\nsources:\n  acme: { git: '${src.url}', ref: main, path: agents }\nagents: [acme/other]\n`,
      ),
    );
    try {
      const before = snapshot(repo);
      const result = await cli(repo, 'sync');
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(at);
      expect(snapshot(repo)).toEqual(before);
    } finally {
      removeRepo(repo);
      removeRepo(src.dir);
    }
  });
});
