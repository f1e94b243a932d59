import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError, formatUserError } from '../core/errors.js';
import { type CliContext, defaultContext } from './context.js';
import { add, platform, remove, UsageError } from './edit-commands.js';
import { init } from './init-command.js';
import { consoleOutput, type Output } from './output.js';
import { list, platformsCommand, profilesCommand, searchCommand } from './read-commands.js';
import { migrate } from './migrate-command.js';
import { doctor, repair } from './repair-commands.js';
import { check, syncWith } from './sync-command.js';

interface Command {
  usage: string;
  summary: string;
  writes: boolean;
  run(ctx: CliContext, positionals: string[], values: Values): Promise<number>;
}
type Values = { profile?: string[]; platform?: string[] };

/** The command table: `--help` is generated from it. */
const commands: Record<string, Command> = {
  init: {
    usage: 'init [--platform <id>…] [--profile <id>…]',
    summary: 'write a commented starter manifest',
    writes: true,
    run: (c, _p, v) => init(c, v.platform ?? [], v.profile ?? []),
  },
  sync: {
    usage: 'sync',
    summary: 'generate every agent file from the manifest',
    writes: true,
    run: (c) => syncWith(c),
  },
  check: {
    usage: 'check',
    summary: 'exit 1 when generated files are stale, missing or hand-edited',
    writes: false,
    run: (c) => check(c),
  },
  add: {
    usage: 'add <agent…> | add --profile <id>',
    summary: 'add agents or a profile to the manifest, then sync',
    writes: true,
    run: (c, p, v) => {
      if (!p.length && !v.profile?.length)
        throw new UsageError('usage: blue-gardener add <agent…> or add --profile <id>');
      return add(c, p, v.profile ?? []);
    },
  },
  remove: {
    usage: 'remove <agent…>',
    summary: 'remove agents from the manifest, then sync',
    writes: true,
    run: (c, p) => {
      if (!p.length) throw new UsageError('usage: blue-gardener remove <agent…>');
      return remove(c, p);
    },
  },
  platform: {
    usage: 'platform add|remove <id…>',
    summary: 'enable or disable coding tools, then sync',
    writes: true,
    run: (c, p) => platform(c, p[0], p.slice(1)),
  },
  list: {
    usage: 'list',
    summary: 'every catalog agent, ✓ when installed',
    writes: false,
    run: (c) => list(c),
  },
  search: {
    usage: 'search <words…>',
    summary: 'find agents by name, tag, category or description (typos tolerated)',
    writes: false,
    run: (c, p) => {
      if (!p.length) throw new UsageError('usage: blue-gardener search <words…>');
      return searchCommand(c, p.join(' '));
    },
  },
  profiles: {
    usage: 'profiles',
    summary: 'the install profiles and their agents',
    writes: false,
    run: (c) => profilesCommand(c),
  },
  platforms: {
    usage: 'platforms',
    summary: 'the coding tools blue-gardener writes for',
    writes: false,
    run: (c) => platformsCommand(c),
  },
  doctor: {
    usage: 'doctor',
    summary: 'report drift (missing, stale, hand-edited, orphaned, foreign files); exit 1 when any',
    writes: false,
    run: (c) => doctor(c),
  },
  repair: {
    usage: 'repair',
    summary: 'fix drift as the manifest’s `hand-edits` policy says',
    writes: true,
    run: (c) => repair(c),
  },
  migrate: {
    usage: 'migrate',
    summary: 'move from the original CLI (its .cursor/agents state file) to a manifest',
    writes: true,
    run: (c) => migrate(c),
  },
};

export function helpText(): string {
  const rows = Object.values(commands).map((c) => `  ${c.usage.padEnd(40)} ${c.summary}`);
  return [
    'blue-gardener — keep AI coding-agent files generated from .github/blue-gardener.yml',
    '',
    'Usage: blue-gardener <command> [options]',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  --dir <path>     repository folder (default: the current directory)',
    '  --json           machine-readable output (read-only commands, sync, check, doctor, repair)',
    '  --dry-run        show what would change, as a diff, and write nothing',
    '  --version        print the version',
    '  --help           print this help',
    '',
    'Exit codes: 0 success, 1 failure or `check` found differences, 2 usage error.',
  ].join('\n');
}

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can run it in-process. */
export async function main(
  argv: string[],
  options: {
    output?: Output;
    version: string;
    context?: (dir: string, flags: CliContext['flags']) => CliContext;
  },
): Promise<number> {
  const output = options.output ?? consoleOutput;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: 'string' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        profile: { type: 'string', multiple: true },
        platform: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    output.err(`error: ${(error as Error).message}\n\n${helpText()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    output.out(options.version);
    return 0;
  }
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    (name || values.help ? output.out : output.err)(helpText());
    return values.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    const { didYouMean } = await import('../core/suggest.js');
    output.err(
      `error: unknown command \`${name}\`.${didYouMean(name, Object.keys(commands))}\n\nRun \`blue-gardener --help\` for the list.`,
    );
    return 2;
  }
  const flags = { json: values.json ?? false, dryRun: values['dry-run'] ?? false };
  if (flags.dryRun && !command.writes) {
    output.err(
      `error: \`${name}\` writes nothing; --dry-run applies to ${Object.keys(commands)
        .filter((k) => commands[k]!.writes)
        .join(', ')}`,
    );
    return 2;
  }
  if (values.dir !== undefined && !isFolder(values.dir)) {
    output.err(`error: --dir ${values.dir}: no such folder`);
    return 2;
  }
  const ctx = (options.context ?? ((dir, f) => defaultContext(dir, output, f, options.version)))(
    values.dir ?? process.cwd(),
    flags,
  );
  try {
    return await command.run(ctx, rest, values);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof UserError) {
      for (const e of error.all()) output.err(`error: ${formatUserError(e)}`);
      return 1;
    }
    output.err(`internal error (please report it): ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
