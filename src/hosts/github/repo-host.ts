import { UserError } from '../../core/errors.js';
import type { FileChange } from '../../core/model.js';
import type { CurrentFile } from '../../core/plan.js';
import { decodeUtf8 } from '../../core/text-input.js';
import type { Host } from '../host.js';
import type { Octokit } from './client.js';
import { readBlobs, type RepoRef, type Snapshot } from './snapshot.js';

/**
 * A Host over one commit read through the API. Blob SHAs come from the tree; texts are fetched in one
 * GraphQL request for everything `prefetch` names (manifest, lock, custom agents, shared files), so a run
 * normally reads the repository in three requests whatever its size. Writing is not done here: the
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
      missing.map((p) => snapshot.files.get(p)!.sha),
    );
    for (const [sha, text] of got) texts.set(sha, text);
    for (const p of missing) {
      if (!texts.has(snapshot.files.get(p)!.sha))
        throw new UserError(`\`${p}\` in ${label} is binary or too large to read`, { location: { file: p } });
    }
  }
  const textOf = (path: string) => {
    const entry = snapshot.files.get(path);
    // GraphQL hands back text already decoded; check it round-trips as UTF-8 like a local read would.
    return entry ? decodeUtf8(Buffer.from(texts.get(entry.sha)!, 'utf8'), path) : undefined;
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
      await load(withText);
      return new Map(
        paths.map((p): [string, CurrentFile | undefined] => {
          const entry = snapshot.files.get(p);
          if (!entry) return [p, undefined];
          const text = texts.has(entry.sha) ? textOf(p) : undefined;
          return [p, text === undefined ? { blob: entry.sha } : { blob: entry.sha, text }];
        }),
      );
    },
    async listAgentFiles(dir) {
      const paths = [...snapshot.files.keys()]
        .filter((p) => p.startsWith(`${dir}/`) && p.endsWith('.md') && !p.slice(dir.length + 1).includes('/'))
        .sort();
      await load(paths);
      return paths.map((path) => ({ path, text: textOf(path)! }));
    },
    async apply(changes) {
      recorded.push(...changes);
    },
  };
  return host;
}
