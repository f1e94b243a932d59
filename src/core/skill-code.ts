import type { FileChange, RenderedFile } from './model.js';

/** A skill whose files this change set writes, and which of them can run code. */
export interface SkillCode {
  skill: string;
  /** Paths inside the skill folder: executable files and everything under `scripts/`, sorted. */
  files: string[];
}

/**
 * The skills a change set adds or changes code in, so that a dry run, a pull request and a job summary
 * can say so plainly. A skill written to several roots is listed once, by its paths inside the skill.
 */
export function skillsRunningCode(
  changes: readonly FileChange[],
  rendered: readonly RenderedFile[],
): SkillCode[] {
  const byPath = new Map(rendered.map((f) => [f.path, f]));
  const found = new Map<string, Set<string>>();
  for (const change of changes) {
    if (change.operation === 'delete') continue;
    const file = byPath.get(change.path);
    if (!file?.skill) continue;
    const marker = `/${file.skill}/`;
    const inside = file.path.slice(file.path.indexOf(marker) + marker.length);
    if (!file.executable && !inside.startsWith('scripts/')) continue;
    found.set(file.skill, (found.get(file.skill) ?? new Set()).add(inside));
  }
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([skill, files]) => ({ skill, files: [...files].sort() }));
}

/** One line per skill: "skill `x` runs code: scripts/a.sh, scripts/b.py". */
export function skillCodeLines(code: readonly SkillCode[]): string[] {
  return code.map(
    (c) => `skill \`${c.skill}\` runs code: ${c.files.join(', ')} — read it before you use the skill`,
  );
}
