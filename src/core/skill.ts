import matter from 'gray-matter';
import { UserError, throwAll, type SourceLocation } from './errors.js';
import { didYouMean } from './suggest.js';
import { firstHiddenCharacter } from './hidden-characters.js';
import { WINDOWS_DEVICE_NAMES, isWindowsDeviceName, unportableSegment } from './portable-name.js';
import { normalizeText } from './text-input.js';
import { parseYaml, locate } from './yaml-text.js';

/** A file of a folder tree as a host or a source lists it: repository path, exact text, executable bit. */
export interface TreeFile {
  path: string;
  text: string;
  executable: boolean;
  /** A symbolic link (its text is empty): refused inside a skill. */
  symlink?: boolean;
  /** Not UTF-8 (a source's file; a host refuses such a file when it reads it). */
  notUtf8?: boolean;
}

/** One file of a skill: its path inside the skill folder, its exact text, and its executable bit. */
export interface SkillFile {
  path: string;
  text: string;
  executable: boolean;
}

/** An Agent Skill (agentskills.io/specification): a folder with SKILL.md and supporting files. */
export interface Skill {
  name: string;
  description: string;
  /** Where it came from, for messages: the skill folder's path. */
  dir: string;
  /** `repository` or a source id. */
  origin: string;
  /** Every file, SKILL.md included, sorted by path. */
  files: SkillFile[];
}

/** The spec's name rule: lower-case letters and digits in hyphen-separated runs, at most 64 characters. */
export const skillNamePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SKILL_NAME = 64;
/** The spec's and Cline's limit on `description`. */
export const MAX_SKILL_DESCRIPTION = 1024;
/** The spec's limit on `compatibility`. */
const MAX_COMPATIBILITY = 500;
/** Largest file we copy into a skill folder (every tool reads SKILL.md whole; scripts are copied as text). */
export const MAX_SKILL_FILE_BYTES = 1024 * 1024;
/** The keys the spec allows at the top of SKILL.md; the reference validator rejects any other. */
const specKeys = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'];

/** Whether `path` is a skill folder's SKILL.md. */
const isSkillMd = (path: string) => path === 'SKILL.md';

/**
 * The skills of a skills folder: `<root>/<name>/SKILL.md` plus every other file under `<root>/<name>/`.
 * `files` are repository paths under `root` (a host's listTree), or a source's files under its `skills/`.
 * Every skill is validated against the spec and our trust rules; all problems are reported together.
 */
export function loadSkills(files: readonly TreeFile[], root: string, origin: string): Skill[] {
  const prefix = `${root}/`;
  const byName = new Map<string, TreeFile[]>();
  const errors: UserError[] = [];
  for (const file of files) {
    if (!file.path.startsWith(prefix)) throw new Error(`internal: ${file.path} is not under ${root}`);
    const rest = file.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      errors.push(
        new UserError(`\`${file.path}\` is directly in the skills folder; a skill is a folder`, {
          location: { file: file.path },
          hint: `move it into a skill's folder (${root}/<name>/), or out of ${root}/`,
        }),
      );
      continue;
    }
    const name = rest.slice(0, slash);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const skills: Skill[] = [];
  for (const [folder, inside] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    try {
      skills.push(parseSkill(`${prefix}${folder}`, folder, inside, origin));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      errors.push(...error.all());
    }
  }
  throwAll(errors);
  return skills;
}

/** One skill folder, checked: SKILL.md, its frontmatter, every file's kind, size and characters. */
function parseSkill(dir: string, folder: string, tree: readonly TreeFile[], origin: string): Skill {
  const errors: UserError[] = [];
  const files: SkillFile[] = [];
  for (const file of tree) {
    const path = file.path.slice(dir.length + 1);
    const at = { location: { file: file.path } };
    if (file.symlink) {
      errors.push(
        new UserError(`\`${file.path}\` is a symbolic link inside the skill \`${folder}\``, {
          ...at,
          hint: 'replace the link with the file itself: skills are copied file by file, and a link could point outside the repository',
        }),
      );
      continue;
    }
    const bytes = Buffer.byteLength(file.text);
    if (bytes > MAX_SKILL_FILE_BYTES) {
      errors.push(
        new UserError(
          `\`${file.path}\` is ${bytes} bytes; a skill file may have at most ${MAX_SKILL_FILE_BYTES}`,
          {
            ...at,
            hint: 'keep large data out of the skill folder, or split it into smaller files',
          },
        ),
      );
      continue;
    }
    if (file.text.includes('\u0000')) {
      errors.push(
        new UserError(`\`${file.path}\` is a binary file; skills may hold text files only for now`, {
          ...at,
          hint: 'remove the file from the skill, or ship it as text (e.g. base64 that a script decodes)',
        }),
      );
      continue;
    }
    // The same hidden characters agent files may not hold: a skill's text is copied to every tool, and a
    // bidirectional override or zero-width character makes it read unlike what a tool runs.
    const hidden = firstHiddenCharacter(normalizeText(file.text));
    if (hidden) {
      errors.push(
        new UserError(`\`${file.path}\` holds the invisible or control character ${hidden.code}`, {
          location: { file: file.path, line: hidden.line, column: hidden.column },
          hint: 'delete it: it can make the text display other than it reads (an editor that shows invisible characters finds it at this line and column)',
        }),
      );
      continue;
    }
    const unportable = path.split('/').map(unportableSegment).find(Boolean);
    if (unportable) {
      errors.push(
        new UserError(`\`${file.path}\` cannot be checked out on Windows: ${unportable}`, {
          ...at,
          hint: 'rename it: every tool’s copy of the skill carries the same name',
        }),
      );
      continue;
    }
    if (path.endsWith('/SKILL.md')) {
      errors.push(
        new UserError(`\`${file.path}\` is a SKILL.md inside the skill \`${folder}\``, {
          ...at,
          hint: 'tools that scan skill folders recursively (Copilot, OpenCode, Kilo) would list it as a skill of its own; move it to its own folder beside this one',
        }),
      );
      continue;
    }
    files.push({ path, text: file.text, executable: file.executable });
  }
  const skillMd = tree.find((f) => isSkillMd(f.path.slice(dir.length + 1)));
  if (!skillMd) {
    errors.push(
      new UserError(`the skill folder \`${dir}\` has no SKILL.md`, {
        location: { file: dir },
        hint: 'add SKILL.md with `name` and `description` frontmatter, or remove the folder',
      }),
    );
  }
  throwAll(errors);
  const { name, description } = parseSkillMd(skillMd!, folder);
  return { name, description, dir, origin, files: files.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/** SKILL.md's frontmatter, checked against the spec: name = folder, description, optional fields. */
function parseSkillMd(file: TreeFile, folder: string): { name: string; description: string } {
  const text = normalizeText(file.text);
  if (!text.startsWith('---\n')) {
    throw new UserError('SKILL.md has no YAML frontmatter', {
      location: { file: file.path, line: 1 },
      hint: 'start the file with a `---` line, then `name:` and `description:`, then `---`',
    });
  }
  let parsed: ReturnType<typeof parseYaml> | undefined;
  const data = matter(text, {
    engines: {
      yaml: (raw: string) => {
        parsed = parseYaml(raw, file.path);
        return (parsed.doc.toJS() ?? {}) as object;
      },
    },
  }).data as Record<string, unknown>;
  const where = (key: string) =>
    parsed && data[key] !== undefined ? locate(parsed, [key], file.path) : { file: file.path, line: 1 };
  const errors: UserError[] = [];
  const fail = (key: string, message: string, hint: string) =>
    errors.push(new UserError(`SKILL.md: ${message}`, { location: where(key), hint }));
  const extra = Object.keys(data).filter((k) => !specKeys.includes(k));
  if (extra.length)
    fail(
      extra[0]!,
      `unknown key ${extra.map((k) => `\`${k}\``).join(', ')}; the Agent Skills spec allows ${specKeys.join(', ')}`,
      'tool-specific keys make the skill fail the spec’s validator; remove them',
    );
  const { name, description } = data;
  if (typeof name !== 'string' || name === '') fail('name', '`name` is missing', `add \`name: ${folder}\``);
  else if (name.length > MAX_SKILL_NAME)
    fail(
      'name',
      `\`name\` has ${name.length} characters; the limit is ${MAX_SKILL_NAME}`,
      'shorten the name and rename the folder to match',
    );
  else if (isWindowsDeviceName(name))
    fail(
      'name',
      `\`name\` \`${name}\` is a name Windows reserves for a device (${WINDOWS_DEVICE_NAMES}): the skill's folder could not be checked out there`,
      'choose another name, and rename the folder to match',
    );
  else if (!skillNamePattern.test(name))
    fail(
      'name',
      `\`name\` \`${name}\` is not a skill name: lower-case letters and digits, single hyphens between them`,
      'use e.g. `pdf-tools`, and the same name for the folder',
    );
  else if (name !== folder)
    fail(
      'name',
      `\`name\` \`${name}\` does not match its folder \`${folder}\``,
      `rename the folder to ${name} or change \`name\``,
    );
  if (typeof description !== 'string' || description.trim() === '')
    fail('description', '`description` is missing', 'say what the skill does and when to use it');
  else if (description.length > MAX_SKILL_DESCRIPTION)
    fail(
      'description',
      `\`description\` has ${description.length} characters; the limit is ${MAX_SKILL_DESCRIPTION}`,
      'the spec and Cline allow 1,024 characters; shorten it',
    );
  const compatibility = data['compatibility'];
  if (
    compatibility !== undefined &&
    (typeof compatibility !== 'string' ||
      compatibility.length < 1 ||
      compatibility.length > MAX_COMPATIBILITY)
  )
    fail('compatibility', '`compatibility` must be text of 1 to 500 characters', 'shorten it');
  const metadata = data['metadata'];
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' ||
      metadata === null ||
      Array.isArray(metadata) ||
      Object.values(metadata).some((v) => typeof v !== 'string'))
  )
    fail('metadata', '`metadata` must map names to text', 'quote the values, e.g. `version: "1.0"`');
  throwAll(errors);
  return { name: name as string, description: description as string };
}

/**
 * The installed skills: the ones the manifest names, each found exactly once. A name two places provide
 * (the repository and a source, or two sources) is an error: tools would list one and hide the other.
 */
export function checkSkillClashes(skills: readonly Skill[]): void {
  const seen = new Map<string, Skill>();
  const errors: UserError[] = [];
  for (const skill of skills) {
    const other = seen.get(skill.name);
    if (other) {
      errors.push(
        new UserError(`two skills are named \`${skill.name}\`: ${other.dir} and ${skill.dir}`, {
          location: { file: `${skill.dir}/SKILL.md` },
          hint: 'every tool lists one skill per name; rename one of them (folder and `name`)',
        }),
      );
    } else seen.set(skill.name, skill);
  }
  throwAll(errors);
}

/** The files of a skill that can run code: executable ones and everything under `scripts/`. */
export function skillScripts(skill: Pick<Skill, 'files'>): string[] {
  return skill.files.filter((f) => f.executable || f.path.startsWith('scripts/')).map((f) => f.path);
}

/**
 * The skills a manifest installs, in its order: each `skills:` entry found among the repository's skills,
 * or `<source>/<name>` among a source's (`sourceSkills(id)`: undefined when the manifest has no such
 * source). Unknown names fail at their line.
 */
export function selectSkills(
  refs: readonly string[],
  available: readonly Skill[],
  locateEntry: (index: number) => SourceLocation,
  folder: string,
  sourceSkills: (id: string) => readonly Skill[] | undefined = () => undefined,
  sourceIds: readonly string[] = [],
): Skill[] {
  const byName = new Map(available.map((s) => [s.name, s]));
  const errors: UserError[] = [];
  const chosen: Skill[] = [];
  for (const [index, ref] of refs.entries()) {
    const slash = ref.indexOf('/');
    if (slash >= 0) {
      const [id, name] = [ref.slice(0, slash), ref.slice(slash + 1)];
      const skills = sourceSkills(id);
      const skill = skills?.find((s) => s.name === name);
      if (skill) {
        if (!chosen.includes(skill)) chosen.push(skill);
        continue;
      }
      errors.push(
        skills
          ? new UserError(
              `source \`${id}\` has no skill \`${name}\`.${didYouMean(
                name,
                skills.map((s) => s.name),
              )}`,
              {
                location: locateEntry(index),
                hint: skills.length
                  ? `its skills: ${skills.map((s) => s.name).join(', ')}`
                  : 'it has no `skills/<name>/SKILL.md`',
              },
            )
          : new UserError(
              `skill \`${ref}\` names source \`${id}\`, which is not in \`sources\`.${didYouMean(id, sourceIds)}`,
              {
                location: locateEntry(index),
                hint: sourceIds.length
                  ? `sources: ${sourceIds.join(', ')}`
                  : `add \`${id}\` under \`sources:\``,
              },
            ),
      );
      continue;
    }
    const skill = byName.get(ref);
    if (!skill) {
      errors.push(
        new UserError(`unknown skill \`${ref}\` in \`skills\`.${didYouMean(ref, byName.keys())}`, {
          location: locateEntry(index),
          hint: `add ${folder}/${ref}/SKILL.md, or remove it from \`skills\``,
        }),
      );
      continue;
    }
    if (!chosen.includes(skill)) chosen.push(skill);
  }
  throwAll(errors);
  checkSkillClashes(chosen);
  return chosen;
}
