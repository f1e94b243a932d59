import { escapeCell } from '../core/report/markdown.js';
import { isFailure, type RepoResult, type ResultKind } from './result.js';

const LABELS: Record<ResultKind, string> = {
  'up-to-date': 'up to date',
  drift: 'out of date',
  committed: 'committed',
  'pull-request-created': 'pull request opened',
  'pull-request-updated': 'pull request updated',
  'pull-request-open': 'pull request open',
  'pull-request-closed': 'pull request closed (nothing left)',
  'onboarding-created': 'onboarding pull request opened',
  'onboarding-updated': 'onboarding pull request updated',
  'onboarding-open': 'onboarding pull request open',
  'onboarding-declined': 'onboarding declined (pull request closed)',
  'update-declined': 'source update declined (pull request closed)',
  'dry-run': 'dry run',
  empty: 'empty repository, skipped',
  failed: 'failed',
};

export interface Aggregate {
  markdown: string;
  /** Repositories whose result fails the fleet (an error, or drift in check mode). */
  failed: string[];
  /** Repositories that were discovered but wrote no result (their job was cancelled or crashed). */
  missing: string[];
}

const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a === b ? 0 : 1);

/**
 * One table for the whole fleet: repository, result, pull request, drift. Failures and repositories without
 * a result are listed first, with their error, so they are what a reader sees.
 */
export function aggregate(
  results: readonly RepoResult[],
  expected: readonly string[],
  problems: readonly string[] = [],
): Aggregate {
  // A repository re-run in a later attempt wrote the same file name; the last one read wins.
  const latest = new Map<string, RepoResult>();
  for (const r of results) latest.set(r.repository.toLowerCase(), r);
  const rows = [...latest.values()].sort((a, b) => byName(a.repository, b.repository));
  const failed = rows.filter(isFailure).map((r) => r.repository);
  const missing = expected.filter((name) => !latest.has(name.toLowerCase())).sort(byName);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(LABELS[r.result], (counts.get(LABELS[r.result]) ?? 0) + 1);
  const requests = rows.reduce((sum, r) => sum + (r.requests ?? 0), 0);
  const drifted = rows.filter((r) => r.drift > 0).length;
  const total = rows.length + missing.length;
  const verdict =
    failed.length || missing.length || problems.length
      ? `${failed.length + missing.length} of ${total} repositories need attention`
      : `${total} repositories, all fine`;
  const lines = [
    `## blue-gardener fleet: ${verdict}`,
    '',
    [...counts].map(([label, n]) => `${n} ${label}`).join(' · ') || 'no results',
    '',
    `Drift found in ${drifted} of ${rows.length}. API requests: ${requests} (${rows.length ? (requests / rows.length).toFixed(1) : '0'} per repository).`,
    '',
  ];
  const errors = rows.filter(isFailure);
  if (errors.length) {
    lines.push('### Failed', '');
    for (const r of errors)
      lines.push(`- \`${r.repository}\`: ${escapeCell(r.error ?? `${r.drift} file(s) out of date`)}`);
    lines.push('');
  }
  if (missing.length) {
    lines.push(
      '### No result',
      '',
      'These repositories were discovered but their job wrote no result (cancelled, timed out or crashed; see its log):',
      '',
      ...missing.map((m) => `- \`${m}\``),
      '',
    );
  }
  if (problems.length)
    lines.push('### Unreadable result files', '', ...problems.map((p) => `- ${escapeCell(p)}`), '');
  lines.push('| repository | result | pull request | drift |', '|---|---|---|---|');
  for (const r of rows) {
    const pr = r.pullRequest?.url ? `[#${r.pullRequest.number}](${r.pullRequest.url})` : '—';
    const drift = r.drift ? `${r.drift} file${r.drift === 1 ? '' : 's'}` : 'none';
    const mark = isFailure(r) ? '❌ ' : '';
    lines.push(`| \`${r.repository}\` | ${mark}${LABELS[r.result]} | ${pr} | ${drift} |`);
  }
  return { markdown: `${lines.join('\n')}\n`, failed, missing };
}
