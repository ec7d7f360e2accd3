import type { Finding, Severity, SuppressionKind } from '../finding.js';
import { meetsThreshold, SEVERITIES } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { countSuppressed } from '../policy.js';

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** "2 critical, 1 high": the non-zero counts, most severe first. */
export function countsText(counts: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** Distinct leaked keys: one key committed in three files is one key to revoke. */
export function leakedKeyCount(findings: readonly Finding[]): number {
  return new Set(findings.filter((f) => f.category === 'leak').map((f) => f.fingerprint)).size;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why the verdict is what it is, in one sentence. */
export function verdictReason(r: ScanResult): string {
  const failOn = `\`fail-on: ${r.options.failOn}\``;
  const leaked = leakedKeyCount(r.findings);
  const leakedText = leaked ? ` ${plural(leaked, 'leaked key')} among them.` : '';
  if (r.verdict === 'fail') {
    const failing = severityCounts(r.findings.filter((f) => meetsThreshold(f.severity, r.options.failOn)));
    return `${plural(r.failing, 'finding')} at or above ${failOn} (${countsText(failing)}).${leakedText}`;
  }
  if (r.findings.length === 0) return `No findings (${failOn}).`;
  return `No finding at or above ${failOn}; ${plural(r.findings.length, 'finding')} below it (${countsText(severityCounts(r.findings))}).${leakedText}`;
}

const SUPPRESSION_WORDS: Record<SuppressionKind, string> = {
  inline: 'inline',
  'ignore-file': 'by .keylintignore',
  baseline: 'by the baseline',
  config: 'by the configuration',
};

/** "3 findings suppressed: 2 inline, 1 by .keylintignore." — nothing disappears without a trace. */
export function suppressedLine(r: ScanResult): string | undefined {
  if (r.suppressed.length === 0) return undefined;
  const by = Object.entries(countSuppressed(r.suppressed))
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${SUPPRESSION_WORDS[k as SuppressionKind]}`)
    .join(', ');
  return `${plural(r.suppressed.length, 'finding')} suppressed: ${by}.`;
}
