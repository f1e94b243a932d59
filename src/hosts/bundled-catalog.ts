import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog, type SourceFile } from '../core/catalog.js';
import type { Agent, Catalog, Profile } from '../core/model.js';

/**
 * The catalog shipped with blue-gardener: `agents/` two levels above this module, both in the sources
 * (`src/hosts/`) and in the CLI bundle (`dist/cli/`). `BLUE_GARDENER_CATALOG` points elsewhere.
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

/** The catalog as `dist/catalog.json`: parsed and checked at build time, so a run only reads one JSON file. */
export interface CompiledCatalog {
  agents: Agent[];
  profiles: Profile[];
}

export function compileCatalog(catalog: Catalog): CompiledCatalog {
  return { agents: [...catalog.agents.values()], profiles: [...catalog.profiles.values()] };
}

let cached: Catalog | undefined;

/**
 * The bundled catalog, loaded once per process: from `dist/catalog.json` in the bundles (beside the action's
 * `dist/index.js`, one level above the CLI's `dist/cli/engine.js`), or parsed from `agents/` when running
 * from the sources or when `BLUE_GARDENER_CATALOG` is set.
 */
export function bundledCatalog(): Catalog {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = [join(here, 'catalog.json'), join(here, '..', 'catalog.json')].find((f) => existsSync(f));
  if (!process.env['BLUE_GARDENER_CATALOG'] && compiled) {
    const data = JSON.parse(readFileSync(compiled, 'utf8')) as CompiledCatalog;
    cached = {
      agents: new Map(data.agents.map((a) => [a.name, a])),
      profiles: new Map(data.profiles.map((p) => [p.id, p])),
    };
  } else {
    const files = readCatalogFiles();
    cached = buildCatalog(files.agents, files.profiles);
  }
  return cached;
}
