import { UserError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { loadManifest } from '../core/manifest/load.js';
import { starterManifest } from '../core/manifest/template.js';
import { SCHEMA_URL } from '../core/manifest/template.js';
import type { FlowContext } from '../runs/context.js';
import type { FileChange } from '../core/model.js';
import {
  BranchMoved,
  isOurCommit,
  landOnBranch,
  someoneElsePushed,
  TRAILER_PLAN,
} from '../hosts/github/land.js';
import { upsertPullRequest, type PullRequestResult } from '../hosts/github/pull-request.js';
import { readSnapshot, type Snapshot } from '../hosts/github/snapshot.js';
import { detectPlatforms, presentIn } from '../core/detect-platforms.js';

export const ONBOARDING_TITLE = 'Set up blue-gardener: AI coding-agent files from one manifest';
const TRAILER_ONBOARDING = 'Blue-Gardener-Onboarding:';

export type OnboardingResult =
  'onboarding-created' | 'onboarding-updated' | 'onboarding-open' | 'onboarding-declined' | 'dry-run';

/** The proposed manifest: the `init` starter, for the tools whose folders the repository already has. */
export function onboardingManifest(files: ReadonlyMap<string, unknown>): string {
  const text = starterManifest({
    platforms: detectPlatforms(presentIn(files.keys())),
    profiles: ['core'],
    schemaUrl: SCHEMA_URL,
  });
  loadManifest(text, 'starter manifest'); // our own proposal must always be valid
  return text;
}

// No run URL or date in the body: the same proposal must give the same body, so re-runs change nothing.
function body(ctx: FlowContext, path: string, platformsFound: string, managedFrom: string): string {
  return [
    '## Set up blue-gardener',
    '',
    `This repository is part of a fleet whose AI coding-agent files blue-gardener keeps in sync from \`${managedFrom}\`, but it has no \`${path}\` yet. This pull request adds one and changes nothing else.`,
    '',
    '**What the file does.** It says which AI coding agents this repository wants and for which tools ' +
      `(here: ${platformsFound}). blue-gardener generates each tool's own agent files from it and keeps them up to date.`,
    '',
    '**What happens when you merge it.** The next fleet run opens a second pull request with the generated files ' +
      '(for example `.claude/agents/*.md`), for you to review. Text you wrote in shared files such as `AGENTS.md` is never touched.',
    '',
    '**To change the proposal**, edit the file in this pull request: push to its branch, and blue-gardener leaves your commits alone. ' +
      'The file is commented; `npx blue-gardener@1 search <words>` finds agents and `npx blue-gardener@1 profiles` lists profiles.',
    '',
    '**Not now?** Close this pull request: blue-gardener will not ask again while its branch ' +
      `\`${ctx.options.branch}\` exists. Delete the branch to be asked again.`,
    '',
  ].join('\n');
}

/**
 * Proposes a manifest to a repository that has none, in one pull request from our branch: created once,
 * updated in place when the proposal changes, never opened twice, never pushed over people's commits, and
 * not proposed again after someone closed it.
 */
export async function onboard(
  ctx: FlowContext,
  from: Snapshot,
  /** owner/name of the repository whose workflow runs the fleet. */
  managedFrom: string,
): Promise<{ result: OnboardingResult; pullRequest?: PullRequestResult }> {
  const { io, octokit, repo, options } = ctx;
  const snapshot = from.ours
    ? from
    : await readSnapshot(octokit, repo, from.branch, { branch: options.branch, manifest: options.manifest });
  const ours = snapshot.ours!;
  const proposed = onboardingManifest(snapshot.files);
  const head = ours.head;
  const ourOnboarding = head?.message.includes(TRAILER_ONBOARDING) ?? false;
  if (head && !isOurCommit(head)) {
    if (ours.pullRequest) {
      io.info(
        `People are editing the onboarding pull request #${ours.pullRequest.number}; leaving it to them.`,
      );
      return { result: 'onboarding-open', pullRequest: { operation: 'none', ...ours.pullRequest } };
    }
    throw someoneElsePushed(options.branch, head.oid);
  }
  if (head && ourOnboarding && !ours.pullRequest) {
    const closed = await octokit.rest.pulls.list({
      owner: repo.owner,
      repo: repo.repo,
      head: `${repo.owner}:${options.branch}`,
      state: 'closed',
      per_page: 1,
    });
    if (closed.data.length) {
      io.info(`The onboarding pull request #${closed.data[0]!.number} was closed; not proposing it again.`);
      return { result: 'onboarding-declined' };
    }
  }
  if (options.dryRun) return { result: 'dry-run' };
  const message = `chore(agents): add the blue-gardener manifest\n\n${TRAILER_ONBOARDING} ${sha256(proposed)}\n${TRAILER_PLAN} onboarding\n`;
  const upToDate = head !== null && ourOnboarding && ours.manifestText === proposed;
  const changes: FileChange[] = [{ path: options.manifest, operation: 'create', content: proposed }];
  try {
    // One attempt: a branch that moved meanwhile is left alone, and the next fleet run proposes again.
    await landOnBranch(
      { octokit, repo, log: io, first: { snapshot, changes }, replan: () => Promise.reject(), attempts: 1 },
      options.branch,
      () => ({ message, upToDate }),
    );
  } catch (error) {
    if (!(error instanceof BranchMoved)) throw error;
    throw new UserError(`\`${options.branch}\` changed while the onboarding proposal was prepared`, {
      hint: 'nothing was overwritten; the next run proposes it again on top of what is there',
    });
  }
  const found = loadManifest(proposed, options.manifest).platforms.join(', ');
  const pullRequest = await upsertPullRequest(octokit, repo, ours.pullRequest, {
    head: options.branch,
    base: snapshot.branch,
    title: ONBOARDING_TITLE,
    body: body(ctx, options.manifest, found, managedFrom),
    draft: options.draft,
  });
  io.info(`Onboarding pull request ${pullRequest.operation}: ${pullRequest.url ?? ''}`);
  const result =
    pullRequest.operation === 'created'
      ? 'onboarding-created'
      : upToDate && pullRequest.operation === 'none'
        ? 'onboarding-open'
        : 'onboarding-updated';
  return { result, pullRequest };
}
