import type { CurrentFile } from './current-file.js';
import { UserError, throwAll } from './errors.js';
import { gitBlobSha } from './hash.js';
import { withMark } from './generated-mark.js';
import type { RenderedFile } from './model.js';
import type { Skill } from './skill.js';
import { platforms as registry, type PlatformId } from '../platforms/registry.js';

export interface RenderedSkills {
  files: RenderedFile[];
  /** Enabled targets that read no project skills (reported, so that nobody expects them there). */
  without: PlatformId[];
}

/**
 * Every installed skill copied, file by file and byte for byte, into the skill root of each enabled
 * target that reads project skills (the SKILL.md with our generated-by mark). Targets sharing a root (`.agents/skills/`) get each skill once; the
 * file's `platform` names all of them, as a shared index block does. Pure; sorted by path.
 */
export function renderSkills(skills: readonly Skill[], enabled: readonly PlatformId[]): RenderedSkills {
  const roots = new Map<string, PlatformId[]>();
  const without: PlatformId[] = [];
  for (const id of enabled) {
    const root = registry[id].skills?.root;
    if (!root) without.push(id);
    else roots.set(root, [...(roots.get(root) ?? []), id]);
  }
  const files: RenderedFile[] = [];
  for (const [root, ids] of roots) {
    const platform = ids.join(',');
    for (const skill of skills) {
      for (const file of skill.files) {
        files.push({
          path: `${root}${skill.name}/${file.path}`,
          // The SKILL.md carries our generated-by mark; the rest is copied byte for byte and is ours through
          // it (ownership.ts).
          content:
            file.path === 'SKILL.md' ? withMark(`${root}${skill.name}/SKILL.md`, file.text) : file.text,
          platform,
          skill: skill.name,
          kind: 'file',
          ...(file.executable ? { executable: true } : {}),
        });
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, without: skills.length ? without : [] };
}

/**
 * A skill folder in a tool's skill root that we did not generate, with the name of a skill we install: a
 * SKILL.md there that the lock does not own and that differs from ours is another skill of that name.
 * Writing ours would mix two skills in one folder, so it is an error before anything is written.
 */
export function checkSkillFolders(
  files: readonly RenderedFile[],
  current: ReadonlyMap<string, CurrentFile | undefined>,
  locked: ReadonlySet<string>,
): void {
  const errors: UserError[] = [];
  for (const file of files) {
    if (!file.skill || !file.path.endsWith(`/${file.skill}/SKILL.md`) || locked.has(file.path)) continue;
    const now = current.get(file.path);
    if (!now || now.blob === gitBlobSha(file.content)) continue;
    const folder = file.path.slice(0, -'/SKILL.md'.length);
    errors.push(
      new UserError(
        `\`${folder}\` already holds a skill named \`${file.skill}\` that blue-gardener did not generate`,
        {
          location: { file: file.path },
          hint: `the manifest installs a skill of the same name there; rename one of the two, or move this one into the repository's skills folder and list it in \`skills\``,
        },
      ),
    );
  }
  throwAll(errors);
}
