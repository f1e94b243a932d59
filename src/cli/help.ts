import { CLI } from '../core/paths.js';
import type { Style } from '../core/report/style.js';
import { commands, type CommandOption } from './commands.js';

/** What each option does, as every help text says it. */
export const OPTION_HELP: Record<CommandOption | 'dir' | 'json' | 'help' | 'version', [string, string]> = {
  platform: ['--platform <id>', 'a coding tool to write for (repeatable; default: the tools already in use)'],
  profile: ['--profile <id>', 'a catalog profile (repeatable)'],
  frozen: ['--frozen', 'fail when the lock would change (a source resolved again, an agent added): for CI'],
  'dry-run': ['--dry-run', 'write nothing; list each file with its operation and +added/−removed lines'],
  diff: ['--diff', 'also print the full unified diff of every file'],
  dir: ['--dir <path>', 'the repository folder (default: the current directory)'],
  json: ['--json', 'machine-readable output on stdout, errors included (shape in the README)'],
  help: ['--help', 'this help'],
  version: ['--version', 'the version'],
};

const optionLines = (keys: (keyof typeof OPTION_HELP)[]) =>
  keys.map((k) => `  ${OPTION_HELP[k][0].padEnd(17)} ${OPTION_HELP[k][1]}`);
const usageOf = (name: string) => `${CLI} ${name}${commands[name]!.args ? ` ${commands[name]!.args}` : ''}`;

/** `blue-gardener --help`: every command in one line, the global options and the exit codes. */
export function helpText(style: (role: 'heading', text: string) => string = (_r, t) => t): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'blue-gardener — keep AI coding-agent files generated from .github/blue-gardener.yml',
    '',
    `${style('heading', 'Usage:')} ${CLI} <command> [options]`,
    '',
    style('heading', 'Commands:'),
    ...rows,
    `  ${'help'.padEnd(10)} this text, or \`help <command>\` for one command's options, example and exit codes`,
    '',
    style('heading', 'Options for every command:'),
    ...optionLines(['dir', 'json', 'help', 'version']),
    '',
    style('heading', 'Exit codes:'),
    '  0  success',
    '  1  an error, or `check`/`doctor` found something to fix',
    '  2  usage error (unknown command or option, missing argument)',
    '',
    `${CLI} help <command> shows each command's own options and an example.`,
  ].join('\n');
}

/** `help <command>` and `<command> --help`: its usage, options, an example and what its exit codes mean. */
export function commandHelp(name: string, style: Style): string {
  const command = commands[name]!;
  const [line, what] = command.example;
  return [
    `${CLI} ${name} — ${command.summary}`,
    '',
    `${style('heading', 'Usage:')} ${usageOf(name)}${command.options.length ? ' [options]' : ''}`,
    '',
    style('heading', 'Options:'),
    ...optionLines([...command.options, 'dir', 'json', 'help']),
    '',
    style('heading', 'Example:'),
    `  ${line}`,
    `  ${style('dim', `# ${what}`)}`,
    '',
    style('heading', 'Exit codes:'),
    `  0  ${command.exits[0]}`,
    `  1  ${command.exits[1]}`,
    '  2  usage error (unknown option, missing or extra argument)',
  ].join('\n');
}

/** The one-line usage of a command, for usage errors. */
export const usageLine = (name: string) => `usage: ${usageOf(name)}`;
