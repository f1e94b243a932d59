import { createHash } from 'node:crypto';
import { gitBlobSha } from '../../src/core/hash.js';
import { validateRequest } from './openapi.js';

export interface Recorded {
  method: string;
  path: string;
  query: string;
  body: unknown;
  /** The request body's size in bytes as sent. */
  bodyBytes: number;
  /** The Accept header: a media type such as `application/vnd.github.raw+json` changes the answer. */
  accept: string;
  operation: string;
  status: number;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}

interface Pull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** Closed by merging (false or absent: closed without merging, or open). */
  merged?: boolean;
  draft: boolean;
  labels: string[];
  reviewers?: string[];
}

interface Repo {
  defaultBranch: string;
  refs: Map<string, string>;
  commits: Map<string, Commit>;
  trees: Map<string, Map<string, { sha: string; mode: string }>>;
  blobs: Map<string, string>;
  pulls: Pull[];
  /** login → permission/role as the REST permission endpoint reports it. */
  permissions: Map<string, { permission: string; role_name: string }>;
  comments: { id: number; issue: number; body: string; user: { login: string; type: string } }[];
  reactions: { comment: number; content: string }[];
  /** pull number → head branch and head repository (forks have another full name). */
  pullHeads: Map<number, { ref: string; repo: string; state: string }>;
  /** Annotated tags: name → the commit the tag object points to (GraphQL answers a `Tag` for these). */
  annotatedTags: Map<string, string>;
}

type Hook = (
  request: Recorded,
) => { status: number; body?: unknown; headers?: Record<string, string> } | void;

/**
 * Runs after the fake has handled a request (its effect has happened): returning a response replaces the
 * real one, throwing makes the caller see a network failure — a write that landed but whose answer was lost.
 */
type AfterHook = (
  request: Recorded,
) => { status: number; body?: unknown; headers?: Record<string, string> } | void;

const oid = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * github.com's limits, as observed and documented, so tests fail where github.com would. A create-tree request
 * whose body is larger than about 2 MB times out and is answered 422 with this message (reports from other
 * projects put the edge at 2–2.5 MB); GraphQL cuts `Blob.text` at 512,000 bytes (`isTruncated`); a recursive
 * tree listing stops (`truncated: true`) past 100,000 entries or 7 MB.
 */
export const GITHUB_LIMITS = {
  createTreeBodyBytes: 2_000_000,
  graphqlBlobTextBytes: 512_000,
  recursiveTreeEntries: 100_000,
  recursiveTreeBytes: 7_000_000,
};
export const TREE_TOO_LARGE =
  "Sorry, your request timed out.  It's likely that your input was too large to process.  Consider building the tree incrementally, or building the commits you need in a local clone of the repository and then pushing them to GitHub.";

/**
 * A small in-memory GitHub: git objects, refs, pull requests. Reached through `fetch`, so the real Octokit
 * (with its retry and throttling plugins) talks to it; every request is recorded and checked against
 * GitHub's OpenAPI description. `hooks` inject faults and races.
 */
export function fakeGitHub(limits: Partial<typeof GITHUB_LIMITS> = {}) {
  const limit = { ...GITHUB_LIMITS, ...limits };
  /** Folder SHAs handed out in tree listings: sha → the tree it belongs to and the folder's path. */
  const folders = new Map<string, { tree: string; prefix: string }>();
  const repos = new Map<string, Repo>();
  const requests: Recorded[] = [];
  const problems: string[] = [];
  const hooks: Hook[] = [];
  const afterHooks: AfterHook[] = [];
  const requestHosts: string[] = [];

  function treeOf(files: Map<string, { sha: string; mode: string }>): string {
    const id = oid(
      [...files]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([p, e]) => `${e.mode} ${p} ${e.sha}`)
        .join('\n'),
    );
    return id;
  }

  /** A folder's tree SHA, remembered so that a listing of it lists that folder. */
  function folderOid(tree: string, path: string): string {
    const sha = oid(`${tree}:${path}`);
    folders.set(sha, { tree, prefix: path });
    return sha;
  }

  /**
   * What a revision expression names, as `object(expression:)` answers: a full commit SHA, a branch, a tag
   * (`tags/<name>` in `refs`, lightweight: the commit itself), with `refs/heads/` or `refs/tags/` or without;
   * `<rev>:<path>` is the blob or folder at that path.
   */
  function revParse(repo: Repo, expression: string) {
    const [rev, path] = expression.includes(':')
      ? [expression.slice(0, expression.indexOf(':')), expression.slice(expression.indexOf(':') + 1)]
      : [expression, undefined];
    const name = rev.replace(/^refs\/(heads|tags)\//, '');
    const tagged = rev.startsWith('refs/heads/') ? undefined : repo.annotatedTags.get(name);
    if (tagged && path === undefined) {
      const c = repo.commits.get(tagged)!;
      return {
        __typename: 'Tag',
        oid: oid(`tag ${name}`),
        target: { __typename: 'Commit', oid: tagged, tree: { oid: c.tree } },
      };
    }
    const sha = repo.commits.has(rev)
      ? rev
      : tagged
        ? tagged
        : rev.startsWith('refs/heads/')
          ? repo.refs.get(name)
          : (repo.refs.get(`tags/${name}`) ?? repo.refs.get(name));
    const commit = sha ? repo.commits.get(sha) : undefined;
    if (!sha || !commit) return null;
    if (path === undefined) return { __typename: 'Commit', oid: sha, tree: { oid: commit.tree } };
    const tree = repo.trees.get(commit.tree)!;
    const clean = path.replace(/\/$/, '');
    const blob = tree.get(clean);
    if (blob) return { __typename: 'Blob', oid: blob.sha };
    if ([...tree.keys()].some((p) => p.startsWith(`${clean}/`)))
      return { __typename: 'Tree', oid: folderOid(commit.tree, clean) };
    return null;
  }

  function seed(fullName: string, files: Record<string, string>, branch = 'main'): Repo {
    const repo: Repo = {
      defaultBranch: branch,
      refs: new Map(),
      commits: new Map(),
      trees: new Map(),
      blobs: new Map(),
      pulls: [],
      permissions: new Map(),
      comments: [],
      reactions: [],
      pullHeads: new Map(),
      annotatedTags: new Map(),
    };
    repos.set(fullName, repo);
    commitFiles(fullName, branch, files, 'initial');
    return repo;
  }

  /** Pushes a commit to a branch (another person's push), replacing or adding the given files (null deletes). */
  function commitFiles(
    fullName: string,
    branch: string,
    files: Record<string, string | null>,
    message: string,
    parent?: string,
    /**
     * `120000` makes every given file a symbolic link whose target is its text, as git stores links;
     * `160000` a submodule (its text stands for the commit it pins).
     */
    mode = '100644',
  ): string {
    const repo = repos.get(fullName)!;
    const head = parent ?? repo.refs.get(branch);
    const base = head
      ? new Map(repo.trees.get(repo.commits.get(head)!.tree)!)
      : new Map<string, { sha: string; mode: string }>();
    for (const [path, text] of Object.entries(files)) {
      if (text === null) base.delete(path);
      else {
        const sha = gitBlobSha(text);
        repo.blobs.set(sha, text);
        base.set(path, { sha, mode });
      }
    }
    const tree = treeOf(base);
    repo.trees.set(tree, base);
    const commit = oid(`${tree}${head ?? ''}${message}${repo.commits.size}`);
    repo.commits.set(commit, { tree, parents: head ? [head] : [], message });
    repo.refs.set(branch, commit);
    return commit;
  }

  function filesAt(fullName: string, branch: string): Record<string, string> {
    const repo = repos.get(fullName)!;
    const tree = repo.trees.get(repo.commits.get(repo.refs.get(branch)!)!.tree)!;
    return Object.fromEntries([...tree].map(([p, e]) => [p, repo.blobs.get(e.sha)!]));
  }

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const fail = (status: number, message: string) =>
    json(status, { message, documentation_url: 'https://docs.github.com/rest' });

  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const bodyBytes = init?.body ? Buffer.byteLength(String(init.body), 'utf8') : 0;
    const path = url.pathname.replace(/^\/api\/v3/, '').replace(/^\/api\/graphql$/, '/graphql');
    requestHosts.push(url.host);
    const accept = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]).get('accept') ?? '';
    const record: Recorded = {
      method,
      path,
      query: url.search,
      body,
      bodyBytes,
      accept,
      operation: '',
      status: 0,
    };
    requests.push(record);
    problems.push(...validateRequest(method, path, url.searchParams, body));
    for (const hook of hooks) {
      const injected = hook(record);
      if (injected) {
        record.status = injected.status;
        return json(injected.status, injected.body ?? { message: 'injected' }, injected.headers);
      }
    }
    const response = route(method, path, url.searchParams, body, record);
    record.status = response.status;
    for (const hook of afterHooks) {
      const replaced = hook(record);
      if (replaced) {
        record.status = replaced.status;
        return json(replaced.status, replaced.body ?? { message: 'injected' }, replaced.headers);
      }
    }
    return response;
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: any,
    record: Recorded,
  ): Response {
    if (path === '/graphql') return graphql(body, record);
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
    if (!m) return fail(404, 'Not Found');
    const fullName = `${m[1]}/${m[2]}`;
    const repo = repos.get(fullName);
    if (!repo) return fail(404, 'Not Found');
    const rest = m[3]!;
    let r: RegExpExecArray | null;
    if (method === 'GET' && (r = /^\/git\/trees\/([^/]+)$/.exec(rest))) {
      record.operation = 'git.getTree';
      // A folder's SHA (from an earlier listing) lists that folder; a root tree's SHA lists everything.
      const folder = folders.get(r[1]!);
      const tree = repo.trees.get(folder?.tree ?? r[1]!);
      if (!tree) return fail(404, 'Not Found');
      const treeId = folder?.tree ?? r[1]!;
      const prefix = folder ? `${folder.prefix}/` : '';
      const recursive = query.has('recursive');
      const dirs = new Set<string>();
      const blobs: [string, { sha: string; mode: string }][] = [];
      for (const [p, e] of tree) {
        if (!p.startsWith(prefix)) continue;
        const rel = p.slice(prefix.length);
        const parts = rel.split('/');
        parts.slice(0, -1).forEach((_, i) => dirs.add(parts.slice(0, i + 1).join('/')));
        if (recursive || parts.length === 1) blobs.push([rel, e]);
      }
      const folderSha = (d: string) => folderOid(treeId, `${prefix}${d}`);
      const entries = [
        ...[...dirs]
          .filter((d) => recursive || !d.includes('/'))
          .map((d) => ({ path: d, mode: '040000', type: 'tree', sha: folderSha(d) })),
        ...blobs.map(([p, e]) => ({
          path: p,
          mode: e.mode,
          // A submodule is a commit entry (its SHA names a commit in another repository).
          type: e.mode === '160000' ? 'commit' : 'blob',
          sha: e.sha,
          size: Buffer.byteLength(repo.blobs.get(e.sha) ?? '', 'utf8'),
        })),
      ].sort((a, b) => (a.path < b.path ? -1 : 1));
      // GitHub stops a recursive listing past its entry count or response size and says so.
      let bytes = 0;
      let kept = 0;
      for (const entry of entries) {
        bytes += JSON.stringify(entry).length + 1;
        if (kept >= limit.recursiveTreeEntries || bytes > limit.recursiveTreeBytes) break;
        kept++;
      }
      const truncated = recursive && kept < entries.length;
      return json(200, { sha: r[1], url: '', tree: truncated ? entries.slice(0, kept) : entries, truncated });
    }
    if (method === 'POST' && rest === '/git/blobs') {
      record.operation = 'git.createBlob';
      const text =
        body.encoding === 'base64'
          ? Buffer.from(String(body.content), 'base64').toString('utf8')
          : String(body.content);
      const sha = gitBlobSha(text);
      repo.blobs.set(sha, text);
      return json(201, { sha, url: '' });
    }
    if (method === 'GET' && (r = /^\/git\/blobs\/([^/]+)$/.exec(rest))) {
      record.operation = 'git.getBlob';
      const text = repo.blobs.get(r[1]!);
      if (text === undefined) return fail(404, 'Not Found');
      const content = Buffer.from(text, 'utf8');
      // `application/vnd.github.raw+json` asks for the bytes themselves, as GitHub documents for this endpoint.
      if (/vnd\.github\.raw/.test(record.accept))
        return new Response(content, {
          status: 200,
          headers: { 'content-type': 'application/vnd.github.raw' },
        });
      return json(200, {
        sha: r[1],
        node_id: '',
        url: '',
        size: content.length,
        encoding: 'base64',
        content: content.toString('base64').replace(/(.{60})/g, '$1\n'),
      });
    }
    if (method === 'POST' && rest === '/git/trees') {
      record.operation = 'git.createTree';
      if (record.bodyBytes > limit.createTreeBodyBytes) return fail(422, TREE_TOO_LARGE);
      const base = body.base_tree ? repo.trees.get(body.base_tree) : new Map();
      if (!base) return fail(422, 'Invalid tree info');
      const next = new Map(base);
      for (const entry of body.tree as {
        path: string;
        mode: string;
        sha?: string | null;
        content?: string;
      }[]) {
        if (entry.sha === null) next.delete(entry.path);
        else {
          const sha = entry.content !== undefined ? gitBlobSha(entry.content) : entry.sha!;
          if (entry.content !== undefined) repo.blobs.set(sha, entry.content);
          else if (!repo.blobs.has(sha)) return fail(422, `Invalid tree info: blob ${sha} does not exist`);
          next.set(entry.path, { sha, mode: entry.mode });
        }
      }
      const sha = treeOf(next);
      repo.trees.set(sha, next);
      return json(201, { sha, url: '', tree: [], truncated: false });
    }
    if (method === 'POST' && rest === '/git/commits') {
      record.operation = 'git.createCommit';
      if (!repo.trees.has(body.tree)) return fail(422, 'Tree SHA does not exist');
      const sha = oid(`${body.tree}${body.parents.join()}${body.message}${repo.commits.size}`);
      repo.commits.set(sha, { tree: body.tree, parents: body.parents, message: body.message });
      return json(201, { sha, html_url: '', message: body.message });
    }
    if (method === 'PATCH' && (r = /^\/git\/refs\/(.+)$/.exec(rest))) {
      record.operation = 'git.updateRef';
      const branch = decodeURIComponent(r[1]!).replace(/^heads\//, '');
      const current = repo.refs.get(branch);
      if (!current) return fail(422, 'Reference does not exist');
      const commit = repo.commits.get(body.sha);
      if (!commit) return fail(422, 'Object does not exist');
      if (!body.force && current !== undefined && !descendsFrom(repo, body.sha, current))
        return fail(422, 'Update is not a fast forward');
      repo.refs.set(branch, body.sha);
      return json(200, { ref: `refs/heads/${branch}`, object: { sha: body.sha, type: 'commit' } });
    }
    if (method === 'POST' && rest === '/git/refs') {
      record.operation = 'git.createRef';
      const branch = String(body.ref).replace(/^refs\/heads\//, '');
      if (repo.refs.has(branch)) return fail(422, 'Reference already exists');
      repo.refs.set(branch, body.sha);
      return json(201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
    }
    if (method === 'POST' && rest === '/pulls') {
      record.operation = 'pulls.create';
      if (repo.pulls.some((p) => p.state === 'open' && p.head === body.head))
        return fail(
          422,
          `Validation Failed: A pull request already exists for ${fullName.split('/')[0]}:${body.head}.`,
        );
      const pull: Pull = {
        number: repo.pulls.length + 1,
        head: body.head,
        base: body.base,
        title: body.title,
        body: body.body ?? '',
        state: 'open',
        draft: !!body.draft,
        labels: [],
      };
      repo.pulls.push(pull);
      return json(201, pullJson(fullName, pull));
    }
    if (method === 'GET' && rest === '/pulls') {
      record.operation = 'pulls.list';
      const head = query.get('head')?.split(':')[1];
      return json(
        200,
        repo.pulls
          .filter((p) => p.state === (query.get('state') ?? 'open') && (!head || p.head === head))
          .map((p) => pullJson(fullName, p)),
      );
    }
    if (method === 'PATCH' && (r = /^\/pulls\/(\d+)$/.exec(rest))) {
      record.operation = 'pulls.update';
      const pull = repo.pulls.find((p) => p.number === Number(r![1]));
      if (!pull) return fail(404, 'Not Found');
      Object.assign(pull, body);
      return json(200, pullJson(fullName, pull));
    }
    if (method === 'POST' && (r = /^\/issues\/(\d+)\/labels$/.exec(rest))) {
      record.operation = 'issues.addLabels';
      const pull = repo.pulls.find((p) => p.number === Number(r![1]));
      pull?.labels.push(...body.labels);
      return json(
        200,
        (body.labels as string[]).map((name) => ({ name })),
      );
    }
    if (method === 'POST' && (r = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest))) {
      record.operation = 'pulls.requestReviewers';
      const pull = repo.pulls.find((p) => p.number === Number(r![1]));
      if (!pull) return fail(404, 'Not Found');
      pull.reviewers = [
        ...(body.reviewers ?? []),
        ...(body.team_reviewers ?? []).map((t: string) => `team:${t}`),
      ];
      return json(201, pullJson(fullName, pull));
    }
    if (method === 'GET' && (r = /^\/collaborators\/([^/]+)\/permission$/.exec(rest))) {
      record.operation = 'repos.getCollaboratorPermissionLevel';
      const p = repo.permissions.get(decodeURIComponent(r[1]!));
      if (!p) return fail(404, 'Not Found');
      return json(200, { permission: p.permission, role_name: p.role_name, user: { login: r[1] } });
    }
    if (method === 'POST' && (r = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest))) {
      record.operation = 'reactions.createForIssueComment';
      if (!repo.comments.some((c) => c.id === Number(r![1]))) return fail(404, 'Not Found');
      repo.reactions.push({ comment: Number(r[1]), content: body.content });
      return json(201, { id: repo.reactions.length, content: body.content });
    }
    if (method === 'GET' && (r = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      record.operation = 'issues.listComments';
      return json(
        200,
        repo.comments
          .filter((c) => c.issue === Number(r![1]))
          .map((c) => ({ id: c.id, body: c.body, user: c.user })),
      );
    }
    if (method === 'POST' && (r = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      record.operation = 'issues.createComment';
      const comment = {
        id: 9000 + repo.comments.length,
        issue: Number(r[1]),
        body: body.body,
        user: { login: 'github-actions[bot]', type: 'Bot' },
      };
      repo.comments.push(comment);
      return json(201, comment);
    }
    if (method === 'PATCH' && (r = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      record.operation = 'issues.updateComment';
      const comment = repo.comments.find((c) => c.id === Number(r![1]));
      if (!comment) return fail(404, 'Not Found');
      comment.body = body.body;
      return json(200, comment);
    }
    if (method === 'GET' && (r = /^\/pulls\/(\d+)$/.exec(rest))) {
      record.operation = 'pulls.get';
      const head = repo.pullHeads.get(Number(r[1]));
      if (!head) return fail(404, 'Not Found');
      return json(200, {
        number: Number(r[1]),
        state: head.state,
        head: { ref: head.ref, repo: { full_name: head.repo } },
        base: { ref: repo.defaultBranch },
      });
    }
    return fail(404, `fake GitHub does not implement ${method} ${rest}`);
  }

  function pullJson(fullName: string, p: Pull) {
    return {
      number: p.number,
      html_url: `https://github.com/${fullName}/pull/${p.number}`,
      title: p.title,
      body: p.body,
      state: p.state,
      merged_at: p.merged ? '2026-01-01T00:00:00Z' : null,
      draft: p.draft,
      head: { ref: p.head },
      base: { ref: p.base },
    };
  }

  function graphql(body: { query: string; variables: Record<string, any> }, record: Recorded): Response {
    const v = body.variables;
    const repo = repos.get(`${v['owner']}/${v['name']}`);
    if (body.query.includes('BlueGardenerSnapshot')) {
      record.operation = 'graphql.snapshot';
      if (!repo)
        return json(200, {
          data: { repository: null },
          errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }],
        });
      const refJson = (branch: string) => {
        const head = repo.refs.get(branch);
        if (!head) return null;
        const c = repo.commits.get(head)!;
        return {
          name: branch,
          target: {
            oid: head,
            tree: { oid: c.tree },
            message: c.message,
            parents: { nodes: c.parents.map((p) => ({ oid: p })) },
          },
        };
      };
      const data: Record<string, unknown> = { defaultBranchRef: refJson(repo.defaultBranch) };
      if (v['withBase']) data['base'] = refJson(String(v['base']).replace('refs/heads/', ''));
      if (v['withCommit']) {
        const c = repo.commits.get(String(v['commit']));
        data['reviewed'] = c ? { oid: v['commit'], tree: { oid: c.tree } } : null;
      }
      if (v['withOurs']) {
        const branch = String(v['ours']).replace('refs/heads/', '');
        const ref = refJson(branch);
        const open = repo.pulls
          .filter((p) => p.state === 'open' && p.head === branch)
          .map((p) => ({
            number: p.number,
            url: `https://github.com/${v['owner']}/${v['name']}/pull/${p.number}`,
            title: p.title,
            body: p.body,
          }));
        data['ours'] = ref ? { ...ref, associatedPullRequests: { nodes: open.slice(0, 1) } } : null;
        const [refName, manifestPath] = String(v['oursManifest']).replace('refs/heads/', '').split(':') as [
          string,
          string,
        ];
        const head = repo.refs.get(refName);
        const entry = head ? repo.trees.get(repo.commits.get(head)!.tree)!.get(manifestPath) : undefined;
        data['oursManifest'] = entry ? { text: repo.blobs.get(entry.sha) } : null;
      }
      return json(200, { data: { repository: data } });
    }
    if (body.query.includes('BlueGardenerSource')) {
      record.operation = 'graphql.source';
      if (!repo)
        return json(200, {
          data: { repository: null },
          errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }],
        });
      return json(200, {
        data: {
          repository: {
            commit: revParse(repo, String(v['rev'])),
            ...(v['withFolder'] ? { folder: revParse(repo, String(v['folder'])) } : {}),
          },
        },
      });
    }
    if (body.query.includes('BlueGardenerBlobs')) {
      record.operation = 'graphql.blobs';
      const data: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(v)) {
        const m = /^o(\d+)$/.exec(key);
        if (!m) continue;
        const text = repo?.blobs.get(String(value));
        // GitHub cuts the text of a blob at 512,000 bytes and says so with `isTruncated`.
        const bytes = text === undefined ? undefined : Buffer.from(text, 'utf8');
        const truncated = bytes !== undefined && bytes.length > limit.graphqlBlobTextBytes;
        data[`b${m[1]}`] =
          bytes === undefined
            ? null
            : {
                text: truncated
                  ? new TextDecoder().decode(bytes.subarray(0, limit.graphqlBlobTextBytes))
                  : text,
                isBinary: false,
                isTruncated: truncated,
              };
      }
      return json(200, { data: { repository: data } });
    }
    return json(200, { errors: [{ message: 'fake GitHub: unknown query' }] });
  }

  return {
    fetch,
    repos,
    requests,
    problems,
    hooks,
    afterHooks,
    seed,
    commitFiles,
    filesAt,
    hosts: requestHosts,
  };
}

export type FakeGitHub = ReturnType<typeof fakeGitHub>;

/** Whether `ancestor` is `sha` or reachable from it through parents: what makes a ref update a fast forward. */
function descendsFrom(repo: Repo, sha: string, ancestor: string): boolean {
  const seen = new Set<string>();
  const queue = [sha];
  while (queue.length) {
    const next = queue.pop()!;
    if (next === ancestor) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return false;
}
