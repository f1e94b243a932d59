import type { z } from 'zod';
import type { Agent } from '../core/model.js';
import type { NativeSettings } from './native-settings.js';

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
 * What a tool does with text past one of its limits, which decides how it is reported:
 * - `cut`: the tool truncates or refuses it, so the agent would lose part of its prompt: always an error;
 * - `shortened`: the tool shortens it where it lists the agent (the model sees less of the description):
 *   an error for catalog agents (ours to fix), a warning for custom agents (they still load);
 * - `advice`: the tool only warns or advises: a warning.
 */
export type LimitEffect = 'cut' | 'shortened' | 'advice';

export interface Limit {
  /** What is measured, in UTF-16 code units (never fewer than the characters a tool counts). */
  of: 'file' | 'body' | 'description';
  /**
   * The most characters; a function when the tool shares one budget among all listed agents (it gets
   * the names of every agent installed on the target).
   */
  max: number | ((names: readonly string[]) => number);
  effect: LimitEffect;
  /** What the tool does, for the message, e.g. "Windsurf truncates a rule after 6,000 characters". */
  why: string;
  /**
   * For a shared budget: what the tool does when the agents installed leave no share at all (their names
   * alone fill it), said in place of `why`, whose "at most 0 characters" would read as nonsense.
   */
  whyNone?: string;
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
  /**
   * What a mention becomes when none of the agents it lists is installed (default: the main session), for
   * tools where that is not where work goes back to.
   */
  unrouted?: string;
  /** How a person invokes the agent in this tool (for indexes and reports). */
  invoke(name: string): string;
  /** The agent's native file. `body` already has its mentions rewritten and no trailing whitespace. */
  render(agent: ResolvedAgent, body: string): { path: string; content: string };
  /** What the tool does with text over a size it handles; checked in one place (limits.ts) after rendering. */
  limits: Limit[];
  /**
   * A reason this tool cannot load the agent as written (e.g. text its parser splits on), checked with the
   * limits; undefined when it can.
   */
  refuses?(agent: ResolvedAgent): string | undefined;
  /**
   * Targets that may not be enabled with this one: they write the same folder and the tool would list
   * each agent twice.
   */
  excludes?: string[];
  /**
   * Paths that show a repository already uses this tool (`init` and onboarding pick platforms by them): a
   * path ending in `/` is a folder holding any file, any other a file. Default: its first folder.
   */
  detect?: readonly string[];
  /** How the tool expresses role, access level and model tier (see native-settings.ts); absent: it cannot. */
  native?: NativeSettings;
  /**
   * How a person runs an orchestrator as the session's main agent in this tool, so that it can start the
   * specialists; absent where the tool has no such notion (the orchestrator then returns a plan).
   */
  runAsMain?: (name: string) => string;
  /**
   * Where the tool reads project skills (Agent Skills: `<root><name>/SKILL.md` plus supporting files);
   * absent: the tool reads no project skills, and a manifest with skills is told so. Targets with the
   * same root get each skill once. Every file is copied byte for byte (the SKILL.md stays spec-clean).
   */
  skills?: { root: string };
  /** A managed index block in a shared root file, if this tool needs one. */
  index?: { path: string; heading: string; maxBytes: number };
}
