import { parseComment } from '../../src/bot/parse.js';
import { fakeGitHub } from '../helpers/fake-github.js';
import { runAction } from '../helpers/action-harness.js';
import { cli, manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { PROTOTYPE_KEYS } from '../helpers/prototype-keys.js';

// Every lookup by a user-written string considers own entries only: a name that every JavaScript object
// inherits (constructor, __proto__, toString, hasOwnProperty …) is unknown, never a crash or a hit.
const MANIFEST = '.github/blue-gardener.yml';

describe('names every object inherits are unknown, not a crash', () => {
  it.each(PROTOTYPE_KEYS)('the bot: /blue %s, and as an agent, profile or platform', async (key) => {
    const fake = fakeGitHub();
    fake.seed('acme/web', { [MANIFEST]: 'version: 1\nplatforms: [claude-code]\n' });
    fake.repos.get('acme/web')!.permissions.set('maintainer', { permission: 'write', role_name: 'maintain' });
    for (const body of [
      `/blue ${key}`,
      `/blue add ${key}`,
      `/blue add --profile ${key}`,
      `/blue remove ${key}`,
      `/blue platform add ${key}`,
      `/blue search ${key}`,
    ]) {
      const before = fake.repos.get('acme/web')!.comments.length;
      const result = await runAction(fake, {
        event: 'issue_comment',
        comment: { body, login: 'maintainer' },
      });
      expect({ body, failed: result.failed ?? '' }).not.toEqual({
        body,
        failed: expect.stringContaining('unexpectedly'),
      });
      const replies = fake.repos
        .get('acme/web')!
        .comments.slice(before)
        .filter((c) => c.user.type === 'Bot');
      expect({ body, replies: replies.length }).toEqual({ body, replies: 1 });
      if (parseComment(body).kind === 'command' && body === `/blue ${key}`)
        expect(replies[0]!.body).toContain('is not a command');
    }
    expect(fake.requests.filter((r) => r.operation.startsWith('git.create'))).toEqual([]);
    expect(fake.problems).toEqual([]);
  });

  it.each(PROTOTYPE_KEYS)(
    'the CLI: `%s` as a command, a help topic, a platform, a profile, an agent',
    async (key) => {
      const dir = scratchRepo(manifest('version: 1\nplatforms: [claude-code]\n'));
      try {
        const before = snapshot(dir);
        for (const args of [
          [key],
          ['help', key],
          ['add', key],
          ['add', '--profile', key],
          ['platform', 'add', key],
          ['remove', key],
        ]) {
          const r = await cli(dir, ...args);
          expect({ args, code: r.code }).toEqual({ args, code: expect.any(Number) });
          expect({ args, code: r.code === 0 }).toEqual({ args, code: false });
          expect({ args, out: `${r.stdout}${r.stderr}` }).not.toEqual({
            args,
            out: expect.stringContaining('internal error'),
          });
        }
        expect(snapshot(dir)).toEqual(before);
        // Through the manifest too: as an id in each list.
        for (const body of [
          `version: 1\nplatforms: [${key}]\n`,
          `version: 1\nplatforms: [claude-code]\nprofiles: [${key}]\n`,
          `version: 1\nplatforms: [claude-code]\nagents: [${key}]\n`,
        ]) {
          const d = scratchRepo(manifest(body));
          const r = await cli(d, 'sync');
          removeRepo(d);
          expect({ body, code: r.code, internal: r.stderr.includes('internal error') }).toEqual({
            body,
            code: 1,
            internal: false,
          });
        }
      } finally {
        removeRepo(dir);
      }
    },
  );
});
