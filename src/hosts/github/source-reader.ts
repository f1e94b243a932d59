import { UserError } from '../../core/errors.js';
import { githubRepositoryName, type SourceLocationSpec, type SourceTreeFile } from '../../core/sources.js';
import { checkSourceBytes, checkSourceFileCount, type SourceReader } from '../sources/reader.js';
import type { Octokit } from './client.js';
import { listTree, readBlobs, type RepoRef } from './snapshot.js';

/**
 * Reads GitHub sources (`owner/repo[/folder]@ref`, or a `git:` URL on https://github.com) through the API
 * with the action's token. The cost per source does not grow with its number of agents:
 *
 * 1. one GraphQL request resolves the revision — the locked commit as it is, or (new source, `update`) the
 *    newest commit of the ref — and names the source folder's tree at that commit. When the ref is moving
 *    and the source is a sub-folder, the ref is resolved first and the folder asked for at the commit found,
 *    in a second request: asking for `ref` and `ref:folder` in one request could see two different commits;
 * 2. one recursive tree listing of that folder only (a folder GitHub lists truncated is walked, as for
 *    repositories);
 * 3. the texts in GraphQL requests of at most 1 MB each (hosts/github/snapshot.ts `readBlobs`).
 *
 * So a pinned source (`sync`, `check`, `commit`, `pull-request`) costs 3 requests, a moving one (`update`,
 * a new source) 3 at the repository root and 4 in a sub-folder, plus one per further MB of agent text. An
 * `update` that moves a source also reads the locked commit (3), the base of the three-way merge of hand
 * edits; one that finds the source where the lock has it reads it once. A
 * tarball would be one request, but of the whole repository (public collections hold far more than their
 * agents) and with a tar reader of our own to trust; the listing reads only the folder.
 *
 * `self` is the repository the action runs for: reading any other needs a token that can read it.
 */
export function githubSourceReader(octokit: Octokit, self?: RepoRef): SourceReader {
  /** A folder at a commit never changes: read once per run (`update` reads the locked commit again as its merge base). */
  const read = new Map<string, Promise<SourceTreeFile[]>>();
  return {
    async read(location, commit) {
      const repo = githubRepository(location);
      if (!repo)
        throw new UserError(
          `source \`${location.id}\`: the action reads GitHub sources only, not ${location.repository}`,
          {
            hint: 'write it as owner/repo[/folder]@ref (a repository on GitHub), or use the CLI, which reads any git URL',
          },
        );
      const moved = commit === undefined ? await resolve(octokit, repo, location, self) : undefined;
      const sha = commit ?? moved!.oid;
      const key = `${repo.owner}/${repo.repo}@${sha}:${location.path}`.toLowerCase();
      let files = read.get(key);
      if (!files) {
        files = (async () => {
          // At the repository's root the resolved commit's tree is the folder: no second request.
          const folder =
            moved && !location.path
              ? moved.tree
              : await folderAt(octokit, repo, location, sha, self, commit !== undefined);
          return readFolder(octokit, repo, location, sha, folder);
        })();
        read.set(key, files);
        files.catch(() => read.delete(key));
      }
      return { commit: sha, files: await files };
    },
  };
}

/** The repository a location names on GitHub: `owner/repo`, or a https://github.com/owner/repo(.git) URL. */
function githubRepository(location: SourceLocationSpec): RepoRef | undefined {
  const name = githubRepositoryName(location);
  if (!name) return undefined;
  const [owner, repo] = name.split('/') as [string, string];
  return { owner, repo };
}

const QUERY = `query BlueGardenerSource($owner: String!, $name: String!, $rev: String!, $folder: String!, $withFolder: Boolean!) {
  repository(owner: $owner, name: $name) {
    commit: object(expression: $rev) {
      __typename
      ... on Commit { oid tree { oid } }
      ... on Tag { target { __typename ... on Commit { oid tree { oid } } } }
    }
    folder: object(expression: $folder) @include(if: $withFolder) { __typename oid }
  }
}`;

interface Answer {
  repository: {
    commit: {
      __typename: string;
      oid?: string;
      tree?: { oid: string };
      target?: { oid?: string; tree?: { oid: string } };
    } | null;
    folder?: { __typename: string; oid: string } | null;
  } | null;
}

/** One GraphQL request: the commit `rev` names (a tag peeled), and the folder at `folder` when asked. */
async function ask(
  octokit: Octokit,
  repo: RepoRef,
  location: SourceLocationSpec,
  self: RepoRef | undefined,
  rev: string,
  folder?: string,
): Promise<{ commit?: { oid: string; tree: string }; folder?: { type: string; oid: string } | null }> {
  const data = await octokit
    .graphql<Answer>(QUERY, {
      owner: repo.owner,
      name: repo.repo,
      rev,
      folder: folder ?? '',
      withFolder: folder !== undefined,
    })
    .catch((error: { errors?: { type?: string }[] }) => {
      if (error.errors?.some((e) => e.type === 'NOT_FOUND')) throw unreadable(repo, location, self);
      throw error;
    });
  if (!data?.repository) throw unreadable(repo, location, self);
  const object = data.repository.commit;
  const peeled = object?.__typename === 'Tag' ? object.target : object;
  return {
    ...(peeled?.oid && peeled.tree ? { commit: { oid: peeled.oid, tree: peeled.tree.oid } } : {}),
    ...(folder !== undefined
      ? {
          folder: data.repository.folder
            ? { type: data.repository.folder.__typename, oid: data.repository.folder.oid }
            : null,
        }
      : {}),
  };
}

/** The newest commit of the source's ref (a full SHA stands for itself, if the repository has it). */
async function resolve(
  octokit: Octokit,
  repo: RepoRef,
  location: SourceLocationSpec,
  self: RepoRef | undefined,
): Promise<{ oid: string; tree: string }> {
  const { commit } = await ask(octokit, repo, location, self, location.ref);
  if (!commit)
    throw new UserError(
      `source \`${location.id}\`: ${repo.owner}/${repo.repo} has no branch, tag or commit \`${location.ref}\``,
      { hint: 'check the ref after `@` (a branch, a tag or a full 40-character commit SHA)' },
    );
  return commit;
}

/** The tree SHA of the source folder at `sha`. */
async function folderAt(
  octokit: Octokit,
  repo: RepoRef,
  location: SourceLocationSpec,
  sha: string,
  self: RepoRef | undefined,
  locked: boolean,
): Promise<string> {
  const answer = await ask(
    octokit,
    repo,
    location,
    self,
    sha,
    location.path ? `${sha}:${location.path}` : undefined,
  );
  if (!answer.commit)
    throw new UserError(
      `source \`${location.id}\`: ${locked ? 'the locked ' : ''}commit ${sha} is not in ${repo.owner}/${repo.repo}${locked ? ' any more' : ''}`,
      {
        hint: locked
          ? 'the source’s history was rewritten: move it to its ref’s newest commit (`mode: update`, `/blue update` or `blue-gardener update`)'
          : 'check the ref after `@`',
      },
    );
  if (!location.path) return answer.commit.tree;
  if (!answer.folder)
    throw new UserError(
      `source \`${location.id}\`: no folder \`${location.path}\` in ${repo.owner}/${repo.repo} at commit ${sha.slice(0, 12)} (ref \`${location.ref}\`)`,
      { hint: 'check the folder after owner/repo (the source’s `path`)' },
    );
  if (answer.folder.type !== 'Tree')
    throw new UserError(
      `source \`${location.id}\`: \`${location.path}\` in ${repo.owner}/${repo.repo} is a file, not a folder of agents`,
      { hint: 'point the source at the folder that holds the agent files' },
    );
  return answer.folder.oid;
}

/** Every regular file under the folder (symbolic links and submodules skipped), paths relative to it, sorted. */
async function readFolder(
  octokit: Octokit,
  repo: RepoRef,
  location: SourceLocationSpec,
  sha: string,
  tree: string,
): Promise<SourceTreeFile[]> {
  const listed = await listTree(
    octokit,
    repo,
    tree,
    `source ${location.id} (${repo.owner}/${repo.repo}@${sha.slice(0, 12)})`,
    new Map(),
  );
  const entries = [...listed].filter(([, e]) => e.mode === '100644' || e.mode === '100755');
  // A link's target is never read: it is listed as a link, for core/sources.ts to refuse where it matters.
  const links = [...listed]
    .filter(([, e]) => e.mode === '120000')
    .map(([path]) => ({ path, text: '', executable: false, symlink: true }));
  checkSourceFileCount(location, entries.length);
  checkSourceBytes(
    location,
    entries.reduce((sum, [, e]) => sum + (e.size ?? 0), 0),
  );
  const texts = await readBlobs(
    octokit,
    repo,
    entries.map(([, e]) => ({ sha: e.sha, ...(e.size === undefined ? {} : { size: e.size }) })),
  );
  return entries
    .flatMap(([path, e]) => {
      const text = texts.get(e.sha);
      // A binary file (an image next to the agents) has no text: it is no agent and no profiles file.
      if (text === undefined) return [];
      // GitHub decodes bytes that are not UTF-8 as U+FFFD: flagged, so a skill file is refused like on disk.
      return [
        {
          path,
          text,
          executable: e.mode === '100755',
          ...(text.includes('\ufffd') ? { notUtf8: true } : {}),
        },
      ];
    })
    .concat(links)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A source the token cannot see: missing, private to another owner, or beyond the workflow token's reach. */
function unreadable(repo: RepoRef, location: SourceLocationSpec, self: RepoRef | undefined): UserError {
  const name = `${repo.owner}/${repo.repo}`;
  const other = !self || `${self.owner}/${self.repo}`.toLowerCase() !== name.toLowerCase();
  return new UserError(
    `source \`${location.id}\`: repository ${name} was not found, or the action's token cannot read it (ref \`${location.ref}\`)`,
    {
      hint: other
        ? `the workflow's GITHUB_TOKEN reads only its own repository: pass as \`token\` a GitHub App installation token or a fine-grained personal access token with Contents: read on ${name}; or check the source's owner/repo`
        : "check the source's owner/repo",
    },
  );
}
