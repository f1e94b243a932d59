import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { version } from '../version.js';
import type { CheckProblem } from './check.js';

/**
 * The check's problems as a SARIF 2.1.0 log, for teams that upload it to code scanning
 * (github/codeql-action/upload-sarif). One rule per finding kind; deterministic (no timestamps).
 */
export function sarifLog(problems: readonly (CheckProblem & { kind: string })[]): object {
  const kinds = [...new Set(problems.map((p) => p.kind))].sort();
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'blue-gardener',
            version,
            informationUri: 'https://github.com/blue-gardener/blue-gardener',
            rules: kinds.map((id) => ({ id, shortDescription: { text: `generated agent file: ${id}` } })),
          },
        },
        results: problems.map((p) => ({
          ruleId: p.kind,
          level: 'error',
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file },
                region: { startLine: p.line ?? 1 },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** Writes the log whole (beside, then renamed), so an upload step never reads half a file. */
export function writeSarif(file: string, problems: readonly (CheckProblem & { kind: string })[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(sarifLog(problems), null, 2)}\n`);
  renameSync(temp, file);
}
