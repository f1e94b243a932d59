/** Shared types of the compatibility check (`npm run compat`). */

/** One HTTP request received by the recording server inside the sandbox. */
export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

/** What one sandboxed tool run produced. */
export interface SandboxOutput {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  requests: RecordedRequest[];
}

/** Folders of one tool run: a copy of the generated repository and a scratch HOME. */
export interface RunContext {
  repo: string;
  home: string;
  work: string;
  /** Base URL of the recording server, e.g. http://127.0.0.1:18080 (no trailing slash). */
  baseUrl: string;
  expected: readonly string[];
}

export interface Invocation {
  args: string[];
  env?: Record<string, string>;
  /** Start the recording model endpoint inside the sandbox. */
  record?: boolean;
  /** Paths the endpoint answers with this JSON instead of refusing (needs `record`). */
  responses?: Record<string, unknown>;
}

export interface Parsed {
  /** Every agent name the tool reported as loaded (built-ins included; the runner filters). */
  names: string[];
  /** The description the tool shows for an agent, where its output has one (may be shortened with …). */
  descriptions?: Record<string, string>;
  /** Rejections and warnings the tool printed about agent files. */
  messages: string[];
  notes?: string[];
}

export interface Adapter {
  /** Row id, e.g. `claude-code` or `claude-code/validate`. */
  id: string;
  /** Folder under the cache where its npm packages are installed. */
  cacheDir: string;
  /** Exact npm specs (package@version) installed into that folder. */
  packages: string[];
  /** The executable, relative to the cache folder; with `script`, a file that shows the install worked. */
  bin: string;
  /**
   * For a tool that ships its loader as a library: a script in scripts/compat/loaders, run with Node and
   * given the cache folder before the invocation's arguments.
   */
  script?: string;
  /**
   * How the control run breaks this tool's file: `no-frontmatter` (the default) deletes the frontmatter;
   * `wrong-type` makes the description a list, for tools that still list a file without frontmatter.
   */
  control?: 'no-frontmatter' | 'wrong-type';
  /** Generated folder this tool reads. */
  reads: string;
  /** How the agents are loaded, for the table. */
  method: string;
  /** Generated paths left out of this tool's copy (with the reason in `notes`). */
  omit?: string[];
  notes?: string[];
  prepare?(ctx: RunContext): void;
  invocation(ctx: RunContext): Invocation;
  parse(out: SandboxOutput, ctx: RunContext): Parsed;
  /** A second offline command whose output holds the loader's warnings (e.g. `codex doctor --json`). */
  diagnostics?: { args: string[]; parse(out: SandboxOutput): string[] };
}

export interface ToolResult {
  id: string;
  packages: string[];
  version: string;
  method: string;
  reads: string;
  status: 'verified' | 'problems' | 'not runnable';
  recognised: string[];
  missing: string[];
  unexpected: string[];
  messages: string[];
  notes: string[];
  exitCode: number | null;
  durationMs: number;
  /** In a control run: the file broken and how. */
  control?: string;
}
