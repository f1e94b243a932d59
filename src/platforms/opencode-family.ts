import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema.js';
import type { Platform } from './contract.js';
import { markdownWithFrontmatter, type Field } from './frontmatter.js';
import { nativeSetting, type NativeSettings } from './native-settings.js';
import { mentionWithAt, pick, positiveInt, providerModel, themeColour } from './shared.js';

// Named (`id`) so that the JSON Schema defines each once under $defs instead of repeating them per tool.
const action = lazySchema(() => z.enum(['ask', 'allow', 'deny']).meta({ id: 'opencode-permission-action' }));
/** An action, or glob pattern → action (`bash: { "git *": allow, "*": ask }`); OpenCode's "rule". */
const rule = lazySchema(() =>
  z.union([action(), z.record(z.string().min(1), action())]).meta({ id: 'opencode-permission-rule' }),
);
/** The tools OpenCode takes a pattern map for, and those that take one action only (its config schema). */
const RULE_KEYS = [
  'read',
  'edit',
  'glob',
  'grep',
  'list',
  'bash',
  'task',
  'external_directory',
  'lsp',
  'skill',
];
const ACTION_KEYS = ['todowrite', 'todoread', 'question', 'webfetch', 'websearch', 'codesearch', 'doom_loop'];

/**
 * OpenCode's `permission`: one action for every tool, or any subset of its tools, each optional (OpenCode
 * fills in the rest with its defaults). Unknown tool names are refused — OpenCode would take them as MCP
 * tools, but here they are far more likely typos (`edt: deny`), and the error names the known ones.
 */
export const openCodePermission = lazySchema(() =>
  z
    .union([
      action(),
      z.strictObject({
        ...Object.fromEntries(RULE_KEYS.map((k) => [k, rule().optional()])),
        ...Object.fromEntries(ACTION_KEYS.map((k) => [k, action().optional()])),
      }),
    ])
    .meta({ id: 'opencode-permission' }),
);

/**
 * OpenCode 1.18 and Kilo (opencode.ai/docs/agents): `mode: all` makes an agent both a primary agent (Tab
 * switches to it) and one the task tool can start, which lists only `subagent` and `all`; `permission`
 * denies `edit` or `bash`. Models are `provider/model` ids, so a tier has nothing to map to.
 */
const native: NativeSettings = {
  role: { orchestrator: { mode: 'all' } },
  access: { 'read-only': { permission: { edit: 'deny' } }, edits: { permission: { bash: 'deny' } } },
};

/**
 * OpenCode and its derivative Kilo read the same agent shape. Every key they do not know is passed to
 * the model provider as a request option, so only these keys are ever written.
 */
export function openCodeFamily(options: {
  id: string;
  title: string;
  docs: string;
  dir: string;
  detect: string[];
}): Platform {
  const { id } = options;
  return {
    id,
    title: options.title,
    docs: options.docs,
    writes: [`${options.dir}/`],
    skills: { root: '.agents/skills/' },
    detect: options.detect,
    overrides: lazySchema(() =>
      z.strictObject({
        model: providerModel().optional(),
        temperature: z.number().min(0).max(2).optional(),
        top_p: z.number().min(0).max(1).optional(),
        color: themeColour().optional(),
        steps: positiveInt().optional(),
        hidden: z.boolean().optional(),
        permission: openCodePermission().optional(),
      }),
    ),
    native,
    runAsMain: (name) =>
      `${options.title}: switch to \`${name}\` with Tab (it is a primary agent too), so that it can start the specialists itself.`,
    mention: mentionWithAt,
    invoke: (name) => `@${name}`,
    limits: [],
    render(agent, body) {
      const setting = <T>(key: string) => nativeSetting<T>(agent, id, native, key);
      return {
        path: `${options.dir}/${agent.name}.md`,
        content: markdownWithFrontmatter(
          [
            ['description', agent.description],
            // OpenCode and Kilo default to `all`: specialists are subagents only, orchestrators are both.
            ['mode', setting<string>('mode') ?? 'subagent'],
            ['model', pick(agent, id, 'model')],
            ['temperature', pick(agent, id, 'temperature')],
            ['top_p', pick(agent, id, 'top_p')],
            ['color', pick(agent, id, 'color')],
            ['steps', pick(agent, id, 'steps')],
            ['hidden', pick(agent, id, 'hidden')],
            ['permission', setting<Field[1]>('permission')],
          ],
          body,
        ),
      };
    },
  };
}

/** OpenCode agents: `.opencode/agents/<name>.md` (the plural folder current versions read). */
export const opencode = openCodeFamily({
  id: 'opencode',
  title: 'OpenCode',
  docs: 'https://opencode.ai/docs/agents/',
  dir: '.opencode/agents',
  detect: ['.opencode/', 'opencode.json', 'opencode.jsonc'],
});

/** Kilo Code v7 agents: `.kilo/agents/<name>.md` (Kilo does not read `.opencode/`). */
export const kilo = openCodeFamily({
  id: 'kilo',
  title: 'Kilo Code',
  docs: 'https://kilo.ai/docs/customize/custom-subagents',
  dir: '.kilo/agents',
  detect: ['.kilo/', '.kilocode/'],
});
