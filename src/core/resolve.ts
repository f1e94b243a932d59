import { ownEntry } from './model.js';
import { UserError, throwAll } from './errors.js';
import type { Agent, Catalog } from './model.js';
import type { LoadedManifest } from './manifest/load.js';
import type { ResolvedAgent } from '../platforms/contract.js';
import { unroutedMentions } from './mentions.js';
import { didYouMean } from './suggest.js';
import type { PlatformId } from '../platforms/registry.js';

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
 * exclude. Unknown names fail with the closest known name and the manifest line.
 */
export function resolve(loaded: LoadedManifest, catalog: Catalog, custom: Agent[]): Resolution {
  const { manifest } = loaded;
  const errors: UserError[] = [];
  const all = new Map(catalog.agents);
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
  const unknown = (list: 'agents' | 'exclude', name: string, index: number) =>
    new UserError(`unknown agent \`${name}\` in \`${list}\`.${didYouMean(name, all.keys())}`, {
      location: loaded.locate([list, index]),
      hint: 'run `npx blue-gardener@1 list` to see every agent',
    });

  const wanted = new Set<string>();
  manifest.profiles.forEach((id, index) => {
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
    if (!all.has(name)) {
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
  const addedByDelegation: string[] = [];
  if (manifest.delegation === 'install') {
    const queue = [...installed];
    while (queue.length) {
      for (const next of all.get(queue.pop()!)?.delegates ?? []) {
        if (installed.has(next) || excluded.has(next) || !all.has(next)) continue;
        installed.add(next);
        addedByDelegation.push(next);
        queue.push(next);
      }
    }
  }
  const names = [...installed].sort();
  const dangling = names.flatMap((from) =>
    unroutedMentions(all.get(from)!.body, (to) => to === from || !all.has(to) || installed.has(to))
      .sort()
      .map((to) => ({ from, to })),
  );
  const agents = names.map((name) => {
    const agent = all.get(name)!;
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
    addedByDelegation: addedByDelegation.sort(),
    replaced: replaced.sort(),
  };
}
