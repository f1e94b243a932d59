import type { FileChange } from '../core/model.js';
import type { Outcome } from './context.js';
import type { ActionIO } from './io.js';

const fileList = (changes: readonly FileChange[]) =>
  JSON.stringify(changes.map((c) => ({ path: c.path, operation: c.operation })));

/**
 * The action's outputs, as action.yml documents them. `changed` and `files` say what this run wrote (a
 * commit); `pending-files` what is still to change on the base branch (what a pull request proposes, or
 * what `check` found); `findings` the findings counted by kind.
 */
export function setOutputs(io: ActionIO, outcome: Outcome): void {
  const wrote = outcome.commitSha !== undefined;
  io.setOutput('changed', String(wrote));
  io.setOutput('files', fileList(wrote ? outcome.changes : []));
  io.setOutput('pending-files', fileList(outcome.pending ?? outcome.changes));
  io.setOutput('findings', JSON.stringify(findingCounts(outcome)));
  io.setOutput('commit-sha', outcome.commitSha ?? '');
  io.setOutput('pull-request-number', outcome.pullRequest.number ? String(outcome.pullRequest.number) : '');
  io.setOutput('pull-request-url', outcome.pullRequest.url ?? '');
  io.setOutput('pull-request-operation', outcome.pullRequest.operation);
}

/** `{"hand-edited": 1, "missing": 2}`: the findings by kind, keys sorted, for a workflow to gate on. */
export function findingCounts(outcome: Outcome): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of outcome.report.findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
