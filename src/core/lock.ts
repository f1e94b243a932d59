import { UserError } from './errors.js';
import type { RenderedFile } from './model.js';
import { isWritablePath } from './write-allowlist.js';
import { LOCK_PATH, MANIFEST_PATH } from './paths.js';

export interface LockEntry {
  path: string;
  kind: 'file' | 'block';
  platform: string;
  agent?: string;
  /** The skill the file belongs to (a whole file of a skill folder). */
  skill?: string;
  /** Git blob SHA of what we generated: the whole file, or for a block the text between our markers. */
  blob: string;
}

/**
 * What we generated last time: every path with its content hash and owner, sorted, no timestamps. Version 2:
 * every whole file listed carries our generated-by mark (ownership.ts); version 1 was written before marks.
 */
export interface Lock {
  version: 1 | 2;
  files: LockEntry[];
  agents: Record<string, { source: 'catalog' | 'custom'; sha256: string }>;
  /** Per source id: the spec it was resolved from, the exact commit, and a content hash per agent used. */
  sources?: Record<string, LockedSource>;
}

export interface LockedSource {
  spec: string;
  commit: string;
  agents: Record<string, string>;
  /** A content hash per skill of the source the manifest installs (absent when none). */
  skills?: Record<string, string>;
}

export const emptyLock = (): Lock => ({ version: 2, files: [], agents: {} });

const restore =
  'restore it from git (`git checkout -- .github/blue-gardener.lock`); it is written by blue-gardener only';

export function parseLock(text: string | undefined, file: string): Lock {
  if (text === undefined) return emptyLock();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the lock file is not valid JSON: ${(error as Error).message}`, {
      location: { file },
      hint: restore,
    });
  }
  const problem = lockProblem(data);
  if (problem) {
    throw new UserError(`the lock file is malformed at \`${problem.at}\`: ${problem.message}`, {
      location: { file },
      hint: restore,
    });
  }
  const lock = data as Lock;
  lock.agents ??= {};
  return lock;
}

type Problem = { at: string; message: string };
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const gitSha = /^[0-9a-f]{40}$/;

/**
 * The first way `data` is not a lock, or undefined. Written out rather than declared with zod: a lock has
 * hundreds of entries, and checking them was a tenth of a no-op sync.
 */
function lockProblem(data: unknown): Problem | undefined {
  const fields = (value: unknown, at: string, allowed: string[]): Problem | undefined => {
    if (!isRecord(value)) return { at, message: 'expected an object' };
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    return extra.length
      ? { at, message: `unknown key(s) ${extra.map((k) => `"${k}"`).join(', ')}` }
      : undefined;
  };
  const text = (value: unknown, at: string, pattern?: RegExp): Problem | undefined =>
    typeof value !== 'string' || value === ''
      ? { at, message: 'expected a non-empty string' }
      : pattern && !pattern.test(value)
        ? { at, message: `does not match ${pattern}` }
        : undefined;

  const oneOf = (value: unknown, at: string, options: string[]): Problem | undefined =>
    options.includes(value as string)
      ? undefined
      : { at, message: `expected ${options.map((o) => `"${o}"`).join(' or ')}` };
  const string = (value: unknown, at: string): Problem | undefined =>
    typeof value === 'string' ? undefined : { at, message: 'expected a string' };

  const top = fields(data, '(top level)', ['version', 'files', 'agents', 'sources']);
  if (top) return top;
  const lock = data as Record<string, unknown>;
  if (lock['version'] !== 1 && lock['version'] !== 2) return { at: 'version', message: 'expected 1 or 2' };
  if (!Array.isArray(lock['files'])) return { at: 'files', message: 'expected a list' };
  for (const [i, entry] of (lock['files'] as unknown[]).entries()) {
    const at = `files.${i}`;
    const problem = fields(entry, at, ['path', 'kind', 'platform', 'agent', 'skill', 'blob']);
    if (problem) return problem;
    const e = entry as Record<string, unknown>;
    const bad =
      text(e['path'], `${at}.path`) ??
      // An entry lets us overwrite or delete its path, so a hand-edited lock must not reach outside our folders.
      (isWritablePath(e['path'] as string) && e['path'] !== MANIFEST_PATH && e['path'] !== LOCK_PATH
        ? undefined
        : { at: `${at}.path`, message: 'a path outside the folders blue-gardener writes' }) ??
      oneOf(e['kind'], `${at}.kind`, ['file', 'block']) ??
      text(e['platform'], `${at}.platform`) ??
      (e['agent'] === undefined ? undefined : string(e['agent'], `${at}.agent`)) ??
      (e['skill'] === undefined ? undefined : text(e['skill'], `${at}.skill`)) ??
      text(e['blob'], `${at}.blob`, gitSha);
    if (bad) return bad;
  }
  if (lock['agents'] === undefined) return sourcesProblem(lock['sources'], fields, text);
  if (!isRecord(lock['agents'])) return { at: 'agents', message: 'expected an object' };
  for (const [name, value] of Object.entries(lock['agents'])) {
    const at = `agents.${name}`;
    const problem = fields(value, at, ['source', 'sha256']);
    if (problem) return problem;
    const a = value as Record<string, unknown>;
    const bad =
      oneOf(a['source'], `${at}.source`, ['catalog', 'custom']) ?? string(a['sha256'], `${at}.sha256`);
    if (bad) return bad;
  }
  return sourcesProblem(lock['sources'], fields, text);
}

/** The lock's `sources` section: id → { spec, commit (a full SHA), agents: name → sha256 }. */
function sourcesProblem(
  value: unknown,
  fields: (value: unknown, at: string, allowed: string[]) => Problem | undefined,
  text: (value: unknown, at: string, pattern?: RegExp) => Problem | undefined,
): Problem | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return { at: 'sources', message: 'expected an object' };
  for (const [id, entry] of Object.entries(value)) {
    const at = `sources.${id}`;
    const bad =
      fields(entry, at, ['spec', 'commit', 'agents', 'skills']) ??
      text((entry as Record<string, unknown>)['spec'], `${at}.spec`) ??
      text((entry as Record<string, unknown>)['commit'], `${at}.commit`, gitSha);
    if (bad) return bad;
    for (const kind of ['agents', 'skills'] as const) {
      const hashes = (entry as Record<string, unknown>)[kind];
      if (kind === 'skills' && hashes === undefined) continue;
      if (!isRecord(hashes)) return { at: `${at}.${kind}`, message: 'expected an object' };
      for (const [name, hash] of Object.entries(hashes)) {
        const problem = text(hash, `${at}.${kind}.${name}`, /^[0-9a-f]{64}$/);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** Deterministic text: entries sorted by path, keys in a fixed order, two-space JSON, final newline. */
export function serializeLock(lock: Lock): string {
  const files = [...lock.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // One entry per line: small, readable diffs when agents come and go. Each line is what JSON.stringify
  // writes for the entry with its keys in this order, built directly: a lock has hundreds of entries.
  const fileLine = (e: LockEntry) =>
    `{"path":${JSON.stringify(e.path)},"kind":${JSON.stringify(e.kind)},"platform":${JSON.stringify(e.platform)},${
      e.agent ? `"agent":${JSON.stringify(e.agent)},` : ''
    }${e.skill ? `"skill":${JSON.stringify(e.skill)},` : ''}"blob":${JSON.stringify(e.blob)}}`;
  const agentLine = (name: string) => {
    const { source, sha256 } = lock.agents[name]!;
    return `${JSON.stringify(name)}: {"source":${JSON.stringify(source)},"sha256":${JSON.stringify(sha256)}}`;
  };
  const list = (items: string[]) => (items.length ? `\n    ${items.join(',\n    ')}\n  ` : '');
  const hashesOf = (map: Record<string, string>) =>
    Object.keys(map)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${JSON.stringify(map[name])}`)
      .join(',');
  const sourceLine = (id: string) => {
    const { spec, commit, agents, skills } = lock.sources![id]!;
    // `skills` only when the manifest installs some of the source's: other locks keep their bytes.
    const skillHashes = skills && Object.keys(skills).length ? `,"skills":{${hashesOf(skills)}}` : '';
    return `${JSON.stringify(id)}: {"spec":${JSON.stringify(spec)},"commit":${JSON.stringify(commit)},"agents":{${hashesOf(agents)}}${skillHashes}}`;
  };
  // `sources` only when the manifest has some: locks of repositories without sources keep their bytes.
  const sources =
    lock.sources && Object.keys(lock.sources).length
      ? `,\n  "sources": {${list(Object.keys(lock.sources).sort().map(sourceLine))}}`
      : '';
  return `{\n  "version": ${lock.version},\n  "files": [${list(files.map(fileLine))}],\n  "agents": {${list(
    Object.keys(lock.agents).sort().map(agentLine),
  )}}${sources}\n}\n`;
}

export function lockEntryFor(file: RenderedFile, blob: string): LockEntry {
  const { path, kind, platform, agent, skill } = file;
  return { path, kind, platform, ...(agent ? { agent } : {}), ...(skill ? { skill } : {}), blob };
}
