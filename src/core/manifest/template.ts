import {
  CLI,
  DEFAULT_CUSTOM_AGENTS,
  DEFAULT_CUSTOM_SKILLS,
  SCHEMA_INSTALLED_PATH,
  SCHEMA_URL,
} from '../paths.js';
import { platformIds } from '../../platforms/registry.js';

export { SCHEMA_URL };

/** The starter manifest `init` writes: every key commented, so people can learn the format from it. */
export function starterManifest(options: {
  platforms: string[];
  profiles: string[];
  schemaUrl: string;
  /** Agents to list on top of the profiles (a migration lists the ones the original CLI installed). */
  agents?: string[];
}): string {
  return `# yaml-language-server: $schema=${options.schemaUrl}
# (offline, with blue-gardener installed in node_modules: $schema=${SCHEMA_INSTALLED_PATH})
# blue-gardener manifest: which AI coding agents to generate, and for which tools.
# After editing, run \`${CLI} sync\` (or let the GitHub Action do it).
version: 1

# Coding tools to write agent files for (kiro and kiro-cli exclude each other):
${commentLines(`${platformIds.join(', ')}.`)}
platforms:
${options.platforms.map((p) => `  - ${p}`).join('\n')}

# Profiles of the bundled catalog (\`${CLI} profiles\` lists them).
profiles:
${options.profiles.map((p) => `  - ${p}`).join('\n') || '  []'}

# More agents on top of the profiles (\`${CLI} search <words>\` finds them).
agents:
${(options.agents ?? []).map((a) => `  - ${a}`).join('\n') || '  []'}

# Agents to leave out, even when a profile includes them.
exclude: []

# When an installed agent routes work to one that is not installed:
#   warn    - report it and mark the mention "not installed" (default)
#   install - install the routed-to agents too
delegation: warn

# When generated files drift. One value is the policy for files edited by hand: keep (report
# them), overwrite, or fail. A map sets a policy per kind of drift (\`${CLI} doctor\` lists them):
#   hand-edits:
#     missing: regenerate   # regenerate | report | fail   (a generated file was deleted)
#     stale: regenerate     # regenerate | report | fail   (the manifest or the catalog changed)
#     hand-edited: keep     # keep | overwrite | fail
#     orphaned: delete      # delete | keep | fail         (its agent or platform left the manifest)
#     foreign: report       # report | fail                (not ours: never touched)
hand-edits: keep

# Your own agents (Markdown + frontmatter, like the catalog's) live here; all of them are installed.
custom-agents: ${DEFAULT_CUSTOM_AGENTS}

# Skills to copy into every tool's skill folder: each is a folder with a SKILL.md (and any files it uses)
# under ${DEFAULT_CUSTOM_SKILLS}/<name>/, for example:
# skills: [release-notes]

# Agents from other repositories, pinned to a commit in the lock (\`${CLI} update\` moves them):
# sources:
#   acme: acme/ai-catalog/agents@v2     # owner/repo[/folder]@ref, or { git: <url>, ref: main, path: agents }
# and then: agents: [acme/reviewer]

# Per-agent, per-tool settings, for example:
# overrides:
#   blue-react-developer:
#     claude-code: { model: sonnet }
#     opencode: { model: anthropic/claude-sonnet-4-5 }
`
    .replace('profiles:\n  []', 'profiles: []')
    .replace('agents:\n  []', 'agents: []');
}

/** Text as `# ` comment lines of at most 100 characters, broken between words. */
function commentLines(text: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + word.length < 97) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => `# ${line}`).join('\n');
}
