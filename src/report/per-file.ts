import type { Finding } from '../finding.js';

/**
 * How many findings of one file the reports people read list (the CLI's text, the job summary, the
 * pull request comment): a file with 100,000 keys is one problem, not 100,000 lines. Counts, the
 * verdict, the JSON report and SARIF keep every finding.
 */
export const LISTED_PER_FILE = 20;

export interface Listed {
  /** The findings to list, in their order. */
  listed: Finding[];
  /** Per file, the findings left out of the list. */
  unlisted: { path: string; count: number }[];
}

export function listPerFile(findings: readonly Finding[], perFile = LISTED_PER_FILE): Listed {
  const shown = new Map<string, number>();
  const listed: Finding[] = [];
  const left = new Map<string, number>();
  for (const f of findings) {
    const key = f.location ? (f.commit?.path ?? f.location.path) : '';
    const n = shown.get(key) ?? 0;
    if (key === '' || n < perFile) {
      shown.set(key, n + 1);
      listed.push(f);
    } else left.set(key, (left.get(key) ?? 0) + 1);
  }
  return { listed, unlisted: [...left].map(([path, count]) => ({ path, count })) };
}
