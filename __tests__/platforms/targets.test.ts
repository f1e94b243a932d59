import { UserError } from '../../src/core/errors.js';
import { loadManifest } from '../../src/core/manifest/load.js';
import { onboardingManifest } from '../../src/fleet/onboarding.js';
import { platformGroups, platformIds, withoutExcluded } from '../../src/platforms/registry.js';
import { fixtureAgents, renderAll } from '../helpers/render-fixtures.js';
import { MARK_TEXT } from '../../src/core/generated-mark.js';

function manifestError(yaml: string): UserError {
  try {
    loadManifest(yaml, '.github/blue-gardener.yml');
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the manifest loaded');
}

describe('targets that share a folder', () => {
  it('kiro and kiro-cli in one manifest is an error on the line of the second, whatever the order', () => {
    for (const [first, second] of [
      ['kiro', 'kiro-cli'],
      ['kiro-cli', 'kiro'],
    ]) {
      const error = manifestError(`version: 1\nplatforms:\n  - claude-code\n  - ${first}\n  - ${second}\n`);
      expect(error.message).toBe(
        `platforms \`${first}\` and \`${second}\` write the same folder, where one tool would list every agent twice`,
      );
      expect(error.location).toMatchObject({ file: '.github/blue-gardener.yml', line: 5 });
    }
  });

  it('detection proposes one of them when `.kiro/agents/` exists', () => {
    expect(withoutExcluded(['claude-code', 'kiro', 'kiro-cli'])).toEqual(['claude-code', 'kiro']);
    const proposal = onboardingManifest(new Map([['.kiro/agents/a.md', {}]]));
    expect(proposal).toMatch(/^platforms:\n {2}- kiro\n\n/m);
  });

  it('every target is in exactly one group of targets that can be enabled together', () => {
    const groups = platformGroups();
    expect(groups.flat().sort()).toEqual([...platformIds].sort());
    for (const group of groups)
      expect(() => loadManifest(`version: 1\nplatforms: [${group.join(', ')}]\n`, 'm')).not.toThrow();
    expect(platformIds.length).toBeGreaterThanOrEqual(16);
  });
});

describe('Copilot: disable-model-invocation and user-invocable replace the retired infer', () => {
  const overrides = (keys: string) =>
    `version: 1\nplatforms: [copilot]\noverrides:\n  blue-alpha:\n    copilot: { ${keys} }\n`;

  it('are written as booleans when set, and left out otherwise', () => {
    const { files } = renderAll(
      overrides('disable-model-invocation: true, user-invocable: false'),
      fixtureAgents(),
    );
    const alpha = files.find((f) => f.path === '.github/agents/blue-alpha.agent.md')!.content;
    expect(alpha).toMatch(/^disable-model-invocation: true\nuser-invocable: false\n---\n/m);
    const beta = files.find((f) => f.path === '.github/agents/blue-beta.agent.md')!.content;
    expect(beta).not.toMatch(/invocable|invocation/);
  });

  it('`infer` (never accepted here) is refused with the keys that replace it', () => {
    const error = manifestError(overrides('infer: false'));
    expect(error.message).toContain('unknown key `infer` in `overrides.blue-alpha.copilot`');
    expect(error.hint).toContain('disable-model-invocation');
    expect(error.hint).toContain('user-invocable');
  });
});

describe('kiro-cli', () => {
  it('writes JSON whose prompt is the body exactly and then the generated-by mark, with only the overrides given', () => {
    const yaml = `version: 1\nplatforms: [kiro-cli]\noverrides:\n  blue-beta:\n    kiro-cli: { tools: [read, shell], model: claude-sonnet-4 }\n`;
    const { files } = renderAll(yaml, fixtureAgents());
    const beta = JSON.parse(files.find((f) => f.path === '.kiro/agents/blue-beta.json')!.content) as Record<
      string,
      unknown
    >;
    expect(Object.keys(beta)).toEqual(['name', 'description', 'prompt', 'tools', 'model']);
    expect(beta['tools']).toEqual(['read', 'shell']);
    const gamma = JSON.parse(files.find((f) => f.path === '.kiro/agents/blue-gamma.json')!.content) as Record<
      string,
      unknown
    >;
    expect(Object.keys(gamma)).toEqual(['name', 'description', 'prompt']);
    expect(gamma['prompt']).toBe(
      `${fixtureAgents()
        .find((a) => a.name === 'blue-gamma')!
        .body.trimEnd()}\n\n<!-- ${MARK_TEXT} -->`,
    );
  });
});
