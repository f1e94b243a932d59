import { CLI, DEFAULT_CUSTOM_SKILLS, MANIFEST_PATH } from '../core/paths.js';
import { search } from '../core/search.js';
import { loadManifest } from '../core/manifest/load.js';
import { resolve } from '../core/resolve.js';
import { loadCustomAgents, loadRepositorySkills, readSources } from '../engine.js';
import { platformAliases, platforms } from '../platforms/registry.js';
import type { CliContext } from './context.js';

/** A source agent as `list` and `search` show it: `acme/reviewer`, labelled with its source and commit. */
interface SourceEntry {
  name: string;
  source: { id: string; commit: string };
  tags: readonly string[];
  category: string;
  description: string;
}

/** `(source acme @ 1a2b3c4d5e6f)`: where a source agent comes from, at the commit the lock pins. */
export const sourceLabel = (s: SourceEntry['source']) => `source ${s.id} @ ${s.commit.slice(0, 12)}`;

/**
 * What the manifest holds, for `list` and `search`: the installed agents (by key: `name` or
 * `<source>/<name>`) and the agents of its sources, read at the commits the lock pins (as `sync` reads
 * them). No manifest: nothing installed, no sources.
 */
async function manifestState(
  ctx: CliContext,
): Promise<{ installed?: Set<string>; sourceAgents: SourceEntry[] }> {
  const text = await ctx.host.read(MANIFEST_PATH);
  if (text === undefined) return { sourceAgents: [] };
  const loaded = loadManifest(text, MANIFEST_PATH);
  const custom = await loadCustomAgents(ctx.host, loaded.manifest['custom-agents']);
  const sources = await readSources(ctx.host, loaded, ctx.sourceReader);
  const sourceAgents = [...sources.values()].flatMap((s) =>
    [...s.agents.values()].map((a) => ({
      name: `${s.id}/${a.name}`,
      source: { id: s.id, commit: s.commit },
      tags: a.tags,
      category: a.category,
      description: a.description,
    })),
  );
  const installed = new Set(
    resolve(loaded, ctx.catalog, custom, sources).agents.map((a) =>
      a.source === 'source' ? `${a.origin}/${a.name}` : a.name,
    ),
  );
  return { installed, sourceAgents };
}

export async function list(ctx: CliContext): Promise<number> {
  const { installed: have, sourceAgents } = await manifestState(ctx);
  const agents = [...ctx.catalog.agents.values()];
  if (ctx.flags.json) {
    ctx.output.out(
      JSON.stringify(
        [
          ...agents.map((a) => ({
            name: a.name,
            category: a.category,
            description: a.description,
            tags: a.tags,
            installed: have?.has(a.name) ?? false,
          })),
          ...sourceAgents.map((a) => ({
            name: a.name,
            category: a.category,
            description: a.description,
            tags: a.tags,
            installed: have?.has(a.name) ?? false,
            source: a.source,
          })),
        ],
        null,
        2,
      ),
    );
    return 0;
  }
  let category = '';
  const lines: string[] = [];
  for (const a of [...agents].sort(
    (x, y) => x.category.localeCompare(y.category) || x.name.localeCompare(y.name),
  )) {
    if (a.category !== category) lines.push(`${lines.length ? '\n' : ''}${(category = a.category)}`);
    lines.push(`  ${have?.has(a.name) ? '✓' : ' '} ${a.name.padEnd(46)} ${a.description}`);
  }
  lines.push(
    `\n${agents.length} agents${have ? `, ${[...have].filter((n) => ctx.catalog.agents.has(n)).length} installed (✓)` : ''}.`,
  );
  // Each source's agents under one heading naming the source and its locked commit, sorted by name.
  let source = '';
  for (const a of sourceAgents) {
    const heading = sourceLabel(a.source);
    if (heading !== source) lines.push(`\n${(source = heading)}`);
    lines.push(
      `  ${have?.has(a.name) ? '✓' : ' '} ${a.name.padEnd(46)} ${a.description} (${sourceLabel(a.source)})`,
    );
  }
  if (sourceAgents.length)
    lines.push(
      `\n${sourceAgents.length} agents from sources, ${sourceAgents.filter((a) => have?.has(a.name)).length} installed (✓).`,
    );
  const skills = await repositorySkills(ctx);
  if (skills.length) {
    lines.push('\nskills (this repository)');
    for (const s of skills) lines.push(`  ${s.installed ? '✓' : ' '} ${s.name.padEnd(46)} ${s.description}`);
    lines.push(`\n${skills.length} skills, ${skills.filter((s) => s.installed).length} installed (✓).`);
  }
  ctx.output.out(lines.join('\n'));
  return 0;
}

/** The repository's skills as search reads them, with whether the manifest installs each (none without one). */
async function repositorySkills(ctx: CliContext) {
  const text = await ctx.host.read(MANIFEST_PATH);
  const manifest = text === undefined ? undefined : loadManifest(text, MANIFEST_PATH).manifest;
  const skills = await loadRepositorySkills(ctx.host, manifest?.['custom-skills'] ?? DEFAULT_CUSTOM_SKILLS);
  return skills.map((s) => ({
    name: s.name,
    tags: [] as string[],
    category: 'skill',
    description: s.description,
    kind: 'skill' as 'agent' | 'skill',
    installed: manifest?.skills.includes(s.name) ?? false,
  }));
}

export async function searchCommand(ctx: CliContext, query: string): Promise<number> {
  const agents = [...ctx.catalog.agents.values()].map(({ name, tags, category, description }) => ({
    name,
    tags,
    category,
    description,
    kind: 'agent' as 'agent' | 'skill',
    source: undefined as SourceEntry['source'] | undefined,
  }));
  const fromSources = (await manifestState(ctx)).sourceAgents.map((a) => ({ ...a, kind: 'agent' as const }));
  const hits = search([...agents, ...fromSources, ...(await repositorySkills(ctx))], query);
  if (ctx.flags.json) {
    ctx.output.out(
      JSON.stringify(
        hits.map((h) => ({
          name: h.agent.name,
          kind: h.agent.kind,
          category: h.agent.category,
          description: h.agent.description,
          score: h.score,
          ...('source' in h.agent && h.agent.source ? { source: h.agent.source } : {}),
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (hits.length === 0) {
    ctx.output.out(`No agent or skill matches "${query}". Try other words, or \`${CLI} list\`.`);
    return 0;
  }
  const where = (h: (typeof hits)[number]) =>
    h.agent.kind === 'skill'
      ? 'skill, in this repository'
      : 'source' in h.agent && h.agent.source
        ? `${sourceLabel(h.agent.source)}, ${h.agent.category}`
        : h.agent.category;
  ctx.output.out(
    hits
      .map(
        (h) =>
          `${ctx.output.outStyle('heading', h.agent.name)} (${where(h)})\n  ${h.agent.description}\n  ${ctx.output.outStyle('dim', `add it: ${CLI} add ${h.agent.name}`)}`,
      )
      .join('\n\n'),
  );
  return 0;
}

export async function profilesCommand(ctx: CliContext): Promise<number> {
  const profiles = [...ctx.catalog.profiles.values()];
  if (ctx.flags.json) ctx.output.out(JSON.stringify(profiles, null, 2));
  else
    ctx.output.out(
      profiles
        .map((p) => `${p.id} (${p.agents.length} agents)\n  ${p.description}\n  ${p.agents.join(', ')}`)
        .join('\n\n'),
    );
  return 0;
}

export async function platformsCommand(ctx: CliContext): Promise<number> {
  const rows = Object.values(platforms).map((p) => ({
    id: p.id,
    title: p.title,
    writes: p.writes,
    docs: p.docs,
  }));
  if (ctx.flags.json) ctx.output.out(JSON.stringify({ platforms: rows, aliases: platformAliases }, null, 2));
  else {
    ctx.output.out(
      rows.map((r) => `${r.id.padEnd(12)} ${r.title.padEnd(15)} ${r.writes.join(', ')}`).join('\n'),
    );
    ctx.output.out(
      `\nAliases kept from the original CLI: ${Object.entries(platformAliases)
        .map(([a, t]) => `${a} → ${t}`)
        .join(', ')}`,
    );
  }
  return 0;
}
