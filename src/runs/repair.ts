import { repairPullRequestBody } from '../core/report/drift.js';
import type { FlowContext, FlowRequest, Outcome } from './context.js';
import { pullRequestFlow } from './pull-request.js';

/**
 * `repair` (for a `schedule:` workflow): the pull-request flow, whose plan already follows the manifest's
 * drift policy, with a body that explains every finding. What the policy leaves in place is a warning.
 */
export async function repairFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const outcome = await pullRequestFlow(ctx, { ...request, pullRequestBody: repairPullRequestBody });
  for (const f of outcome.report.findings.filter((x) => x.action === 'kept'))
    ctx.io.warning(`${f.path}: ${f.kind}: ${f.message}`);
  return outcome;
}
