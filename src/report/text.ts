import type { Finding } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { listPerFile } from './per-file.js';
import { terminalText as t } from './terminal.js';
import { suppressedLine } from './verdict.js';

function where(f: Finding): string {
  if (!f.location) return '(environment)';
  const at = `${t(f.location.path)}:${f.location.line}:${f.location.column}`;
  return f.commit ? `${at} (commit ${t(f.commit.sha.slice(0, 12))})` : at;
}

/** The CLI's human output: one block per finding, then a verdict line. */
export function renderText(result: ScanResult): string {
  const lines: string[] = [];
  const { listed, unlisted } = listPerFile(result.findings);
  for (const f of listed) {
    lines.push(`${where(f)}  ${f.severity.toUpperCase()}  ${t(f.ruleId)}`);
    lines.push(`  ${t(f.message)}`);
    lines.push(`  fix: ${t(f.fix)}`);
    if (f.evidence) lines.push(`  evidence: ${t(f.evidence)}   fingerprint: ${f.fingerprint}`);
    lines.push('');
  }
  for (const u of unlisted)
    lines.push(
      `${t(u.path)}: ${u.count} more finding(s) not listed here (every one is in --format json or sarif).`,
    );
  if (unlisted.length) lines.push('');
  for (const n of result.notices) lines.push(`${n.level}: ${n.path ? `${t(n.path)}: ` : ''}${t(n.message)}`);
  lines.push(verdictLine(result));
  return lines.join('\n') + '\n';
}

/** The report's last line: the verdict and the counts (no secret can be in it). */
export function verdictLine(result: ScanResult): string {
  const suppressed = result.suppressed.length ? `; ${suppressedLine(result)?.replace(/\.$/, '')}` : '';
  return (
    `keylint: ${result.verdict.toUpperCase()}: ${result.findings.length} finding(s), ${result.failing} at or above ` +
    `fail-on=${result.options.failOn}${suppressed}; ${result.stats.files} files scanned.`
  );
}
