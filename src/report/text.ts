import type { Finding } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { suppressedLine } from './verdict.js';
import { scrub } from '../secrets.js';

function where(f: Finding): string {
  if (!f.location) return '(environment)';
  const at = `${f.location.path}:${f.location.line}:${f.location.column}`;
  return f.commit ? `${at} (commit ${f.commit.sha.slice(0, 12)})` : at;
}

/** The CLI's human output: one block per finding, then a verdict line. */
export function renderText(result: ScanResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${where(f)}  ${f.severity.toUpperCase()}  ${f.ruleId}`);
    lines.push(`  ${f.message}`);
    lines.push(`  fix: ${f.fix}`);
    if (f.evidence) lines.push(`  evidence: ${f.evidence}   fingerprint: ${f.fingerprint}`);
    lines.push('');
  }
  for (const n of result.notices) lines.push(`${n.level}: ${n.path ? `${n.path}: ` : ''}${n.message}`);
  lines.push(verdictLine(result));
  return scrub(lines.join('\n')) + '\n';
}

/** The report's last line: the verdict and the counts (no secret can be in it). */
export function verdictLine(result: ScanResult): string {
  const suppressed = result.suppressed.length ? `; ${suppressedLine(result)?.replace(/\.$/, '')}` : '';
  return (
    `keylint: ${result.verdict.toUpperCase()}: ${result.findings.length} finding(s), ${result.failing} at or above ` +
    `fail-on=${result.options.failOn}${suppressed}; ${result.stats.files} files scanned.`
  );
}
