import { UserError } from './errors.js';
import { editList } from './manifest-edit.js';
import { loadManifest } from './manifest.js';
import type { Agent, Catalog } from './model.js';
import { didYouMean } from './suggest.js';
import { isPlatformId, platformAliases, platformIds } from '../platforms/registry.js';

/**
 * The manifest edits people ask for (CLI `add`/`remove`/`platform`, bot `/blue add` …), as pure text → text
 * functions: the manifest keeps its comments and formatting, and the caller commits the result with the
 * regenerated files.
 */
export function addToManifest(
  text: string,
  file: string,
  catalog: Catalog,
  custom: readonly Agent[],
  names: readonly string[],
  profiles: readonly string[],
): string {
  loadManifest(text, file);
  const known = new Set([...catalog.agents.keys(), ...custom.map((a) => a.name)]);
  for (const name of names) {
    if (!known.has(name))
      throw new UserError(`unknown agent \`${name}\`.${didYouMean(name, known)}`, {
        hint: 'search the catalog with `search <words>`',
      });
  }
  for (const id of profiles) {
    if (!catalog.profiles.has(id))
      throw new UserError(`unknown profile \`${id}\`.${didYouMean(id, catalog.profiles.keys())}`, {
        hint: `profiles: ${[...catalog.profiles.keys()].join(', ')}`,
      });
  }
  let next = editList(text, 'agents', { add: names });
  next = editList(next, 'profiles', { add: profiles });
  // Adding an agent the manifest excludes means it is wanted now.
  return editList(next, 'exclude', { remove: names });
}

/** Drops agents from `agents`, or excludes them when a profile brings them in. */
export function removeFromManifest(
  text: string,
  file: string,
  catalog: Catalog,
  custom: readonly Agent[],
  names: readonly string[],
): string {
  const { manifest } = loadManifest(text, file);
  const fromProfiles = new Set(manifest.profiles.flatMap((id) => catalog.profiles.get(id)?.agents ?? []));
  let next = text;
  for (const name of names) {
    const customAgent = custom.find((a) => a.name === name);
    if (customAgent)
      throw new UserError(`\`${name}\` is a custom agent; delete ${customAgent.file} to remove it`);
    const listed = manifest.agents.includes(name);
    if (!listed && !fromProfiles.has(name)) {
      throw new UserError(
        `\`${name}\` is not installed.${didYouMean(name, [...manifest.agents, ...fromProfiles])}`,
        { hint: 'list shows what is installed' },
      );
    }
    if (listed) next = editList(next, 'agents', { remove: [name] });
    if (fromProfiles.has(name) && !manifest.exclude.includes(name))
      next = editList(next, 'exclude', { add: [name] });
  }
  return next;
}

/** Enables or disables platforms (aliases of the original CLI are removed with their target). */
export function editPlatforms(
  text: string,
  file: string,
  action: 'add' | 'remove',
  ids: readonly string[],
): string {
  const loaded = loadManifest(text, file);
  for (const id of ids) {
    if (!isPlatformId(id)) {
      throw new UserError(
        `unknown platform \`${id}\`.${didYouMean(id, [...platformIds, ...Object.keys(platformAliases)])}`,
        { hint: `platforms: ${platformIds.join(', ')}` },
      );
    }
  }
  if (action === 'add')
    return editList(text, 'platforms', { add: ids.filter((id) => !loaded.platforms.includes(id as never)) });
  if (loaded.platforms.every((p) => ids.includes(p)))
    throw new UserError('a manifest needs at least one platform', { hint: 'add another platform first' });
  const aliases = Object.entries(platformAliases)
    .filter(([, target]) => ids.includes(target))
    .map(([alias]) => alias);
  return editList(text, 'platforms', { remove: [...ids, ...aliases] });
}
