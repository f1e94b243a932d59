import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgent } from '../../src/core/catalog.js';
import { loadManifest } from '../../src/core/manifest/load.js';
import type { Agent } from '../../src/core/model.js';
import { render } from '../../src/core/render.js';
import { resolve } from '../../src/core/resolve.js';
import { bundledCatalog } from '../../src/hosts/bundled-catalog.js';
import { platformGroups } from '../../src/platforms/registry.js';

/** The hostile fixture agents of __fixtures__/agents, parsed as custom agents. */
export function fixtureAgents(): Agent[] {
  const dir = join(process.cwd(), '__fixtures__/agents');
  return readdirSync(dir)
    .sort()
    .map((name) =>
      parseAgent(
        { path: `__fixtures__/agents/${name}`, text: readFileSync(join(dir, name), 'utf8') },
        'custom',
      ),
    );
}

/** Renders agents on every target through the real pipeline (manifest → resolve → render). */
export function renderAll(manifestYaml: string, custom: Agent[] = []) {
  const catalog = bundledCatalog();
  const loaded = loadManifest(manifestYaml, '.github/blue-gardener.yml');
  const resolution = resolve(loaded, catalog, custom);
  return {
    resolution,
    ...render(resolution, new Set([...catalog.agents.keys(), ...custom.map((a) => a.name)])),
  };
}

/** Manifests that together enable every target (targets that exclude each other are in different ones). */
export const allPlatformsYamls = platformGroups().map(
  (ids) => `version: 1\nplatforms: [${ids.join(', ')}]\n`,
);

/** Renders the agents on every target, one manifest per group of targets, `extra` added to each. */
export function renderEveryTarget(extra: string, custom: Agent[] = []) {
  const runs = allPlatformsYamls.map((yaml) => renderAll(yaml + extra, custom));
  return {
    resolution: runs[0]!.resolution,
    files: runs.flatMap((r) => r.files),
    warnings: runs.flatMap((r) => r.warnings),
  };
}
