import { UserError } from '../core/errors.js';
import { editList } from '../core/manifest-edit.js';
import { didYouMean } from '../core/suggest.js';
import { loadCustomAgents, readManifest } from '../engine.js';
import { isPlatformId, platformIds, platformAliases } from '../platforms/registry.js';
import type { CliContext } from './context.js';
import { syncWith } from './sync-command.js';

/** `add <agent…>` / `add --profile <id>`: edit the manifest, keeping its text, then sync in one batch. */
export async function add(ctx: CliContext, names: string[], profiles: string[]): Promise<number> {
  const { text, loaded } = await readManifest(ctx.host);
  const known = await knownAgents(ctx, loaded.manifest['custom-agents']);
  for (const name of names)
    if (!known.has(name))
      throw new UserError(`unknown agent \`${name}\`.${didYouMean(name, known)}`, {
        hint: 'run `blue-gardener search <words>` to find agents',
      });
  for (const id of profiles)
    if (!ctx.catalog.profiles.has(id))
      throw new UserError(`unknown profile \`${id}\`.${didYouMean(id, ctx.catalog.profiles.keys())}`, {
        hint: 'run `blue-gardener profiles`',
      });
  let next = editList(text, 'agents', { add: names });
  next = editList(next, 'profiles', { add: profiles });
  // Adding an agent the manifest excludes means the user wants it now.
  next = editList(next, 'exclude', { remove: names });
  return syncWith(ctx, next, text);
}

/** `remove <agent…>`: drop it from `agents`, or exclude it when a profile brings it in. */
export async function remove(ctx: CliContext, names: string[]): Promise<number> {
  const { text, loaded } = await readManifest(ctx.host);
  const { manifest } = loaded;
  const custom = await loadCustomAgents(ctx.host, manifest['custom-agents']);
  const fromProfiles = new Set(manifest.profiles.flatMap((id) => ctx.catalog.profiles.get(id)?.agents ?? []));
  let next = text;
  for (const name of names) {
    const customAgent = custom.find((a) => a.name === name);
    if (customAgent)
      throw new UserError(`\`${name}\` is a custom agent; delete ${customAgent.file} to remove it`);
    const listed = manifest.agents.includes(name);
    if (!listed && !fromProfiles.has(name)) {
      throw new UserError(
        `\`${name}\` is not installed.${didYouMean(name, [...manifest.agents, ...fromProfiles])}`,
        { hint: 'run `blue-gardener list` to see what is installed' },
      );
    }
    if (listed) next = editList(next, 'agents', { remove: [name] });
    if (fromProfiles.has(name)) next = editList(next, 'exclude', { add: [name] });
  }
  return syncWith(ctx, next, text);
}

/** `platform add|remove <id…>`. */
export async function platform(ctx: CliContext, action: string | undefined, ids: string[]): Promise<number> {
  if ((action !== 'add' && action !== 'remove') || ids.length === 0)
    throw new UsageError('usage: blue-gardener platform add|remove <platform…>');
  const { text, loaded } = await readManifest(ctx.host);
  for (const id of ids) {
    if (!isPlatformId(id))
      throw new UserError(
        `unknown platform \`${id}\`.${didYouMean(id, [...platformIds, ...Object.keys(platformAliases)])}`,
        { hint: `platforms: ${platformIds.join(', ')}` },
      );
  }
  if (action === 'remove') {
    const left = loaded.platforms.filter((p) => !ids.includes(p));
    if (left.length === 0)
      throw new UserError('a manifest needs at least one platform', { hint: 'add another platform first' });
    // Aliases of the original CLI are removed too.
    const aliases = Object.entries(platformAliases)
      .filter(([, target]) => ids.includes(target))
      .map(([alias]) => alias);
    return syncWith(ctx, editList(text, 'platforms', { remove: [...ids, ...aliases] }), text);
  }
  return syncWith(
    ctx,
    editList(text, 'platforms', { add: ids.filter((id) => !loaded.platforms.includes(id as never)) }),
    text,
  );
}

async function knownAgents(ctx: CliContext, customDir: string): Promise<Set<string>> {
  const custom = await loadCustomAgents(ctx.host, customDir);
  return new Set([...ctx.catalog.agents.keys(), ...custom.map((a) => a.name)]);
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
