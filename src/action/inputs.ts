import { UserError } from '../core/errors.js';
import { MANIFEST_PATH } from '../core/paths.js';
import type { ActionIO } from '../runs/io.js';
import { DEFAULT_SYNC_BRANCH, type RunOptions } from '../runs/context.js';
import type { BotOptions } from '../bot/dispatch.js';
import { isMode, modes, type Mode } from './modes.js';
import { isPermission, type Permission } from '../bot/permission.js';
import { readFleetInputs, type FleetInputs } from '../fleet/inputs.js';

/** The action's inputs, read and validated in one place; `run` is what the runs see of them. */
export interface Inputs {
  token: string;
  mode: Mode;
  base: string | undefined;
  repository: { owner: string; repo: string } | undefined;
  run: RunOptions;
  bot: BotOptions;
  /** Many repositories: discover, the per-repository results, inheritance and onboarding. */
  fleet: FleetInputs;
}

export const DEFAULT_BRANCH = DEFAULT_SYNC_BRANCH;
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
  const mode = io.input('mode').trim() || 'pull-request';
  if (!isMode(mode)) {
    const names = Object.keys(modes);
    throw new UserError(
      `input \`mode\` must be ${names.slice(0, -1).join(', ')} or ${names.at(-1)}, got \`${mode}\``,
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
  const fleet = readFleetInputs(io, (name, fallback) => bool(io, name, fallback));
  return {
    token,
    mode,
    base: io.input('base').trim() || undefined,
    repository: repo,
    run: {
      manifest: io.input('manifest').trim() || MANIFEST_PATH,
      branch,
      commitMessage: io.input('commit-message').trim() || DEFAULT_COMMIT_MESSAGE,
      prTitle: io.input('pr-title').trim() || DEFAULT_PR_TITLE,
      labels: list(io.input('labels')),
      reviewers: reviewersInput(io),
      draft: bool(io, 'draft', false),
      dryRun: bool(io, 'dry-run', false),
      fallbackToPullRequest: bool(io, 'fallback-to-pull-request', false),
      defaultManifest: fleet.defaultManifest,
      sarifFile: io.input('sarif-file').trim() || undefined,
    },
    bot: {
      prefix: prefixInput(io),
      readPermission: permissionInput(io, 'read-permission', 'read'),
      writePermission: permissionInput(io, 'write-permission', 'write'),
      allowEdited: bool(io, 'allow-edited-comments', false),
    },
    fleet,
  };
}

function reviewersInput(io: ActionIO): RunOptions['reviewers'] {
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
