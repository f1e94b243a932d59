import { UserError, throwAll } from './errors.js';
import type { RenderedFile } from './model.js';
import type { Platform, RenderWarning, ResolvedAgent } from '../platforms/contract.js';
import type { Resolution } from './resolve.js';
import { checkAgent, resolveLimits } from './limits.js';
import { parseBody, renderMentions } from './mentions.js';
import { platforms as registry } from '../platforms/registry.js';
import { withMark } from './generated-mark.js';

export interface Rendered {
  files: RenderedFile[];
  warnings: RenderWarning[];
}

/**
 * Every enabled platform's files for the resolved agents, sorted by path: whole files for agents and one
 * managed block per shared file. Pure and deterministic.
 */
export function render(resolution: Resolution, knownAgents: ReadonlySet<string>): Rendered {
  const installed = new Set(resolution.agents.map((a) => a.name));
  const files: RenderedFile[] = [];
  const warnings: RenderWarning[] = [];
  const errors: UserError[] = [];
  const blocks = new Map<string, { platform: Platform; text: string }[]>();
  const parsed = resolution.agents.map((agent) => parseBody(agent.body));
  // Platforms that mention agents the same way get the same body strings: rewritten and trimmed once.
  const bodiesByStyle = new Map<string, string[]>();
  const bodiesFor = (platform: Platform) =>
    resolution.agents.map((agent, i) =>
      renderMentions(
        parsed[i]!,
        (name) => {
          if (name === agent.name || !knownAgents.has(name)) return undefined;
          return installed.has(name) ? platform.mention(name) : null;
        },
        platform.unrouted ?? DEFAULT_UNROUTED,
      ).trimEnd(),
    );
  const names = resolution.agents.map((a) => a.name);
  for (const id of resolution.platforms) {
    const platform: Platform = registry[id];
    const style = `${platform.mention('\u0000')}\u0000${platform.unrouted ?? DEFAULT_UNROUTED}`;
    let bodies = bodiesByStyle.get(style);
    if (!bodies) bodiesByStyle.set(style, (bodies = bodiesFor(platform)));
    const limits = resolveLimits(platform, names);
    for (const [i, agent] of resolution.agents.entries()) {
      const body = withRunNote(platform, agent, bodies[i]!);
      const native = platform.render(agent, body);
      // Marked before the limits are checked: the mark counts towards a file's size.
      const file = { path: native.path, content: withMark(native.path, native.content) };
      const found = checkAgent(platform, limits, agent, { content: file.content, body });
      errors.push(...found.errors);
      warnings.push(...found.warnings);
      files.push({ path: file.path, content: file.content, platform: id, agent: agent.name, kind: 'file' });
    }
    if (platform.index) {
      const list = blocks.get(platform.index.path) ?? [];
      list.push({ platform, text: indexSection(platform, resolution) });
      blocks.set(platform.index.path, list);
    }
  }
  for (const [path, sections] of blocks) {
    const content = sections.map((s) => s.text).join('\n');
    const limit = Math.min(...sections.map((s) => s.platform.index!.maxBytes));
    if (Buffer.byteLength(content) > limit) {
      errors.push(
        new UserError(
          `the agent index in ${path} would be ${Buffer.byteLength(content)} bytes; the limit is ${limit}`,
          {
            hint: 'Codex reads at most 32 KiB of AGENTS.md; install fewer agents or shorten their descriptions',
          },
        ),
      );
    }
    files.push({ path, content, platform: sections.map((s) => s.platform.id).join(','), kind: 'block' });
  }
  throwAll(errors);
  markWholeFiles(files);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, warnings };
}

/**
 * Every whole file carries our generated-by mark (generated-mark.ts; ownership.ts says why), whoever rendered
 * it — except files inside a skill folder other than its SKILL.md: those are copied byte for byte and are ours
 * through their SKILL.md.
 */
function markWholeFiles(files: RenderedFile[]): void {
  const skillDirs = files
    .filter((f) => f.kind === 'file' && f.path.endsWith('/SKILL.md'))
    .map((f) => f.path.slice(0, -'SKILL.md'.length));
  for (const file of files) {
    if (file.kind !== 'file') continue;
    if (skillDirs.some((dir) => file.path.startsWith(dir)) && !file.path.endsWith('/SKILL.md')) continue;
    file.content = withMark(file.path, file.content);
  }
}

/** What a mention of an agent that is not installed becomes, where no other agent of its list is installed. */
export const DEFAULT_UNROUTED = 'the main session';

/** An orchestrator's body, opened with how to run it as the main agent where the tool has that notion. */
function withRunNote(platform: Platform, agent: ResolvedAgent, body: string): string {
  if (agent.role !== 'orchestrator' || !platform.runAsMain) return body;
  return `> ${platform.runAsMain(agent.name)}\n\n${body}`;
}

/**
 * One platform's section of a shared index: how to invoke an agent, said once, then every installed agent
 * on one line. Saying it once keeps each line to name and description, so the index stays within the
 * tool's read limit as the catalog grows (the whole catalog has to fit).
 */
function indexSection(platform: Platform, resolution: Resolution): string {
  const lines = resolution.agents.map((a) => `- \`${a.name}\` — ${a.description}`);
  const body = lines.length
    ? `To use one, ${platform.invoke('<name>')}.\n\n${lines.join('\n')}`
    : '_No agents are installed._';
  return `## ${platform.index!.heading}\n\n${body}\n`;
}
