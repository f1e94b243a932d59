import { parseAgent } from './core/catalog.js';
import { driftPolicy } from './core/drift-policy.js';
import { UserError, throwAll, type SourceLocation } from './core/errors.js';
import { gitBlobSha, sha256 } from './core/hash.js';
import { type Lock } from './core/lock.js';
import { lockFromFiles } from './core/lock-parts.js';
import {
  buildSourceCatalog,
  githubRepositoryName,
  isAllowedSource,
  sourceLocation,
  sourceSkills,
  type SourceCatalog,
  type SourceLocationSpec,
  type SourceState,
} from './core/sources.js';
export type { SourceState } from './core/sources.js';
import type { SourceReader, SourceSnapshot } from './hosts/sources/reader.js';
import { loadManifest, type LoadedManifest } from './core/manifest/load.js';
import { type Manifest } from './core/manifest/schema.js';
import {
  isLockPartPath,
  LOCK_PARTS_DIR,
  LOCK_PATH,
  MANIFEST_PATH,
  ORIGINAL_STATE_PATH,
} from './core/paths.js';
import type { Agent, Catalog, FileChange, RenderedFile } from './core/model.js';
import type { RenderWarning } from './platforms/contract.js';
import { pathsToRead, plan, textsNeeded, type Plan } from './core/plan.js';
import { ownershipTexts } from './core/ownership.js';
import { render } from './core/render.js';
import { loadSkills, selectSkills, type Skill } from './core/skill.js';
import { checkSkillFolders, renderSkills } from './core/skill-render.js';
import { platforms as registry } from './platforms/registry.js';
import { resolve, type Resolution } from './core/resolve.js';
import { checkWritablePath } from './core/write-allowlist.js';
import type { Host } from './hosts/host.js';
import { overlayHost } from './hosts/overlay.js';

export interface EngineResult {
  loaded: LoadedManifest;
  resolution: Resolution;
  warnings: string[];
  renderWarnings: RenderWarning[];
  plan: Plan;
  /** What to write: the plan's changes, preceded by the request's edits (see PlanRequest.edits). */
  changes: FileChange[];
  /** Every file as the manifest generates it (reports point at where a file differs from it). */
  rendered: RenderedFile[];
  /** The installed skills, in the manifest's order. */
  skills: Skill[];
  /** The manifest's sources, as read (sorted by id). */
  sources: SourceState[];
}

/** Reads the manifest from the host; a missing manifest is a user error that points to `init`. */
export async function readManifest(
  host: Host,
  file = MANIFEST_PATH,
  base?: Manifest,
): Promise<{ text: string; loaded: LoadedManifest }> {
  const text = await readManifestText(host, file);
  return { text, loaded: loadManifest(text, file, base) };
}

/** The manifest's text, unparsed (for an edit that parses what it edits); missing: as readManifest. */
export async function readManifestText(host: Host, file = MANIFEST_PATH): Promise<string> {
  const text = await host.read(file);
  if (text === undefined) {
    const original = (await host.read(ORIGINAL_STATE_PATH)) !== undefined;
    throw new UserError(`no manifest at ${file} in ${host.label}`, {
      location: { file },
      hint: original
        ? `this repository uses the original blue-gardener CLI (${ORIGINAL_STATE_PATH}): run \`npx blue-gardener@1 migrate\``
        : 'run `npx blue-gardener@1 init` to write a starter manifest',
    });
  }
  return text;
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

/** What to plan: the repository's manifest, or another text, optionally on top of edits to the repository. */
export interface PlanRequest {
  /** Where the manifest is (default MANIFEST_PATH). */
  manifestFile?: string;
  /**
   * A manifest text to plan with instead of the file, that is not itself written (the organisation's
   * default manifest). To plan *and write* a new manifest, put it in `edits`.
   */
  manifestText?: string;
  /** The manifest it `extends`, already read and loaded (the action reads it through the API). */
  base?: Manifest;
  /**
   * Files as they would be after these edits (path → text, or null for deleted): the plan is made as if
   * they were made, and `changes` carries the edits and the plan as one change set against the host as it
   * is. The bot's and the CLI's manifest edits and the migration all plan this way.
   */
  edits?: ReadonlyMap<string, string | null>;
  /** Reads the manifest's `sources` (none: a manifest with sources is refused with the reason). */
  sourceReader?: SourceReader;
  /**
   * Sources to move to the newest commit of their ref (`update`): `true` for all, or their ids. Others are
   * read at the commit the lock pins, unless their spec changed since.
   */
  updateSources?: true | readonly string[];
}

/**
 * The whole pipeline up to the plan: load → resolve → render → read current files → plan. Nothing is
 * written; `host.apply(result.changes)` (or landing on GitHub) does that when the caller decides to.
 */
export async function preparePlan(
  host: Host,
  catalog: Catalog,
  request: PlanRequest = {},
): Promise<EngineResult> {
  const { manifestFile = MANIFEST_PATH, base, edits } = request;
  const seen = edits?.size ? overlayHost(host, edits) : host;
  const loaded =
    request.manifestText === undefined
      ? (await readManifest(seen, manifestFile, base)).loaded
      : loadManifest(request.manifestText, manifestFile, base);
  const custom = await loadCustomAgents(seen, loaded.manifest['custom-agents']);
  const lockTexts = await readLockFiles(seen);
  const lock = lockFromFiles(lockTexts);
  const sourceCatalogs = await loadSources(loaded, lock, request);
  const renderWith = (sources: typeof sourceCatalogs) => {
    const resolution = resolve(loaded, catalog, custom, sources);
    const known = new Set([
      ...catalog.agents.keys(),
      ...custom.map((a) => a.name),
      ...resolution.agents.map((a) => a.name),
    ]);
    return { resolution, rendered: render(resolution, known) };
  };
  const { resolution, rendered } = renderWith(sourceCatalogs);
  const skills = await loadInstalledSkills(seen, loaded, sourceCatalogs);
  const skillFiles = renderSkills(skills, resolution.platforms);
  rendered.files = [...rendered.files, ...skillFiles.files].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  for (const file of rendered.files) checkWritablePath(file.path);
  // `update`: the files as generated from the locked sources are the base of a three-way merge of hand edits.
  const bases = request.updateSources
    ? new Map(
        renderWith(await loadSources(loaded, lock, { ...request, updateSources: undefined }))
          .rendered.files.filter((f) => f.kind === 'file')
          .map((f) => [f.path, f.content]),
      )
    : undefined;
  const current = await seen.current(
    pathsToRead(rendered.files, lock),
    [
      ...textsNeeded(rendered.files, lock),
      ...(bases ? rendered.files.filter((f) => bases.has(f.path)).map((f) => f.path) : []),
    ],
    new Map(rendered.files.filter((f) => f.kind === 'file').map((f) => [f.path, f.content])),
    new Set(rendered.files.filter((f) => f.executable).map((f) => f.path)),
  );
  // Whether a locked file that would change is ours depends on its mark: its text (GitHub gave blobs only).
  const toCheck = ownershipTexts(rendered.files, lock, current);
  if (toCheck.length)
    for (const [path, file] of await seen.current(toCheck, toCheck)) current.set(path, file);
  checkSkillFolders(skillFiles.files, current, new Set(lock.files.map((e) => e.path)));
  const agentHashes: Lock['agents'] = {};
  const lockedSources: NonNullable<Lock['sources']> = {};
  for (const source of sourceCatalogs.values())
    lockedSources[source.id] = { spec: source.spec, commit: source.commit, agents: {} };
  for (const a of resolution.agents) {
    if (a.source === 'source') lockedSources[a.origin!]!.agents[a.name] = agentHash(a);
    else agentHashes[a.name] = { source: a.source, sha256: agentHash(a) };
  }
  for (const skill of skills) {
    const locked = lockedSources[skill.origin];
    if (locked) (locked.skills ??= {})[skill.name] = skillHash(skill);
  }
  const result = plan({
    rendered: rendered.files,
    current,
    lock,
    lockText: lockTexts.get(LOCK_PATH),
    lockParts: new Map([...lockTexts].filter(([path]) => path !== LOCK_PATH)),
    policy: driftPolicy(loaded.manifest['hand-edits']),
    agentHashes,
    sources: lockedSources,
    ...(bases ? { bases } : {}),
  });
  const warnings = [
    ...loaded.warnings,
    ...danglingWarnings(resolution.dangling),
    ...(skillFiles.without.length
      ? [
          `skills are not generated for ${skillFiles.without.join(', ')}: ${skillFiles.without.length === 1 ? 'this tool reads' : 'these tools read'} no project skills`,
        ]
      : []),
    ...namedSkillWarnings(resolution, skills),
    ...resolution.replaced.map(
      (name) => `custom agent \`${name}\` replaces the catalog agent of the same name`,
    ),
  ];
  const changes = edits?.size ? await compose(host, edits, result.changes) : result.changes;
  return {
    loaded,
    resolution,
    warnings,
    renderWarnings: rendered.warnings,
    plan: result,
    changes,
    rendered: rendered.files,
    skills,
    sources: [...sourceCatalogs.values()].map((source) => {
      const was = lock.sources?.[source.id];
      const same = was?.spec === source.spec;
      const now = lockedSources[source.id]!.agents;
      return {
        id: source.id,
        spec: source.spec,
        ...(source.github ? { github: source.github } : {}),
        ...(same ? { before: was.commit } : {}),
        commit: source.commit,
        changedAgents: Object.keys(now)
          .filter((name) => !same || was.agents[name] !== now[name])
          .sort(),
        changedSkills: Object.keys(lockedSources[source.id]!.skills ?? {})
          .filter((name) => !same || was.skills?.[name] !== lockedSources[source.id]!.skills![name])
          .sort(),
      };
    }),
  };
}

/**
 * The skills the manifest installs, loaded from its skills folder and checked. The folder is read only
 * when the manifest names a skill: every skill in it is then validated, listed or not.
 */
async function loadInstalledSkills(
  host: Host,
  loaded: LoadedManifest,
  sources: ReadonlyMap<string, SourceCatalog>,
): Promise<Skill[]> {
  const refs = loaded.manifest.skills;
  if (refs.length === 0) return [];
  const folder = loaded.manifest['custom-skills'];
  // The repository's folder is read when a repository skill is named; a source's skills when one of its is.
  const available = refs.some((r) => !r.includes('/')) ? await loadRepositorySkills(host, folder) : [];
  const loadedSkills = new Map<string, Skill[]>();
  const ofSource = (id: string) => {
    const source = sources.get(id);
    if (!source) return undefined;
    if (!loadedSkills.has(id)) loadedSkills.set(id, sourceSkills(source));
    return loadedSkills.get(id);
  };
  return selectSkills(refs, available, (i) => loaded.locate(['skills', i]), folder, ofSource, [
    ...sources.keys(),
  ]);
}

/** Every skill of the repository's skills folder, validated (for `add`, `search` and `list` too). */
export async function loadRepositorySkills(host: Host, folder: string): Promise<Skill[]> {
  return loadSkills(await host.listTree(folder), folder, 'repository');
}

/**
 * Agents whose per-tool settings name skills (Claude Code's `skills:` preloads them into the subagent)
 * that are not installed: the tool then looks for them among the person's own skills, or fails to load them.
 */
function namedSkillWarnings(resolution: Resolution, skills: readonly Skill[]): string[] {
  const installed = new Set(skills.map((s) => s.name));
  const missing: string[] = [];
  for (const agent of resolution.agents) {
    for (const id of resolution.platforms) {
      if (!registry[id].skills) continue;
      const named = agent.overrides[id]?.['skills'];
      if (!Array.isArray(named)) continue;
      for (const name of named as string[])
        if (!installed.has(name))
          missing.push(
            `agent \`${agent.name}\` names skill \`${name}\` on ${id}, which is not installed; add it to \`skills\``,
          );
    }
  }
  return [...new Set(missing)].sort();
}

type LoadedSource = SourceCatalog & { spec: string; github?: string };

/**
 * The manifest's sources as `sync` would read them (at the commits the lock pins), for `list` and `search`.
 * A manifest without sources reads nothing (and needs no reader).
 */
export async function readSources(
  host: Host,
  loaded: LoadedManifest,
  sourceReader: SourceReader | undefined,
): Promise<Map<string, SourceCatalog & { spec: string }>> {
  if (Object.keys(loaded.manifest.sources).length === 0) return new Map();
  const lock = lockFromFiles(await readLockFiles(host));
  return loadSources(loaded, lock, sourceReader ? { sourceReader } : {});
}

/** The profiles of read sources, by qualified id, with qualified members (what `remove` excludes from). */
export function sourceProfilesOf(sources: ReadonlyMap<string, SourceCatalog>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of sources.values())
    for (const profile of s.profiles.values())
      out.set(
        `${s.id}/${profile.id}`,
        profile.agents.map((a) => `${s.id}/${a}`),
      );
  return out;
}

/**
 * The texts of the lock's files as they are: the root, and every file named like a part in the parts folder
 * (one listing, so a GitHub host reads them in one batch; a person's other files there are not ours: they are
 * neither read nor checked, so a binary file or a link among them stops nothing). Parsed by lockFromFiles
 * (core/lock-parts.ts).
 */
export async function readLockFiles(host: Host): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const root = await host.read(LOCK_PATH);
  if (root !== undefined) texts.set(LOCK_PATH, root);
  for (const file of await host.listTree(LOCK_PARTS_DIR, isLockPartPath)) {
    if (file.symlink)
      throw new UserError(
        `\`${file.path}\` is a symbolic link where blue-gardener keeps a part of its lock`,
        {
          location: { file: file.path },
          hint: `delete the link and restore the part from git (\`git checkout -- ${file.path}\`)`,
        },
      );
    texts.set(file.path, file.text);
  }
  return texts;
}

/**
 * Reads the manifest's sources: each at the commit the lock pins when its spec is unchanged (so two runs
 * give the same bytes), else — new, changed, or asked to update — at the newest commit of its ref.
 */
async function loadSources(
  loaded: LoadedManifest,
  lock: Lock,
  request: PlanRequest,
): Promise<Map<string, LoadedSource>> {
  const specs = Object.entries(loaded.manifest.sources).sort(([a], [b]) => (a < b ? -1 : 1));
  const out = new Map<string, LoadedSource>();
  const update = request.updateSources;
  const unknown =
    update === true || !update ? [] : update.filter((id) => !Object.hasOwn(loaded.manifest.sources, id));
  if (unknown.length)
    throw new UserError(`update: the manifest has no source \`${unknown[0]}\``, {
      location: loaded.locate(['sources'], true),
      hint: specs.length
        ? `its sources: ${specs.map(([id]) => id).join(', ')}`
        : 'the manifest has no `sources`',
    });
  if (specs.length === 0) return out;
  const allowed = loaded.manifest['allowed-sources'];
  const locations = specs.map(([id, spec]) => {
    const where = loaded.locate(['sources', id]);
    const location = sourceLocation(id, spec, where);
    if (allowed && !isAllowedSource(location, allowed))
      throw new UserError(`source \`${id}\` (${location.repository}) is not in \`allowed-sources\``, {
        location: where,
        hint: `allowed: ${allowed.join(', ')}; ask the owners of the shared manifest to add it, or remove the source`,
      });
    return location;
  });
  const reader = request.sourceReader;
  if (!reader)
    throw new UserError('this run cannot read `sources`', {
      location: loaded.locate(['sources'], true),
      hint: 'run the CLI (it reads sources with git) or the action (it reads GitHub sources through the API)',
    });
  for (const location of locations) {
    const locked = lock.sources?.[location.id];
    const move = update === true || (update?.includes(location.id) ?? false);
    const pinned = locked && locked.spec === location.spec && !move ? locked.commit : undefined;
    const snapshot = await readSource(reader, location, pinned, loaded.locate(['sources', location.id]));
    out.set(location.id, {
      ...buildSourceCatalog(location.id, snapshot.commit, snapshot.files),
      spec: location.spec,
      ...(githubRepositoryName(location) ? { github: githubRepositoryName(location)! } : {}),
    });
  }
  return out;
}

/**
 * Reads one source; a reader's error that names no file (an unreachable URL, a missing ref or folder, a
 * source too large) points at the source's entry in the manifest, where the fix is made.
 */
async function readSource(
  reader: SourceReader,
  location: SourceLocationSpec,
  commit: string | undefined,
  where: SourceLocation,
): Promise<SourceSnapshot> {
  try {
    return await reader.read(location, commit);
  } catch (error) {
    if (!(error instanceof UserError) || error.location) throw error;
    throw new UserError(error.message, { location: where, hint: error.hint, more: error.more });
  }
}

/**
 * The edits, then the plan made on top of them, as one change set against the host as it is: an edit the
 * plan changes again is written once, with its final text; an edit that changes nothing is dropped.
 */
async function compose(
  host: Host,
  edits: ReadonlyMap<string, string | null>,
  planned: readonly FileChange[],
): Promise<FileChange[]> {
  const finalText = new Map<string, string | null>(edits);
  for (const c of planned) finalText.set(c.path, c.operation === 'delete' ? null : c.content!);
  // A planned file keeps its mode (a skill's script is written executable); an edit is plain text.
  const executable = new Set(planned.filter((c) => c.executable).map((c) => c.path));
  const mode = (path: string) => (executable.has(path) ? { executable: true } : {});
  const editedFirst = [...edits.keys()].sort();
  const paths = [...editedFirst, ...planned.map((c) => c.path).filter((p) => !edits.has(p))];
  const before = await host.current(paths, editedFirst);
  return paths.flatMap((path): FileChange[] => {
    const next = finalText.get(path)!;
    const now = before.get(path);
    const was = now?.text !== undefined ? { before: now.text } : {};
    if (next === null) return now ? [{ path, operation: 'delete', ...was }] : [];
    if (!now) return [{ path, operation: 'create', content: next, ...mode(path) }];
    return now.blob === gitBlobSha(next)
      ? []
      : [{ path, operation: 'update', content: next, ...was, ...mode(path) }];
  });
}

/** What identifies an agent's content, so the lock tells when the catalog changed an installed agent. */
/** A skill's content hash for the lock: every file's path, text and executable bit. */
export function skillHash(skill: Skill): string {
  return sha256(JSON.stringify(skill.files.map((f) => [f.path, f.text, f.executable])));
}

export function agentHash(agent: Agent): string {
  return sha256(
    JSON.stringify([
      agent.name,
      agent.description,
      agent.tags,
      agent.delegates,
      agent.role,
      agent.tier,
      agent.access,
      agent.body,
    ]),
  );
}

/** One short line about agents that installed agents route to but that are not installed, with the fix. */
function danglingWarnings(dangling: Resolution['dangling']): string[] {
  if (dangling.length === 0) return [];
  const targets = [...new Set(dangling.map((d) => d.to))].sort();
  const named = targets.slice(0, 3).join(', ') + (targets.length > 3 ? `, +${targets.length - 3} more` : '');
  return [
    `${targets.length} agent(s) that installed agents route work to are not installed, so that work goes back to the main session (${named}); add them, or set \`delegation: install\``,
  ];
}
