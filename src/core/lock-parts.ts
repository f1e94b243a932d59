import { UserError } from './errors.js';
import { sha256 } from './hash.js';
import {
  agentLine,
  agentsProblem,
  byPath,
  entriesProblem,
  entryLine,
  fieldsProblem,
  linesBody,
  malformed,
  MAX_PART_DIGITS,
  parseJson,
  parseLockRoot,
  restoreHint,
  serializeLock,
  type Lock,
  type LockEntry,
  type Problem,
} from './lock.js';
import { LOCK_PARTS_DIR, LOCK_PATH } from './paths.js';

/**
 * The most bytes of one file of the lock. GraphQL cuts `Blob.text` at 512,000 bytes, so a file of this size
 * reads in a GraphQL batch (no REST request per file), and its JSON blob body stays well under 1 MB.
 */
export const LOCK_PART_BUDGET = 512_000;

/*
 * The lock's files. A lock whose one-file text fits the budget is that one file, byte for byte as before
 * parts existed. A larger one keeps its version and sources in the root `.github/blue-gardener.lock`, with
 * `"files": []`, `"parts": k` and `"agents": {}`, and its entries and agents in all 16^k parts
 * `.github/blue-gardener.lock.d/<b>.json`: an entry's bucket `b` is the first k hex digits of the SHA-256 of
 * its path, an agent's of its name. So nothing moves while k stays, and adding an agent changes one line in
 * each part its files and its name fall in. (The agents go to the parts too: at 121 bytes an agent the root
 * alone would pass the budget near 4,200 agents.) k is the smallest that keeps every part within the budget,
 * at most MAX_PART_DIGITS (65,536 parts). Past that — one bucket over 512,000 bytes at 4 digits needs about
 * 200 million entries, or one entry line that long — the parts are written at 4 digits anyway: still read by
 * every host (GitHub reads a text past GraphQL's cut through REST, and uploads a file too large for a tree
 * request as a blob), only no longer within the budget. Every part is written, an empty one too, so a part
 * deleted by hand is always noticed.
 */

/** Where the part of bucket `bucket` is. */
export const partPath = (bucket: string): string => `${LOCK_PARTS_DIR}/${bucket}.json`;

/** The bucket of a path among parts named by `digits` hex digits. */
export const bucketOf = (path: string, digits: number): string => sha256(path).slice(0, digits);

/** Every bucket name of `digits` hex digits, in order. */
export function bucketNames(digits: number): string[] {
  return Array.from({ length: 16 ** digits }, (_, i) => i.toString(16).padStart(digits, '0'));
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const MIN_ENTRY_LINE = 91;

/** A part's text from its lines (each list sorted): entries by path, agents by name. */
function partText(version: Lock['version'], bucket: string, files: string[], agents: string[]): string {
  return `{\n  "version": ${version},\n  "part": ${JSON.stringify(bucket)},\n  "files": [${linesBody(
    files,
  )}],\n  "agents": {${linesBody(agents)}}\n}\n`;
}

/** What one part holds, as read: the entries whose path, and the agents whose name, fall in its bucket. */
interface Part {
  files: LockEntry[];
  agents: Lock['agents'];
}

/**
 * The files the lock is written as: path → text, the root first. Deterministic: the same lock gives the
 * same paths and bytes. `budget` is for tests.
 */
export function lockFiles(lock: Lock, budget = LOCK_PART_BUDGET): Map<string, string> {
  // Every entry line is at least 91 bytes (`{"path":"a","kind":"file","platform":"a","blob":"<40 hex>"}`):
  // the one-file text is built only when it may fit, so a small lock costs what it did before parts.
  if (lock.files.length * MIN_ENTRY_LINE <= budget) {
    const whole = serializeLock(lock);
    if (bytes(whole) <= budget) return new Map([[LOCK_PATH, whole]]);
  }
  // Every line is built once (sorted, so each bucket's lines come out sorted too) and only joined per part.
  const files = [...lock.files].sort(byPath);
  const fileLines = files.map(entryLine);
  const names = Object.keys(lock.agents).sort();
  const agentLines = names.map((name) => agentLine(name, lock.agents[name]!));
  const fileHashes = files.map((e) => sha256(e.path));
  const nameHashes = names.map(sha256);
  for (let digits = 1; ; digits++) {
    const buckets = bucketNames(digits);
    const fileBuckets = new Map(buckets.map((b): [string, string[]] => [b, []]));
    const agentBuckets = new Map(buckets.map((b): [string, string[]] => [b, []]));
    fileLines.forEach((line, i) => fileBuckets.get(fileHashes[i]!.slice(0, digits))!.push(line));
    agentLines.forEach((line, i) => agentBuckets.get(nameHashes[i]!.slice(0, digits))!.push(line));
    const parts = buckets.map((b): [string, string] => [
      partPath(b),
      partText(lock.version, b, fileBuckets.get(b)!, agentBuckets.get(b)!),
    ]);
    if (digits === MAX_PART_DIGITS || parts.every(([, text]) => bytes(text) <= budget))
      return new Map([[LOCK_PATH, serializeLock(lock, digits)], ...parts]);
  }
}

/**
 * The lock from the texts of its files (path → text: the root, and the files named like a part in the
 * parts folder; see readLockFiles in engine.ts). Parts the root does not name are not read (a killed run's,
 * or a lock that became small again): the plan deletes them. Every error names the file and says to restore
 * it from git.
 */
export function lockFromFiles(texts: ReadonlyMap<string, string>): Lock {
  const { lock, parts } = parseLockRoot(texts.get(LOCK_PATH), LOCK_PATH);
  if (parts === undefined) return lock;
  const files: LockEntry[] = [];
  const agents: [string, Lock['agents'][string]][] = [];
  for (const bucket of bucketNames(parts)) {
    const file = partPath(bucket);
    const text = texts.get(file);
    if (text === undefined)
      throw new UserError(
        `the lock is in ${16 ** parts} parts (\`"parts": ${parts}\` in ${LOCK_PATH}), and its part \`${file}\` is missing`,
        { location: { file }, hint: restoreHint(file) },
      );
    const part = parsePart(text, file, bucket, lock.version);
    files.push(...part.files);
    agents.push(...Object.entries(part.agents));
  }
  // fromEntries defines each name as its own property (`__proto__` included), as JSON.parse does.
  return { ...lock, files, agents: Object.fromEntries(agents) };
}

/** One part's entries and agents, checked like the root's, each in the bucket its path or name hashes to. */
function parsePart(text: string, file: string, bucket: string, version: Lock['version']): Part {
  const data = parseJson(text, file);
  const problem = partProblem(data, bucket, version);
  if (problem) throw malformed(problem, file);
  return data as Part;
}

function partProblem(data: unknown, bucket: string, version: Lock['version']): Problem | undefined {
  const top = fieldsProblem(data, '(top level)', ['version', 'part', 'files', 'agents']);
  if (top) return top;
  const part = data as Record<string, unknown>;
  if (part['version'] !== version)
    return { at: 'version', message: `expected ${version}, the version of ${LOCK_PATH}` };
  // A part copied or renamed by hand would otherwise be read as another bucket's.
  if (part['part'] !== bucket) return { at: 'part', message: `expected "${bucket}", the part's file name` };
  const entries = entriesProblem(part['files'], 'files');
  if (entries) return entries;
  if (part['agents'] === undefined) return { at: 'agents', message: 'expected an object' };
  const agents = agentsProblem(part['agents'], 'agents');
  if (agents) return agents;
  // An entry or agent moved by hand: one path (one name), one part, so none is listed twice.
  const misplaced = (key: string, at: string): Problem | undefined => {
    const belongs = bucketOf(key, bucket.length);
    return belongs === bucket
      ? undefined
      : {
          at,
          message: `belongs in part "${belongs}" (the first ${bucket.length} hex digits of the SHA-256 of ${at.startsWith('files') ? 'its path' : 'its name'}), not in "${bucket}"`,
        };
  };
  for (const [i, entry] of (part['files'] as LockEntry[]).entries()) {
    const problem = misplaced(entry.path, `files.${i}.path`);
    if (problem) return problem;
  }
  for (const name of Object.keys(part['agents'] as object)) {
    const problem = misplaced(name, `agents.${name}`);
    if (problem) return problem;
  }
  return undefined;
}
