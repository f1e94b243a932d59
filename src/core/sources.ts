import { z } from 'zod';
import { agentNamePattern, parseAgent, parseProfiles, sortedMap } from './catalog.js';
import { refuseReplacementCharacters } from './text-input.js';
import { UserError, throwAll, type SourceLocation } from './errors.js';
import { loadSkills, type Skill, type TreeFile } from './skill.js';
import type { Agent, Catalog } from './model.js';

/**
 * Sources: folders of agents in other git repositories (an organisation's catalog, a public collection),
 * named in the manifest's `sources:` and pinned in the lock at an exact commit. Pure: reading a source is
 * a host's job (hosts/source-reader.ts); this file parses specs, checks URLs and builds a source's catalog.
 */

/** A source id: a slug, like agent names (`acme` in `acme/reviewer`). */
export const sourceIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** `<source>/<name>`: an agent or profile of a source. */
export const qualifiedPattern = /^([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})$/;

const folderPath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === ''),
    {
      message: 'a relative folder inside the source repository, with / separators and no `..`',
    },
  );

/** `owner/repo[/folder]@ref` on GitHub. */
const GITHUB_SPEC = /^([A-Za-z0-9][\w.-]*)\/([\w.-]+)((?:\/[^@\s/]+)*)@([^\s@]+)$/;

/** No `.` or `..` as a repository name or folder segment: a spec names one folder of one repository. */
const dotSegments = (spec: string) => {
  const m = GITHUB_SPEC.exec(spec);
  return !m || ![m[2]!, ...m[3]!.split('/').slice(1)].some((s) => s === '.' || s === '..');
};

export const sourceSpecSchema = z.union([
  z
    .string()
    .regex(GITHUB_SPEC, 'owner/repo[/folder]@ref (ref: a branch, tag or commit SHA)')
    .refine(dotSegments, 'owner/repo[/folder]@ref with no `.` or `..` as the repository or a folder')
    .describe('A GitHub repository folder: owner/repo[/folder]@ref.'),
  z
    .strictObject({
      git: z
        .string()
        .min(1)
        .describe('A git URL: https://…, ssh://…, git@host:path, file://… or a local path.'),
      ref: z.string().min(1).describe('Branch, tag or commit SHA.'),
      path: folderPath
        .optional()
        .describe('Folder of the repository that holds the agents (default: its root).'),
    })
    .describe('Any git repository.'),
]);
export type SourceSpec = z.output<typeof sourceSpecSchema>;

/** Where a source is, normalised: the one shape readers and the lock use. */
export interface SourceLocationSpec {
  id: string;
  kind: 'github' | 'git';
  /** GitHub: `owner/repo`; git: the URL or local path as written. */
  repository: string;
  ref: string;
  /** Folder inside the repository ('' = root). */
  path: string;
  /** The spec as one line, recorded in the lock (a changed spec is resolved again). */
  spec: string;
}

/** Parses a validated spec; `where` locates the manifest entry for errors about its URL. */
export function sourceLocation(id: string, spec: SourceSpec, where?: SourceLocation): SourceLocationSpec {
  if (typeof spec === 'string') {
    const m = GITHUB_SPEC.exec(spec)!;
    return {
      id,
      kind: 'github',
      repository: `${m[1]}/${m[2]}`,
      ref: m[4]!,
      path: m[3]!.replace(/^\//, ''),
      spec,
    };
  }
  checkGitUrl(spec.git, id, where);
  checkRef(spec.ref, id, where);
  const path = spec.path ?? '';
  return {
    id,
    kind: 'git',
    repository: spec.git,
    ref: spec.ref,
    path,
    spec: `${spec.git}@${spec.ref}${path ? `#${path}` : ''}`,
  };
}

function checkRef(ref: string, id: string, where?: SourceLocation): void {
  if (ref.startsWith('-') || /[\s~^:?*[\\]|\.\.|@\{/.test(ref))
    throw new UserError(`source \`${id}\`: \`${ref}\` is not a valid git ref`, {
      location: where,
      hint: 'a branch or tag name, or a commit SHA',
    });
}

/**
 * Whether git reads the URL as ssh's `[user@]host:path`: no `scheme://`, no `<transport>::`, and a `:`
 * before the first `/` (git's own rule; `./a:b` is a local path).
 */
export function isScpLike(url: string): boolean {
  return (
    !/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(url) &&
    !/^[a-zA-Z][a-zA-Z0-9+.-]*::/.test(url) &&
    /^[^/]*:/.test(url)
  );
}

/**
 * Only https, ssh (`ssh://` or `git@host:path`) and local paths (`file://`, absolute or relative): no
 * plain http or git://, no `ext::` transports, no option-like URLs, and no credentials in the manifest.
 */
export function checkGitUrl(url: string, id: string, where?: SourceLocation): void {
  const refuse = (why: string, hint: string) => {
    throw new UserError(`source \`${id}\`: ${why}`, { location: where, hint });
  };
  if (url.startsWith('-') || /[\s\0]/.test(url))
    refuse(`\`${url}\` is not a git URL`, 'write an https://, ssh:// or file:// URL, or a local path');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  const scpLike = isScpLike(url);
  if (scheme && !['https', 'ssh', 'file'].includes(scheme))
    refuse(
      `\`${scheme}://\` URLs are not allowed`,
      'use https://, ssh:// (or git@host:path) or a local path',
    );
  if (!scheme && !scpLike && /^[a-zA-Z][a-zA-Z0-9+.-]*::/.test(url))
    refuse('git transport helpers (`<transport>::`) are not allowed', 'use https://, ssh:// or a local path');
  // The user and host part: after `scheme://` up to the path, or before the first `/` of `user@host:path`.
  const authority = scheme ? url.slice(scheme.length + 3).split('/')[0]! : url.split('/')[0]!;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const host = scheme ? authority.slice(at + 1) : scpLike ? authority.slice(at + 1).split(':')[0]! : '';
  if (scheme === 'https' && userinfo !== undefined)
    refuse(
      'the URL carries credentials',
      'never put a token or password in the manifest; the git credential helper or the action token supplies them',
    );
  if (userinfo?.includes(':'))
    refuse(
      'the URL carries a password',
      'use an SSH key or a credential helper; never put a password in the manifest',
    );
  // A host git would hand to ssh as an option (`-oProxyCommand=…`) runs a command.
  if (host.startsWith('-'))
    refuse(`\`${url}\` is not a git URL`, 'write an https://, ssh:// or file:// URL, or a local path');
}

/**
 * The GitHub repository (`owner/repo`) a source is in: a GitHub spec, or a `git:` URL on
 * https://github.com. Such a source is read through the API by the action, and linked to on github.com.
 */
export function githubRepositoryName(
  location: Pick<SourceLocationSpec, 'kind' | 'repository'>,
): string | undefined {
  if (location.kind === 'github') return location.repository;
  return /^https:\/\/github\.com\/([A-Za-z0-9][\w.-]*\/[\w.-]+?)(?:\.git)?\/?$/i.exec(
    location.repository,
  )?.[1];
}

/** `allowed-sources`: owners (`acme`) or URL prefixes; a source must match one. */
export function isAllowedSource(location: SourceLocationSpec, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    if (!entry.includes('/') && !entry.includes(':')) {
      return (
        location.kind === 'github' && location.repository.split('/')[0]!.toLowerCase() === entry.toLowerCase()
      );
    }
    const target =
      location.kind === 'github' ? `https://github.com/${location.repository}` : location.repository;
    const prefix = entry.endsWith('/') ? entry : `${entry}/`;
    return (
      target === entry ||
      target.startsWith(prefix) ||
      (location.kind === 'github' && location.repository.startsWith(prefix))
    );
  });
}

/** One file of a source at a commit, relative to the source folder. */
export interface SourceTreeFile {
  path: string;
  text: string;
  executable: boolean;
  /** The bytes are not UTF-8 (`text` holds them decoded with replacement characters): refused if read as an agent. */
  notUtf8?: boolean;
  /** A symbolic link (`text` is empty): refused where an agent, the profiles file or a skill's file would be. */
  symlink?: boolean;
}

/** A source read at an exact commit: its agents and profiles, and the files of its `skills/` folder. */
export interface SourceCatalog extends Catalog {
  id: string;
  commit: string;
  /** Files under `skills/`, named as messages show them (`source:acme@1a2b3c4d5e6f/skills/pdf/SKILL.md`). */
  skillFiles: TreeFile[];
  /** Agent names whose file in the source is a symbolic link: never read, named in the error that asks for one. */
  links: string[];
}

/**
 * The skills of a source (`skills/<name>/SKILL.md` and its files), loaded and checked by the same code as
 * the repository's skills; read only when the manifest names one (`<source>/<skill>`).
 */
export function sourceSkills(source: SourceCatalog): Skill[] {
  // A reader decodes leniently (a skill may hold images); a file it found not UTF-8 is refused at its first
  // replacement character.
  for (const file of source.skillFiles)
    if (file.notUtf8)
      refuseReplacementCharacters(
        file.text,
        sourceFileLabel(source.id, source.commit, `skills/${file.path}`),
      );
  return loadSkills(source.skillFiles, sourceFileLabel(source.id, source.commit, 'skills'), source.id);
}

/** How a source file is named in messages: `source:acme@1a2b3c4d5e6f/backend/reviewer.md`. */
export const sourceFileLabel = (id: string, commit: string, path: string) =>
  `source:${id}@${commit.slice(0, 12)}${path ? `/${path}` : ''}`;

/**
 * Builds a source's catalog from its files: `profiles.yml` at the root; agents are the `*.md` files whose
 * name is an agent name (README.md and other upper-case files are documentation), at any depth except
 * under `skills/` (that folder holds skills). Each agent is checked exactly like a custom agent.
 */
export function buildSourceCatalog(
  id: string,
  commit: string,
  files: readonly SourceTreeFile[],
): SourceCatalog {
  const label = (path: string) => sourceFileLabel(id, commit, path);
  const agents = new Map<string, Agent>();
  const errors: UserError[] = [];
  const agentFiles = files
    .filter((f) => f.path.endsWith('.md') && !f.path.startsWith('skills/'))
    .filter((f) => agentNamePattern.test(f.path.split('/').pop()!.slice(0, -3)))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  // A link is never followed (it could point anywhere). An agent file that is a link is no agent; the
  // manifest naming it gets an error that says why (`links`), and the rest of the source stays usable.
  const links = agentFiles.filter((f) => f.symlink).map((f) => f.path.split('/').pop()!.slice(0, -3));
  const linkedProfiles = files.find((f) => f.path === 'profiles.yml' && f.symlink);
  if (linkedProfiles)
    throw new UserError(`${label('profiles.yml')} is a symbolic link in source \`${id}\``, {
      location: { file: label('profiles.yml') },
      hint: 'the source must hold the file itself: blue-gardener never follows a link',
    });
  for (const file of agentFiles.filter((f) => !f.symlink)) {
    try {
      // The source's blobs are decoded leniently (a source may hold images); an agent must be UTF-8.
      refuseReplacementCharacters(file.text, label(file.path));
      const agent = parseAgent({ path: label(file.path), text: file.text }, 'source');
      const before = agents.get(agent.name);
      if (before)
        errors.push(
          new UserError(
            `source \`${id}\` has two agents named \`${agent.name}\`: ${before.file} and ${agent.file}`,
            {
              location: { file: agent.file },
              hint: 'agent names become file names, so they must be unique within a source',
            },
          ),
        );
      agents.set(agent.name, { ...agent, origin: id });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors.push(...error.all());
    }
  }
  throwAll(errors);
  if (agents.size === 0)
    throw new UserError(`source \`${id}\` holds no agents at commit ${commit.slice(0, 12)}`, {
      location: { file: label('') },
      hint: 'a source is a folder of agent files (name.md with frontmatter); check its `path` and ref',
    });
  const profilesFile = files.find((f) => f.path === 'profiles.yml');
  if (profilesFile) refuseReplacementCharacters(profilesFile.text, label('profiles.yml'));
  const profiles = profilesFile
    ? parseProfiles({ path: label('profiles.yml'), text: profilesFile.text })
    : new Map();
  for (const profile of profiles.values())
    for (const member of profile.agents)
      if (!agents.has(member))
        throw new UserError(
          `profile \`${profile.id}\` of source \`${id}\` lists unknown agent \`${member}\``,
          {
            location: { file: label('profiles.yml') },
            hint: links.includes(member)
              ? `\`${member}\` is a symbolic link in the source, which blue-gardener never follows: the source must hold the file itself`
              : `agents of the source: ${[...agents.keys()].slice(0, 8).join(', ')}`,
          },
        );
  const skillFiles = files
    .filter((f) => f.path.startsWith('skills/'))
    .map((f) => ({
      path: label(f.path),
      text: f.text,
      executable: f.executable,
      ...(f.notUtf8 ? { notUtf8: true } : {}),
      ...(f.symlink ? { symlink: true } : {}),
    }));
  return { id, commit, agents: sortedMap(agents), profiles, skillFiles, links: links.sort() };
}

/** A source as this plan read it, against the lock: what `update` reports. */
export interface SourceState {
  id: string;
  spec: string;
  /** `owner/repo` when the source is on GitHub (for links to its commits). */
  github?: string;
  /** The locked commit (absent: new, or its spec changed). */
  before?: string;
  commit: string;
  /** Installed agents of the source whose content differs from the lock's (or that are new). */
  changedAgents: string[];
  /** Installed skills of the source whose files differ from the lock's (or that are new). */
  changedSkills: string[];
}

/** `acme/reviewer` → `['acme', 'reviewer']`; an unqualified name → undefined. */
export function splitQualified(name: string): [string, string] | undefined {
  const m = qualifiedPattern.exec(name);
  return m ? [m[1]!, m[2]!] : undefined;
}
