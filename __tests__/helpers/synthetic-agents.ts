import { platformGroups } from '../../src/platforms/registry.js';

export const AGENTS_FOLDER = '.github/blue-gardener/agents';

/** The name of synthetic agent `i`: zero-padded so that name order is number order. */
export const syntheticName = (i: number) => `team-agent-${String(i).padStart(5, '0')}`;

/**
 * `count` custom agents of about `bytes` each (frontmatter and a prose body), as a repository holds them; every
 * 50th is an orchestrator. Deterministic: the same count gives the same bytes.
 */
export function syntheticAgents(count: number, bytes = 4096): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = syntheticName(i);
    const head = [
      '---',
      `name: ${name}`,
      `description: Use for the part of the system numbered ${i}, to review and changes its code, tests and docs.`,
      'category: development',
      `tags: [team, area-${i % 17}]`,
      ...(i % 50 === 0 ? ['role: orchestrator'] : []),
      '---',
      '',
      `# ${name}`,
      '',
    ].join('\n');
    const lines: string[] = [];
    let size = head.length;
    for (let n = 0; size < bytes; n++) {
      const line = `Step ${n} for area ${i}: read the relevant module, change the smallest thing that works, and run its tests.`;
      lines.push(line);
      size += line.length + 1;
    }
    files[`${AGENTS_FOLDER}/${name}.md`] = `${head}${lines.join('\n')}\n`;
  }
  return files;
}

/** A manifest installing only the custom agents, on every platform one repository can hold together. */
export function everyPlatformManifest(): Record<string, string> {
  return {
    '.github/blue-gardener.yml': `version: 1\nplatforms: [${platformGroups()[0]!.join(', ')}]\ncustom-agents: ${AGENTS_FOLDER}\n`,
  };
}
