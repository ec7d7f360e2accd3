import type { Notice } from '../check.js';
import type { ScanResult } from '../pipeline.js';

export interface GitHubReportOptions {
  comment: boolean;
  checkRun: boolean;
  token: string;
}

/**
 * The reports that need GitHub's API (the pull request comment, the check run). They degrade to a
 * notice, never break the step or change its verdict.
 */
export async function publishToGitHub(_result: ScanResult, _opts: GitHubReportOptions): Promise<Notice[]> {
  return [];
}
