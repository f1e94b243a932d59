import { UserError } from '../core/errors.js';
import { loadManifest } from '../core/manifest/load.js';
import { MANIFEST_PATH } from '../core/paths.js';
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
    const target = platformAliases[id];
    if (target)
      ctx.output.err(`warning: platform \`${id}\` is now called \`${target}\`; writing \`${target}\``);
    return target ?? id;
  });
  for (const id of ids)
    if (!isPlatformId(id)) throw new UserError(`unknown platform \`${id}\`.${didYouMean(id, platformIds)}`);
  for (const id of profiles)
    if (!ctx.catalog.profiles.has(id))
      throw new UserError(`unknown profile \`${id}\`.${didYouMean(id, ctx.catalog.profiles.keys())}`);
  const chosen = ids.length ? ids : await detectOnHost(ctx);
  const text = starterManifest({
    platforms: chosen,
    profiles: profiles.length ? profiles : ['core'],
    schemaUrl: SCHEMA_URL,
  });
  loadManifest(text, MANIFEST_PATH); // our own template must always be valid
  if (!ctx.flags.dryRun) await ctx.host.apply([{ path: MANIFEST_PATH, operation: 'create', content: text }]);
  ctx.output.out(
    `${ctx.flags.dryRun ? 'Would write' : 'Wrote'} ${MANIFEST_PATH} for ${chosen.join(', ')}.\nNext: review it, then run \`npx blue-gardener@1 sync\`.`,
  );
  return 0;
}

/** The tools the repository already uses (see core/detect-platforms.ts), looked up on the host. */
async function detectOnHost(ctx: CliContext): Promise<string[]> {
  const present = new Set<string>();
  for (const signal of detectionSignals()) if (await ctx.host.has(signal)) present.add(signal);
  return detectPlatforms((s) => present.has(s));
}
