import { ownEntry } from '../core/model.js';
import { SCHEMA_URL } from '../core/manifest/template.js';
import { UserError } from '../core/errors.js';
import type { LockEntry } from '../core/lock.js';
import { lockFiles } from '../core/lock-parts.js';
import { MANIFEST_PATH } from '../core/paths.js';
import { starterManifest } from '../core/manifest/template.js';
import type { MigrationFacts } from './report.js';
import type { Catalog, FileChange } from '../core/model.js';
import {
  ORIGINAL_PLATFORMS,
  parseOriginalState,
  stripGeneratedSections,
  type OriginalState,
} from './original-cli.js';
import { ORIGINAL_STATE_PATH } from '../core/paths.js';
import { preparePlan, type EngineResult } from '../engine.js';
import type { Host } from '../hosts/host.js';

/** What the migration did, for its reports (see core/migration-report.ts). */
export type MigrationSummary = MigrationFacts & { state: OriginalState };

export interface Migration {
  manifestText: string;
  /** Everything to write, relative to the repository as it is: one all-or-nothing change set. */
  changes: FileChange[];
  /** The plan of the migrated repository (findings, agents, platforms). */
  result: EngineResult;
  summary: MigrationSummary;
}

/**
 * Moves a repository from the original CLI to our manifest in one change set: writes the manifest with the
 * same agents and platforms, adopts the per-agent files it generated (our lock records them, so the plan
 * regenerates them instead of calling them foreign), takes its generated sections out of AGENTS.md and
 * copilot-instructions.md (the person's lines stay), deletes its state file, and generates our files.
 */
export async function planMigration(
  host: Host,
  catalog: Catalog,
  manifestFile = MANIFEST_PATH,
): Promise<Migration> {
  if ((await host.read(manifestFile)) !== undefined)
    throw new UserError(`${manifestFile} already exists: this repository was already migrated`, {
      location: { file: manifestFile },
      hint: `run \`npx blue-gardener@1 doctor\`; delete ${ORIGINAL_STATE_PATH} by hand if it is still there`,
    });
  const stateText = await host.read(ORIGINAL_STATE_PATH);
  if (stateText === undefined)
    throw new UserError(`no state file of the original blue-gardener CLI at ${ORIGINAL_STATE_PATH}`, {
      hint: 'nothing to migrate; run `npx blue-gardener@1 init` to start a manifest',
    });
  const state = parseOriginalState(stateText);
  const skipped: string[] = [];
  const targets = state.platforms.flatMap((id) => {
    const target = ownEntry(ORIGINAL_PLATFORMS, id);
    if (!target) skipped.push(`platform \`${id}\` is unknown to the original CLI's format; left out`);
    return target ? [{ id, ...target }] : [];
  });
  if (targets.length === 0)
    throw new UserError(
      `the original CLI's state file names no platform we know (${state.platforms.join(', ')})`,
      {
        location: { file: ORIGINAL_STATE_PATH },
        hint: 'write .github/blue-gardener.yml by hand (`npx blue-gardener@1 init`)',
      },
    );
  const agents = state.agents.filter((name) => {
    if (!catalog.agents.has(name))
      skipped.push(`agent \`${name}\` is not in our catalog; left out (its files stay)`);
    return catalog.agents.has(name);
  });
  const platforms = [...new Set(targets.map((t) => t.ours))];
  const { profiles, extras } = asProfiles(agents, catalog);
  const manifestText = starterManifest({ platforms, profiles, agents: extras, schemaUrl: SCHEMA_URL });

  const edits = new Map<string, string | null>([
    [manifestFile, manifestText],
    [ORIGINAL_STATE_PATH, null],
  ]);
  const cleaned: MigrationSummary['cleaned'] = [];
  for (const target of targets.filter((t) => t.shared)) {
    const text = await host.read(target.shared!);
    if (text === undefined) continue;
    const stripped = stripGeneratedSections(text, state.agents.length);
    if (stripped.removed.length === 0 && stripped.notes.length === 0) continue;
    edits.set(target.shared!, stripped.text ?? null);
    cleaned.push({
      path: target.shared!,
      removed: stripped.removed,
      notes: stripped.notes,
      deleted: !stripped.text,
    });
  }
  // The per-agent files it generated become ours: a lock entry with their current content.
  const owned = targets.flatMap((t) =>
    t.file ? agents.map((a) => ({ path: t.file!(a), platform: t.ours, agent: a })) : [],
  );
  const found = await host.current(
    owned.map((o) => o.path),
    [],
  );
  const adoptedEntries: LockEntry[] = owned.flatMap((o) => {
    const now = found.get(o.path);
    return now
      ? [{ path: o.path, kind: 'file' as const, platform: o.platform, agent: o.agent, blob: now.blob }]
      : [];
  });
  for (const [path, text] of lockFiles({ version: 1, files: adoptedEntries, agents: {} }))
    edits.set(path, text);

  const result = await preparePlan(host, catalog, { manifestFile, edits });
  if (result.plan.blocked) {
    const blocked = result.plan.findings.filter((f) => f.action === 'blocked');
    throw new UserError(
      `cannot migrate: ${blocked.map((f) => `${f.path} (${f.kind}: ${f.message})`).join('; ')}`,
      { hint: 'nothing was changed' },
    );
  }
  return {
    manifestText,
    changes: result.changes,
    result,
    summary: {
      state,
      platforms,
      agents,
      profiles,
      skipped,
      adopted: adoptedEntries.map((e) => e.path),
      cleaned,
    },
  };
}

/**
 * The same set of agents, written as a person would: the profiles it holds whole, then the agents no
 * profile covers. Greedy, largest cover first — the original CLI installed whole profiles plus picks, so
 * its sets are profiles plus a few extras. A profile is taken only when every one of its agents is in the
 * set, so profiles ∪ extras is exactly the set (never one agent more).
 */
export function asProfiles(
  agents: readonly string[],
  catalog: Catalog,
): { profiles: string[]; extras: string[] } {
  const set = new Set(agents);
  const covered = new Set<string>();
  const profiles: string[] = [];
  for (;;) {
    let best: { id: string; gain: number } | undefined;
    for (const profile of catalog.profiles.values()) {
      if (profiles.includes(profile.id) || !profile.agents.every((a) => set.has(a))) continue;
      const gain = profile.agents.filter((a) => !covered.has(a)).length;
      if (gain >= 2 && (!best || gain > best.gain)) best = { id: profile.id, gain };
    }
    if (!best) break;
    profiles.push(best.id);
    for (const a of catalog.profiles.get(best.id)!.agents) covered.add(a);
  }
  return { profiles, extras: agents.filter((a) => !covered.has(a)) };
}
