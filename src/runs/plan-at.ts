import { UserError } from '../core/errors.js';
import { loadManifest } from '../core/manifest/load.js';
import type { FileChange } from '../core/model.js';
import { DEFAULT_CUSTOM_AGENTS, isLockPartPath, LOCK_PATH } from '../core/paths.js';
import { planText } from '../core/report/text.js';
import { skillsRunningCode } from '../core/skill-code.js';
import type { MarkdownReport, SourceUpdate } from '../core/report/markdown.js';
import {
  loadCustomAgents,
  loadRepositorySkills,
  preparePlan,
  readManifestText,
  type EngineResult,
} from '../engine.js';
import { repoHost } from '../hosts/github/repo-host.js';
import { readSnapshot, type Snapshot } from '../hosts/github/snapshot.js';
import { githubSourceReader } from '../hosts/github/source-reader.js';
import { platforms } from '../platforms/registry.js';
import type { FlowContext, FlowRequest, RepoHost } from './context.js';
import { resolveManifestSource } from './manifest-source.js';

/** A plan made against one read of the branch, with its report. */
export interface PlannedRun {
  snapshot: Snapshot;
  /** The snapshot as a host: reads more texts when a report needs them. */
  host: RepoHost;
  result: EngineResult;
  changes: FileChange[];
  report: MarkdownReport;
}

/**
 * Reads the branch (and our branch, when `ourBranch` is set), applies the manifest edit, plans. Blocked
 * plans stop here, before any write. `manifestFrom` picks the manifest a bot edit builds on (the one our
 * branch already proposes).
 */
export async function planAt(
  ctx: FlowContext,
  request: FlowRequest,
  ourBranch?: string,
  manifestFrom?: (s: Snapshot) => string | null,
): Promise<PlannedRun> {
  const { io, octokit, repo, options, catalog } = ctx;
  const snapshot = await io.group(
    `Read ${repo.owner}/${repo.repo}${request.at ? ` at ${request.at.label}` : request.base ? `@${request.base}` : ''}`,
    () =>
      readSnapshot(
        octokit,
        repo,
        request.base,
        ourBranch ? { branch: ourBranch, manifest: options.manifest } : undefined,
        request.at,
      ),
  );
  const host = repoHost(octokit, repo, snapshot);
  const shared = [...new Set(Object.values(platforms).flatMap((p) => (p.index ? [p.index.path] : [])))];
  // The lock's parts with the rest: a lock in parts costs a GraphQL request per MB of it, not one per part.
  const lockParts = [...snapshot.files.keys()].filter(isLockPartPath);
  await host.prefetch([options.manifest, LOCK_PATH, ...lockParts, ...shared], [DEFAULT_CUSTOM_AGENTS]);
  if (request.prepare) {
    const { result, changes } = await io.group('Plan', () => request.prepare!(host));
    io.info(planText({ ...result.plan, changes }, { applied: false }));
    return { snapshot, host, result, changes, report: report(ctx, snapshot, result, changes, false) };
  }
  // The repository's own manifest (and the one it extends), or the organisation's default.
  const source = await resolveManifestSource(
    octokit,
    options.defaultManifest,
    options.manifest,
    host,
    snapshot,
  );
  if (source.shared)
    io.info(
      `Manifest: ${source.origin === 'default' ? 'the organisation default' : 'extends'} ${source.shared}`,
    );
  let edits: Map<string, string> | undefined;
  if (request.editManifest) {
    // The branch must have a manifest of its own to edit, even when the edit builds on our branch's.
    const baseText = await readManifestText(host, options.manifest);
    const startText = manifestFrom?.(snapshot) ?? baseText;
    const start = loadManifest(startText, options.manifest, source.base).manifest;
    const custom = await loadCustomAgents(host, start['custom-agents']);
    const skills = (await loadRepositorySkills(host, start['custom-skills'])).map((s) => s.name);
    edits = new Map([[options.manifest, request.editManifest(startText, custom, source.base, skills)]]);
  }
  const result = await io.group('Plan', async () => {
    const r = await preparePlan(host, catalog, {
      manifestFile: options.manifest,
      ...(source.text !== undefined && !edits ? { manifestText: source.text } : {}),
      ...(source.base ? { base: source.base } : {}),
      ...(edits ? { edits } : {}),
      sourceReader: githubSourceReader(octokit, repo),
      ...(request.updateSources ? { updateSources: request.updateSources } : {}),
    });
    for (const w of [...r.warnings, ...r.renderWarnings.map((x) => x.message)]) io.warning(w);
    io.info(planText(r.plan, { applied: false }));
    return r;
  });
  if (result.plan.blocked) {
    const blocked = result.plan.findings.filter((f) => f.action === 'blocked');
    throw new UserError(
      `blue-gardener will not write ${snapshot.branch}: ${blocked.map((f) => `${f.path} (${f.kind}: ${f.message})`).join('; ')}`,
      { hint: 'nothing was changed' },
    );
  }
  const md = report(ctx, snapshot, result, result.changes, request.updateSources !== undefined);
  if (source.origin === 'default') md.manifest = source.shared!;
  return { snapshot, host, result, changes: result.changes, report: md };
}

function report(
  ctx: FlowContext,
  snapshot: Snapshot,
  result: EngineResult,
  changes: FileChange[],
  updating: boolean,
): MarkdownReport {
  return {
    ...(updating ? { update: sourceUpdate(result) } : {}),
    repository: `${ctx.repo.owner}/${ctx.repo.repo}`,
    branch: snapshot.branch,
    manifest: ctx.options.manifest,
    changes,
    findings: result.plan.findings,
    agentsByPlatform: Object.fromEntries(
      result.resolution.platforms.map((p) => [p, result.resolution.agents.map((a) => a.name)]),
    ),
    warnings: [...result.warnings, ...result.renderWarnings.map((w) => w.message)],
    changedAgents: result.plan.changedAgents,
    runsCode: skillsRunningCode(changes, result.rendered),
  };
}

/** Where the sources moved, and which hand-edited files the upstream change was merged into or conflicts with. */
function sourceUpdate(result: EngineResult): SourceUpdate {
  const agentOf = new Map(result.rendered.flatMap((f) => (f.agent ? [[f.path, f.agent] as const] : [])));
  const sourceOf = new Map(
    result.resolution.agents.map((a) => [a.name, a.source === 'source' ? a.origin : undefined]),
  );
  const edit = (path: string, conflict: boolean) => {
    const agent = agentOf.get(path);
    const source = agent ? sourceOf.get(agent) : undefined;
    return { path, conflict, ...(agent ? { agent } : {}), ...(source ? { source } : {}) };
  };
  return {
    sources: result.sources,
    handEdits: [
      ...result.plan.merged.map((p) => edit(p, false)),
      ...result.plan.conflicts.map((p) => edit(p, true)),
    ],
  };
}
