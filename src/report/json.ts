import type { Finding, Severity } from '../finding.js';
import { SEVERITIES } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { countSuppressed } from '../policy.js';
import { scrub } from '../secrets.js';
import { VERSION } from '../version.js';

/** The JSON report's schema version: bump it on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1;

export interface JsonReport {
  tool: 'keylint';
  version: string;
  schemaVersion: number;
  verdict: 'pass' | 'fail';
  failOn: string;
  counts: Record<Severity, number> & { total: number; leaked: number; failing: number };
  suppressed: ReturnType<typeof countSuppressed> & { total: number };
  findings: Finding[];
  suppressedFindings: Finding[];
  notices: { level: string; message: string; path?: string; line?: number }[];
}

export function buildJsonReport(result: ScanResult): JsonReport {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) counts[f.severity]++;
  const suppressed = countSuppressed(result.suppressed);
  return {
    tool: 'keylint',
    version: VERSION,
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: result.verdict,
    failOn: result.options.failOn,
    counts: {
      ...counts,
      total: result.findings.length,
      leaked: leakedCount(result.findings),
      failing: result.failing,
    },
    suppressed: { ...suppressed, total: result.suppressed.length },
    findings: result.findings,
    suppressedFindings: result.suppressed,
    notices: result.notices,
  };
}

export function leakedCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.category === 'leak').length;
}

export function renderJson(result: ScanResult): string {
  return scrub(JSON.stringify(buildJsonReport(result), null, 2)) + '\n';
}
