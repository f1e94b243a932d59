import { parseAgent } from './core/catalog.js';
import { driftPolicy } from './core/drift-policy.js';
import { UserError, throwAll } from './core/errors.js';
import { sha256 } from './core/hash.js';
import { parseLock } from './core/lock.js';
import { loadManifest, type LoadedManifest } from './core/manifest/load.js';
import { type Manifest } from './core/manifest/schema.js';
import { LOCK_PATH, MANIFEST_PATH } from './core/paths.js';
import type { Agent, Catalog } from './core/model.js';
import { ORIGINAL_STATE_PATH } from './core/paths.js';
import type { RenderWarning } from './platforms/contract.js';
import { pathsToRead, plan, textsNeeded, type Plan } from './core/plan.js';
import { render } from './core/render.js';
import { resolve, type Resolution } from './core/resolve.js';
import { checkWritablePath } from './core/write-allowlist.js';
import type { Host } from './hosts/host.js';

export interface EngineResult {
  loaded: LoadedManifest;
  resolution: Resolution;
  warnings: string[];
  renderWarnings: RenderWarning[];
  plan: Plan;
}

/** Reads the manifest from the host; a missing manifest is a user error that points to `init`. */
export async function readManifest(
  host: Host,
  file = MANIFEST_PATH,
  base?: Manifest,
): Promise<{ text: string; loaded: LoadedManifest }> {
  const text = await host.read(file);
  if (text === undefined) {
    const original = (await host.read(ORIGINAL_STATE_PATH)) !== undefined;
    throw new UserError(`no manifest at ${file} in ${host.label}`, {
      location: { file },
      hint: original
        ? `this repository uses the original blue-gardener CLI (${ORIGINAL_STATE_PATH}): run \`blue-gardener migrate\``
        : 'run `blue-gardener init` to write a starter manifest',
    });
  }
  return { text, loaded: loadManifest(text, file, base) };
}

export async function loadCustomAgents(host: Host, dir: string): Promise<Agent[]> {
  const files = await host.listAgentFiles(dir);
  const errors: UserError[] = [];
  const agents = files.flatMap((file) => {
    try {
      return [parseAgent(file, 'custom')];
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors.push(...error.all());
      return [];
    }
  });
  throwAll(errors);
  return agents;
}

/**
 * The whole pipeline up to the plan: load → resolve → render → read current files → plan. Nothing is
 * written; `host.apply(result.plan.changes)` does that when the caller decides to.
 */
export async function preparePlan(
  host: Host,
  catalog: Catalog,
  manifestText?: string,
  manifestFile = MANIFEST_PATH,
  /** The manifest it `extends`, already read and loaded (the action reads it through the API). */
  base?: Manifest,
): Promise<EngineResult> {
  const loaded =
    manifestText === undefined
      ? (await readManifest(host, manifestFile, base)).loaded
      : loadManifest(manifestText, manifestFile, base);
  const custom = await loadCustomAgents(host, loaded.manifest['custom-agents']);
  const resolution = resolve(loaded, catalog, custom);
  const known = new Set([...catalog.agents.keys(), ...custom.map((a) => a.name)]);
  const rendered = render(resolution, known);
  for (const file of rendered.files) checkWritablePath(file.path);
  const lockText = await host.read(LOCK_PATH);
  const lock = parseLock(lockText, LOCK_PATH);
  const current = await host.current(pathsToRead(rendered.files, lock), textsNeeded(rendered.files, lock));
  const agentHashes = Object.fromEntries(
    resolution.agents.map((a) => [a.name, { source: a.source, sha256: agentHash(a) }]),
  );
  const result = plan({
    rendered: rendered.files,
    current,
    lock,
    lockText,
    policy: driftPolicy(loaded.manifest['hand-edits']),
    agentHashes,
  });
  const warnings = [
    ...loaded.warnings,
    ...danglingWarnings(resolution.dangling),
    ...resolution.replaced.map(
      (name) => `custom agent \`${name}\` replaces the catalog agent of the same name`,
    ),
  ];
  return { loaded, resolution, warnings, renderWarnings: rendered.warnings, plan: result };
}

/** What identifies an agent's content, so the lock tells when the catalog changed an installed agent. */
export function agentHash(agent: Agent): string {
  return sha256(
    JSON.stringify([agent.name, agent.description, agent.tags, agent.delegates, agent.readonly, agent.body]),
  );
}

/** One line naming every agent that installed agents route to but that is not installed. */
function danglingWarnings(dangling: Resolution['dangling']): string[] {
  if (dangling.length === 0) return [];
  const targets = [...new Set(dangling.map((d) => d.to))].sort();
  const sources = new Set(dangling.map((d) => d.from)).size;
  return [
    `${sources} installed agent(s) route work to ${targets.length} agent(s) that are not installed, and say so in their prompts: ${targets.join(', ')}. Add the ones you want, or set \`delegation: install\`.`,
  ];
}
