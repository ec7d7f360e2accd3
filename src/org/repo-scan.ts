import type { JsonReport } from '../report/json.js';

/** How one repository of a sweep ended. */
export type RepoStatus = 'scanned' | 'clone-failed' | 'scan-failed' | 'timeout' | 'not-started';

/**
 * One repository's result in a sweep: the repository's own JSON report when it was scanned, else
 * why not. A repository that could not be scanned is a line in the report, never a failed sweep.
 */
export interface RepoScan {
  tool: 'keylint';
  kind: 'repository-scan';
  repository: string;
  status: RepoStatus;
  /** Why it was not scanned; no secret (git's own words, with the token scrubbed). */
  error: string | null;
  /** The commit scanned (the default branch's tip). */
  commit: string | null;
  /** `history`: every commit; `since`: the commits after `since`; `tree`: the files only. */
  mode: 'history' | 'since' | 'tree';
  since: string | null;
  durationMs: number;
  report: JsonReport | null;
}

export const STATUS_WORDS: Record<RepoStatus, string> = {
  scanned: 'scanned',
  'clone-failed': 'clone failed',
  'scan-failed': 'scan failed',
  timeout: 'over its time budget',
  'not-started': "not scanned: the shard's time budget ran out",
};

/** `owner/name` → a file name that cannot escape the output directory. */
export function reportFileName(repository: string): string {
  return `${repository.replace(/[^A-Za-z0-9_.-]/g, '__')}.json`;
}
