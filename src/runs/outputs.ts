import type { Outcome } from './context.js';
import type { ActionIO } from './io.js';

/** The action's outputs, as action.yml documents them. */
export function setOutputs(io: ActionIO, outcome: Outcome): void {
  io.setOutput('changed', String(outcome.changes.length > 0));
  io.setOutput(
    'files',
    JSON.stringify(outcome.changes.map((c) => ({ path: c.path, operation: c.operation }))),
  );
  io.setOutput('commit-sha', outcome.commitSha ?? '');
  io.setOutput('pull-request-number', outcome.pullRequest.number ? String(outcome.pullRequest.number) : '');
  io.setOutput('pull-request-url', outcome.pullRequest.url ?? '');
  io.setOutput('pull-request-operation', outcome.pullRequest.operation);
}
