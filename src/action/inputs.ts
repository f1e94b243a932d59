import { UserError } from '../core/errors.js';
import { MANIFEST_PATH } from '../core/paths.js';
import type { ActionIO } from '../runs/io.js';
import { isPermission, type Permission } from '../bot/permission.js';
import { readFleetInputs, type FleetInputs } from '../fleet/inputs.js';

export type Mode = 'pull-request' | 'commit' | 'check' | 'repair' | 'discover' | 'aggregate';

/** The action's inputs, read and validated in one place. */
export interface Inputs {
  token: string;
  mode: Mode;
  manifest: string;
  base: string | undefined;
  branch: string;
  repository: { owner: string; repo: string } | undefined;
  commitMessage: string;
  prTitle: string;
  labels: string[];
  /** Logins, and teams as `org/slug`, asked to review a new pull request. */
  reviewers: { users: string[]; teams: string[] };
  draft: boolean;
  dryRun: boolean;
  fallbackToPullRequest: boolean;
  bot: { prefix: string; readPermission: Permission; writePermission: Permission; allowEdited: boolean };
  /** Many repositories: discover, the per-repository results, inheritance and onboarding. */
  fleet: FleetInputs;
}

export const DEFAULT_BRANCH = 'blue-gardener/sync';
export const DEFAULT_COMMIT_MESSAGE =
  'chore(agents): regenerate AI agent files from .github/blue-gardener.yml';
export const DEFAULT_PR_TITLE = 'Regenerate AI agent files (blue-gardener)';

function bool(io: ActionIO, name: string, fallback: boolean): boolean {
  const raw = io.input(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', '1'].includes(raw)) return true;
  if (['false', 'no', '0'].includes(raw)) return false;
  throw new UserError(`input \`${name}\` must be true or false, got \`${raw}\``);
}

export function readInputs(io: ActionIO): Inputs {
  const token = io.input('token');
  if (!token)
    throw new UserError('input `token` is empty', {
      hint: 'leave it unset to use the workflow token, or pass a GitHub App token',
    });
  io.setSecret(token);
  const mode = (io.input('mode').trim() || 'pull-request') as Mode;
  if (!['pull-request', 'commit', 'check', 'repair', 'discover', 'aggregate'].includes(mode)) {
    throw new UserError(
      `input \`mode\` must be pull-request, commit, check, repair, discover or aggregate, got \`${mode}\``,
    );
  }
  const repository = io.input('repository').trim();
  let repo: Inputs['repository'];
  if (repository) {
    const match = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
    if (!match) throw new UserError(`input \`repository\` must be owner/name, got \`${repository}\``);
    repo = { owner: match[1]!, repo: match[2]! };
  }
  const branch = io.input('branch').trim() || DEFAULT_BRANCH;
  if (!/^[\w./-]+$/.test(branch) || branch.includes('..'))
    throw new UserError(`input \`branch\` is not a valid branch name: \`${branch}\``);
  return {
    token,
    mode,
    manifest: io.input('manifest').trim() || MANIFEST_PATH,
    base: io.input('base').trim() || undefined,
    branch,
    repository: repo,
    commitMessage: io.input('commit-message').trim() || DEFAULT_COMMIT_MESSAGE,
    prTitle: io.input('pr-title').trim() || DEFAULT_PR_TITLE,
    labels: list(io.input('labels')),
    reviewers: reviewersInput(io),
    draft: bool(io, 'draft', false),
    dryRun: bool(io, 'dry-run', false),
    fallbackToPullRequest: bool(io, 'fallback-to-pull-request', false),
    bot: {
      prefix: prefixInput(io),
      readPermission: permissionInput(io, 'read-permission', 'read'),
      writePermission: permissionInput(io, 'write-permission', 'write'),
      allowEdited: bool(io, 'allow-edited-comments', false),
    },
    fleet: readFleetInputs(io, (name, fallback) => bool(io, name, fallback)),
  };
}

function reviewersInput(io: ActionIO): Inputs['reviewers'] {
  const reviewers = { users: [] as string[], teams: [] as string[] };
  for (const entry of list(io.input('reviewers'))) {
    const team = /^([\w.-]+)\/([\w.-]+)$/.exec(entry);
    if (team) reviewers.teams.push(team[2]!);
    else if (/^[A-Za-z\d](?:[A-Za-z\d-]{0,38})$/.test(entry)) reviewers.users.push(entry);
    else throw new UserError(`input \`reviewers\`: \`${entry}\` is neither a login nor org/team-slug`);
  }
  return reviewers;
}

/** A comma- or newline-separated input as its non-empty entries. */
function list(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function prefixInput(io: ActionIO): string {
  const prefix = io.input('command-prefix').trim() || '/blue';
  if (!/^[/!.][\w-]{1,20}$/.test(prefix))
    throw new UserError(`input \`command-prefix\` must look like /blue, got \`${prefix}\``);
  return prefix;
}

function permissionInput(io: ActionIO, name: string, fallback: Permission): Permission {
  const value = io.input(name).trim() || fallback;
  if (!isPermission(value) || value === 'none')
    throw new UserError(`input \`${name}\` must be read, triage, write, maintain or admin, got \`${value}\``);
  return value;
}
