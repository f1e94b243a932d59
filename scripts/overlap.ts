// `npm run overlap`: prints, per agent and overall, how much of our catalog's text shares 8-word shingles
// with the original blue-gardener CLI 0.2.0 (a devDependency), and fails when the budget is exceeded.
import { join } from 'node:path';
import { bundledCatalog } from '../src/hosts/bundled-catalog.js';
import {
  formatOverlap,
  MAX_OVERALL,
  MAX_PER_AGENT,
  measureOverlap,
  readReference,
} from './shingle-overlap.js';

const report = measureOverlap(
  bundledCatalog(),
  readReference(join('node_modules', 'blue-gardener', 'agents')),
);
process.stdout.write(formatOverlap(report));
const over = report.agents.filter((a) => a.fraction >= MAX_PER_AGENT).map((a) => a.name);
if (report.fraction >= MAX_OVERALL || over.length) {
  process.stderr.write(`over budget${over.length ? `: ${over.join(', ')}` : ''}\n`);
  process.exitCode = 1;
}
