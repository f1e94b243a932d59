import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog, type SourceFile } from '../core/catalog.js';
import type { Catalog } from '../core/model.js';

/**
 * The catalog shipped with blue-gardener: `agents/` two levels above this module, both in the sources
 * (`src/hosts/`) and in the bundle (`dist/cli/`, `dist/action/`). `BLUE_GARDENER_CATALOG` points elsewhere.
 */
export function bundledCatalogDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return process.env['BLUE_GARDENER_CATALOG'] ?? join(here, '..', '..', 'agents');
}

/** Reads the catalog's files (sorted, so the result is the same everywhere). */
export function readCatalogFiles(dir = bundledCatalogDir()): { agents: SourceFile[]; profiles: SourceFile } {
  const agents: SourceFile[] = [];
  for (const category of readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    for (const name of readdirSync(join(dir, category))
      .filter((n) => n.endsWith('.md'))
      .sort()) {
      agents.push({
        path: `agents/${category}/${name}`,
        text: readFileSync(join(dir, category, name), 'utf8'),
      });
    }
  }
  return {
    agents,
    profiles: { path: 'agents/profiles.yml', text: readFileSync(join(dir, 'profiles.yml'), 'utf8') },
  };
}

let cached: Catalog | undefined;

/** The bundled catalog, parsed once per process. */
export function bundledCatalog(): Catalog {
  if (!cached) {
    const files = readCatalogFiles();
    cached = buildCatalog(files.agents, files.profiles);
  }
  return cached;
}
