import { rmSync } from 'node:fs';
import { LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';
import { normalizeText } from '../../src/core/text-input.js';
import { fakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { cli, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import {
  USER_NOTES,
  caseRepo,
  exactTree,
  linksOf,
  loadCorpus,
  locatedMessage,
  outsideFolder,
  runsOn,
  withSourceRepo,
  type BadCase,
} from './corpus.js';
import { GIT_WRITES } from './faults.js';

const corpus = loadCorpus();
const rejected = corpus.filter((c) => !c.accepted);
const accepted = corpus.filter((c) => c.accepted);
let outside: string;
beforeAll(() => (outside = outsideFolder()));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('the bad-input corpus (__fixtures__/bad)', () => {
  it('has at least 60 cases, each with an expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const c of corpus) {
      expect(c.about).toBeTruthy();
      if (!c.accepted) expect([c.name, typeof c.message, typeof c.at]).toEqual([c.name, 'string', 'string']);
    }
  });
});

describe('the CLI on every bad input', () => {
  it.each(rejected.filter((c) => runsOn(c, 'cli')).map((c) => [c.name, c] as const))(
    '%s: its message at its location, exit 1, nothing written',
    async (_name, bad) => {
      const { c, done } = withSourceRepo(bad);
      const repo = caseRepo(c, outside);
      try {
        const before = exactTree(repo);
        for (const args of [['sync'], ['add', 'blue-seo-specialist'], ['check']]) {
          const { code, stderr } = await cli(repo, ...args);
          expect({ args, code }).toEqual({ args, code: 1 });
          const errors = stderr.split(/\n(?=error: |internal error)/);
          expect(stderr).not.toContain('internal error');
          if (c.absent) expect(stderr).not.toContain(c.absent);
          expect({ args, located: locatedMessage(errors, c.at!, c.message!, c.hint), stderr }).toMatchObject({
            located: true,
          });
          expect(exactTree(repo)).toEqual(before);
        }
      } finally {
        removeRepo(repo);
        done();
      }
    },
  );

  it.each(accepted.map((c) => [c.name, c] as const))(
    '%s: accepted, the same files as its plain UTF-8 + LF twin, the input left as it is',
    async (_name, c) => {
      const repo = caseRepo(c, outside);
      const twin = scratchRepo({
        'AGENTS.md': USER_NOTES,
        ...Object.fromEntries(
          Object.entries(c.files).map(([p, b]) => [p, normalizeText(b.toString('utf8'))]),
        ),
      });
      try {
        expect(await cli(repo, 'sync')).toMatchObject({ code: 0 });
        expect(await cli(twin, 'sync')).toMatchObject({ code: 0 });
        const generated = (dir: string) =>
          Object.fromEntries(Object.entries(snapshot(dir)).filter(([p]) => !(p in c.files)));
        expect(generated(repo)).toEqual(generated(twin));
        expect(Object.keys(generated(repo))).toContain(LOCK_PATH);
        for (const [p, bytes] of Object.entries(c.files))
          expect(snapshot(repo)[p]).toBe(bytes.toString('latin1'));
        expect(await cli(repo, 'check')).toMatchObject({ code: 0 });
      } finally {
        removeRepo(repo);
        removeRepo(twin);
      }
    },
  );
});

/** The case's files on a fake GitHub: links become mode 120000 blobs, bytes are served decoded as GitHub does. */
function seedCase(c: BadCase): FakeGitHub {
  const fake = fakeGitHub();
  const files = Object.fromEntries(Object.entries(c.files).map(([p, b]) => [p, b.toString('utf8')]));
  const repo = fake.seed('acme/web', { 'AGENTS.md': USER_NOTES, ...files });
  const links = linksOf(c, '/home/runner/secrets');
  if (Object.keys(links).length) fake.commitFiles('acme/web', 'main', links, 'links', undefined, '120000');
  repo.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
  return fake;
}

describe('the action on every bad input', () => {
  it.each(rejected.filter((c) => runsOn(c, 'action')).map((c) => [c.name, c] as const))(
    '%s: commit mode and `/blue add` fail with its message at its location, no write request',
    async (_name, c) => {
      const fake = seedCase(c);
      const at = c.action?.at ?? c.at!;
      const message = c.action?.message ?? c.message!;
      const hint = c.action?.hint ?? c.hint;
      const head = fake.repos.get('acme/web')!.refs.get('main');
      const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
      expect(run.failed).toBeDefined();
      expect(run.failed).not.toContain('failed unexpectedly');
      const entries = [...run.annotations.map((a) => a.message), run.failed!];
      expect({ located: locatedMessage(entries, at, message, hint), entries }).toMatchObject({
        located: true,
      });
      // An error with a line is an annotation on that line.
      for (const a of run.annotations.filter((x) => x.level === 'error'))
        expect(a.message.startsWith(`${a.location!.file}:${a.location!.line}`)).toBe(true);

      const bot = await runAction(fake, {
        event: 'issue_comment',
        comment: { body: '/blue add blue-seo-specialist', login: 'maintainer' },
      });
      expect(bot.failed).toBeDefined();
      const reply = fake.repos.get('acme/web')!.comments.filter((x) => x.user.type === 'Bot');
      expect(reply).toHaveLength(1);
      expect({
        located: locatedMessage([reply[0]!.body], at, message, hint),
        reply: reply[0]!.body,
      }).toMatchObject({
        located: true,
      });

      const writes = [...run.requests, ...bot.requests].filter((r) => GIT_WRITES.has(r.operation));
      expect(writes).toEqual([]);
      if (c.absent) expect(JSON.stringify([entries, reply[0]!.body])).not.toContain(c.absent);
      expect(fake.repos.get('acme/web')!.refs).toEqual(new Map([['main', head]]));
      expect(fake.problems).toEqual([]);
    },
  );

  it.each(accepted.map((c) => [c.name, c] as const))(
    '%s: accepted by the action, which commits the generated files and leaves the input as it is',
    async (_name, c) => {
      const fake = seedCase(c);
      const run = await runAction(fake, { event: 'push', inputs: { mode: 'commit' } });
      expect(run.failed).toBeUndefined();
      const files = fake.filesAt('acme/web', 'main');
      expect(files[LOCK_PATH]).toBeDefined();
      expect(files[MANIFEST_PATH]).toBe(c.files[MANIFEST_PATH]!.toString('utf8'));
      expect(files['AGENTS.md']!.startsWith(USER_NOTES)).toBe(true);
    },
  );
});
