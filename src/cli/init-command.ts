import { ownEntry } from '../core/model.js';
import { UserError } from '../core/errors.js';
import { loadManifest } from '../core/manifest/load.js';
import { CLI, MANIFEST_PATH } from '../core/paths.js';
import { SCHEMA_URL, starterManifest } from '../core/manifest/template.js';
import { didYouMean } from '../core/suggest.js';
import { detectionSignals, detectPlatforms } from '../core/detect-platforms.js';
import { isPlatformId, platformAliases, platformIds } from '../platforms/registry.js';
import type { CliContext } from './context.js';

/** `init`: writes a commented starter manifest; never overwrites one. */
export async function init(ctx: CliContext, requested: string[], profiles: string[]): Promise<number> {
  if ((await ctx.host.read(MANIFEST_PATH)) !== undefined) {
    throw new UserError(`${MANIFEST_PATH} already exists`, {
      hint: 'edit it, or use `npx blue-gardener@1 add` / `platform add`',
    });
  }
  const ids = requested.map((id) => {
    const target = ownEntry(platformAliases, id);
    if (target)
      ctx.output.err(`warning: platform \`${id}\` is now called \`${target}\`; writing \`${target}\``);
    return target ?? id;
  });
  for (const id of ids)
    if (!isPlatformId(id)) throw new UserError(`unknown platform \`${id}\`.${didYouMean(id, platformIds)}`);
  for (const id of profiles)
    if (!ctx.catalog.profiles.has(id))
      throw new UserError(`unknown profile \`${id}\`.${didYouMean(id, ctx.catalog.profiles.keys())}`);
  const found = ids.length ? [] : await signalsOnHost(ctx);
  const chosen = ids.length ? ids : detectPlatforms((s) => found.includes(s));
  const chosenProfiles = profiles.length ? profiles : ['core'];
  const text = starterManifest({ platforms: chosen, profiles: chosenProfiles, schemaUrl: SCHEMA_URL });
  loadManifest(text, MANIFEST_PATH); // our own template must always be valid
  const apply = !ctx.flags.dryRun;
  if (apply) await ctx.host.apply([{ path: MANIFEST_PATH, operation: 'create', content: text }]);
  if (ctx.flags.json) {
    const result = {
      applied: apply,
      path: MANIFEST_PATH,
      platforms: chosen,
      profiles: chosenProfiles,
      found,
    };
    ctx.output.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const why = ids.length
    ? 'as asked'
    : found.length
      ? `found ${found.map((s) => `\`${s}\``).join(', ')}`
      : 'no other tool found';
  ctx.output.out(
    [
      `${apply ? 'Wrote' : 'Would write'} ${MANIFEST_PATH}`,
      `  platforms: ${chosen.join(', ')} (${why})`,
      `  profiles:  ${chosenProfiles.join(', ')}${profiles.length ? '' : ` (the default; \`${CLI} profiles\` lists the others)`}`,
      '',
      `Next: review it, then run \`${CLI} sync --dry-run\` to see what it generates, and \`${CLI} sync\` to write it.`,
    ].join('\n'),
  );
  return 0;
}

/** The signs of tools in the repository (see core/detect-platforms.ts), looked up on the host. */
async function signalsOnHost(ctx: CliContext): Promise<string[]> {
  const present: string[] = [];
  for (const signal of detectionSignals()) if (await ctx.host.has(signal)) present.push(signal);
  return present;
}
