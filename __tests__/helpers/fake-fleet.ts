import type { FakeGitHub } from './fake-github.js';

/** How the listing endpoints describe a repository (the fields discover reads, and a few more). */
export interface OrgRepo {
  name: string;
  archived?: boolean;
  fork?: boolean;
  disabled?: boolean;
  topics?: string[];
}

/**
 * Teaches the fake GitHub what a fleet needs, as hooks on top of its routes: organisation listings
 * (`GET /orgs/{org}/repos`, paginated with a Link header, like GitHub), the installation's repositories
 * (`GET /installation/repositories`) and the shared-manifest GraphQL query (a blob at `ref:path` of a seeded
 * repository). Requests still go through the fake's recording and OpenAPI validation.
 */
export function fleetRoutes(fake: FakeGitHub, orgs: Record<string, OrgRepo[]>, installation: string[] = []) {
  const listing = (owner: string, r: OrgRepo) => ({
    id: 1,
    name: r.name,
    full_name: `${owner}/${r.name}`,
    private: false,
    archived: r.archived ?? false,
    fork: r.fork ?? false,
    disabled: r.disabled ?? false,
    topics: r.topics ?? [],
    default_branch: 'main',
  });
  const page = (all: unknown[], query: URLSearchParams, path: string) => {
    const perPage = Number(query.get('per_page') ?? 30);
    const n = Number(query.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set('page', String(p));
      return `<https://api.github.com${path}?${q}>; rel="${rel}"`;
    };
    const links = [
      ...(n < last ? [link(n + 1, 'next'), link(last, 'last')] : []),
      ...(n > 1 ? [link(1, 'first')] : []),
    ];
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
    return { items: all.slice((n - 1) * perPage, n * perPage), headers };
  };
  fake.hooks.push((r) => {
    const query = new URLSearchParams(r.query);
    let m: RegExpExecArray | null;
    if (r.method === 'GET' && (m = /^\/orgs\/([^/]+)\/repos$/.exec(r.path))) {
      r.operation = 'repos.listForOrg';
      const org = decodeURIComponent(m[1]!);
      const repos = orgs[org];
      if (!repos) return { status: 404, body: { message: 'Not Found' } };
      const { items, headers } = page(
        repos.map((x) => listing(org, x)),
        query,
        r.path,
      );
      return { status: 200, body: items, headers };
    }
    if (r.method === 'GET' && r.path === '/installation/repositories') {
      r.operation = 'apps.listReposAccessibleToInstallation';
      const all = installation.map((full) => listing(full.split('/')[0]!, { name: full.split('/')[1]! }));
      const { items, headers } = page(all, query, r.path);
      return { status: 200, body: { total_count: all.length, repositories: items }, headers };
    }
    if (
      r.path === '/graphql' &&
      String((r.body as { query: string }).query).includes('BlueGardenerSharedManifest')
    ) {
      r.operation = 'graphql.sharedManifest';
      const v = (r.body as { variables: Record<string, string> }).variables;
      const repo = fake.repos.get(`${v['owner']}/${v['name']}`);
      if (!repo)
        return {
          status: 200,
          body: {
            data: { repository: null },
            errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a Repository' }],
          },
        };
      const [ref, ...rest] = v['expression']!.split(':');
      const head = repo.refs.get(ref === 'HEAD' ? repo.defaultBranch : ref!);
      const entry = head ? repo.trees.get(repo.commits.get(head)!.tree)!.get(rest.join(':')) : undefined;
      const object = entry ? { text: repo.blobs.get(entry.sha), isBinary: false } : null;
      return { status: 200, body: { data: { repository: { object } } } };
    }
    return undefined;
  });
}
