import fc from 'fast-check';
import { BEGIN_MARKER, END_MARKER } from '../../src/core/markers.js';
import { leavesCodeOpen } from '../helpers/open-code.js';
import { cli, readRepoFile, removeRepo, scratchRepo, snapshot, writeRepoFile } from '../helpers/repo.js';

const pool = [
  'blue-docker-specialist',
  'blue-seo-specialist',
  'blue-react-developer',
  'blue-monorepo-specialist',
];
const start = 'version: 1\nplatforms: [codex, claude-code]\nagents:\n  - blue-react-developer\n';
const userText = fc
  .array(fc.oneof(fc.string(), fc.constantFrom('\r\n', '\n', '# Rules\n', '```\n---\n```\n', 'ünïcödé ✓')), {
    maxLength: 6,
  })
  .map((p) => p.join(''))
  .filter((t) => !t.includes('blue-gardener') && !t.includes('\0'));
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), agent: fc.constantFrom(...pool) }),
  fc.record({ kind: fc.constant('remove' as const), agent: fc.constantFrom(...pool) }),
  fc.constant({ kind: 'sync' as const, agent: '' }),
);

describe('any sequence of add / remove / sync', () => {
  it('keeps the user’s AGENTS.md text byte for byte and ends where a fresh sync of the final manifest would', async () => {
    await fc.assert(
      fc.asyncProperty(userText, fc.array(op, { maxLength: 5 }), async (user, ops) => {
        const repo = scratchRepo({ '.github/blue-gardener.yml': start, 'AGENTS.md': user });
        const fresh = scratchRepo({ 'AGENTS.md': user });
        try {
          for (const o of ops) {
            const { code } = o.kind === 'sync' ? await cli(repo, 'sync') : await cli(repo, o.kind, o.agent);
            expect([0, 1]).toContain(code); // removing an agent that is not installed is a refusal
          }
          const last = await cli(repo, 'sync');
          const agents = readRepoFile(repo, 'AGENTS.md');
          if (leavesCodeOpen(user)) {
            // Our block would land in the user's open code block: refused, the file left as it was.
            expect(last.code).toBe(1);
            expect(last.stderr).toContain('code block the file leaves open');
            expect(agents).toBe(user);
            return;
          }
          expect(last.code).toBe(0);
          const begin = agents.indexOf(BEGIN_MARKER);
          const end = agents.indexOf(END_MARKER) + END_MARKER.length;
          const outside = agents.slice(0, begin) + agents.slice(end).replace(/^\r?\n/, '');
          expect(outside.replace(/\r?\n$/, '')).toBe(user.replace(/\r?\n$/, ''));
          expect(agents.startsWith(user.endsWith('\n') || user === '' ? user : `${user}`)).toBe(true);
          // A fresh repository with the final manifest gives the same tree.
          writeRepoFile(fresh, '.github/blue-gardener.yml', readRepoFile(repo, '.github/blue-gardener.yml'));
          await cli(fresh, 'sync');
          expect(snapshot(fresh)).toEqual(snapshot(repo));
        } finally {
          removeRepo(repo);
          removeRepo(fresh);
        }
      }),
      { numRuns: 40 },
    );
  });
});
