import { z } from 'zod';
import { platforms, platformIds, platformAliases, type PlatformId } from '../../platforms/registry.js';
import { agentName } from '../catalog.js';
import { accessLevels, tiers } from '../model.js';
import { handEditsSchema } from '../drift-policy.js';
import { sourceIdPattern, sourceSpecSchema } from '../sources.js';

import { DEFAULT_CUSTOM_AGENTS, DEFAULT_CUSTOM_SKILLS, SCHEMA_URL } from '../paths.js';
import { MAX_SKILL_NAME, skillNamePattern } from '../skill.js';
import { WINDOWS_DEVICE_NAMES, isWindowsDeviceName } from '../portable-name.js';

/** A skill the manifest installs: `<name>` from the repository's skills folder, or `<source>/<name>`. */
const skillRef = z.string().refine(
  (ref) => {
    const parts = ref.split('/');
    const name = parts.at(-1)!;
    return (
      parts.length <= 2 &&
      name.length <= MAX_SKILL_NAME &&
      skillNamePattern.test(name) &&
      !isWindowsDeviceName(name) &&
      (parts.length === 1 || skillNamePattern.test(parts[0]!))
    );
  },
  {
    message: `a skill name (lower-case letters and digits, single hyphens between them, at most 64 characters, not a name Windows reserves: ${WINDOWS_DEVICE_NAMES}), or <source>/<name>`,
  },
);

/** A repository-relative path that stays inside the repository. */
const repoPath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\\'),
    {
      message: 'a relative path inside the repository, with / separators and no `..`',
    },
  );

/**
 * An agent of the bundled catalog (or a custom one) by name, or of a source as `<source>/<agent>`: each part
 * obeys the agent-name rules (catalog.ts), whose messages say what is wrong with it.
 */
const agentRef = z.string().superRefine((ref, ctx) => {
  const parts = ref.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) {
    ctx.addIssue({
      code: 'custom',
      message:
        'a lower-case slug naming an agent, or `<source>/<agent>` for an agent of one of `sources` — not a path: your own agents are Markdown files in the `custom-agents` folder (default `.github/blue-gardener/agents/`), installed by their `name`',
    });
    return;
  }
  if (parts.length === 2 && !sourceIdPattern.test(parts[0]!))
    ctx.addIssue({ code: 'custom', message: 'a lower-case slug before `/`: the id of one of `sources`' });
  for (const issue of agentName.safeParse(parts.at(-1)).error?.issues ?? [])
    ctx.addIssue({ code: 'custom', message: issue.message });
});

const platformId = z.enum([...platformIds, ...Object.keys(platformAliases)] as [string, ...string[]]);

/**
 * Per-agent overrides: the agent's model tier and access level for every tool, and per platform id that
 * platform's own keys (which win over what the tier and access level map to).
 */
const overrides = z.lazy(() =>
  z.record(
    agentName,
    z.strictObject({
      tier: z.enum(tiers).optional().describe('Model tier on every tool: fast, balanced or deep.'),
      access: z
        .enum(accessLevels)
        .optional()
        .describe('What the agent may change on every tool: read-only, edits (files, no shell) or full.'),
      ...(Object.fromEntries(platformIds.map((id) => [id, platforms[id].overrides().optional()])) as Record<
        PlatformId,
        z.ZodOptional<z.ZodObject>
      >),
    }),
  ),
);

/**
 * The manifest, version 1: the one schema declaration that gives the types, the defaults, the validation
 * and the JSON Schema under `schema/`.
 */
export const manifestSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema of this file, for editors.'),
    extends: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+\/[^@\s]+(@[^\s@]+)?$/, 'owner/repo/path/to/manifest.yml@ref')
      .optional()
      .describe(
        'A shared manifest this one builds on, as owner/repo/path@ref (read by the GitHub Action). Its keys are defaults; lists add up; `platforms` here replace its own.',
      ),
    version: z.literal(1).describe('Manifest format version. Always 1.'),
    platforms: z
      .array(platformId)
      .min(1)
      .describe('Coding tools to generate agent files for. Aliases of the original CLI are accepted.'),
    sources: z
      .record(z.string().regex(sourceIdPattern, 'a source id: a lower-case slug'), sourceSpecSchema)
      .default({})
      .describe(
        'Other repositories to take agents from, by id: `owner/repo[/folder]@ref` (GitHub) or `{ git, ref, path }`. Pinned in the lock at an exact commit.',
      ),
    'allowed-sources': z
      .array(z.string().min(1))
      .optional()
      .describe(
        'When set, only sources from these GitHub owners (`acme`) or URL prefixes (`https://git.example.com/ai/`) are accepted. Meant for an organisation’s shared manifest.',
      ),
    profiles: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Profiles to install: of the bundled catalog, or `<source>/<profile>` from a source’s profiles.yml.',
      ),
    agents: z
      .array(agentRef)
      .default([])
      .describe(
        'Agents to install in addition to the profiles; `<source>/<agent>` for an agent of a source.',
      ),
    exclude: z
      .array(agentRef)
      .default([])
      .describe(
        'Agents removed from the result (after profiles, agents and delegation); `<source>/<agent>` for a source’s.',
      ),
    'custom-agents': repoPath
      .default(DEFAULT_CUSTOM_AGENTS)
      .describe(
        'Folder of repository-local agents (Markdown + frontmatter, as in the catalog). All of them are installed.',
      ),
    skills: z
      .array(skillRef)
      .default([])
      .describe(
        'Agent Skills to install: `<name>` (a folder with SKILL.md in `custom-skills`) or `<source>/<name>`. Copied, with their supporting files, to every enabled tool that reads project skills.',
      ),
    'custom-skills': repoPath
      .default(DEFAULT_CUSTOM_SKILLS)
      .describe(
        'Folder of repository skills: one folder per skill, holding its SKILL.md and supporting files.',
      ),
    delegation: z
      .enum(['warn', 'install'])
      .default('warn')
      .describe(
        '`install`: also install every agent an installed agent routes to. `warn`: report such agents and mark their mentions as not installed.',
      ),
    'hand-edits': handEditsSchema,
    overrides: overrides
      .default({})
      .describe(
        'Per-agent settings: `tier` and `access` for every tool, or one tool’s own keys, e.g. its model.',
      ),
  })
  .describe('blue-gardener manifest: which agents to generate for which coding tools.');

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestInput = z.input<typeof manifestSchema>;

/** The JSON Schema committed under `schema/`, for editors (`# yaml-language-server: $schema=…`). */
export function manifestJsonSchema(): object {
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', target: 'draft-2020-12' });
  // `platforms` may be left out when the manifest `extends` a shared one (load.ts merges before it
  // validates, which the file's own schema cannot): required unless `extends` is there.
  const required = (schema.required ?? []).filter((key) => key !== 'platforms');
  return {
    $schema: schema.$schema,
    $id: SCHEMA_URL,
    ...schema,
    required,
    // Each branch names its key under `properties` too (`true`: the top level checks it), as strict
    // validators want every required key declared beside the `required` that names it.
    anyOf: ['platforms', 'extends'].map((key) => ({ properties: { [key]: true }, required: [key] })),
  };
}
