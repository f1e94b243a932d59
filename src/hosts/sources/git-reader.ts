import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { UserError } from '../../core/errors.js';
import { isScpLike, type SourceLocationSpec, type SourceTreeFile } from '../../core/sources.js';
import { checkSourceBytes, checkSourceFileCount, MAX_SOURCE_BYTES, type SourceReader } from './reader.js';

/**
 * Reads sources with the system `git`: resolves the ref with `git ls-remote`, fetches that one commit
 * (`--depth 1`) into a bare cache under the OS temp folder (never inside the working tree), and reads the
 * source folder's files from it. Credentials come from git's own configuration (credential helper, SSH
 * agent), never from the manifest. A GitHub spec (`owner/repo@ref`) is read as https://github.com/owner/repo.
 */
export function gitSourceReader(options: { cacheDir?: string; cwd?: string } = {}): SourceReader {
  const cacheRoot = options.cacheDir ?? join(tmpdir(), 'blue-gardener-sources');
  const cwd = options.cwd ?? process.cwd();
  return {
    async read(location, commit) {
      const url = gitUrl(location, cwd);
      const cache = join(cacheRoot, createHash('sha256').update(url).digest('hex').slice(0, 32));
      if (!existsSync(join(cache, 'HEAD'))) {
        mkdirSync(cache, { recursive: true });
        await git(['init', '--quiet', '--bare', cache], location);
      }
      const sha = commit ?? (await resolveRef(url, location));
      if (!(await has(cache, sha))) {
        await git(['-C', cache, 'fetch', '--quiet', '--no-tags', '--depth', '1', url, sha], location, {
          missing: commit
            ? `the locked commit ${sha} is not in ${url} any more`
            : `cannot fetch commit ${sha} of \`${location.ref}\``,
        });
      }
      return { commit: sha, files: await readTree(cache, sha, location) };
    },
  };
}

/** The URL git is given; a relative local path is taken from the working directory. */
function gitUrl(location: SourceLocationSpec, cwd: string): string {
  if (location.kind === 'github') return `https://github.com/${location.repository}.git`;
  const url = location.repository;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url) || isScpLike(url)) return url;
  return isAbsolute(url) ? url : resolvePath(cwd, url);
}

/** The newest commit of the ref: a full SHA as is; else a tag (peeled) or branch, via `git ls-remote`. */
async function resolveRef(url: string, location: SourceLocationSpec): Promise<string> {
  if (/^[0-9a-f]{40}$/.test(location.ref)) return location.ref;
  const out = await git(['ls-remote', '--', url, location.ref], location);
  const refs = new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, name] = line.split('\t');
        return [name!, sha!] as const;
      }),
  );
  const ref = location.ref.replace(/^refs\/(heads|tags)\//, '');
  const sha =
    refs.get(`refs/tags/${ref}^{}`) ??
    refs.get(`refs/tags/${ref}`) ??
    refs.get(`refs/heads/${ref}`) ??
    refs.get(location.ref);
  if (!sha)
    throw new UserError(`source \`${location.id}\`: ${url} has no branch or tag \`${location.ref}\``, {
      hint: 'check `ref` (a branch, a tag or a full 40-character commit SHA)',
    });
  return sha;
}

async function has(cache: string, sha: string): Promise<boolean> {
  try {
    await run(['-C', cache, 'cat-file', '-e', `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** A symbolic link's mode in a git tree. */
const LINK = '120000';

/** Every regular file under the source folder at the commit, and its symbolic links (submodules skipped). */
async function readTree(cache: string, sha: string, location: SourceLocationSpec): Promise<SourceTreeFile[]> {
  const folder = location.path ? `${location.path}/` : '';
  const listing = await run([
    '-C',
    cache,
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    sha,
    ...(folder ? ['--', folder] : []),
  ]);
  let entries = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, type, blob] = meta.split(' ') as [string, string, string];
      return { mode, type, blob, path: path.slice(folder.length) };
    })
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755' || e.mode === LINK));
  // A link's target is never read: it is listed as a link, for core/sources.ts to refuse where it matters.
  const links = entries
    .filter((e) => e.mode === LINK)
    .map((e) => ({ path: e.path, text: '', executable: false, symlink: true }));
  entries = entries.filter((e) => e.mode !== LINK);
  if (folder && entries.length === 0)
    throw new UserError(
      `source \`${location.id}\`: no folder \`${location.path}\` at commit ${sha.slice(0, 12)}`,
      {
        hint: 'check the source’s `path` (or the folder after owner/repo)',
      },
    );
  checkSourceFileCount(location, entries.length);
  const blobs = await catBlobs(
    cache,
    entries.map((e) => e.blob),
    location,
  );
  return [
    ...entries.map((e, i) => ({ path: e.path, ...blobs[i]!, executable: e.mode === '100755' })),
    ...links,
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The texts of many blobs in one `git cat-file --batch`. */
async function catBlobs(
  cache: string,
  blobs: string[],
  location: SourceLocationSpec,
): Promise<{ text: string; notUtf8?: true }[]> {
  if (blobs.length === 0) return [];
  const out = await runBuffer(['-C', cache, 'cat-file', '--batch'], `${blobs.join('\n')}\n`);
  const texts: { text: string; notUtf8?: true }[] = [];
  let at = 0;
  let total = 0;
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  for (let i = 0; i < blobs.length; i++) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString('utf8');
    const size = Number(header.split(' ')[2]);
    total += size;
    checkSourceBytes(location, total);
    const bytes = out.subarray(eol + 1, eol + 1 + size);
    try {
      texts.push({ text: strict.decode(bytes) });
    } catch {
      // Not UTF-8: an image or other binary file is fine in a source, an agent file is refused (core/sources.ts).
      texts.push({ text: lenient.decode(bytes), notUtf8: true });
    }
    at = eol + 1 + size + 1;
  }
  return texts;
}

/** git never prompts (a run would hang on a password prompt) and ignores the system configuration. */
const gitEnv = () => ({
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: 'true',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
});
/** Transports git may use whatever the user's configuration says: never `ext::` or plain `http`/`git`. */
const safety = [
  '-c',
  'protocol.allow=never',
  '-c',
  'protocol.https.allow=always',
  '-c',
  'protocol.ssh.allow=always',
  '-c',
  'protocol.file.allow=always',
];

function runBuffer(args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...safety, ...args],
      { env: gitEnv(), encoding: 'buffer', maxBuffer: MAX_SOURCE_BYTES * 2, timeout: 120_000 },
      (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr: stderr.toString('utf8') })) : resolve(stdout),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

async function run(args: string[]): Promise<string> {
  return (await runBuffer(args)).toString('utf8');
}

/** Runs git; a failure is the user's (unreachable URL, no access, missing commit), with git's own words. */
async function git(
  args: string[],
  location: SourceLocationSpec,
  words: { missing?: string } = {},
): Promise<string> {
  try {
    return await run(args);
  } catch (error) {
    const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message)
      .split('\n')
      .map((l) => l.replace(/^(fatal|error): /, '').trim())
      .filter(Boolean)[0];
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError('sources need `git`, which is not installed here', {
        hint: 'install git, or remove `sources`',
      });
    throw new UserError(
      `source \`${location.id}\`: ${words.missing ?? `cannot read ${location.repository}`}${detail ? ` (git: ${detail})` : ''}`,
      {
        hint: 'check the URL and ref, and that this machine can read the repository (git credentials or SSH key)',
      },
    );
  }
}
