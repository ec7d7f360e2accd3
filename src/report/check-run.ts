import type { Finding, Severity } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { renderComment } from './comment.js';
import type { GitHubApi } from './github-api.js';
import { repoPrefix } from './links.js';
import { plural } from './verdict.js';

/** The Checks API takes at most 50 annotations per request; further updates append. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** 20 requests: beyond that the job summary and SARIF carry the rest, and GitHub's write limits stay far. */
export const MAX_CHECK_ANNOTATIONS = 1000;
/** `output.summary` and `output.text` take at most 65,535 characters. */
const OUTPUT_LIMIT = 65535 - 535;

type AnnotationLevel = 'failure' | 'warning' | 'notice';
const LEVEL: Record<Severity, AnnotationLevel> = {
  critical: 'failure',
  high: 'failure',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details?: string;
}

/** One annotation per finding with a place in the code; findings about the environment have none. */
export function checkAnnotations(findings: readonly Finding[], prefix = ''): CheckAnnotation[] {
  const out: CheckAnnotation[] = [];
  for (const f of findings) {
    if (!f.location) continue;
    const endLine = Math.max(f.location.endLine ?? f.location.line, f.location.line);
    const a: CheckAnnotation = {
      path: prefix + f.location.path,
      start_line: f.location.line,
      end_line: endLine,
      annotation_level: LEVEL[f.severity],
      title: `${f.ruleId}: ${f.title}`.slice(0, 255),
      message: `${f.message}\nFix: ${f.fix}`.slice(0, 60000),
      raw_details: `fingerprint: ${f.fingerprint}${f.evidence ? `\nevidence: ${f.evidence}` : ''}`,
    };
    // GitHub accepts columns only on single-line annotations.
    if (endLine === f.location.line) {
      a.start_column = f.location.column;
      if (f.location.endColumn && f.location.endColumn >= f.location.column)
        a.end_column = f.location.endColumn;
    }
    out.push(a);
  }
  return out;
}

/**
 * A name no other check on the commit has: GitHub may attach a check run made with `GITHUB_TOKEN` to
 * another workflow's suite, and the job's own check is named after the job.
 */
export function checkRunName(r: ScanResult): string {
  const prefix = repoPrefix(r.options).replace(/\/$/, '');
  // The job id too: matrix jobs and other workflows scanning the same path get their own check run.
  const parts = [r.options.github?.job, prefix].filter(Boolean);
  return `keylint findings${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export interface CheckRunOutcome {
  id: number;
  requests: number;
  annotations: number;
  /** Annotations not sent because of MAX_CHECK_ANNOTATIONS. */
  left: number;
}

/**
 * Creates the check run and sends every annotation in batches of 50: the create carries the first
 * batch, each update appends one more, and the last request completes the run with the verdict.
 */
export async function publishCheckRun(
  api: GitHubApi,
  repo: string,
  r: ScanResult,
  headSha: string,
): Promise<CheckRunOutcome> {
  const all = checkAnnotations(r.findings, repoPrefix(r.options));
  const annotations = all.slice(0, MAX_CHECK_ANNOTATIONS);
  const left = all.length - annotations.length;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);

  const title =
    r.findings.length === 0
      ? 'keylint: no findings'
      : `keylint: ${r.verdict} — ${plural(r.findings.length, 'finding')}`;
  const summary = renderComment(r, {}, { marker: false, limit: OUTPUT_LIMIT });
  const text = left
    ? `${plural(left, 'more annotation')} not sent (a check run gets at most ${MAX_CHECK_ANNOTATIONS} from keylint): see the job summary and the SARIF file.`
    : undefined;
  const output = (batch: CheckAnnotation[]): Record<string, unknown> => ({
    title,
    summary,
    ...(text ? { text } : {}),
    annotations: batch,
  });
  const completion = {
    status: 'completed',
    conclusion: r.verdict === 'fail' ? 'failure' : 'success',
    completed_at: new Date().toISOString(),
  };

  const single = batches.length === 1;
  const created = await api.post<{ id: number }>(`/repos/${repo}/check-runs`, {
    name: checkRunName(r),
    head_sha: headSha,
    ...(single ? completion : { status: 'in_progress' }),
    output: output(batches[0]!),
  });
  const id = created.data.id;
  let requests = 1;
  try {
    for (let i = 1; i < batches.length; i++) {
      const last = i === batches.length - 1;
      await api.patch(`/repos/${repo}/check-runs/${id}`, {
        ...(last ? completion : {}),
        output: output(batches[i]!),
      });
      requests++;
    }
  } catch (err) {
    await abandonCheckRun(api, repo, id, r);
    throw err;
  }
  return { id, requests, annotations: annotations.length, left };
}

/** After a failed update, a best-effort attempt not to leave the check run spinning forever. */
async function abandonCheckRun(api: GitHubApi, repo: string, id: number, r: ScanResult): Promise<void> {
  try {
    await api.patch(`/repos/${repo}/check-runs/${id}`, {
      status: 'completed',
      conclusion: r.verdict === 'fail' ? 'failure' : 'neutral',
      completed_at: new Date().toISOString(),
      output: {
        title: 'keylint: annotations incomplete',
        summary: 'Not every annotation could be sent: see the job summary for all findings.',
      },
    });
  } catch {
    // The notice already says what went wrong.
  }
}
