import { addToManifest, editPlatforms, removeFromManifest } from '../core/manifest/commands.js';
import { MANIFEST_PATH } from '../core/paths.js';
import { splitQualified } from '../core/sources.js';
import {
  loadCustomAgents,
  loadRepositorySkills,
  readManifest,
  readSources,
  sourceProfilesOf,
} from '../engine.js';
import type { CliContext } from './context.js';
import { syncWith } from './sync-command.js';

/** `add <agent or skill…>` / `add --profile <id>`: edit the manifest, keeping its text, then sync in one batch. */
export async function add(ctx: CliContext, names: string[], profiles: string[]): Promise<number> {
  const { text, loaded } = await readManifest(ctx.host);
  const custom = await loadCustomAgents(ctx.host, loaded.manifest['custom-agents']);
  const skills = (await loadRepositorySkills(ctx.host, loaded.manifest['custom-skills'])).map((s) => s.name);
  return syncWith(
    ctx,
    addToManifest(text, MANIFEST_PATH, ctx.catalog, custom, names, profiles, undefined, skills),
  );
}

/** `remove <agent…>`: drop it from `agents`, or exclude it when a profile brings it in. */
export async function remove(ctx: CliContext, names: string[]): Promise<number> {
  const { text, loaded } = await readManifest(ctx.host);
  const custom = await loadCustomAgents(ctx.host, loaded.manifest['custom-agents']);
  // A source's profile may bring in `<source>/<agent>`: its sources are read (at the locked commits) only then.
  const profiles = names.some((n) => splitQualified(n))
    ? sourceProfilesOf(await readSources(ctx.host, loaded, ctx.sourceReader))
    : undefined;
  return syncWith(
    ctx,
    removeFromManifest(text, MANIFEST_PATH, ctx.catalog, custom, names, undefined, profiles),
  );
}

/** `platform add|remove <id…>`. */
export async function platform(ctx: CliContext, action: string | undefined, ids: string[]): Promise<number> {
  if ((action !== 'add' && action !== 'remove') || ids.length === 0)
    throw new UsageError('usage: blue-gardener platform add|remove <platform…>');
  const { text } = await readManifest(ctx.host);
  return syncWith(ctx, editPlatforms(text, MANIFEST_PATH, action, ids));
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
