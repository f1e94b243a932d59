/** Model tier: `fast` (cheaper, quicker), `balanced` (the tool's own default), `deep` (its strongest). */
export const tiers = ['fast', 'balanced', 'deep'] as const;
export type Tier = (typeof tiers)[number];
/** What the agent may change: nothing, files (no shell), or everything the session allows. */
export const accessLevels = ['read-only', 'edits', 'full'] as const;
export type Access = (typeof accessLevels)[number];
/** `orchestrator`: plans and routes work to specialists; tools with a main/primary agent run it that way. */
export const roles = ['orchestrator', 'specialist'] as const;
export type Role = (typeof roles)[number];

/** An agent of the catalog or of the repository's custom folder, as loaded. */
export interface Agent {
  name: string;
  description: string;
  category: string;
  tags: string[];
  /** Agents this one routes work to (explicit data, checked against the body's `@blue-…` mentions). */
  delegates: string[];
  /** Model tier, mapped per tool to its own model or reasoning-effort key where it has one. */
  tier: Tier;
  /** Access level, mapped per tool to its own tool or permission keys where it has them. */
  access: Access;
  role: Role;
  /** Markdown body (the system prompt), LF line endings, ending with one newline. */
  body: string;
  /** `source`: from one of the manifest's `sources` (its id in `origin`). */
  source: 'catalog' | 'custom' | 'source';
  /** The source id of a `source` agent (`acme` for `acme/reviewer`). */
  origin?: string;
  /** Where it was loaded from, relative to its root, for messages. */
  file: string;
  /** A custom agent that deliberately replaces the catalog agent of the same name. */
  replacesCatalog?: boolean;
}

export interface Profile {
  id: string;
  description: string;
  agents: string[];
}

export interface Catalog {
  agents: ReadonlyMap<string, Agent>;
  profiles: ReadonlyMap<string, Profile>;
}

/** A file as one platform wants it: either the whole file, or our block inside a shared file. */
export interface RenderedFile {
  path: string;
  content: string;
  platform: string;
  /** The agent the file belongs to; absent for index blocks and skill files. */
  agent?: string;
  /** The skill the file belongs to (a file of `<skill root>/<skill>/`). */
  skill?: string;
  /** Written with the executable bit (a skill's script that was executable in its source). */
  executable?: boolean;
  /** `block`: only the text between our markers in a shared file is ours. */
  kind: 'file' | 'block';
}

export type ChangeOperation = 'create' | 'update' | 'delete';

export interface FileChange {
  path: string;
  operation: ChangeOperation;
  /** New content (absent for delete). */
  content?: string;
  /** Content before the change (absent for create). */
  before?: string;
  /**
   * `true`: the file is written executable (0777 less the umask on create; execute bits added on update;
   * mode 100755 in a GitHub tree). Absent or `false`: a new file is 0666 less the umask, and an updated file
   * keeps the mode it had.
   */
  executable?: boolean;
}

/**
 * A record's own entry for a key that came from input (a command, an id, a name): never an inherited
 * property such as `constructor`, `toString` or `__proto__`. Every lookup by a user-written string goes
 * through it (or a Map), so no input can reach the prototype.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
