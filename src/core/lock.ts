import { z } from 'zod';
import { UserError } from './errors.js';
import type { RenderedFile } from './model.js';
import { isWritablePath } from './write-allowlist.js';

const gitSha = z.string().regex(/^[0-9a-f]{40}$/);
const entrySchema = z.strictObject({
  // A lock entry lets us overwrite or delete its path, so a hand-edited lock must not reach outside our folders.
  path: z.string().min(1).refine(isWritablePath, 'a path outside the folders blue-gardener writes'),
  kind: z.enum(['file', 'block']),
  platform: z.string().min(1),
  agent: z.string().optional(),
  /** Git blob SHA of what we generated: the whole file, or for a block the text between our markers. */
  blob: gitSha,
});
const lockSchema = z.strictObject({
  version: z.literal(1),
  files: z.array(entrySchema),
  agents: z
    .record(z.string(), z.strictObject({ source: z.enum(['catalog', 'custom']), sha256: z.string() }))
    .default({}),
});

export type LockEntry = z.infer<typeof entrySchema>;
/** What we generated last time: every path with its content hash and owner, sorted, no timestamps. */
export type Lock = z.infer<typeof lockSchema>;

export const emptyLock = (): Lock => ({ version: 1, files: [], agents: {} });

export function parseLock(text: string | undefined, file: string): Lock {
  if (text === undefined) return emptyLock();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the lock file is not valid JSON: ${(error as Error).message}`, {
      location: { file },
      hint: 'restore it from git (`git checkout -- .github/blue-gardener.lock`); it is written by blue-gardener only',
    });
  }
  const check = lockSchema.safeParse(data);
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new UserError(`the lock file is malformed at \`${issue.path.join('.')}\`: ${issue.message}`, {
      location: { file },
      hint: 'restore it from git; it is written by blue-gardener only',
    });
  }
  return check.data;
}

/** Deterministic text: entries sorted by path, keys in a fixed order, two-space JSON, final newline. */
export function serializeLock(lock: Lock): string {
  const files = [...lock.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // One entry per line: small, readable diffs when agents come and go. Each line is what JSON.stringify
  // writes for the entry with its keys in this order, built directly: a lock has hundreds of entries.
  const fileLine = (e: LockEntry) =>
    `{"path":${JSON.stringify(e.path)},"kind":${JSON.stringify(e.kind)},"platform":${JSON.stringify(e.platform)},${
      e.agent ? `"agent":${JSON.stringify(e.agent)},` : ''
    }"blob":${JSON.stringify(e.blob)}}`;
  const agentLine = (name: string) => {
    const { source, sha256 } = lock.agents[name]!;
    return `${JSON.stringify(name)}: {"source":${JSON.stringify(source)},"sha256":${JSON.stringify(sha256)}}`;
  };
  const list = (items: string[]) => (items.length ? `\n    ${items.join(',\n    ')}\n  ` : '');
  return `{\n  "version": 1,\n  "files": [${list(files.map(fileLine))}],\n  "agents": {${list(
    Object.keys(lock.agents).sort().map(agentLine),
  )}}\n}\n`;
}

export function lockEntryFor(file: RenderedFile, blob: string): LockEntry {
  const { path, kind, platform, agent } = file;
  return agent ? { path, kind, platform, agent, blob } : { path, kind, platform, blob };
}
