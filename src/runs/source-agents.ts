import { loadManifest } from '../core/manifest/load.js';
import { readSources, sourceProfilesOf } from '../engine.js';
import { repoHost } from '../hosts/github/repo-host.js';
import { readSnapshot } from '../hosts/github/snapshot.js';
import { githubSourceReader } from '../hosts/github/source-reader.js';
import type { FlowContext } from './context.js';
import { resolveManifestSource } from './manifest-source.js';

/** An agent of one of the manifest's sources, as `/blue search` and `/blue list` show it. */
export interface SourceAgentEntry {
  /** `<source>/<agent>`: what `add` takes. */
  name: string;
  source: { id: string; commit: string };
  tags: readonly string[];
  category: string;
  description: string;
}

/**
 * The agents of the manifest's sources (the repository's own manifest, the one it extends, or the
 * organisation's default), read at the commits the lock pins — as a sync on the default branch reads them,
 * through the same GitHub reader, so the answer costs the same few requests per source. No manifest or no
 * sources: none.
 */
export async function readSourceAgents(ctx: FlowContext): Promise<SourceAgentEntry[]> {
  return (await readSourceCatalogs(ctx)).agents;
}

/** The agents of the manifest's sources (as `readSourceAgents`) and their profiles (what `remove` needs). */
export async function readSourceCatalogs(
  ctx: FlowContext,
): Promise<{ agents: SourceAgentEntry[]; profiles: Map<string, string[]> }> {
  const { octokit, repo, options } = ctx;
  const snapshot = await readSnapshot(octokit, repo, undefined);
  const host = repoHost(octokit, repo, snapshot);
  const own = await host.read(options.manifest);
  if (own === undefined && !options.defaultManifest) return { agents: [], profiles: new Map() };
  const source = await resolveManifestSource(
    octokit,
    options.defaultManifest,
    options.manifest,
    host,
    snapshot,
  );
  const text = source.text ?? own;
  if (text === undefined) return { agents: [], profiles: new Map() };
  const loaded = loadManifest(text, options.manifest, source.base);
  const sources = await readSources(host, loaded, githubSourceReader(octokit, repo));
  const agents = [...sources.values()]
    .flatMap((s) =>
      [...s.agents.values()].map((a) => ({
        name: `${s.id}/${a.name}`,
        source: { id: s.id, commit: s.commit },
        tags: a.tags,
        category: a.category,
        description: a.description,
      })),
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return { agents, profiles: sourceProfilesOf(sources) };
}
