import { UserError } from '../../core/errors.js';
import type { FileChange } from '../../core/model.js';
import type { CurrentFile } from '../../core/current-file.js';
import { presentIn } from '../../core/detect-platforms.js';
import { decodeUtf8, refuseReplacementCharacters } from '../../core/text-input.js';
import type { Host } from '../host.js';
import type { Octokit } from './client.js';
import { readBlobs, refuseLinkedPath, type RepoRef, type Snapshot } from './snapshot.js';

/**
 * A Host over one commit read through the API. Blob SHAs and sizes come from the tree; texts are fetched
 * together for everything `prefetch` names (manifest, lock, custom agents, shared files): one GraphQL request
 * per MB of text, and one REST request per file over GraphQL's 512,000-byte cut (see readBlobs), so a run of
 * usual size reads the repository in three requests, and a large one in proportion to the bytes it reads.
 * Writing is not done here: the
 * action turns the plan into one commit (see commit.ts), so `apply` only records the changes.
 */
export function repoHost(octokit: Octokit, repo: RepoRef, snapshot: Snapshot) {
  const texts = new Map<string, string>();
  let fetches = 0;
  const label = `${repo.owner}/${repo.repo}@${snapshot.branch}`;
  const recorded: FileChange[] = [];

  async function load(paths: readonly string[]): Promise<void> {
    const missing = paths.filter((p) => snapshot.files.has(p) && !texts.has(snapshot.files.get(p)!.sha));
    if (missing.length === 0) return;
    fetches++;
    const got = await readBlobs(
      octokit,
      repo,
      missing.map((p) => snapshot.files.get(p)!),
    );
    for (const [sha, text] of got) texts.set(sha, text);
    for (const p of missing) {
      if (!texts.has(snapshot.files.get(p)!.sha))
        throw new UserError(`\`${p}\` in ${label} is binary (GitHub reports no text for it)`, {
          location: { file: p },
          hint: 'blue-gardener reads text files only; save it as UTF-8 text',
        });
    }
  }
  const textOf = (path: string) => {
    const entry = snapshot.files.get(path);
    if (!entry) return undefined;
    // A link's blob is its target's name; like the local host, we read and write regular files only.
    if (entry.mode === '120000')
      throw new UserError(
        `\`${path}\` is a symbolic link; blue-gardener reads and writes regular files only`,
        {
          location: { file: path },
        },
      );
    const text = texts.get(entry.sha)!;
    // GraphQL hands back text already decoded, bytes that are not UTF-8 as U+FFFD: refuse it as a local
    // read would, rather than write the replacement characters back over the user's bytes.
    refuseReplacementCharacters(text, path);
    return decodeUtf8(Buffer.from(text, 'utf8'), path);
  };
  /** A folder that is a symbolic link (or sits under one) is a blob with mode 120000 in the tree. */
  const linkedFolder = (dir: string) => {
    const parts = dir.split('/');
    return parts
      .map((_, i) => parts.slice(0, i + 1).join('/'))
      .find((p) => snapshot.files.get(p)?.mode === '120000');
  };

  const host: Host & {
    prefetch(paths: string[], folders: string[]): Promise<void>;
    changes: FileChange[];
    fetches(): number;
  } = {
    label,
    changes: recorded,
    fetches: () => fetches,
    /** Loads, in one request, the given files and every `.md` directly in the given folders. */
    async prefetch(paths, folders) {
      const inFolders = [...snapshot.files.keys()].filter((p) =>
        folders.some(
          (f) => p.startsWith(`${f}/`) && p.endsWith('.md') && !p.slice(f.length + 1).includes('/'),
        ),
      );
      await load([...paths, ...inFolders]);
    },
    async read(path) {
      await load([path]);
      return textOf(path);
    },
    async current(paths, withText) {
      // These are the paths the plan may write or delete (generated and locked): none may be, or sit
      // under, a link or a submodule.
      for (const path of paths) refuseLinkedPath(snapshot, path, label);
      await load(withText);
      return new Map(
        paths.map((p): [string, CurrentFile | undefined] => {
          const entry = snapshot.files.get(p);
          if (!entry) return [p, undefined];
          const text = texts.has(entry.sha) ? textOf(p) : undefined;
          const executable = entry.mode === '100755';
          return [p, { blob: entry.sha, executable, ...(text === undefined ? {} : { text }) }];
        }),
      );
    },
    has: async (path) => presentIn(snapshot.files.keys())(path),
    async listAgentFiles(dir) {
      const link = linkedFolder(dir);
      if (link)
        throw new UserError(`the custom agent folder \`${dir}\` is a symbolic link (\`${link}\`)`, {
          location: { file: link },
          hint: 'use a real folder inside the repository',
        });
      const paths = [...snapshot.files.keys()]
        .filter((p) => p.startsWith(`${dir}/`) && p.endsWith('.md') && !p.slice(dir.length + 1).includes('/'))
        .sort();
      await load(paths);
      return paths.map((path) => ({ path, text: textOf(path)! }));
    },
    async listTree(dir, keep = () => true) {
      const link = linkedFolder(dir);
      if (link)
        throw new UserError(`the folder \`${dir}\` is a symbolic link (\`${link}\`)`, {
          location: { file: link },
          hint: 'use a real folder inside the repository',
        });
      const paths = [...snapshot.files.keys()].filter((p) => p.startsWith(`${dir}/`) && keep(p)).sort();
      const isLink = (p: string) => snapshot.files.get(p)!.mode === '120000';
      // One request for every text, as for custom agents; links are listed, not read.
      await load(paths.filter((p) => !isLink(p)));
      return paths.map((path) =>
        isLink(path)
          ? { path, text: '', executable: false, symlink: true }
          : { path, text: textOf(path)!, executable: snapshot.files.get(path)!.mode === '100755' },
      );
    },
    async apply(changes) {
      recorded.push(...changes);
    },
  };
  return host;
}
