/** An agent of the catalog or of the repository's custom folder, as loaded. */
export interface Agent {
  name: string;
  description: string;
  category: string;
  tags: string[];
  /** Agents this one routes work to (explicit data, checked against the body's `@blue-…` mentions). */
  delegates: string[];
  /** Inspects and reports only; targets that can restrict tools do so. */
  readonly: boolean;
  /** Markdown body (the system prompt), LF line endings, ending with one newline. */
  body: string;
  source: 'catalog' | 'custom';
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
  /** The agent the file belongs to; absent for index blocks. */
  agent?: string;
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
}
