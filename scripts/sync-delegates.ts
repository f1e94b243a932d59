/**
 * `npx tsx scripts/sync-delegates.ts`: rewrites each catalog agent's `delegates` frontmatter line from the
 * `@blue-…` mentions of its body, so the explicit routing data never drifts from the prompt (the catalog
 * lint checks they are equal). Prints each file it changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mentionsIn } from '../src/core/mentions.js';
import { bundledCatalogDir, readCatalogFiles } from '../src/hosts/bundled-catalog.js';

const root = join(bundledCatalogDir(), '..');
for (const file of readCatalogFiles().agents) {
  const text = readFileSync(join(root, file.path), 'utf8');
  const name = /^name: (.+)$/m.exec(text)![1]!;
  const body = text.slice(text.indexOf('\n---\n', 4) + 5);
  const delegates = mentionsIn(body)
    .filter((n) => n !== name)
    .sort();
  const next = text.replace(/^delegates: .*$/m, `delegates: [${delegates.join(', ')}]`);
  if (next !== text) {
    writeFileSync(join(root, file.path), next);
    console.log(file.path);
  }
}
