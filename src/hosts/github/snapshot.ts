import { UserError } from '../../core/errors.js';
import type { Octokit } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface TreeEntry {
  sha: string;
  mode: string;
  /** The blob's size in bytes, as the tree listing gives it (absent when not known). */
  size?: number;
}

/** Our pull-request branch as we last left it (or someone else did). */
export interface BranchHead {
  oid: string;
  message: string;
  parents: string[];
}

export interface OpenPullRequest {
  number: number;
  url: string;
  title: string;
  body: string;
}

/** One commit of the base branch, read through the API: everything a plan needs, pinned to `headOid`. */
export interface Snapshot {
  branch: string;
  defaultBranch: string;
  headOid: string;
  treeOid: string;
  /** Every blob of the tree: path → git blob SHA and mode (symbolic links are blobs of mode 120000). */
  files: Map<string, TreeEntry>;
  /** Entries that are not regular files: symbolic links (120000) and submodules (160000), path → mode. */
  links: Map<string, string>;
  /** Our PR branch and its open pull request, when asked for. */
  ours?: { head: BranchHead | null; pullRequest: OpenPullRequest | null; manifestText: string | null };
}

const SNAPSHOT_QUERY = `query BlueGardenerSnapshot($owner: String!, $name: String!, $base: String!, $withBase: Boolean!, $ours: String!, $withOurs: Boolean!, $oursManifest: String!, $commit: GitObjectID!, $withCommit: Boolean!) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef { name target { oid ... on Commit { tree { oid } } } }
    base: ref(qualifiedName: $base) @include(if: $withBase) { target { oid ... on Commit { tree { oid } } } }
    reviewed: object(oid: $commit) @include(if: $withCommit) { oid ... on Commit { tree { oid } } }
    ours: ref(qualifiedName: $ours) @include(if: $withOurs) {
      target { oid ... on Commit { message parents(first: 2) { nodes { oid } } } }
      associatedPullRequests(states: OPEN, first: 1) { nodes { number url title body } }
    }
    oursManifest: object(expression: $oursManifest) @include(if: $withOurs) { ... on Blob { text } }
  }
}`;

interface SnapshotData {
  repository: {
    defaultBranchRef: { name: string; target: { oid: string; tree: { oid: string } } } | null;
    base?: { target: { oid: string; tree: { oid: string } } } | null;
    reviewed?: { oid: string; tree?: { oid: string } } | null;
    ours?: {
      target: { oid: string; message: string; parents: { nodes: { oid: string }[] } };
      associatedPullRequests: { nodes: OpenPullRequest[] };
    } | null;
    oursManifest?: { text: string | null } | null;
  } | null;
}

/**
 * Reads a branch in two requests: one GraphQL query (head commit, default branch, our PR branch and its
 * pull request) and one recursive tree listing. `branch` undefined means the default branch.
 */
export async function readSnapshot(
  octokit: Octokit,
  repo: RepoRef,
  branch: string | undefined,
  ours?: { branch: string; manifest: string },
  /** Read this commit instead of the branch head (a pull request's head, for a read-only check). */
  at?: { commit: string; label: string },
): Promise<Snapshot> {
  const ourBranch = ours?.branch;
  const notFound = () =>
    new UserError(`repository ${repo.owner}/${repo.repo} was not found, or the token cannot read it`, {
      hint: 'check the `repository` input; the workflow token only reaches its own repository, so for another one pass a GitHub App installation token',
    });
  const data = await octokit
    .graphql<SnapshotData>(SNAPSHOT_QUERY, {
      owner: repo.owner,
      name: repo.repo,
      base: `refs/heads/${branch ?? ''}`,
      withBase: branch !== undefined,
      ours: `refs/heads/${ourBranch ?? ''}`,
      withOurs: ourBranch !== undefined,
      oursManifest: `refs/heads/${ourBranch ?? ''}:${ours?.manifest ?? ''}`,
      commit: at?.commit ?? '0'.repeat(40),
      withCommit: at !== undefined,
    })
    .catch((error: { errors?: { type?: string }[] }) => {
      // GraphQL answers an unknown or unreadable repository with a NOT_FOUND error, not a 404.
      if (error.errors?.some((e) => e.type === 'NOT_FOUND')) throw notFound();
      throw error;
    });
  if (!data) throw new Error('GitHub answered the repository query without data');
  if (!data.repository) throw notFound();
  const defaultRef = data.repository.defaultBranchRef;
  if (!defaultRef)
    throw new UserError(`repository ${repo.owner}/${repo.repo} is empty`, {
      hint: 'push a first commit, then run again',
    });
  const name = at?.label ?? branch ?? defaultRef.name;
  const reviewed = data.repository.reviewed;
  if (at && !reviewed?.tree)
    throw new UserError(`commit ${at.commit} (${at.label}) is not in ${repo.owner}/${repo.repo}`, {
      hint: 'the pull request may have been updated or closed since the event; re-run the check on its latest push',
    });
  const base = at
    ? { target: { oid: reviewed!.oid, tree: reviewed!.tree! } }
    : branch === undefined
      ? defaultRef
      : data.repository.base;
  if (!base)
    throw new UserError(`branch \`${name}\` does not exist in ${repo.owner}/${repo.repo}`, {
      hint: 'check the `base` input',
    });
  const links = new Map<string, string>();
  const files = await listTree(
    octokit,
    repo,
    base.target.tree.oid,
    `${repo.owner}/${repo.repo}@${name}`,
    links,
  );
  const oursRef = data.repository.ours;
  return {
    branch: name,
    defaultBranch: defaultRef.name,
    headOid: base.target.oid,
    treeOid: base.target.tree.oid,
    files,
    links,
    ...(ourBranch === undefined
      ? {}
      : {
          ours: {
            head: oursRef
              ? {
                  oid: oursRef.target.oid,
                  message: oursRef.target.message,
                  parents: oursRef.target.parents.nodes.map((n) => n.oid),
                }
              : null,
            pullRequest: oursRef?.associatedPullRequests.nodes[0] ?? null,
            manifestText: data.repository.oursManifest?.text ?? null,
          },
        }),
  };
}

const LINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

/**
 * Refuses a path we would write or delete when it, or a folder on the way to it, is a symbolic link or a
 * submodule in the tree: like the local host, we never follow a link nor replace one with our file.
 */
export function refuseLinkedPath(snapshot: Snapshot, path: string, label: string): void {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    const mode = snapshot.links.get(at);
    if (mode === undefined) continue;
    const what = mode === LINK_MODE ? 'a symbolic link' : 'a submodule';
    throw new UserError(
      at === path
        ? `\`${path}\` is ${what} in ${label}; blue-gardener writes and deletes regular files only`
        : `\`${at}\` is ${what} in ${label}, on the way to \`${path}\`; blue-gardener never writes through one`,
      {
        location: { file: at },
        hint: `replace \`${at}\` with a real ${at === path ? 'file' : 'folder'} (or remove it), or leave its platform out of the manifest; nothing was written`,
      },
    );
  }
}

const entryOf = (entry: { sha?: string; mode?: string; size?: number }): TreeEntry => ({
  sha: entry.sha!,
  mode: entry.mode ?? '100644',
  ...(entry.size === undefined ? {} : { size: entry.size }),
});

/**
 * Every blob under a tree: path → SHA and mode. One recursive listing when GitHub gives it whole; when GitHub
 * truncates it (past 100,000 entries or 7 MB), the folder is listed one level down and each sub-folder is
 * listed the same way, so the listing is always complete and costs one request more per folder too large to
 * list in one go.
 */
export async function listTree(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  label: string,
  links: Map<string, string>,
  prefix = '',
  files = new Map<string, TreeEntry>(),
): Promise<Map<string, TreeEntry>> {
  /** A symbolic link (a blob of mode 120000) or a submodule (a commit entry) is remembered: we never write through one. */
  const noteLink = (entry: { path?: string; mode?: string }) => {
    if (entry.path && (entry.mode === LINK_MODE || entry.mode === SUBMODULE_MODE))
      links.set(prefix + entry.path, entry.mode);
  };
  const list = (recursive: boolean) =>
    octokit.rest.git.getTree({
      owner: repo.owner,
      repo: repo.repo,
      tree_sha: sha,
      ...(recursive ? { recursive: 'true' } : {}),
    });
  const whole = await list(true);
  if (!whole.data.truncated) {
    for (const entry of whole.data.tree) {
      noteLink(entry);
      if (entry.type === 'blob' && entry.path && entry.sha) files.set(prefix + entry.path, entryOf(entry));
    }
    return files;
  }
  const level = await list(false);
  if (level.data.truncated)
    throw new UserError(`the tree of ${label} is too large for GitHub to list in one response`, {
      location: { file: prefix === '' ? '.' : prefix.slice(0, -1) },
      hint: 'GitHub truncated even the one-level listing of this folder; blue-gardener cannot safely plan against a partial listing — split the folder',
    });
  for (const entry of level.data.tree) {
    noteLink(entry);
    if (!entry.path || !entry.sha) continue;
    if (entry.type === 'blob')
      files.set(prefix + entry.path, { sha: entry.sha, mode: entry.mode ?? '100644' });
    else if (entry.type === 'tree')
      await listTree(octokit, repo, entry.sha, label, links, `${prefix}${entry.path}/`, files);
  }
  return files;
}

/** GraphQL hands back at most this many bytes of a blob's text (`isTruncated` past it). */
export const GRAPHQL_TEXT_BYTES = 512_000;
/** The texts asked for in one GraphQL request add up to at most this many bytes, so every answer stays small. */
export const BLOBS_PER_QUERY_BYTES = 1_000_000;

/**
 * The texts of several blobs by SHA (immutable, so always consistent): in GraphQL requests of at most
 * BLOBS_PER_QUERY_BYTES of text each (sizes from the tree listing), and through REST for any blob GraphQL
 * would cut — known to be larger than its cut, or found cut. Binary blobs are left out of the answer.
 */
export async function readBlobs(
  octokit: Octokit,
  repo: RepoRef,
  blobs: readonly (string | { sha: string; size?: number })[],
): Promise<Map<string, string>> {
  const sizes = new Map<string, number | undefined>();
  for (const b of blobs) {
    const { sha, size } = typeof b === 'string' ? { sha: b, size: undefined } : b;
    if (!sizes.has(sha) || size !== undefined) sizes.set(sha, size);
  }
  const out = new Map<string, string>();
  const big: string[] = [];
  const batches: string[][] = [[]];
  let bytes = 0;
  for (const [sha, size] of sizes) {
    if (size !== undefined && size > GRAPHQL_TEXT_BYTES) {
      big.push(sha);
      continue;
    }
    const cost = size ?? GRAPHQL_TEXT_BYTES;
    if (batches.at(-1)!.length > 0 && bytes + cost > BLOBS_PER_QUERY_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches.at(-1)!.push(sha);
    bytes += cost;
  }
  for (const batch of batches) {
    if (batch.length === 0) continue;
    const got = await readBlobsGraphql(octokit, repo, batch);
    for (const [sha, text] of got.texts) out.set(sha, text);
    big.push(...got.cut);
  }
  // Read whole through the REST git blobs API.
  for (const sha of big) out.set(sha, await readBlobRest(octokit, repo, sha));
  return out;
}

/** One GraphQL request for the texts of `shas`; `cut` lists those GraphQL truncated. */
async function readBlobsGraphql(
  octokit: Octokit,
  repo: RepoRef,
  unique: readonly string[],
): Promise<{ texts: Map<string, string>; cut: string[] }> {
  const fields = unique
    .map((_, i) => `b${i}: object(oid: $o${i}) { ... on Blob { text isBinary isTruncated } }`)
    .join('\n    ');
  const params = unique.map((_, i) => `$o${i}: GitObjectID!`).join(', ');
  const query = `query BlueGardenerBlobs($owner: String!, $name: String!, ${params}) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
  unique.forEach((sha, i) => (variables[`o${i}`] = sha));
  const data = await octokit.graphql<{
    repository: Record<string, { text: string | null; isBinary: boolean; isTruncated: boolean } | null>;
  }>(query, variables);
  // Octokit hands back the raw text when it cannot parse an answer (a huge one): fail clearly, not with a TypeError.
  if (!data?.repository) throw new Error('GitHub answered the file contents query without data');
  const texts = new Map<string, string>();
  const cut: string[] = [];
  unique.forEach((sha, i) => {
    const blob = data.repository[`b${i}`];
    if (!blob || blob.isBinary) return;
    if (blob.isTruncated || blob.text === null) cut.push(sha);
    else texts.set(sha, blob.text);
  });
  return { texts, cut };
}

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * One blob's whole text through REST (no size cut below 100 MB), asked for raw: the bytes as they are, with
 * no base64 and no JSON to parse (Octokit gives up parsing a JSON answer of many megabytes and hands back the
 * text). Bytes that are not UTF-8 become U+FFFD, as GraphQL's text would, so the host refuses the file the
 * same way.
 */
export async function readBlobRest(octokit: Octokit, repo: RepoRef, sha: string): Promise<string> {
  const blob = await octokit.rest.git.getBlob({
    owner: repo.owner,
    repo: repo.repo,
    file_sha: sha,
    headers: { accept: 'application/vnd.github.raw+json' },
  });
  const data = blob.data as unknown;
  if (data instanceof ArrayBuffer) return lenient.decode(new Uint8Array(data));
  if (typeof data === 'string') return data;
  const json = data as { content?: string; encoding?: string };
  if (typeof json.content !== 'string')
    throw new Error(`GitHub answered the blob ${sha} without its content`);
  return lenient.decode(Buffer.from(json.content, json.encoding === 'base64' ? 'base64' : 'utf8'));
}
