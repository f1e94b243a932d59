import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CUSTOM_AGENTS, LOCK_PATH, MANIFEST_PATH } from '../../src/core/paths.js';
import { isWritablePath } from '../../src/core/write-allowlist.js';
import { gitSourceReader } from '../../src/hosts/sources/git-reader.js';
import { sourceLocation } from '../../src/core/sources.js';
import { UserError } from '../../src/core/errors.js';
import { cli, manifest, removeRepo, scratchRepo, snapshot } from '../helpers/repo.js';
import { gitSourceRepo, sourceAgent } from '../helpers/git-source.js';
import { exactTree, loadCorpus, locatedMessage, outsideFolder } from '../trust/corpus.js';

/**
 * What a source can and cannot do (SECURITY.md, "Sources"): its agents are checked exactly like custom
 * agents, it writes only agent files inside the allowlist, and reading it runs no code and follows no link.
 */
const withSource = (url: string, agents: string, extra = '') =>
  manifest(
    `version: 1\nplatforms: [claude-code, copilot, cursor, codex]\nsources:\n  acme: { git: '${url}', ref: main${extra} }\nagents: [${agents}]\n`,
  );

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) removeRepo(dir);
});
const track = <T extends { dir: string }>(x: T) => (cleanup.push(x.dir), x);
const repoWith = (files: Record<string, string | Buffer>) => {
  const dir = scratchRepo(files);
  cleanup.push(dir);
  return dir;
};

/**
 * Every custom-agent case of the bad-input corpus whose error is in the agent file, replayed with that
 * file in a source: the same message at the same line and column of the source file. The installed agent
 * is another, valid one: every agent of a source is checked, installed or not.
 */
const customCases = loadCorpus().filter(
  (c) =>
    !c.accepted &&
    c.at!.startsWith(`${DEFAULT_CUSTOM_AGENTS}/`) &&
    !['symlink-agent-file', 'symlink-agents-folder'].includes(c.generate ?? '') &&
    Object.keys(c.files).every((p) => p === MANIFEST_PATH || p.startsWith(`${DEFAULT_CUSTOM_AGENTS}/`)),
);

/**
 * Checks made when an agent is rendered for a tool (Windsurf's size, Goose's `---`): a custom agent is
 * always installed, a source agent when the manifest names it, so these cases install it, for the case's tools.
 */
const RENDERED = ['custom-body-over-windsurf', 'custom-name-dashes-goose'];

describe('a source agent is checked exactly like a custom agent', () => {
  it('the corpus has custom-agent cases to replay', () => {
    expect(customCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(customCases.map((c) => [c.name, c] as const))(
    '%s: refused in a source with the same message, at the source file, nothing written',
    async (_name, c) => {
      const agentFiles = Object.entries(c.files).filter(([p]) => p !== MANIFEST_PATH);
      const src = track(
        gitSourceRepo({
          'okay-agent.md': sourceAgent('okay-agent'),
          ...Object.fromEntries(
            agentFiles.map(([p, bytes]) => [
              p.slice(DEFAULT_CUSTOM_AGENTS.length + 1),
              bytes.toString('latin1'),
            ]),
          ),
        }),
      );
      // Bytes as they are (Latin-1, BOM, CRLF): written back through latin1 above, committed as bytes.
      for (const [p, bytes] of agentFiles)
        writeFileSync(join(src.dir, p.slice(DEFAULT_CUSTOM_AGENTS.length + 1)), bytes);
      const commit = src.commit({}, 'exact bytes');
      const stem = agentFiles[0]![0].split('/').pop()!.replace(/\.md$/, '');
      const files = RENDERED.includes(c.name)
        ? manifest(
            withSource(src.url, `acme/okay-agent, acme/${stem}`)[MANIFEST_PATH]!.replace(
              /platforms: \[.*\]/,
              /platforms: \[.*\]/.exec(c.files[MANIFEST_PATH]!.toString('utf8'))![0],
            ),
          )
        : withSource(src.url, 'acme/okay-agent');
      const repo = repoWith({ 'AGENTS.md': '# ours\n', ...files });
      const before = exactTree(repo);
      const { code, stderr } = await cli(repo, 'sync');
      expect(code).toBe(1);
      expect(stderr).not.toContain('internal error');
      const at = c.at!.replace(DEFAULT_CUSTOM_AGENTS, `source:acme@${commit.slice(0, 12)}`);
      expect({
        located: locatedMessage(stderr.split(/\n(?=error: )/), at, c.message!),
        stderr,
      }).toMatchObject({
        located: true,
      });
      expect(exactTree(repo)).toEqual(before);
    },
  );
});

describe("a source's profiles.yml is checked like the bundled one", () => {
  it.each([
    [
      'a `__proto__` profile',
      '__proto__:\n  description: x\n  agents: [reviewer]\n',
      '`__proto__` cannot be a key',
    ],
    ['an unknown member', 'team:\n  description: x\n  agents: [reviewr]\n', 'lists unknown agent `reviewr`'],
    ['a member that is a path', 'team:\n  description: x\n  agents: [../x]\n', 'profiles: team.agents.0'],
    [
      'a file that is not UTF-8',
      Buffer.from('team:\n  description: caf\xe9\n  agents: [reviewer]\n', 'latin1'),
      'is not valid UTF-8',
    ],
  ])('%s is refused at source:<id>@<commit>/profiles.yml, nothing written', async (_what, text, message) => {
    const src = track(gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer') }));
    writeFileSync(join(src.dir, 'profiles.yml'), text);
    const commit = src.commit({}, 'profiles');
    const repo = repoWith(withSource(src.url, 'acme/reviewer'));
    const { code, stderr } = await cli(repo, 'sync');
    expect(code).toBe(1);
    expect(stderr).toContain(`source:acme@${commit.slice(0, 12)}/profiles.yml`);
    expect(stderr).toContain(message);
    expect(Object.keys(snapshot(repo))).toEqual([MANIFEST_PATH]);
  });
});

describe('a source writes only agent files, inside the allowlist', () => {
  it('agents at any depth of a source are written flat, by name, each path inside the allowlist', async () => {
    const src = track(
      gitSourceRepo({
        'reviewer.md': sourceAgent('reviewer'),
        'deep/er/still/tester.md': sourceAgent('tester'),
        'skills-not/x.md': sourceAgent('x'),
        '.github/workflows/ci.md': sourceAgent('ci'),
        'README.md': '# not an agent\n',
        'scripts/install.sh': '#!/bin/sh\necho pwned > /tmp/pwned\n',
      }),
    );
    const repo = repoWith(withSource(src.url, 'acme/reviewer, acme/tester, acme/x, acme/ci'));
    const result = await cli(repo, 'sync');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const written = Object.keys(snapshot(repo)).filter((p) => p !== MANIFEST_PATH);
    expect(written.length).toBeGreaterThan(5);
    for (const path of written)
      expect({ path, writable: isWritablePath(path) }).toEqual({ path, writable: true });
    expect(written).toContain('.claude/agents/tester.md');
    expect(written).toContain('.claude/agents/ci.md');
    expect(written.some((p) => p.includes('deep/') || p.includes('workflows/') || p.endsWith('.sh'))).toBe(
      false,
    );
    expect(written).toContain(LOCK_PATH);
  });

  it('a frontmatter name that is a path is refused, at the source file', async () => {
    for (const name of ['../../.github/workflows/evil', 'a/b', '.hidden', 'x\\\\y', 'UPPER']) {
      const src = track(
        gitSourceRepo({
          'reviewer.md': sourceAgent('reviewer'),
          'evil.md': sourceAgent('evil').replace('name: evil', `name: '${name}'`),
        }),
      );
      const repo = repoWith(withSource(src.url, 'acme/reviewer'));
      const { code, stderr } = await cli(repo, 'sync');
      expect({ name, code }).toEqual({ name, code: 1 });
      expect(stderr).toContain(`source:acme@${src.first.slice(0, 12)}/evil.md:`);
      expect(Object.keys(snapshot(repo))).toEqual([MANIFEST_PATH]);
    }
  });
});

describe('a source cannot reach further', () => {
  it('a manifest or a lock inside a source is not read: a source cannot declare sources of its own', async () => {
    const src = track(
      gitSourceRepo({
        'reviewer.md': sourceAgent('reviewer'),
        '.github/blue-gardener.yml':
          "version: 1\nplatforms: [claude-code]\nsources:\n  deeper: { git: 'file:///nonexistent/deeper.git', ref: main }\nagents: [deeper/x]\n",
        '.github/blue-gardener.lock': '{ not json',
      }),
    );
    const repo = repoWith(withSource(src.url, 'acme/reviewer'));
    const result = await cli(repo, 'sync');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lock = JSON.parse(snapshot(repo)[LOCK_PATH]!) as { sources: Record<string, unknown> };
    expect(Object.keys(lock.sources)).toEqual(['acme']);
  });
});

describe('reading a source runs no code and follows no link', () => {
  it('a symbolic link in a source (to a file or a folder outside) is never followed', async () => {
    const outside = outsideFolder();
    cleanup.push(outside);
    const src = track(gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer') }));
    writeFileSync(join(outside, 'agents', 'reviewer.md'), sourceAgent('stolen', 'SECRET OUTSIDE TEXT x'));
    symlinkSync(join(outside, 'agents', 'reviewer.md'), join(src.dir, 'stolen.md'));
    symlinkSync(join(outside, 'agents'), join(src.dir, 'linked'));
    symlinkSync('/etc/passwd', join(src.dir, 'passwd.md'));
    src.commit({}, 'links');
    const repo = repoWith(withSource(src.url, 'acme/reviewer'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    const listed = await cli(repo, 'list');
    expect(listed.stdout).toContain('acme/reviewer');
    expect(listed.stdout).not.toMatch(/acme\/(stolen|passwd)/);
    const everything = JSON.stringify(snapshot(repo)) + listed.stdout;
    expect(everything).not.toContain('SECRET OUTSIDE TEXT');
    expect(everything).not.toContain('root:');
    // Asking for the linked agent by name: it is not in the source, and the error says why.
    const before = snapshot(repo);
    const asked = await cli(repo, 'add', 'acme/stolen');
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('unknown agent `acme/stolen`');
    expect(asked.stderr).toContain(
      'its file in source `acme` is a symbolic link, which blue-gardener never follows',
    );
    expect(snapshot(repo)).toEqual(before);
  });

  it('a source over 5,000 files or 20 MB is refused before its texts are read, and nothing is written', async () => {
    const big = track(gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer'), 'note.txt': 'a note\n' }));
    // 5,000 more entries in the tree, all the same blob: written straight into git's index (fast).
    const blob = big.git('rev-parse', 'HEAD:note.txt');
    const index = Array.from({ length: 4_999 }, (_, i) => `100644 ${blob}\tnotes/n${i}.txt`).join('\n');
    execFileSync('git', ['-C', big.dir, 'update-index', '--add', '--index-info'], { input: `${index}\n` });
    big.git('commit', '--quiet', '-m', 'many notes');
    const repo = repoWith(withSource(big.url, 'acme/reviewer'));
    const before = snapshot(repo);
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('source `acme` has 5001 files; the limit is 5000');
    expect(run.stderr).toContain('point the source at the folder that holds the agents');
    expect(snapshot(repo)).toEqual(before);
    // The same repository with the source's `path` at its agents folder is fine.
    big.commit({ 'agents/reviewer.md': sourceAgent('reviewer') }, 'agents folder');
    const pointed = repoWith(withSource(big.url, 'acme/reviewer', ', path: agents'));
    expect((await cli(pointed, 'sync')).code).toBe(0);

    const heavy = track(
      gitSourceRepo({
        'reviewer.md': sourceAgent('reviewer'),
        'a.txt': 'a'.repeat(7 * 1024 * 1024),
        'b.txt': 'b'.repeat(7 * 1024 * 1024),
        'c.txt': 'c'.repeat(7 * 1024 * 1024),
      }),
    );
    const repo2 = repoWith(withSource(heavy.url, 'acme/reviewer'));
    const run2 = await cli(repo2, 'sync');
    expect(run2.code).toBe(1);
    expect(run2.stderr).toContain('source `acme` is larger than 20 MB');
  }, 60_000);

  it('a symbolic link inside a source skill: the skill is refused, naming the link', async () => {
    const src = track(
      gitSourceRepo({
        'reviewer.md': sourceAgent('reviewer'),
        'skills/pdf/SKILL.md': '---\nname: pdf\ndescription: Fill PDF forms.\n---\n\nUse scripts/fill.sh.\n',
      }),
    );
    symlinkSync('/etc/passwd', join(src.dir, 'skills/pdf/fill.sh'));
    src.commit({}, 'link in skill');
    const repo = repoWith(
      manifest(
        `version: 1\nplatforms: [claude-code]\nsources:\n  acme: { git: '${src.url}', ref: main }\nskills: [acme/pdf]\n`,
      ),
    );
    const before = snapshot(repo);
    const run = await cli(repo, 'sync');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/skills\/pdf\/fill\.sh` is a symbolic link inside the skill `pdf`/);
    expect(snapshot(repo)).toEqual(before);
  });

  it('a source profile that lists a linked agent, or a linked profiles.yml: an error that says it is a link', async () => {
    const src = track(
      gitSourceRepo({
        'reviewer.md': sourceAgent('reviewer'),
        'real.md': sourceAgent('real'),
        'profiles.yml': 'backend:\n  description: Backend\n  agents: [reviewer, alias]\n',
      }),
    );
    symlinkSync('real.md', join(src.dir, 'alias.md'));
    src.commit({}, 'alias');
    const repo = repoWith(withSource(src.url, 'acme/reviewer'));
    const listed = await cli(repo, 'sync');
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain('profile `backend` of source `acme` lists unknown agent `alias`');
    expect(listed.stderr).toContain('`alias` is a symbolic link in the source');
    rmSync(join(src.dir, 'profiles.yml'));
    symlinkSync('real.md', join(src.dir, 'profiles.yml'));
    src.commit({}, 'linked profiles');
    const again = repoWith(withSource(src.url, 'acme/reviewer'));
    const linked = await cli(again, 'sync');
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/profiles\.yml is a symbolic link in source `acme`/);
  });

  it("the source repository's git hooks never run (the source is fetched into a bare cache, never checked out)", async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'blue-gardener-hook-')), 'ran');
    cleanup.push(join(marker, '..'));
    const src = track(gitSourceRepo({ 'reviewer.md': sourceAgent('reviewer') }));
    for (const hook of [
      'post-checkout',
      'post-merge',
      'pre-push',
      'reference-transaction',
      'post-update',
      'pre-receive',
      'update',
      'post-receive',
      'fsmonitor-watchman',
      'pre-auto-gc',
    ]) {
      writeFileSync(join(src.dir, '.git', 'hooks', hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`);
      chmodSync(join(src.dir, '.git', 'hooks', hook), 0o755);
    }
    src.commit({ 'tester.md': sourceAgent('tester') }, 'second');
    rmSync(marker, { force: true }); // the commit above ran the repository's own hooks, not ours
    const repo = repoWith(withSource(src.url, 'acme/reviewer'));
    expect((await cli(repo, 'sync')).code).toBe(0);
    expect((await cli(repo, 'update')).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('git runs with prompts off, only https/ssh/file transports, the URL after `--`, and the manifest’s words only', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'blue-gardener-fake-git-'));
    cleanup.push(bin);
    const log = join(bin, 'log');
    // A stand-in `git` that records how it was called and answers like git asked for a password it may not prompt for.
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\ncase "$*" in *" init "*) exit 0;; esac\n{ echo "ARGS $*"; echo "PROMPT=$GIT_TERMINAL_PROMPT ASKPASS=$GIT_ASKPASS NOSYSTEM=$GIT_CONFIG_NOSYSTEM"; } >> '${log}'\necho "fatal: could not read Username for 'https://git.example.com': terminal prompts disabled" >&2\nexit 128\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const reader = gitSourceReader({ cacheDir: join(bin, 'cache'), cwd: bin });
      const location = sourceLocation('acme', { git: 'https://git.example.com/ai/catalog.git', ref: 'main' });
      const error = await reader.read(location).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe(
        "source `acme`: cannot read https://git.example.com/ai/catalog.git (git: could not read Username for 'https://git.example.com': terminal prompts disabled)",
      );
    } finally {
      process.env.PATH = path;
    }
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('PROMPT=0 ASKPASS=true NOSYSTEM=1');
    expect(calls).not.toMatch(/PROMPT=(?!0)/);
    for (const line of calls.split('\n').filter((l) => l.startsWith('ARGS ')))
      expect(line).toMatch(
        /^ARGS -c protocol\.allow=never -c protocol\.https\.allow=always -c protocol\.ssh\.allow=always -c protocol\.file\.allow=always /,
      );
    expect(calls).toContain('ls-remote -- https://git.example.com/ai/catalog.git main');
  });
});
