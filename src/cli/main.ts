import { ownEntry } from '../core/model.js';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError, formatUserError } from '../core/errors.js';
import { CLI } from '../core/paths.js';
import { commands, type CommandOption } from './commands.js';
import { type CliContext, defaultContext } from './context.js';
import { UsageError } from './edit-commands.js';
import { commandHelp, helpText, usageLine } from './help.js';
import { consoleOutput, type Output } from './output.js';

export { helpText };

/** One problem in `--json` mode; the README documents this shape. */
export interface JsonError {
  kind: 'usage' | 'user' | 'internal';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
}

const OPTIONS = {
  dir: { type: 'string' },
  json: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  diff: { type: 'boolean' },
  frozen: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  profile: { type: 'string', multiple: true },
  platform: { type: 'string', multiple: true },
} as const;

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
  // Known before parsing, so that even a bad option is answered in JSON when JSON was asked for.
  const json = argv.includes('--json');
  const label = (text: string) => output.errStyle('error', text);
  /** Ends the run with errors: one JSON document on stdout with --json, else readable lines on stderr. */
  const fail = (code: 1 | 2, errors: JsonError[], human: string[]): number => {
    if (json) output.out(JSON.stringify({ ok: false, exitCode: code, errors }, null, 2));
    else for (const text of human) output.err(text);
    return code;
  };
  const usage = (message: string, name?: string) =>
    fail(
      2,
      [{ kind: 'usage', message }],
      [
        `${label('error:')} ${message}`,
        name
          ? `${usageLine(name)}\nRun \`${CLI} help ${name}\` for its options.`
          : `Run \`${CLI} --help\` for the commands.`,
      ],
    );

  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const name = argv.find((a) => !a.startsWith('-'));
    return usage((error as Error).message, name && ownEntry(commands, name) ? name : undefined);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    output.out(options.version);
    return 0;
  }
  const [name, ...rest] = positionals;
  // `help <command>` is `<command> --help`.
  const helpFor = name === 'help' ? rest[0] : values.help ? name : undefined;
  if (name === 'help' || values.help || !name) {
    if (helpFor === undefined) {
      (name || values.help ? output.out : output.err)(helpText(output.outStyle));
      return name || values.help ? 0 : 2;
    }
    if (!ownEntry(commands, helpFor)) return unknownCommand(helpFor);
    output.out(commandHelp(helpFor, output.outStyle));
    return 0;
  }
  const command = ownEntry(commands, name);
  if (!command) return unknownCommand(name);

  const given = (Object.keys(values) as (keyof typeof values)[]).filter(
    (k) => values[k] !== undefined && k !== 'dir' && k !== 'json',
  ) as CommandOption[];
  const refused = given.find((k) => !command.options.includes(k));
  if (refused) {
    const why =
      refused === 'dry-run' || refused === 'diff'
        ? ` (\`${name}\` writes nothing)`
        : refused === 'platform'
          ? ` (the tools to write for are the manifest's \`platforms\` list: \`npx blue-gardener@1 platform add <id>\` adds one, \`init --platform <id>\` starts a manifest with it)`
          : '';
    return usage(`\`${name}\` does not take --${refused}${why}`, name);
  }
  if (rest.length < command.positionals.min) return usage(`\`${name}\` needs more arguments`, name);
  if (rest.length > command.positionals.max)
    return usage(
      `\`${name}\` takes ${command.positionals.max ? `at most ${command.positionals.max}` : 'no'} argument(s), got \`${rest.join(' ')}\``,
      name,
    );
  if (values.dir !== undefined && !isFolder(values.dir)) return usage(`--dir ${values.dir}: no such folder`);

  const flags = {
    json,
    dryRun: values['dry-run'] ?? false,
    diff: values.diff ?? false,
    frozen: values.frozen ?? false,
  };
  const ctx = (options.context ?? ((dir, f) => defaultContext(dir, output, f, options.version)))(
    values.dir ?? process.cwd(),
    flags,
  );
  // Every command that writes takes --dry-run; a run that may write holds the repository's lock from its
  // first read to its last write, so two runs never plan from the same files and both write.
  const writes = command.options.includes('dry-run') && !flags.dryRun;
  let release: (() => void) | undefined;
  try {
    if (writes) release = await ctx.lock?.();
    return await command.run(ctx, rest, values);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, name);
    if (error instanceof UserError) {
      const all = error.all();
      return fail(
        1,
        all.map((e) => ({
          kind: 'user',
          message: e.message,
          ...e.location,
          ...(e.hint === undefined ? {} : { hint: e.hint }),
        })),
        all.map((e) => `${label('error:')} ${formatUserError(e)}`),
      );
    }
    const text = (error as Error).stack ?? String(error);
    return fail(
      1,
      [{ kind: 'internal', message: text }],
      [`${label('internal error (please report it):')} ${text}`],
    );
  } finally {
    release?.();
  }

  async function unknownCommand(unknown: string): Promise<number> {
    const { didYouMean } = await import('../core/suggest.js');
    return usage(`unknown command \`${unknown}\`.${didYouMean(unknown, [...Object.keys(commands), 'help'])}`);
  }
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
