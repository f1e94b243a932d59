import { ownEntry } from './model.js';
import { UserError, throwAll } from './errors.js';
import type { Agent, Catalog } from './model.js';
import type { LoadedManifest } from './manifest/load.js';
import type { ResolvedAgent } from '../platforms/contract.js';
import { unroutedMentions } from './mentions.js';
import { didYouMean } from './suggest.js';
import type { PlatformId } from '../platforms/registry.js';
import { splitQualified, type SourceCatalog } from './sources.js';

export interface Resolution {
  agents: ResolvedAgent[];
  platforms: PlatformId[];
  /**
   * Agents an installed agent routes work to, not installed, with no installed alternative in the same place
   * of its prompt (policy `warn`): the prompt hands that work back instead. Table rows and list members that
   * name a missing agent beside an installed one are left out of the prompt silently.
   */
  dangling: { from: string; to: string }[];
  /** Agents added because an installed agent routes to them (policy `install`). */
  addedByDelegation: string[];
  /** Custom agents that replace a catalog agent of the same name. */
  replaced: string[];
}

/**
 * The agents a manifest asks for: profiles ∪ agents ∪ custom agents, plus delegation per policy, minus
 * exclude. Unknown names fail with the closest known name and the manifest line. Agents of a source are
 * keyed `<source>/<name>` here and installed under their own name; two installed agents with one name
 * (from two sources, or a source's and a bundled one) are an error naming both.
 */
export function resolve(
  loaded: LoadedManifest,
  catalog: Catalog,
  custom: Agent[],
  sources: ReadonlyMap<string, SourceCatalog> = new Map(),
): Resolution {
  const { manifest } = loaded;
  const errors: UserError[] = [];
  const all = new Map(catalog.agents);
  for (const [id, source] of sources)
    for (const [name, agent] of source.agents) all.set(`${id}/${name}`, agent);
  const unknownSource = (list: string, id: string, index: number) =>
    new UserError(
      `\`${list}\` names source \`${id}\`, which is not in \`sources\`.${didYouMean(id, sources.keys())}`,
      {
        location: loaded.locate([list, index]),
        hint: sources.size
          ? `sources: ${[...sources.keys()].join(', ')}; or add \`${id}\` under \`sources\``
          : `add it under \`sources:\` (e.g. \`${id}: owner/repo/agents@main\`)`,
      },
    );
  const replaced: string[] = [];
  for (const agent of custom) {
    if (all.has(agent.name) && !agent.replacesCatalog) {
      errors.push(
        new UserError(`custom agent \`${agent.name}\` has the name of a catalog agent`, {
          location: { file: agent.file },
          hint: 'rename it, or add `replaces-catalog: true` to its frontmatter to replace the catalog agent on purpose',
        }),
      );
      continue;
    }
    if (all.has(agent.name)) replaced.push(agent.name);
    all.set(agent.name, agent);
  }
  const unknown = (list: 'agents' | 'exclude', name: string, index: number) => {
    const source = splitQualified(name)?.[0];
    if (source !== undefined && !sources.has(source)) return unknownSource(list, source, index);
    return new UserError(`unknown agent \`${name}\` in \`${list}\`.${didYouMean(name, all.keys())}`, {
      location: loaded.locate([list, index]),
      hint:
        source === undefined
          ? 'run `npx blue-gardener@1 list` to see every agent'
          : list === 'agents' && sources.get(source)!.profiles.has(splitQualified(name)![1])
            ? `\`${name}\` is a profile of the source: list it under \`profiles\` (\`npx blue-gardener@1 add --profile ${name}\`)`
            : sources.get(source)!.links.includes(splitQualified(name)![1])
              ? `its file in source \`${source}\` is a symbolic link, which blue-gardener never follows: the source must hold the file itself`
              : `source \`${source}\` is at commit ${sources.get(source)!.commit.slice(0, 12)}; run \`npx blue-gardener@1 list\` to see its agents`,
    });
  };

  const wanted = new Set<string>();
  manifest.profiles.forEach((id, index) => {
    const qualified = splitQualified(id);
    if (qualified) {
      const [sourceId, profileId] = qualified;
      const source = sources.get(sourceId);
      const profile = source?.profiles.get(profileId);
      if (!source) errors.push(unknownSource('profiles', sourceId, index));
      else if (!profile)
        errors.push(
          new UserError(
            `source \`${sourceId}\` has no profile \`${profileId}\`.${didYouMean(profileId, source.profiles.keys())}`,
            {
              location: loaded.locate(['profiles', index]),
              hint: source.profiles.size
                ? `its profiles: ${[...source.profiles.keys()].join(', ')}`
                : 'it has no profiles.yml; list its agents under `agents` as `<source>/<agent>`',
            },
          ),
        );
      else profile.agents.forEach((name) => wanted.add(`${sourceId}/${name}`));
      return;
    }
    const profile = catalog.profiles.get(id);
    if (!profile) {
      errors.push(
        new UserError(`unknown profile \`${id}\`.${didYouMean(id, catalog.profiles.keys())}`, {
          location: loaded.locate(['profiles', index]),
          hint: `profiles: ${[...catalog.profiles.keys()].join(', ')}`,
        }),
      );
    } else profile.agents.forEach((name) => wanted.add(name));
  });
  manifest.agents.forEach((name, index) =>
    all.has(name) ? wanted.add(name) : errors.push(unknown('agents', name, index)),
  );
  manifest.exclude.forEach((name, index) => {
    if (!all.has(name)) errors.push(unknown('exclude', name, index));
  });
  custom.forEach((agent) => wanted.add(agent.name));
  Object.keys(manifest.overrides).forEach((name) => {
    if (!all.has(name) && ![...all.values()].some((agent) => agent.name === name)) {
      errors.push(
        new UserError(`overrides name unknown agent \`${name}\`.${didYouMean(name, all.keys())}`, {
          location: loaded.locate(['overrides', name], true),
        }),
      );
    }
  });
  throwAll(errors);

  const excluded = new Set(manifest.exclude);
  const installed = new Set([...wanted].filter((name) => !excluded.has(name)));
  /** An agent's delegate, by key: an agent of the same source first, else the bundled or custom one. */
  const delegateKey = (from: string, to: string) => {
    const source = all.get(from)?.origin;
    return source !== undefined && all.has(`${source}/${to}`) ? `${source}/${to}` : to;
  };
  const addedByDelegation: string[] = [];
  if (manifest.delegation === 'install') {
    const queue = [...installed];
    while (queue.length) {
      const from = queue.pop()!;
      for (const name of all.get(from)?.delegates ?? []) {
        const next = delegateKey(from, name);
        if (installed.has(next) || excluded.has(next) || !all.has(next)) continue;
        installed.add(next);
        addedByDelegation.push(next);
        queue.push(next);
      }
    }
  }
  const keys = [...installed].sort();
  // Installed agents by the name they are written under: one file name, one agent.
  const byName = new Map<string, string>();
  for (const key of keys) {
    const name = all.get(key)!.name;
    const other = byName.get(name);
    if (other !== undefined) {
      errors.push(
        new UserError(`\`${other}\` and \`${key}\` would both be written as agent \`${name}\``, {
          location: loaded.locate(['agents']),
          hint: `install only one: add \`${other}\` or \`${key}\` to \`exclude\``,
        }),
      );
    } else byName.set(name, key);
  }
  throwAll(errors);
  const known = (to: string) => byName.has(to) || all.has(to);
  const dangling = keys.flatMap((key) => {
    const from = all.get(key)!.name;
    return unroutedMentions(all.get(key)!.body, (to) => to === from || !known(to) || byName.has(to))
      .sort()
      .map((to) => ({ from, to }));
  });
  const names = keys.map((key) => all.get(key)!.name).sort();
  const agents = names.map((name) => {
    const agent = all.get(byName.get(name)!)!;
    const { tier, access, ...perPlatform } = ownEntry(manifest.overrides, name) ?? {};
    return {
      ...agent,
      tier: tier ?? agent.tier,
      access: access ?? agent.access,
      overrides: perPlatform as ResolvedAgent['overrides'],
    };
  });
  return {
    agents,
    platforms: loaded.platforms,
    dangling,
    addedByDelegation: addedByDelegation.map((key) => all.get(key)!.name).sort(),
    replaced: replaced.sort(),
  };
}
