import { UserError, throwAll } from './errors.js';
import type { RenderedFile } from './model.js';
import type { Platform, RenderWarning, ResolvedAgent } from '../platforms/contract.js';
import type { Resolution } from './resolve.js';
import { checkAgent, resolveLimits, summariseShared } from './limits.js';
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
    const found: ReturnType<typeof checkAgent>['warnings'] = [];
    for (const [i, agent] of resolution.agents.entries()) {
      const body = withRunNote(platform, agent, bodies[i]!);
      const native = platform.render(agent, body);
      // Marked before the limits are checked: the mark counts towards a file's size.
      const file = { path: native.path, content: withMark(native.path, native.content) };
      const checked = checkAgent(platform, limits, agent, { content: file.content, body });
      errors.push(...checked.errors);
      found.push(...checked.warnings);
      files.push({ path: file.path, content: file.content, platform: id, agent: agent.name, kind: 'file' });
    }
    warnings.push(...summariseShared(platform, found, resolution.agents.length));
    if (platform.index) {
      const list = blocks.get(platform.index.path) ?? [];
      const section = indexSection(platform, resolution);
      if (section.left > 0)
        warnings.push({
          agent: '*',
          platform: id,
          message: `the agent index in ${platform.index.path} lists ${(resolution.agents.length - section.left).toLocaleString('en-US')} of ${resolution.agents.length.toLocaleString('en-US')} agents (orchestrators first) to stay within ${platform.index.maxBytes.toLocaleString('en-US')} bytes; it points to the folder for the rest`,
        });
      list.push({ platform, text: section.text });
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
 * One platform's section of a shared index: how to invoke an agent, said once, then one line per installed
 * agent, orchestrators first (they are where work starts), then the others in name order. The section stays
 * within the index's byte budget whatever the number of agents: the lines that do not fit are replaced by one
 * line pointing to the folder that holds every agent's file. `left` is how many agents were not listed.
 */
function indexSection(platform: Platform, resolution: Resolution): { text: string; left: number } {
  const index = platform.index!;
  const heading = `## ${index.heading}\n\n`;
  if (resolution.agents.length === 0) return { text: `${heading}_No agents are installed._\n`, left: 0 };
  const ordered = [
    ...resolution.agents.filter((a) => a.role === 'orchestrator'),
    ...resolution.agents.filter((a) => a.role !== 'orchestrator'),
  ];
  const lines = ordered.map((a) => `- \`${a.name}\` — ${a.description}`);
  const intro = `${heading}To use one, ${platform.invoke('<name>')}.\n\n`;
  const whole = `${intro}${lines.join('\n')}\n`;
  if (Buffer.byteLength(whole) <= index.maxBytes) return { text: whole, left: 0 };
  const folder = platform.writes.find((w) => w.endsWith('/')) ?? '';
  const rest = (n: number) =>
    `- …and ${n} more: every agent is a file in \`${folder}\`, whose \`description\` says when to use it.\n`;
  // The pointer line is reserved at its longest, so adding a listed line never pushes it out of budget.
  let used = Buffer.byteLength(intro) + Buffer.byteLength(rest(lines.length));
  let listed = 0;
  for (const line of lines) {
    const bytes = Buffer.byteLength(line) + 1;
    if (used + bytes > index.maxBytes) break;
    used += bytes;
    listed++;
  }
  const shown = lines
    .slice(0, listed)
    .map((l) => `${l}\n`)
    .join('');
  return { text: `${intro}${shown}${rest(lines.length - listed)}`, left: lines.length - listed };
}
