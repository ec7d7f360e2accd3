/** GitHub runs at most this many jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

export interface PlannedRepo {
  /** `owner/name`. */
  repository: string;
  /** The API's `size`, in KiB (the repository's packed history, which is what a history scan reads). */
  sizeKB: number;
}

export interface Shard {
  /** 1-based, as a string: matrix values show in job names. */
  shard: string;
  /** Space-separated `owner/name`s: one matrix value that `keylint org scan` takes as it is. */
  repositories: string;
  count: number;
  sizeKB: number;
}

/** Repositories per shard when the caller does not say: few enough that a job's set-up is worth it. */
export const DEFAULT_REPOS_PER_SHARD = 5;

export function defaultShardCount(repos: number): number {
  return Math.min(MAX_MATRIX_JOBS, Math.max(1, Math.ceil(repos / DEFAULT_REPOS_PER_SHARD)));
}

/**
 * Splits repositories into `count` shards of near-equal size: largest first, each to the lightest
 * shard so far (longest-processing-time first, within 4/3 of the best split). A shard's wall time is
 * roughly its clone and scan of bytes, so size is the weight; every repository weighs at least 1 MiB
 * for the fixed cost of a clone and a keylint start.
 */
export function balanceShards(repos: readonly PlannedRepo[], count: number): Shard[] {
  const n = Math.max(1, Math.min(count, MAX_MATRIX_JOBS, repos.length || 1));
  const bins = Array.from({ length: n }, () => ({ weight: 0, sizeKB: 0, repos: [] as string[] }));
  const sorted = [...repos].sort(
    (a, b) => b.sizeKB - a.sizeKB || (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0),
  );
  for (const r of sorted) {
    let best = bins[0]!;
    for (const b of bins) if (b.weight < best.weight) best = b;
    best.weight += Math.max(r.sizeKB, 1024);
    best.sizeKB += r.sizeKB;
    best.repos.push(r.repository);
  }
  return bins
    .filter((b) => b.repos.length > 0)
    .map((b, i) => ({
      shard: String(i + 1),
      repositories: b.repos.join(' '),
      count: b.repos.length,
      sizeKB: b.sizeKB,
    }));
}
