import { splitQualified } from '../sources.js';
import { UserError } from '../errors.js';
import { editList } from './edit.js';
import { parse } from 'yaml';
import { loadManifest } from './load.js';
import type { Manifest } from './schema.js';
import type { Agent, Catalog } from '../model.js';
import { didYouMean } from '../suggest.js';
import { isPlatformId, platformAliases, platformIds } from '../../platforms/registry.js';

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
  /** The manifest this one `extends`, when it does. */
  base?: Manifest,
  /** The repository's skills (names); a name that is one and no agent goes to `skills`. */
  skills: readonly string[] = [],
): string {
  loadManifest(text, file, base);
  const known = new Set([...catalog.agents.keys(), ...custom.map((a) => a.name)]);
  const addSkills = names.filter((n) => !known.has(n) && skills.includes(n));
  names = names.filter((n) => !addSkills.includes(n));
  // `<source>/<name>` is checked against the source when the edit is planned (resolve.ts), before any write.
  for (const name of names) {
    if (!known.has(name) && !splitQualified(name))
      throw new UserError(`unknown agent or skill \`${name}\`.${didYouMean(name, [...known, ...skills])}`, {
        hint: 'find it with `npx blue-gardener@1 search <words>` (in a comment: `/blue search <words>`)',
      });
  }
  for (const id of profiles) {
    if (!catalog.profiles.has(id) && !splitQualified(id))
      throw new UserError(`unknown profile \`${id}\`.${didYouMean(id, catalog.profiles.keys())}`, {
        hint: `profiles: ${[...catalog.profiles.keys()].join(', ')}`,
      });
  }
  let next = editList(text, 'agents', { add: names });
  next = editList(next, 'skills', { add: addSkills });
  next = editList(next, 'profiles', { add: profiles });
  // Adding an agent the manifest excludes means it is wanted now.
  return editList(next, 'exclude', { remove: names });
}

/** A source's profiles by qualified id (`acme/backend`), each with its agents qualified (`acme/reviewer`). */
export type SourceProfiles = ReadonlyMap<string, readonly string[]>;

/**
 * Drops agents from `agents`, or excludes them when a profile brings them in — a bundled profile, or a
 * source's (`sourceProfiles`, read by the caller at the locked commits when a name is `<source>/<agent>`).
 */
export function removeFromManifest(
  text: string,
  file: string,
  catalog: Catalog,
  custom: readonly Agent[],
  names: readonly string[],
  base?: Manifest,
  sourceProfiles: SourceProfiles = new Map(),
): string {
  const { manifest } = loadManifest(text, file, base);
  const fromProfiles = new Set(
    manifest.profiles.flatMap((id) => catalog.profiles.get(id)?.agents ?? sourceProfiles.get(id) ?? []),
  );
  // An agent the shared manifest brings in is excluded here, like one a profile brings in.
  const own = ownList(text, 'agents');
  for (const name of base?.agents ?? []) if (!own.includes(name)) fromProfiles.add(name);
  let next = text;
  // A skill the manifest lists (and no agent of that name is listed): dropped from `skills`.
  const ownSkills = ownList(text, 'skills');
  const skillNames = names.filter((n) => ownSkills.includes(n) && !own.includes(n) && !fromProfiles.has(n));
  if (skillNames.length) next = editList(next, 'skills', { remove: skillNames });
  names = names.filter((n) => !skillNames.includes(n));
  for (const name of names) {
    const customAgent = custom.find((a) => a.name === name);
    if (customAgent)
      throw new UserError(`\`${name}\` is a custom agent; delete ${customAgent.file} to remove it`);
    const listed = own.includes(name);
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
  base?: Manifest,
): string {
  const loaded = loadManifest(text, file, base);
  for (const id of ids) {
    if (!isPlatformId(id)) {
      throw new UserError(
        `unknown platform \`${id}\`.${didYouMean(id, [...platformIds, ...Object.keys(platformAliases)])}`,
        { hint: `platforms: ${platformIds.join(', ')}` },
      );
    }
  }
  // Platforms given here replace the shared manifest's: when it has none of its own, write the whole list.
  const inherited = base !== undefined && !hasKey(text, 'platforms');
  if (action === 'add')
    return editList(text, 'platforms', {
      add: [
        ...(inherited ? loaded.platforms : []),
        ...ids.filter((id) => !loaded.platforms.includes(id as never)),
      ],
    });
  if (loaded.platforms.every((p) => ids.includes(p)))
    throw new UserError('a manifest needs at least one platform', { hint: 'add another platform first' });
  if (inherited)
    return editList(text, 'platforms', { add: loaded.platforms.filter((p) => !ids.includes(p)) });
  const aliases = Object.entries(platformAliases)
    .filter(([, target]) => ids.includes(target))
    .map(([alias]) => alias);
  return editList(text, 'platforms', { remove: [...ids, ...aliases] });
}

function topLevel(text: string): Record<string, unknown> {
  const value = parse(text) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function hasKey(text: string, key: string): boolean {
  return topLevel(text)[key] !== undefined;
}

/** The manifest's own entries of a list, without what a shared manifest adds. */
function ownList(text: string, key: string): string[] {
  const value = topLevel(text)[key];
  return Array.isArray(value) ? value.map(String) : [];
}
