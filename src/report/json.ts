import type { Finding, Severity, SuppressionKind } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { countSuppressed } from '../policy.js';
import { VERSION } from '../version.js';
import type { ReportStatus } from './github.js';
import { leakedKeyCount, severityCounts } from './verdict.js';

/**
 * The JSON report's schema version. Adding a field is compatible; renaming, removing or changing the
 * meaning of one is not, and bumps this number. Documented in the README ("JSON report").
 */
export const REPORT_SCHEMA_VERSION = 1;

/** A finding as the report writes it: an explicit list of fields, so the schema does not drift with the type. */
export interface JsonFinding {
  ruleId: string;
  category: string;
  severity: Severity;
  title: string;
  message: string;
  fix: string;
  location: { path: string; line: number; column: number; endLine?: number; endColumn?: number } | null;
  /** Present only when the finding repeats at other lines of the file. */
  relatedLocations?: { path: string; line: number; column: number }[];
  evidence: string | null;
  fingerprint: string;
  helpUri: string | null;
  provider: string | null;
  keyKind: string | null;
  commit: { sha: string; date: string; author?: string; path: string; line: number } | null;
  commitCount: number | null;
  inTree: boolean | null;
  verified: 'live' | 'dead' | 'unknown' | null;
  facts: Record<string, string | number | boolean>;
  suppressed: SuppressionKind | null;
}

export interface JsonReport {
  tool: 'keylint';
  version: string;
  schemaVersion: number;
  verdict: 'pass' | 'fail';
  failOn: string;
  counts: Record<Severity, number> & { total: number; leaked: number; failing: number };
  suppressed: Record<SuppressionKind, number> & { total: number };
  scan: { files: number; bytes: number; skipped: number; durationMs: number };
  github: {
    repository: string;
    sha: string;
    eventName: string;
    runId: string;
    comment: ReportStatus;
    checkRun: ReportStatus;
  } | null;
  outputs: Record<string, string>;
  findings: JsonFinding[];
  suppressedFindings: JsonFinding[];
  notices: { level: 'notice' | 'warning'; message: string; path: string | null; line: number | null }[];
}

export function jsonFinding(f: Finding): JsonFinding {
  const loc = f.location;
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    title: f.title,
    message: f.message,
    fix: f.fix,
    location: loc
      ? {
          path: loc.path,
          line: loc.line,
          column: loc.column,
          ...(loc.endLine !== undefined ? { endLine: loc.endLine } : {}),
          ...(loc.endColumn !== undefined ? { endColumn: loc.endColumn } : {}),
        }
      : null,
    ...(f.relatedLocations?.length
      ? {
          relatedLocations: f.relatedLocations.map((l) => ({ path: l.path, line: l.line, column: l.column })),
        }
      : {}),
    evidence: f.evidence ?? null,
    fingerprint: f.fingerprint,
    helpUri: f.helpUri ?? null,
    provider: f.provider ?? null,
    keyKind: f.keyKind ?? null,
    commit: f.commit
      ? {
          sha: f.commit.sha,
          date: f.commit.date,
          ...(f.commit.author !== undefined ? { author: f.commit.author } : {}),
          path: f.commit.path,
          line: f.commit.line,
        }
      : null,
    commitCount: f.commitCount ?? null,
    inTree: f.inTree ?? null,
    verified: f.verified ?? null,
    facts: f.facts ?? {},
    suppressed: f.suppressed ?? null,
  };
}

export interface JsonReportExtras {
  comment?: ReportStatus;
  checkRun?: ReportStatus;
}

export function buildJsonReport(result: ScanResult, extras: JsonReportExtras = {}): JsonReport {
  const gh = result.options.github;
  return {
    tool: 'keylint',
    version: VERSION,
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: result.verdict,
    failOn: result.options.failOn,
    counts: {
      ...severityCounts(result.findings),
      total: result.findings.length,
      leaked: leakedCount(result.findings),
      failing: result.failing,
    },
    suppressed: { ...countSuppressed(result.suppressed), total: result.suppressed.length },
    scan: { ...result.stats },
    github: gh
      ? {
          repository: gh.repository,
          sha: gh.sha,
          eventName: gh.eventName,
          runId: gh.runId,
          comment: extras.comment ?? { state: 'off' },
          checkRun: extras.checkRun ?? { state: 'off' },
        }
      : null,
    outputs: { ...result.outputs },
    findings: result.findings.map(jsonFinding),
    suppressedFindings: result.suppressed.map(jsonFinding),
    notices: result.notices.map((n) => ({
      level: n.level,
      message: n.message,
      path: n.path ?? null,
      line: n.line ?? null,
    })),
  };
}

/** The `leaked` output: distinct leaked keys (one key in three files is one key to revoke). */
export function leakedCount(findings: readonly Finding[]): number {
  return leakedKeyCount(findings);
}

export function renderJson(result: ScanResult, extras: JsonReportExtras = {}): string {
  return JSON.stringify(buildJsonReport(result, extras), null, 2) + '\n';
}
