import { UserError } from './errors.js';
import type { RenderedFile } from './model.js';
import { isWritablePath } from './write-allowlist.js';
import { isLockPath, MANIFEST_PATH } from './paths.js';

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

/** The hint of every error about a file of the lock: it is ours, so the fix is git's copy of it. */
export const restoreHint = (file: string): string =>
  `restore it from git (\`git checkout -- ${file}\`); it is written by blue-gardener only`;

/** The most hex digits of a part's name (core/lock-parts.ts): 16^4 = 65,536 parts. */
export const MAX_PART_DIGITS = 4;

/** What the root lock file says: the lock (its entries, unless in parts) and how many hex digits name its parts. */
export interface LockRoot {
  lock: Lock;
  /** Set when the entries are in parts `.github/blue-gardener.lock.d/<digits>.json` (see lock-parts.ts). */
  parts?: number;
}

/** A lock in one file (`files` inline). A lock whose root names parts is read with `lockFromFiles`. */
export function parseLock(text: string | undefined, file: string): Lock {
  const root = parseLockRoot(text, file);
  if (root.parts !== undefined) throw new Error(`internal: ${file} is in parts; read it with lockFromFiles`);
  return root.lock;
}

/** The root lock file: everything but, when `parts` is set, the entries. */
export function parseLockRoot(text: string | undefined, file: string): LockRoot {
  if (text === undefined) return { lock: emptyLock() };
  const data = parseJson(text, file);
  const problem = lockProblem(data);
  if (problem) throw malformed(problem, file);
  const { parts, ...lock } = data as Lock & { parts?: number };
  lock.agents ??= {};
  return parts === undefined ? { lock } : { lock, parts };
}

/** JSON.parse, or the UserError naming the file of the lock that is not JSON. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`the lock file is not valid JSON: ${(error as Error).message}`, {
      location: { file },
      hint: restoreHint(file),
    });
  }
}

export type Problem = { at: string; message: string };

/** The UserError for a lock file that is JSON but not what we write. */
export function malformed(problem: Problem, file: string): UserError {
  return new UserError(`the lock file is malformed at \`${problem.at}\`: ${problem.message}`, {
    location: { file },
    hint: restoreHint(file),
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const gitSha = /^[0-9a-f]{40}$/;

/** The first key of `value` outside `allowed`, or that it is not an object. */
export const fieldsProblem = (value: unknown, at: string, allowed: string[]): Problem | undefined => {
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

/**
 * The first way a list of entries (`files` of a lock or of one of its parts) is not one, or undefined. An
 * entry lets us overwrite or delete its path, so a hand-edited lock must not reach outside our folders, nor
 * name the manifest or a file of the lock itself (the root or a part: ours by path, never a generated file).
 */
export function entriesProblem(files: unknown, at: string): Problem | undefined {
  if (!Array.isArray(files)) return { at, message: 'expected a list' };
  for (const [i, entry] of (files as unknown[]).entries()) {
    const here = `${at}.${i}`;
    const problem = fieldsProblem(entry, here, ['path', 'kind', 'platform', 'agent', 'skill', 'blob']);
    if (problem) return problem;
    const e = entry as Record<string, unknown>;
    const bad =
      text(e['path'], `${here}.path`) ??
      (isWritablePath(e['path'] as string) && e['path'] !== MANIFEST_PATH && !isLockPath(e['path'] as string)
        ? undefined
        : { at: `${here}.path`, message: 'a path outside the folders blue-gardener writes' }) ??
      oneOf(e['kind'], `${here}.kind`, ['file', 'block']) ??
      text(e['platform'], `${here}.platform`) ??
      (e['agent'] === undefined ? undefined : string(e['agent'], `${here}.agent`)) ??
      (e['skill'] === undefined ? undefined : text(e['skill'], `${here}.skill`)) ??
      text(e['blob'], `${here}.blob`, gitSha);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * The first way `data` is not a lock's root file, or undefined. Written out rather than declared with zod: a
 * lock has hundreds of entries, and checking them was a tenth of a no-op sync.
 */
function lockProblem(data: unknown): Problem | undefined {
  const top = fieldsProblem(data, '(top level)', ['version', 'files', 'parts', 'agents', 'sources']);
  if (top) return top;
  const lock = data as Record<string, unknown>;
  if (lock['version'] !== 1 && lock['version'] !== 2) return { at: 'version', message: 'expected 1 or 2' };
  const files = entriesProblem(lock['files'], 'files');
  if (files) return files;
  const parts = lock['parts'];
  if (parts !== undefined) {
    if (!Number.isInteger(parts) || (parts as number) < 1 || (parts as number) > MAX_PART_DIGITS)
      return { at: 'parts', message: `expected a whole number from 1 to ${MAX_PART_DIGITS}` };
    // In parts, every entry and agent is in a part: one place each, so none is read twice or read wrong.
    if ((lock['files'] as unknown[]).length)
      return { at: 'files', message: 'expected [] when the entries are in parts' };
    if (isRecord(lock['agents']) && Object.keys(lock['agents']).length)
      return { at: 'agents', message: 'expected {} when the entries are in parts' };
  }
  return agentsProblem(lock['agents'], 'agents') ?? sourcesProblem(lock['sources']);
}

/** The first way an `agents` section (name → { source, sha256 }; absent: none) is not one, or undefined. */
export function agentsProblem(value: unknown, at: string): Problem | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return { at, message: 'expected an object' };
  for (const [name, agent] of Object.entries(value)) {
    const here = `${at}.${name}`;
    const problem = fieldsProblem(agent, here, ['source', 'sha256']);
    if (problem) return problem;
    const a = agent as Record<string, unknown>;
    const bad =
      oneOf(a['source'], `${here}.source`, ['catalog', 'custom']) ?? string(a['sha256'], `${here}.sha256`);
    if (bad) return bad;
  }
  return undefined;
}

/** The lock's `sources` section: id → { spec, commit (a full SHA), agents: name → sha256 }. */
function sourcesProblem(value: unknown): Problem | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return { at: 'sources', message: 'expected an object' };
  for (const [id, entry] of Object.entries(value)) {
    const at = `sources.${id}`;
    const bad =
      fieldsProblem(entry, at, ['spec', 'commit', 'agents', 'skills']) ??
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

export const byPath = (a: LockEntry, b: LockEntry): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * One entry as one line: what JSON.stringify writes for the entry with its keys in this order, built
 * directly (a lock has hundreds of entries).
 */
export function entryLine(e: LockEntry): string {
  return `{"path":${JSON.stringify(e.path)},"kind":${JSON.stringify(e.kind)},"platform":${JSON.stringify(e.platform)},${
    e.agent ? `"agent":${JSON.stringify(e.agent)},` : ''
  }${e.skill ? `"skill":${JSON.stringify(e.skill)},` : ''}"blob":${JSON.stringify(e.blob)}}`;
}

/** One agent as one line of `agents`. */
export function agentLine(name: string, agent: Lock['agents'][string]): string {
  return `${JSON.stringify(name)}: {"source":${JSON.stringify(agent.source)},"sha256":${JSON.stringify(agent.sha256)}}`;
}

/** A JSON list or object body, one item per line, indented as a key of the top level object. */
export const linesBody = (items: readonly string[]): string =>
  items.length ? `\n    ${items.join(',\n    ')}\n  ` : '';

/**
 * Deterministic text: entries sorted by path, keys in a fixed order, two-space JSON, final newline. With
 * `parts`, the root of a lock in parts: its entries and agents go to the parts (lock-parts.ts), and `files`
 * and `agents` are empty.
 */
export function serializeLock(lock: Lock, parts?: number): string {
  // One entry per line: small, readable diffs when agents come and go.
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
      ? `,\n  "sources": {${linesBody(Object.keys(lock.sources).sort().map(sourceLine))}}`
      : '';
  const entries =
    parts === undefined
      ? `"files": [${linesBody([...lock.files].sort(byPath).map(entryLine))}],\n  "agents": {${linesBody(
          Object.keys(lock.agents)
            .sort()
            .map((name) => agentLine(name, lock.agents[name]!)),
        )}}`
      : `"files": [],\n  "parts": ${parts},\n  "agents": {}`;
  return `{\n  "version": ${lock.version},\n  ${entries}${sources}\n}\n`;
}

export function lockEntryFor(file: RenderedFile, blob: string): LockEntry {
  const { path, kind, platform, agent, skill } = file;
  return { path, kind, platform, ...(agent ? { agent } : {}), ...(skill ? { skill } : {}), blob };
}
