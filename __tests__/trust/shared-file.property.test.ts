import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findBlock } from '../../src/core/markers.js';
import { leavesCodeOpen } from '../helpers/open-code.js';
import { cli, readRepoFile, removeRepo, scratchRepo, snapshot, writeRepoFile } from '../helpers/repo.js';

// Extends __tests__/cli/sequences.property.test.ts (user text before our block, agent add/remove/sync):
// here the user also writes after the block and edits between commands, in LF or CRLF, and platforms come
// and go, so the block itself is added to and removed from the shared file.
const MANIFEST = '.github/blue-gardener.yml';
const start = 'version: 1\nplatforms: [codex]\nagents:\n  - blue-react-developer\n';
const pool = ['blue-docker-specialist', 'blue-seo-specialist', 'blue-react-developer'];

/** A paragraph of user text: any characters, in lines that end with a line break (LF or CRLF). */
const paragraph = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '# Rules',
        '```',
        '---',
        '<!-- a comment of ours? no -->',
        'ünïcödé ✓ 日本',
        '- [ ] todo',
      ),
    ),
    { maxLength: 4 },
  )
  .chain((lines) =>
    fc
      .constantFrom('\n', '\r\n')
      .map((eol) => lines.map((l) => `${l.replace(/[\r\n]/g, ' ')}${eol}`).join('')),
  )
  .filter((t) => !t.includes('blue-gardener'));

const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), arg: fc.constantFrom(...pool) }),
  fc.record({ kind: fc.constant('remove' as const), arg: fc.constantFrom(...pool) }),
  fc.record({ kind: fc.constant('platform add' as const), arg: fc.constantFrom('codex', 'cursor') }),
  fc.record({ kind: fc.constant('platform remove' as const), arg: fc.constantFrom('codex', 'cursor') }),
  fc.record({ kind: fc.constant('sync' as const), arg: fc.constant('') }),
  fc.record({ kind: fc.constant('edit' as const), arg: paragraph }),
);

/** The file without our block (from its begin line to the end of its end line). */
function outsideOf(text: string): string {
  const span = findBlock(text, 'AGENTS.md');
  return span ? text.slice(0, span.start) + text.slice(span.end) : text;
}

describe('any sequence of add / remove / platform / sync / user edits', () => {
  it('keeps the user’s text around our markers byte for byte at every step, and ends where a fresh sync would', async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(paragraph, fc.array(op, { maxLength: 6 }), async (before, ops) => {
        const repo = scratchRepo({ [MANIFEST]: start, 'AGENTS.md': before });
        const fresh = scratchRepo();
        let user = before;
        const agents = () =>
          existsSync(join(repo, 'AGENTS.md')) ? readRepoFile(repo, 'AGENTS.md') : undefined;
        try {
          if (leavesCodeOpen(before)) {
            // Our block would land in the user's open code block: refused, the file left as it was.
            expect((await cli(repo, 'sync')).code).toBe(1);
            expect(agents()).toBe(before);
            return;
          }
          expect((await cli(repo, 'sync')).code).toBe(0);
          for (const o of ops) {
            steps++;
            if (o.kind === 'edit') {
              // The user writes below our block (or in a file of their own when there is no block).
              writeRepoFile(repo, 'AGENTS.md', (agents() ?? '') + o.arg);
              user += o.arg;
            } else {
              const args = o.kind === 'sync' ? ['sync'] : [...o.kind.split(' '), o.arg];
              const { code } = await cli(repo, ...args);
              expect([0, 1]).toContain(code); // a refused command (remove what is not installed) writes nothing
            }
            const text = agents();
            expect(text === undefined ? '' : outsideOf(text)).toBe(user);
          }
          // A fresh repository with the final manifest and the same user text generates the same files…
          writeRepoFile(fresh, MANIFEST, readRepoFile(repo, MANIFEST));
          if (user) writeRepoFile(fresh, 'AGENTS.md', user);
          const freshSync = await cli(fresh, 'sync');
          if (freshSync.code !== 0 && leavesCodeOpen(user)) {
            // Text below our block may leave a code block open; appended to that text, our block would land
            // inside it, so the fresh repository refuses (only then) and keeps its file.
            expect(freshSync.stderr).toContain('code block the file leaves open');
            expect(readRepoFile(fresh, 'AGENTS.md')).toBe(user);
            expect((await cli(repo, 'check')).code).toBe(0);
            return;
          }
          expect(freshSync.code).toBe(0);
          const [ours, theirs] = [snapshot(repo), snapshot(fresh)];
          const rest = (s: Record<string, string>) =>
            Object.fromEntries(Object.entries(s).filter(([p]) => p !== 'AGENTS.md'));
          expect(rest(ours)).toEqual(rest(theirs));
          // …and the same block, wherever the user's edits left it in the file.
          const block = (s: Record<string, string>) => {
            const t = s['AGENTS.md'];
            const span = t === undefined ? undefined : findBlock(t, 'AGENTS.md');
            return span?.inner;
          };
          expect(block(ours)).toEqual(block(theirs));
          expect((await cli(repo, 'check')).code).toBe(0);
        } finally {
          removeRepo(repo);
          removeRepo(fresh);
        }
      }),
      { numRuns: 60 },
    );
    expect(steps).toBeGreaterThan(0);
  });
});
