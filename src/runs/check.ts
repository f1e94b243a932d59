import { UserError } from '../core/errors.js';
import type { FileChange } from '../core/model.js';
import type { Finding } from '../core/plan.js';
import { jobSummary } from '../core/report/markdown.js';
import { needsAttention, notableFindings, planText } from '../core/report/text.js';
import { noPullRequest, type FlowContext, type FlowRequest, type Outcome } from './context.js';
import { planAt, type PlannedRun } from './plan-at.js';
import { writeSarif } from './sarif.js';

/** What `check` throws when files are out of date: `drift` counts the files that would change. */
export class StaleFiles extends UserError {
  constructor(
    message: string,
    options: { hint: string },
    readonly drift: number,
    /** What the run found, for the outputs a failed check still sets. */
    readonly outcome?: Outcome,
  ) {
    super(message, options);
  }
}

/** One problem on one file, for an annotation in the pull request's diff. */
export interface CheckProblem {
  /** The finding's kind (`hand-edited`, `missing`, …), or the change's operation when nothing was found. */
  kind: string;
  file: string;
  line?: number;
  message: string;
}

/**
 * `check`: write nothing; fail with the list and the fix when anything is out of date. On a pull request
 * it judges the head commit (see runs/event.ts), and each problem becomes an annotation on its file — on
 * the first line that differs from what the manifest generates, when the file is there to point at.
 */
export async function checkFlow(ctx: FlowContext, request: FlowRequest): Promise<Outcome> {
  const run = await planAt(ctx, request);
  const { snapshot, result, report: md } = run;
  const stale = needsAttention(result.plan);
  const fix = request.at
    ? 'run `npx blue-gardener@1 sync` on the pull request’s branch and push the result, or comment `/blue sync` on the pull request'
    : 'run `npx blue-gardener@1 sync` and commit the result, or comment `/blue sync` on an issue';
  const summary = jobSummary(
    md,
    stale ? 'agent files are out of date' : 'up to date',
    stale ? fix : undefined,
  );
  const outcome: Outcome = {
    changes: [],
    pending: run.changes,
    pullRequest: noPullRequest,
    summary,
    report: md,
  };
  if (!stale) {
    if (ctx.options.sarifFile) writeSarif(ctx.options.sarifFile, []);
    ctx.io.info('Up to date: every generated file matches the manifest.');
    return outcome;
  }
  const problems = await checkProblems(run, ctx.options.manifest);
  if (ctx.options.sarifFile) writeSarif(ctx.options.sarifFile, problems);
  for (const p of problems) ctx.io.error(p.message, { file: p.file, ...(p.line ? { line: p.line } : {}) });
  await ctx.io.summary(summary);
  throw new StaleFiles(
    `agent files in ${snapshot.branch} are out of date with ${ctx.options.manifest}:\n${planText(result.plan, { applied: false })}`,
    { hint: fix.replace(/^run/, 'Run') },
    result.plan.changes.length,
    outcome,
  );
}

/**
 * Every finding and every change as a problem on a file. A file that is missing cannot carry an
 * annotation, so it is reported on the manifest that asks for it.
 */
export async function checkProblems(run: PlannedRun, manifest: string): Promise<CheckProblem[]> {
  const findings = notableFindings(run.result.plan.findings);
  const byPath = new Map<string, Finding>(findings.map((f) => [f.path, f]));
  const changed = new Map<string, FileChange>(run.changes.map((c) => [c.path, c]));
  const wanted = new Map(
    run.result.rendered.filter((f) => f.kind === 'file').map((f) => [f.path, f.content]),
  );
  const paths = [...new Set([...byPath.keys(), ...changed.keys()])].sort();
  // The current texts of drifted whole files, which the plan decided from blob SHAs: one batched read.
  const unread = paths.filter(
    (p) => wanted.has(p) && changed.get(p)?.operation !== 'create' && !changed.get(p)?.before,
  );
  const texts = unread.length ? await run.host.current(unread, unread) : new Map();
  const problems: CheckProblem[] = [];
  for (const path of paths) {
    const finding = byPath.get(path);
    const change = changed.get(path);
    const now = change?.before ?? texts.get(path)?.text;
    if (now === undefined && (change?.operation === 'create' || finding?.kind === 'missing')) {
      problems.push({
        kind: finding?.kind ?? 'missing',
        file: manifest,
        message: `\`${path}\` is missing: ${finding?.message ?? 'the manifest generates it, but it was never generated'}`,
      });
      continue;
    }
    const what = finding
      ? `${finding.kind}: ${finding.message}`
      : `${change!.operation}: out of date with the manifest`;
    const desired = wanted.get(path);
    const line = now !== undefined && desired !== undefined ? firstDifferentLine(now, desired) : undefined;
    problems.push({ kind: finding?.kind ?? 'stale', file: path, ...(line ? { line } : {}), message: what });
  }
  return problems;
}

/** The 1-based number of the first line where two texts differ (a line of `before`). */
export function firstDifferentLine(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.min(i, Math.max(a.length - 1, 0)) + 1;
}
