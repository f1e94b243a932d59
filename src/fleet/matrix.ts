/** One job of the matrix: the repositories it manages, one after the other. */
export interface MatrixEntry {
  /** Space-separated owner/name list, passed to the action's `repositories` input. */
  repositories: string;
  /** A short name for the job: the first repository, and how many more. */
  label: string;
  /**
   * When the job's repositories share one owner: that owner and their names, comma-separated, the shape
   * actions/create-github-app-token takes to scope a job's token to its own repositories.
   */
  owner?: string;
  names?: string;
}

export interface Matrix {
  include: MatrixEntry[];
}

/**
 * Packs repositories into at most `maxJobs` jobs. Up to `maxJobs` repositories, every job manages one; above,
 * every job manages the same number (the last one fewer), in the order given, so that a large fleet never
 * exceeds the matrix limit and a re-run puts each repository in the same job.
 */
export function packMatrix(repositories: readonly string[], maxJobs: number): Matrix {
  if (repositories.length === 0) return { include: [] };
  const perJob = Math.ceil(repositories.length / maxJobs);
  const include: MatrixEntry[] = [];
  for (let i = 0; i < repositories.length; i += perJob) {
    const chunk = repositories.slice(i, i + perJob);
    const owners = [...new Set(chunk.map((r) => r.split('/')[0]!.toLowerCase()))];
    include.push({
      repositories: chunk.join(' '),
      label: chunk.length === 1 ? chunk[0]! : `${chunk[0]} (+${chunk.length - 1})`,
      ...(owners.length === 1
        ? { owner: chunk[0]!.split('/')[0]!, names: chunk.map((r) => r.split('/')[1]).join(',') }
        : {}),
    });
  }
  return { include };
}
