import { UserError } from '../errors.js';
import type { Manifest } from './schema.js';

/** Where a shared manifest lives: `owner/repo/path/to/file.yml@ref` (no ref: the default branch). */
export interface ManifestRef {
  owner: string;
  repo: string;
  path: string;
  ref: string | undefined;
}

const REF_PATTERN = /^([\w.-]+)\/([\w.-]+)\/([^@\s]+?)(?:@([^\s@]+))?$/;

/** Parses `owner/repo/path@ref`; `where` names the input or key in the error. */
export function parseManifestRef(text: string, where: string): ManifestRef {
  const match = REF_PATTERN.exec(text.trim());
  const path = match?.[3] ?? '';
  if (!match || path.split('/').some((s) => s === '' || s === '.' || s === '..') || path.startsWith('/')) {
    throw new UserError(`${where} must look like owner/repo/path/to/manifest.yml@ref, got \`${text}\``, {
      hint: 'for example acme/platform/.github/blue-gardener.yml@main (leave out @ref for the default branch)',
    });
  }
  return { owner: match[1]!, repo: match[2]!, path, ref: match[4] };
}

export function formatManifestRef(ref: ManifestRef): string {
  return `${ref.owner}/${ref.repo}/${ref.path}${ref.ref ? `@${ref.ref}` : ''}`;
}

const LIST_KEYS = ['profiles', 'agents', 'exclude'] as const;

/**
 * A repository's manifest (raw YAML value, not yet validated) on top of the manifest it extends (validated):
 * the repository's own keys win; `profiles`, `agents` and `exclude` add to the base's (the repository's
 * entries first, so errors point at its own lines); an agent the repository lists is taken out of the
 * base's `exclude`; `overrides` merge per agent and platform; `platforms`, when given, replace the base's.
 * The result is validated by the caller with the one manifest schema.
 */
export function mergeOntoBase(base: Manifest, local: unknown): unknown {
  if (local === null || typeof local !== 'object' || Array.isArray(local)) return local;
  const own = local as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base, ...own };
  delete merged['$schema'];
  if (own['$schema'] !== undefined) merged['$schema'] = own['$schema'];
  const ownAgents = Array.isArray(own['agents']) ? (own['agents'] as unknown[]) : [];
  for (const key of LIST_KEYS) {
    const mine = own[key];
    if (mine !== undefined && !Array.isArray(mine)) continue; // let the schema report the wrong type
    const ownList = (mine as unknown[] | undefined) ?? [];
    const inherited = (base[key] as string[]).filter(
      (item) => !ownList.includes(item) && !(key === 'exclude' && ownAgents.includes(item)),
    );
    merged[key] = [...ownList, ...inherited];
  }
  // Sources add up by id (the repository's own win); the shared manifest's `allowed-sources`, when it has
  // one, is the one that applies: a repository cannot widen its organisation's list.
  const ownSources = own['sources'];
  if (ownSources && typeof ownSources === 'object' && !Array.isArray(ownSources))
    merged['sources'] = { ...base.sources, ...(ownSources as Record<string, unknown>) };
  if (base['allowed-sources'] !== undefined) merged['allowed-sources'] = base['allowed-sources'];
  const ownOverrides = own['overrides'];
  if (ownOverrides && typeof ownOverrides === 'object' && !Array.isArray(ownOverrides)) {
    const out: Record<string, unknown> = structuredClone(base.overrides) as Record<string, unknown>;
    for (const [agent, perPlatform] of Object.entries(ownOverrides as Record<string, unknown>)) {
      const inherited = out[agent];
      if (!perPlatform || typeof perPlatform !== 'object' || !inherited || typeof inherited !== 'object') {
        out[agent] = perPlatform;
        continue;
      }
      const next: Record<string, unknown> = { ...(inherited as Record<string, unknown>) };
      for (const [platform, settings] of Object.entries(perPlatform as Record<string, unknown>)) {
        const before = next[platform];
        next[platform] =
          before && typeof before === 'object' && settings && typeof settings === 'object'
            ? { ...before, ...settings }
            : settings;
      }
      out[agent] = next;
    }
    merged['overrides'] = out;
  }
  return merged;
}
