import type { Agent, Catalog, FileChange } from '../core/model.js';
import type { Manifest } from '../core/manifest/schema.js';
import type { ManifestRef } from '../core/manifest/extends.js';
import type { MarkdownReport } from '../core/report/markdown.js';
import type { EngineResult } from '../engine.js';
import type { Octokit } from '../hosts/github/client.js';
import type { PullRequestResult } from '../hosts/github/pull-request.js';
import type { repoHost } from '../hosts/github/repo-host.js';
import type { OpenPullRequest, RepoRef } from '../hosts/github/snapshot.js';
import type { ActionIO } from './io.js';

/** The default of the `branch` input: our pull-request branch. */
export const DEFAULT_SYNC_BRANCH = 'blue-gardener/sync';

/** What a run needs to know about how to plan and land, and nothing else of the action's inputs. */
export interface RunOptions {
  /** The manifest's path in the repository. */
  manifest: string;
  /** Our branch, the head of the pull requests we open. */
  branch: string;
  commitMessage: string;
  prTitle: string;
  labels: string[];
  /** Logins, and team slugs, asked to review a new pull request. */
  reviewers: { users: string[]; teams: string[] };
  draft: boolean;
  dryRun: boolean;
  fallbackToPullRequest: boolean;
  /** `check` writes its findings here as SARIF 2.1.0, when set. */
  sarifFile?: string | undefined;
  /** The organisation's manifest for repositories that have none. */
  defaultManifest?: ManifestRef | undefined;
}

/** Everything a run needs: the client, the repository, the options, the catalog and the runner's IO. */
export interface FlowContext {
  io: ActionIO;
  octokit: Octokit;
  repo: RepoRef;
  options: RunOptions;
  catalog: Catalog;
}

export type RepoHost = ReturnType<typeof repoHost>;

/** One regeneration: on which branch, and an optional edit of the manifest (the bot's commands). */
export interface FlowRequest {
  base: string | undefined;
  /** Judge this commit instead of the head of `base` (read-only modes on a pull request or merge group). */
  at?: { commit: string; label: string };
  /** Edits the manifest text read from the branch the change lands on; the edit is committed with the files. */
  /** The edit, given the manifest text, the custom agents, the extended manifest and the repository's skill names. */
  editManifest?: (
    text: string,
    custom: readonly Agent[],
    base: Manifest | undefined,
    skills: readonly string[],
  ) => string;
  /** `update`: move these sources (`true`: all) to the newest commit of their ref before planning. */
  updateSources?: true | readonly string[];
  /** Plans something other than the manifest's regeneration (a migration); runs on the read snapshot. */
  prepare?: (host: RepoHost) => Promise<{ result: EngineResult; changes: FileChange[] }>;
  /**
   * Asked once a plan has changes, before anything is written: an outcome here stops the run with it
   * (`update`: these source commits were declined in a closed pull request).
   */
  gate?: (planned: {
    changes: FileChange[];
    report: MarkdownReport;
    openPullRequest: OpenPullRequest | null;
  }) => Promise<Outcome | undefined>;
  /** The pull request's title and body, when they are not the regeneration's (repair, migration). */
  title?: string;
  pullRequestBody?: (report: MarkdownReport) => string;
}

export interface Outcome {
  /** What the plan changes: the files of this run's commit when it made one (`commitSha`). */
  changes: FileChange[];
  /**
   * What the manifest still asks to change on the base branch, whoever writes it: the files an open pull
   * request proposes, or the files `check` found out of date. Defaults to `changes`.
   */
  pending?: FileChange[];
  commitSha?: string;
  pullRequest: PullRequestResult;
  /** `update`: not proposed, because a person closed this pull request unmerged for the same source commits. */
  declined?: { pullRequest: number };
  summary: string;
  report: MarkdownReport;
}

/** A run of one mode on one repository. */
export type Flow = (ctx: FlowContext, request: FlowRequest) => Promise<Outcome>;

export const noPullRequest: PullRequestResult = { operation: 'none' };
