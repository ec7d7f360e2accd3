import type { KeylintConfig } from './config/types.js';
import {
  compareFindings,
  meetsThreshold,
  type FailOn,
  type Finding,
  type SuppressionKind,
} from './finding.js';

export interface PolicyResult {
  /** Findings that count, most severe first. */
  findings: Finding[];
  /** Findings silenced with intent, each with `suppressed` set. */
  suppressed: Finding[];
  verdict: 'pass' | 'fail';
  /** How many findings are at or above `fail-on`. */
  failing: number;
}

/** Extra suppression sources (`.keylintignore`, baseline) plug in here as predicates. */
export interface Suppressor {
  kind: SuppressionKind;
  matches(f: Finding): boolean;
}

/**
 * Applies rule overrides and suppressions, then decides the verdict. Deduplicates identical findings
 * (same rule, place and fingerprint) that two sources may both report.
 */
export function applyPolicy(
  raw: Finding[],
  config: KeylintConfig,
  failOn: FailOn,
  suppressors: Suppressor[] = [],
): PolicyResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const seen = new Set<string>();
  for (const f0 of raw) {
    const key = `${f0.ruleId}\0${f0.location?.path ?? ''}\0${f0.location?.line ?? 0}\0${f0.location?.column ?? 0}\0${f0.fingerprint}\0${f0.commit?.sha ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const override = config.rules[f0.ruleId] ?? config.rules[f0.ruleId.split('/')[0] ?? ''];
    const f: Finding = override?.severity ? { ...f0, severity: override.severity } : { ...f0 };
    if (f.suppressed) {
      suppressed.push(f);
      continue;
    }
    if (override?.enabled === false) {
      suppressed.push({ ...f, suppressed: 'config' });
      continue;
    }
    const by = suppressors.find((s) => s.matches(f));
    if (by) {
      suppressed.push({ ...f, suppressed: by.kind });
      continue;
    }
    findings.push(f);
  }
  findings.sort(compareFindings);
  const failing = findings.filter((f) => meetsThreshold(f.severity, failOn)).length;
  return { findings, suppressed, verdict: failing > 0 ? 'fail' : 'pass', failing };
}

export function countSuppressed(suppressed: Finding[]): Record<SuppressionKind, number> {
  const counts: Record<SuppressionKind, number> = { inline: 0, 'ignore-file': 0, baseline: 0, config: 0 };
  for (const f of suppressed) if (f.suppressed) counts[f.suppressed]++;
  return counts;
}
