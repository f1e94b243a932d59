// Writes the generated documents that are committed; tests fail when they are stale.
import { writeFileSync } from 'node:fs';
import { catalogMarkdown } from '../src/core/catalog-doc.js';
import { manifestJsonSchema } from '../src/core/manifest/schema.js';
import { bundledCatalog, compileCatalog } from '../src/hosts/bundled-catalog.js';

writeFileSync('schema/manifest.schema.json', `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
writeFileSync('agents/CATALOG.md', catalogMarkdown(bundledCatalog()));
writeFileSync('dist/catalog.json', `${JSON.stringify(compileCatalog(bundledCatalog()))}\n`);
