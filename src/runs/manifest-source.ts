import { parse } from 'yaml';
import { UserError } from '../core/errors.js';
import { formatManifestRef, parseManifestRef, type ManifestRef } from '../core/manifest/extends.js';
import type { Manifest } from '../core/manifest/schema.js';
import { loadManifest } from '../core/manifest/load.js';
import type { Octokit } from '../hosts/github/client.js';
import type { Snapshot } from '../hosts/github/snapshot.js';

/** Where the manifest of a run comes from. */
export interface ManifestSource {
  origin: 'own' | 'extends' | 'default';
  /** The text to plan with, when it is not the repository's own file (the organisation's default). */
  text?: string;
  /** The manifest the repository's own one `extends`, loaded. */
  base?: Manifest;
  /** owner/repo/path@ref of the shared manifest, when one was used. */
  shared?: string;
}

/** The repository has no manifest and nothing to inherit: the fleet may propose one (onboarding). */
export class ManifestMissing extends UserError {
  constructor(
    message: string,
    readonly snapshot: Snapshot,
  ) {
    super(message, {
      hint: 'run `npx blue-gardener@1 init` to write a starter manifest; for a fleet, set `default-manifest` or `onboarding: true`',
    });
  }
}

const QUERY = `query BlueGardenerSharedManifest($owner: String!, $name: String!, $expression: String!) {
  repository(owner: $owner, name: $name) { object(expression: $expression) { ... on Blob { text isBinary } } }
}`;

// One read per shared manifest per job, however many repositories the job manages.
const cache = new WeakMap<Octokit, Map<string, Promise<string>>>();

/** The text of a shared manifest, in one GraphQL request (cached per client). */
export function readSharedManifest(octokit: Octokit, ref: ManifestRef): Promise<string> {
  const key = formatManifestRef(ref);
  let perClient = cache.get(octokit);
  if (!perClient) cache.set(octokit, (perClient = new Map()));
  let pending = perClient.get(key);
  if (!pending) {
    const unreadable = () =>
      new UserError(`the shared manifest ${key} was not found, or the token cannot read it`, {
        hint: 'check the path and ref; the token (a GitHub App installation token for a fleet) must also reach the repository that holds the shared manifest',
      });
    pending = octokit
      .graphql<{
        repository: { object: { text: string | null; isBinary: boolean } | null } | null;
      }>(QUERY, { owner: ref.owner, name: ref.repo, expression: `${ref.ref ?? 'HEAD'}:${ref.path}` })
      .catch((error: { errors?: { type?: string }[] }) => {
        if (error.errors?.some((e) => e.type === 'NOT_FOUND')) throw unreadable();
        throw error;
      })
      .then((data) => {
        const blob = data.repository?.object;
        if (!blob || blob.isBinary || blob.text === null) throw unreadable();
        return blob.text;
      });
    pending.catch(() => perClient.delete(key)); // a failed read is not remembered
    perClient.set(key, pending);
  }
  return pending;
}

/** Loads a shared manifest; it must be complete by itself (no `extends` of its own: one level only). */
async function loadShared(octokit: Octokit, ref: ManifestRef): Promise<{ text: string; manifest: Manifest }> {
  const label = formatManifestRef(ref);
  const text = await readSharedManifest(octokit, ref);
  if (extendsOf(text) !== undefined)
    throw new UserError(`the shared manifest ${label} itself uses \`extends\`; only one level is supported`, {
      location: { file: label },
      hint: 'make the shared manifest complete by itself',
    });
  return { text, manifest: loadManifest(text, label).manifest };
}

function extendsOf(text: string): string | undefined {
  try {
    const value = parse(text) as { extends?: unknown } | null;
    return typeof value?.extends === 'string' ? value.extends : undefined;
  } catch {
    return undefined; // the manifest's own loader reports YAML errors with their line
  }
}

/**
 * Decides which manifest a run plans with: the repository's own (and the one it `extends`), or, when it has
 * none, the organisation's `default-manifest`. Without either, throws ManifestMissing.
 */
export async function resolveManifestSource(
  octokit: Octokit,
  /** The organisation's manifest for repositories that have none (the fleet's `default-manifest`). */
  defaultManifest: ManifestRef | undefined,
  file: string,
  host: { read(path: string): Promise<string | undefined>; label: string },
  snapshot: Snapshot,
): Promise<ManifestSource> {
  const own = await host.read(file);
  if (own === undefined) {
    if (!defaultManifest) throw new ManifestMissing(`no manifest at ${file} in ${host.label}`, snapshot);
    const shared = await loadShared(octokit, defaultManifest);
    return { origin: 'default', text: shared.text, shared: formatManifestRef(defaultManifest) };
  }
  const spec = extendsOf(own);
  if (spec === undefined) return { origin: 'own' };
  const ref = parseManifestRef(spec, `\`extends\` in ${file}`);
  const shared = await loadShared(octokit, ref);
  return { origin: 'extends', base: shared.manifest, shared: formatManifestRef(ref) };
}
