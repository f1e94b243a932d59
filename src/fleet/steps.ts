import { UserError } from '../core/errors.js';
import type { ActionIO } from '../runs/io.js';
import type { Octokit } from '../hosts/github/client.js';
import { aggregate } from './aggregate.js';
import { discover } from './discover.js';
import type { FleetInputs } from './inputs.js';
import { packMatrix } from './matrix.js';
import { readResults } from './result.js';

/**
 * `mode: discover`: lists the targets and sets the outputs a workflow feeds to its matrix: `matrix`
 * (`{"include":[{"repositories":"…","label":"…","owner":"…","names":"…"}]}`, at most `max-jobs` entries), `repositories` (a JSON
 * list, for `aggregate`) and `count`.
 */
export async function discoverStep(io: ActionIO, octokit: Octokit, fleet: FleetInputs): Promise<void> {
  const found = await io.group('Discover', () => discover(octokit, fleet));
  const matrix = packMatrix(found.repositories, fleet.maxJobs);
  io.setOutput('matrix', JSON.stringify(matrix));
  io.setOutput('repositories', JSON.stringify(found.repositories));
  io.setOutput('count', String(found.repositories.length));
  const reasons = new Map<string, number>();
  for (const s of found.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const s of found.skipped) io.info(`skipped ${s.repository}: ${s.reason}`);
  const perJob = matrix.include.length ? Math.ceil(found.repositories.length / matrix.include.length) : 0;
  const line = `${found.repositories.length} repositories from ${found.sources.join(' and ')}; ${matrix.include.length} job(s)${perJob > 1 ? `, up to ${perJob} repositories each` : ''}.`;
  io.info(line);
  if (found.repositories.length === 0)
    io.warning(
      'discover found no repository; guard the matrix job with `if: needs.discover.outputs.count != 0`',
    );
  await io.summary(
    [
      '## blue-gardener fleet: discover',
      '',
      line,
      '',
      reasons.size
        ? `Skipped: ${[...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ')}.`
        : 'Nothing skipped.',
      '',
    ].join('\n'),
  );
}

/**
 * `mode: aggregate`: reads the per-repository results under `results` and writes one job summary. Fails when
 * a repository failed (or, in check mode, is out of date), when a discovered repository has no result, or
 * when a result file is unreadable; pull requests opened or updated are not failures.
 */
export async function aggregateStep(io: ActionIO, fleet: FleetInputs): Promise<void> {
  if (!fleet.results)
    throw new UserError(
      '`mode: aggregate` needs the input `results`: the folder the result artifacts were downloaded to',
      {
        hint: 'download them with actions/download-artifact (pattern: blue-gardener-result-*, merge-multiple: true)',
      },
    );
  const { results, problems } = readResults(fleet.results);
  const expected = fleet.repositories.map((r) => `${r.owner}/${r.repo}`);
  const out = aggregate(results, expected, problems);
  await io.summary(out.markdown);
  io.setOutput('changed', String(results.some((r) => r.drift > 0)));
  io.info(out.markdown.split('\n')[0]!.replace(/^## /, ''));
  const bad = [...out.failed, ...out.missing];
  if (bad.length || problems.length) {
    io.setFailed(
      [
        bad.length
          ? `${bad.length} of ${results.length + out.missing.length} repositories need attention: ${bad.join(', ')}`
          : '',
        problems.length ? `unreadable results: ${problems.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
}
