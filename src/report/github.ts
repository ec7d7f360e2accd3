import type { Notice } from '../check.js';
import type { ScanResult } from '../pipeline.js';
import { registerSecret } from '../secrets.js';
import { publishCheckRun } from './check-run.js';
import { renderComment, upsertComment } from './comment.js';
import { GitHubApi, GitHubApiError } from './github-api.js';
import { pullRequestOf, type PullRequestRef } from './pull-request.js';

export interface GitHubReportOptions {
  comment: boolean;
  checkRun: boolean;
  token: string;
  /** Tests shorten GitHub's rate-limit waits through the client; the action uses the defaults. */
  api?: GitHubApi;
}

/** What happened to one report, for the JSON report and the tests. */
export interface ReportStatus {
  state: 'created' | 'updated' | 'not-needed' | 'skipped' | 'off';
  reason?: string;
}

export interface GitHubReportOutcome {
  notices: Notice[];
  comment: ReportStatus;
  checkRun: ReportStatus;
}

type Report = 'comment' | 'checkRun';
const REPORT_NAME: Record<Report, string> = {
  comment: 'the pull request comment',
  checkRun: 'the check run',
};
const PERMISSION: Record<Report, string> = { comment: 'pull-requests: write', checkRun: 'checks: write' };

/** Why a call failed, in words a reader can act on. */
function explain(err: unknown, report: Report, pr: PullRequestRef | undefined): string {
  if (!(err instanceof GitHubApiError)) return `an unexpected error (${(err as Error).message})`;
  switch (err.kind) {
    case 'forbidden':
      if (pr?.fromFork)
        return `${err.message}: this pull request comes from a fork, and GitHub gives fork pull requests a read-only token`;
      if (pr?.byDependabot) return `${err.message}: Dependabot's runs get a read-only token`;
      return `${err.message}: the token cannot write here; give the job \`permissions: ${PERMISSION[report]}\``;
    case 'unauthorized':
      return `${err.message}: the github-token input is not a valid token`;
    case 'not-found':
      return `${err.message}: the repository${pr ? ' or pull request' : ''} is not visible to this token, or GITHUB_API_URL points at another server`;
    default:
      return err.message;
  }
}

function skipped(report: Report, reason: string): Notice {
  return {
    level: 'notice',
    message: `keylint skipped ${REPORT_NAME[report]}: ${reason}. The findings are in the annotations and the job summary; the verdict is unchanged.`,
  };
}

/**
 * The reports that need GitHub's API (the pull request comment, the check run). They degrade to a
 * notice, never break the step or change its verdict.
 */
export async function publishToGitHub(
  result: ScanResult,
  opts: GitHubReportOptions,
): Promise<GitHubReportOutcome> {
  const outcome: GitHubReportOutcome = { notices: [], comment: { state: 'off' }, checkRun: { state: 'off' } };
  const gh = result.options.github;
  if (!gh || (!opts.comment && !opts.checkRun)) return outcome;
  if (opts.token) registerSecret(opts.token);
  const pr = pullRequestOf(gh);
  const api = opts.api ?? new GitHubApi({ baseUrl: gh.apiUrl, token: opts.token });

  const attempt = async (report: Report, work: () => Promise<ReportStatus>): Promise<ReportStatus> => {
    let reason: string | undefined;
    if (!opts.token) reason = 'no github-token was given';
    else if (!gh.repository) reason = 'GITHUB_REPOSITORY is not set';
    if (!reason) {
      try {
        return await work();
      } catch (err) {
        reason = explain(err, report, pr);
      }
    }
    outcome.notices.push(skipped(report, reason));
    return { state: 'skipped', reason };
  };

  if (opts.comment) {
    if (!pr) {
      const reason = `the ${gh.eventName || 'current'} event has no pull request`;
      outcome.notices.push(skipped('comment', reason));
      outcome.comment = { state: 'skipped', reason };
    } else {
      outcome.comment = await attempt('comment', async () => {
        const body = renderComment(result, { headSha: pr.headSha });
        return { state: await upsertComment(api, gh.repository, pr, body, result.findings.length === 0) };
      });
    }
  }
  if (opts.checkRun) {
    outcome.checkRun = await attempt('checkRun', async () => {
      const sent = await publishCheckRun(api, gh.repository, result, pr?.headSha ?? gh.sha);
      if (sent.left > 0)
        outcome.notices.push({
          level: 'notice',
          message: `The check run carries the first ${sent.annotations} annotations; ${sent.left} more are in the job summary and the SARIF file.`,
        });
      return { state: 'created' };
    });
  }
  return outcome;
}
