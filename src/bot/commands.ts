import { UserError } from '../core/errors.js';
import { addToManifest, editPlatforms, removeFromManifest } from '../core/manifest/commands.js';
import type { Catalog } from '../core/model.js';
import { search } from '../core/search.js';
import type { SourceAgentEntry } from '../runs/source-agents.js';
import { echo, escapeCell } from '../core/report/markdown.js';
import { agentNamePattern } from '../core/catalog.js';
import { qualifiedPattern, sourceIdPattern, splitQualified } from '../core/sources.js';
import type { FlowRequest } from '../runs/context.js';
import { platformIds, platformAliases, platforms } from '../platforms/registry.js';
import type { Permission } from './permission.js';

export type CommandResult =
  | { kind: 'answer'; markdown: string }
  | {
      kind: 'change';
      edit: FlowRequest['editManifest'] | undefined;
      what: string;
      /** `update`: move these sources (`true`: all) and propose it as `mode: update` does. */
      update?: true | string[];
    };

export interface CommandEnv {
  catalog: Catalog;
  manifest: string;
  prefix: string;
  permissions: Record<'read' | 'write', Permission>;
  /**
   * For commands that declare `readsSources`: the agents of the manifest's sources at their locked commits,
   * or why they could not be read (the answer then covers the bundled catalog and says so).
   */
  sources?:
    { agents: SourceAgentEntry[]; profiles: ReadonlyMap<string, readonly string[]> } | { error: string };
}

export interface BotCommand {
  usage: string;
  summary: string;
  /** Which permission input governs it: read-only commands or changes. */
  access: 'read' | 'write';
  /**
   * Its answer covers the manifest's sources: dispatch reads them first (`env.sources`) — always, or when
   * the function says so for these arguments (a few requests per source, paid only when needed).
   */
  readsSources?: true | ((args: string[]) => boolean);
  run(args: string[], profile: string[], env: CommandEnv): CommandResult;
}

/**
 * Names (agents, profiles, platforms) must be slugs; they never become paths, and what is not a slug is
 * only ever echoed defused (a code span, no mention), never inside a message that quotes it as is.
 */
function names(args: string[], what: string, valid = (a: string) => agentNamePattern.test(a)): string[] {
  if (args.length === 0) throw new UserError(`name at least one ${what}`);
  for (const a of args) if (!valid(a)) throw new UserError(`${echo(a, 64)} is not a valid ${what} name`);
  return [...new Set(args)];
}

/** An agent or profile name: bundled or custom (`reviewer`), or of a source (`acme/reviewer`). */
const agentOrSourced = (a: string) => agentNamePattern.test(a) || qualifiedPattern.test(a);

const list = (items: string[]) => items.map((i) => `\`${i}\``).join(', ');

/** The agents of the sources, or none when they could not be read. */
const sourceAgentsOf = (env: CommandEnv): SourceAgentEntry[] =>
  env.sources && 'agents' in env.sources ? env.sources.agents : [];

/** `source acme @ 1a2b3c4d5e6f`: where a source agent comes from, at the commit the lock pins. */
const sourceLabel = (a: SourceAgentEntry) => `source \`${a.source.id}\` @ ${a.source.commit.slice(0, 12)}`;

/** Said under an answer whose sources could not be read (the reason is echoed defused). */
const sourcesNote = (env: CommandEnv): string[] =>
  env.sources && 'error' in env.sources
    ? [
        '',
        `_The manifest's \`sources\` could not be read (${echo(env.sources.error, 200)}); this answer covers the bundled catalog only._`,
      ]
    : [];

/** The command table; `help` is generated from it. */
export const botCommands: Record<string, BotCommand> = {
  add: {
    usage: 'add <agent or skill…> | add --profile <id>',
    summary: 'install agents, repository skills or a profile',
    access: 'write',
    run: (args, profile, env) => {
      const agents = args.length || !profile.length ? names(args, 'agent', agentOrSourced) : [];
      if (profile.length) names(profile, 'profile', agentOrSourced);
      return {
        kind: 'change',
        what: `add ${list([...agents, ...profile.map((p) => `profile ${p}`)])}`,
        edit: (text, custom, base, skills) =>
          addToManifest(text, env.manifest, env.catalog, custom, agents, profile, base, skills),
      };
    },
  },
  remove: {
    usage: 'remove <agent or skill…>',
    summary: 'remove agents or skills (an agent of a profile is excluded)',
    access: 'write',
    // `/blue remove acme/x` reads the sources: a source's profile may bring `acme/x` in.
    readsSources: (args) => args.some((a) => splitQualified(a)),
    run: (args, _profile, env) => {
      const agents = names(args, 'agent', agentOrSourced);
      if (env.sources && 'error' in env.sources)
        throw new UserError(`the manifest's sources could not be read: ${env.sources.error}`);
      const profiles = env.sources?.profiles;
      return {
        kind: 'change',
        what: `remove ${list(agents)}`,
        edit: (text, custom, base) =>
          removeFromManifest(text, env.manifest, env.catalog, custom, agents, base, profiles),
      };
    },
  },
  platform: {
    usage: 'platform add|remove <id…>',
    summary: 'enable or disable coding tools',
    access: 'write',
    run: (args, _profile, env) => {
      const [action, ...ids] = args;
      if ((action !== 'add' && action !== 'remove') || ids.length === 0)
        throw new UserError(`usage: \`${env.prefix} platform add|remove <id…>\``);
      names(ids, 'platform');
      return {
        kind: 'change',
        what: `${action} platform ${list(ids)}`,
        edit: (text, _custom, base) => editPlatforms(text, env.manifest, action, ids, base),
      };
    },
  },
  sync: {
    usage: 'sync',
    summary: 'regenerate the agent files now',
    access: 'write',
    run: () => ({ kind: 'change', what: 'sync', edit: undefined }),
  },
  update: {
    usage: 'update [source…]',
    summary: 'move the sources (or the named ones) to their newest commit, in the update pull request',
    access: 'write',
    run: (args) => {
      const ids = args.length ? names(args, 'source', (a) => sourceIdPattern.test(a)) : [];
      return {
        kind: 'change',
        what: ids.length ? `update ${list(ids)}` : 'update the sources',
        edit: undefined,
        update: ids.length ? ids : true,
      };
    },
  },
  search: {
    usage: 'search <words…>',
    summary: "find agents, the sources' included (typos tolerated)",
    access: 'read',
    readsSources: true,
    run: (args, _profile, env) => {
      if (args.length === 0) throw new UserError(`usage: \`${env.prefix} search <words…>\``);
      const fromSources = new Map(sourceAgentsOf(env).map((a) => [a.name, a]));
      const hits = search([...env.catalog.agents.values(), ...fromSources.values()], args.join(' '), 8);
      if (hits.length === 0)
        return {
          kind: 'answer',
          markdown: [
            `No agent matches ${echo(args.join(' '))}. Try broader words, or \`${env.prefix} list\`.`,
            ...sourcesNote(env),
          ].join('\n'),
        };
      const from = (name: string) => {
        const s = fromSources.get(name);
        return s ? ` (${sourceLabel(s)})` : '';
      };
      // A source's text is another repository's: shown as code, so it cannot mention, link or embed.
      const about = (name: string, text: string) =>
        escapeCell(fromSources.has(name) ? echo(text, 200) : text);
      return {
        kind: 'answer',
        markdown: [
          `Agents matching ${echo(args.join(' '))}:`,
          '',
          '| agent | category | when to use | add it |',
          '|---|---|---|---|',
          ...hits.map(
            (h) =>
              `| \`${h.agent.name}\`${from(h.agent.name)} | ${escapeCell(h.agent.category)} | ${about(h.agent.name, h.agent.description)} | \`${env.prefix} add ${h.agent.name}\` |`,
          ),
          ...sourcesNote(env),
        ].join('\n'),
      };
    },
  },
  list: {
    usage: 'list',
    summary: "every agent of the catalog and of the manifest's sources",
    access: 'read',
    readsSources: true,
    run: (_args, _profile, env) => {
      const rows = [...env.catalog.agents.values()]
        .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name))
        .map((a) => `| \`${a.name}\` | ${a.category} | ${escapeCell(a.description)} |`);
      const fromSources = sourceAgentsOf(env);
      return {
        kind: 'answer',
        markdown: [
          `The catalog has ${rows.length} agents:`,
          '',
          '| agent | category | when to use |',
          '|---|---|---|',
          ...rows,
          ...(fromSources.length
            ? [
                '',
                `The manifest's sources have ${fromSources.length} agents (install one with \`${env.prefix} add <source>/<agent>\`):`,
                '',
                '| agent | source | category | when to use |',
                '|---|---|---|---|',
                ...fromSources.map(
                  (a) =>
                    `| \`${a.name}\` | ${sourceLabel(a)} | ${escapeCell(a.category)} | ${escapeCell(echo(a.description, 200))} |`,
                ),
              ]
            : []),
          ...sourcesNote(env),
        ].join('\n'),
      };
    },
  },
  profiles: {
    usage: 'profiles',
    summary: 'the install profiles',
    access: 'read',
    run: (_args, _profile, env) => ({
      kind: 'answer',
      markdown: [
        '| profile | agents | what it is for |',
        '|---|---|---|',
        ...[...env.catalog.profiles.values()].map(
          (p) => `| \`${p.id}\` | ${p.agents.length} | ${escapeCell(p.description)} |`,
        ),
      ].join('\n'),
    }),
  },
  platforms: {
    usage: 'platforms',
    summary: 'the coding tools we write for',
    access: 'read',
    run: () => ({
      kind: 'answer',
      markdown: [
        '| id | tool | files |',
        '|---|---|---|',
        ...platformIds.map(
          (id) =>
            `| \`${id}\` | ${platforms[id].title} | ${platforms[id].writes.map((w) => `\`${w}\``).join(', ')} |`,
        ),
        '',
        `Old ids still accepted: ${Object.entries(platformAliases)
          .map(([a, t]) => `\`${a}\` → \`${t}\``)
          .join(', ')}.`,
      ].join('\n'),
    }),
  },
  help: {
    usage: 'help',
    summary: 'this list',
    access: 'read',
    run: (_args, _profile, env) => ({ kind: 'answer', markdown: helpMarkdown(env.prefix, env.permissions) }),
  },
};

export function helpMarkdown(prefix: string, permissions?: Record<'read' | 'write', Permission>): string {
  return [
    'Commands (first line of a comment):',
    '',
    '| command | what it does | needs |',
    '|---|---|---|',
    // A pipe ends a table cell even inside a code span, so usages escape theirs.
    ...Object.values(botCommands).map(
      (c) =>
        `| \`${prefix} ${c.usage.replace(/\|/g, '\\|')}\` | ${c.summary} | ${permissions ? permissions[c.access] : c.access} |`,
    ),
  ].join('\n');
}

/** Whether dispatch reads the manifest's sources before running `command` with these arguments. */
export function readsSources(command: BotCommand, args: string[]): boolean {
  const rule = command.readsSources;
  return rule === true || (typeof rule === 'function' && rule(args));
}
