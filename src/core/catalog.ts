import matter from 'gray-matter';
import { z } from 'zod';
import { UserError, throwAll } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import { accessLevels, roles, tiers, type Agent, type Catalog, type Profile } from './model.js';
import { firstHiddenCharacter } from './hidden-characters.js';
import { normalizeText } from './text-input.js';
import { WINDOWS_DEVICE_NAMES, isWindowsDeviceName } from './portable-name.js';
import { typeHint } from './type-hint.js';
import { locate, parseYaml } from './yaml-text.js';
import { readPlainFrontmatter } from './plain-frontmatter.js';

/** Agent names are slugs: they become file names on every target, so they can never be paths. */
export const agentNamePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const agentName = z
  .string()
  .regex(
    agentNamePattern,
    'a lower-case slug: letters, digits and hyphens, starting with a letter or digit, at most 64 characters',
  )
  .refine(
    (name) => !isWindowsDeviceName(name),
    `a name Windows reserves for a device (${WINDOWS_DEVICE_NAMES}), so its files could not be checked out there; choose another name`,
  );

/** Built on first use: most runs parse no agent file (the catalog ships parsed). */
const frontmatterSchema = lazySchema(() =>
  z.strictObject({
    name: agentName,
    description: z
      .string()
      .min(1)
      .max(200)
      .refine((d) => !d.includes('\n'), 'one line'),
    category: z.string().regex(/^[a-z0-9-]+$/),
    tags: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1)
      .max(6),
    delegates: z.array(agentName).default([]),
    role: z.enum(roles).default('specialist'),
    tier: z.enum(tiers).default('balanced'),
    access: z.enum(accessLevels).optional(),
    /** The older form of `access: read-only`, still read so that existing custom agents keep working. */
    readonly: z.boolean().optional(),
    'replaces-catalog': z.boolean().optional(),
  }),
);

/** Largest agent body we accept; the catalog keeps to 6,000 so that every target takes it whole. */
export const MAX_BODY_CHARS = 30_000;

/** A file as read: a path (relative to its root, for messages) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Parses one agent file (Markdown with YAML frontmatter) and checks it. */
export function parseAgent(file: SourceFile, source: Agent['source']): Agent {
  const text = normalizeText(file.text);
  // Bidirectional overrides and invisible characters would be copied into every generated file and
  // AGENTS.md, where they make text display other than it reads (name, description, body alike).
  const hidden = firstHiddenCharacter(text);
  if (hidden) {
    throw new UserError(`agent file holds an invisible or control character (${hidden.code})`, {
      location: { file: file.path, line: hidden.line, column: hidden.column },
      hint: 'delete it: it can make the text display other than it reads (an editor that shows invisible characters finds it at this line and column)',
    });
  }
  if (!text.startsWith('---\n')) {
    throw new UserError('agent file has no YAML frontmatter', {
      location: { file: file.path, line: 1 },
      hint: 'start the file with a `---` line, then name, description, category and tags, then `---`',
    });
  }
  let parsed: ReturnType<typeof parseYaml> | undefined;
  let frontmatter: string | undefined;
  // gray-matter keeps the line break after `---`, so lines match the file.
  const fullParse = (raw: string) => (parsed = parseYaml(raw, file.path));
  const result = matter(text, {
    engines: {
      yaml: (raw: string) => {
        frontmatter = raw;
        // The plain frontmatter most agents hold is read without the full parser (plain-frontmatter.ts).
        return readPlainFrontmatter(raw) ?? (fullParse(raw).doc.toJS() as object);
      },
    },
  });
  /** Where a key is, for a message: the full parser reads the frontmatter then, if the fast path read it. */
  const at = (path: (string | number)[]) => {
    if (!parsed && frontmatter !== undefined) fullParse(frontmatter);
    return parsed ? locate(parsed, path, file.path) : { file: file.path, line: 1 };
  };
  const check = frontmatterSchema().safeParse(result.data);
  if (!check.success) {
    throwAll(
      check.error.issues.map(
        (issue) =>
          new UserError(`agent frontmatter: ${frontmatterProblem(issue, result.data)}`, {
            location: at(issue.path as (string | number)[]),
            hint:
              issue.code === 'invalid_type'
                ? typeHint(
                    issue.expected,
                    issue.path as (string | number)[],
                    valueIn(result.data, issue.path),
                  )
                : undefined,
          }),
      ),
    );
  }
  const data = check.data!;
  if (
    data.readonly !== undefined &&
    data.access !== undefined &&
    data.readonly !== (data.access === 'read-only')
  )
    throw new UserError(
      `agent frontmatter: \`readonly: ${data.readonly}\` contradicts \`access: ${data.access}\``,
      {
        location: at(['readonly']),
        hint: 'keep only `access` (read-only, edits or full); `readonly` is its older form',
      },
    );
  const stem = file.path.split('/').pop()!.replace(/\.md$/, '');
  if (stem !== data.name) {
    throw new UserError(`agent name \`${data.name}\` does not match its file name \`${stem}.md\``, {
      location: { file: file.path, line: 2 },
      hint: `rename the file to ${data.name}.md or change \`name\``,
    });
  }
  const body = result.content.replace(/^\n+/, '').trimEnd() + '\n';
  if (body.trim().length < 10) {
    throw new UserError('agent body is empty or shorter than 10 characters', {
      location: { file: file.path },
      hint: 'the body is the agent’s prompt; several tools reject empty ones',
    });
  }
  if (body.length > MAX_BODY_CHARS) {
    throw new UserError(`agent body has ${body.length} characters; the limit is ${MAX_BODY_CHARS}`, {
      location: { file: file.path },
      hint: 'GitHub Copilot reads at most 30,000 characters; shorten the prompt',
    });
  }
  return {
    name: data.name,
    description: data.description,
    category: data.category,
    tags: data.tags,
    delegates: [...data.delegates].sort(),
    tier: data.tier,
    access: data.access ?? (data.readonly ? 'read-only' : 'full'),
    role: data.role,
    body,
    source,
    file: file.path,
    ...(data['replaces-catalog'] ? { replacesCatalog: true } : {}),
  };
}

/** One frontmatter problem in the words of the file: a missing or unknown key, or a bad value. */
function valueIn(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (at, key) =>
      at !== null && typeof at === 'object' && Object.hasOwn(at, key)
        ? (at as Record<PropertyKey, unknown>)[key]
        : undefined,
    data,
  );
}

function frontmatterProblem(issue: z.core.$ZodIssue, data: Record<string, unknown>): string {
  const key = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}; allowed: ${Object.keys(frontmatterSchema().shape).join(', ')}`;
  if (issue.path.length === 1 && data[key] === undefined) return `\`${key}\` is missing`;
  return `${key ? `\`${key}\`` : '(root)'}: ${issue.message}`;
}

const profilesSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/),
  z.strictObject({ description: z.string().min(1), agents: z.array(agentName).min(1) }),
);

/** Parses `agents/profiles.yml`: profile id → description and members. */
export function parseProfiles(file: SourceFile): Map<string, Profile> {
  const parsed = parseYaml(file.text, file.path);
  const check = profilesSchema.safeParse(parsed.doc.toJS());
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new UserError(`profiles: ${issue.path.join('.')}: ${issue.message}`, {
      location: locate(parsed, issue.path as (string | number)[], file.path),
    });
  }
  return new Map(Object.entries(check.data).map(([id, p]) => [id, { id, ...p }]));
}

/** Builds the bundled catalog from its files; every profile member must exist. */
export function buildCatalog(agentFiles: SourceFile[], profilesFile: SourceFile): Catalog {
  const agents = new Map<string, Agent>();
  const errors: UserError[] = [];
  for (const file of agentFiles) {
    try {
      const agent = parseAgent(file, 'catalog');
      if (agents.has(agent.name))
        errors.push(new UserError(`duplicate agent name ${agent.name}`, { location: { file: file.path } }));
      agents.set(agent.name, agent);
    } catch (error) {
      if (error instanceof UserError) errors.push(...error.all());
      else throw error;
    }
  }
  throwAll(errors);
  const profiles = parseProfiles(profilesFile);
  for (const profile of profiles.values()) {
    for (const member of profile.agents) {
      if (!agents.has(member))
        throw new UserError(`profile ${profile.id} lists unknown agent ${member}`, {
          location: { file: profilesFile.path },
        });
    }
  }
  return { agents: sortedMap(agents), profiles };
}

export function sortedMap<V>(map: Map<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
