import type { z } from 'zod';
import type { Agent } from '../core/model.js';

/** An agent after resolution: what the manifest asks for it, per platform. */
export interface ResolvedAgent extends Agent {
  /** Per-platform override values, already validated against that platform's schema. */
  overrides: Readonly<Record<string, Record<string, unknown> | undefined>>;
}

/** A problem with one agent on one target that does not stop the run. */
export interface RenderWarning {
  agent: string;
  platform: string;
  message: string;
}

/**
 * One coding tool: where its files go and how one agent becomes a native file.
 * Implementations are data plus pure functions; `src/platforms/registry.ts` is the one table of them.
 */
export interface Platform {
  id: string;
  title: string;
  /** The vendor documentation this target follows. */
  docs: string;
  /** The only directories (or root files) this target may write; checked before any write. */
  writes: string[];
  /** Keys a manifest may override for one agent on this target (built on first use: see lazy-schema.ts). */
  overrides: () => z.ZodObject;
  /** How another agent is referred to inside a prompt, in this tool's own terms. */
  mention(name: string): string;
  /** How a person invokes the agent in this tool (for indexes and reports). */
  invoke(name: string): string;
  /** The agent's native file. `body` already has its mentions rewritten and no trailing whitespace. */
  render(agent: ResolvedAgent, body: string): { path: string; content: string };
  /** Size limits checked after rendering. */
  limits: {
    /** Hard limit on the whole file, in characters: over it is an error. */
    fileChars?: number;
    /** Soft limit: over it is a warning. */
    warnFileChars?: number;
    descriptionChars?: number;
  };
  /**
   * Paths that show a repository already uses this tool (`init` and onboarding pick platforms by them): a
   * path ending in `/` is a folder holding Markdown files, any other a file. Default: its first folder.
   */
  detect?: readonly string[];
  /** A managed index block in a shared root file, if this tool needs one. */
  index?: { path: string; heading: string; maxBytes: number };
}
