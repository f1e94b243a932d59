import { CLI } from '../core/paths.js';
import type { CliContext } from './context.js';
import { add, platform, remove, UsageError } from './edit-commands.js';
import { init } from './init-command.js';
import { migrate } from './migrate-command.js';
import { list, platformsCommand, profilesCommand, searchCommand } from './read-commands.js';
import { doctor, repair } from './repair-commands.js';
import { check, syncWith, update } from './sync-command.js';

/** The options a command may take beside the global ones (`--dir`, `--json`, `--help`). */
export type CommandOption = 'dry-run' | 'diff' | 'platform' | 'profile' | 'frozen';
export type Values = { profile?: string[]; platform?: string[] };

export interface Command {
  /** The arguments after the command's name, as `help` shows them. */
  args: string;
  summary: string;
  options: CommandOption[];
  /** How many words may follow the command's name. */
  positionals: { min: number; max: number };
  /** One command line a person can copy, and what it does. */
  example: [line: string, what: string];
  /** What exit codes 0 and 1 mean for this command (2 is always a usage error). */
  exits: [success: string, failure: string];
  run(ctx: CliContext, positionals: string[], values: Values): Promise<number>;
}

const WRITES: CommandOption[] = ['dry-run', 'diff'];
const SYNC_EXITS: Command['exits'] = [
  'written, or nothing to write',
  'an error (named with its file and line), or a finding stopped the run; nothing was written',
];
const READ_EXITS: Command['exits'] = [
  'always, when the manifest (if any) is valid',
  'an error in the manifest',
];
const ANY = Number.MAX_SAFE_INTEGER;

/** The command table: dispatch, option checks and every help text are generated from it. */
export const commands: Record<string, Command> = {
  init: {
    args: '[--platform <id>…] [--profile <id>…]',
    summary: 'write a commented starter manifest for the tools the repository already uses',
    options: ['platform', 'profile', 'dry-run'],
    positionals: { min: 0, max: 0 },
    example: [
      `${CLI} init --platform cursor --profile frontend-react`,
      'a manifest for Cursor with one profile',
    ],
    exits: ['the manifest was written', 'a manifest already exists, or an unknown platform or profile'],
    run: (c, _p, v) => init(c, v.platform ?? [], v.profile ?? []),
  },
  sync: {
    args: '',
    summary: 'generate every agent file from the manifest',
    options: [...WRITES, 'frozen'],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} sync --dry-run`, 'list what would change, with line counts, and write nothing'],
    exits: SYNC_EXITS,
    run: (c) => syncWith(c),
  },
  check: {
    args: '',
    summary: 'exit 1 when generated files are stale, missing or hand-edited (writes nothing)',
    options: ['frozen'],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} check`, 'in CI, after the build'],
    exits: [
      'every generated file matches the manifest',
      'files are missing, stale or hand-edited, or an error',
    ],
    run: (c) => check(c),
  },
  add: {
    args: '<agent…> | --profile <id>',
    summary: 'add agents or a profile to the manifest, then sync',
    options: ['profile', ...WRITES],
    positionals: { min: 0, max: ANY },
    example: [`${CLI} add --profile core --dry-run`, 'what adding the core profile would write'],
    exits: SYNC_EXITS,
    run: (c, p, v) => {
      if (!p.length && !v.profile?.length) throw new UsageError('name at least one agent, or --profile <id>');
      return add(c, p, v.profile ?? []);
    },
  },
  remove: {
    args: '<agent…>',
    summary: 'remove agents from the manifest (or exclude them from their profile), then sync',
    options: WRITES,
    positionals: { min: 1, max: ANY },
    example: [`${CLI} remove blue-docker-specialist`, 'drop one agent and its files'],
    exits: SYNC_EXITS,
    run: (c, p) => remove(c, p),
  },
  platform: {
    args: 'add|remove <id…>',
    summary: 'enable or disable coding tools, then sync',
    options: WRITES,
    positionals: { min: 2, max: ANY },
    example: [`${CLI} platform add cursor codex`, 'also write Cursor and Codex agent files'],
    exits: SYNC_EXITS,
    run: (c, p) => platform(c, p[0], p.slice(1)),
  },
  update: {
    args: '[source…]',
    summary: 'move sources to the newest commit of their ref and regenerate (all sources when none named)',
    options: WRITES,
    positionals: { min: 0, max: ANY },
    example: [`${CLI} update acme`, 'take the newest agents of source `acme`'],
    exits: SYNC_EXITS,
    run: (c, p) => update(c, p),
  },
  list: {
    args: '',
    summary: 'every catalog agent, ✓ when installed',
    options: [],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} list --json`, 'the catalog as JSON'],
    exits: READ_EXITS,
    run: (c) => list(c),
  },
  search: {
    args: '<words…>',
    summary: 'find agents by name, tag, category or description (typos tolerated)',
    options: [],
    positionals: { min: 1, max: ANY },
    example: [`${CLI} search github actions`, 'the agents for CI workflows'],
    exits: ['results, or none', 'never (a search cannot fail)'],
    run: (c, p) => searchCommand(c, p.join(' ')),
  },
  profiles: {
    args: '',
    summary: 'the install profiles and their agents',
    options: [],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} profiles`, 'what each profile installs'],
    exits: ['always', 'never'],
    run: (c) => profilesCommand(c),
  },
  platforms: {
    args: '',
    summary: 'the coding tools blue-gardener writes for',
    options: [],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} platforms`, 'every tool and the folders it gets'],
    exits: ['always', 'never'],
    run: (c) => platformsCommand(c),
  },
  doctor: {
    args: '',
    summary: 'report drift (missing, stale, hand-edited, orphaned, foreign files); writes nothing',
    options: [],
    positionals: { min: 0, max: 0 },
    example: [`${CLI} doctor`, 'every finding and what `repair` would do about it'],
    exits: ['healthy', 'something needs attention, or an error'],
    run: (c) => doctor(c),
  },
  repair: {
    args: '',
    summary: 'fix drift as the manifest’s `hand-edits` policy says',
    options: WRITES,
    positionals: { min: 0, max: 0 },
    example: [`${CLI} repair --dry-run --diff`, 'every line repair would change'],
    exits: [
      'repaired, or nothing to do (findings the policy keeps are reported)',
      'the policy says `fail`, or an error',
    ],
    run: (c) => repair(c),
  },
  migrate: {
    args: '',
    summary: 'move from the original CLI (its .cursor/agents state file) to a manifest',
    options: WRITES,
    positionals: { min: 0, max: 0 },
    example: [`${CLI} migrate --dry-run`, 'what the migration would write'],
    exits: ['migrated', 'nothing to migrate, a manifest already exists, or an error'],
    run: (c) => migrate(c),
  },
};
