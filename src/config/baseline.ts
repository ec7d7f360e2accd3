import { UserError } from '../errors.js';
import type { Finding } from '../finding.js';
import { readPolicyFile } from './read-file.js';

/**
 * The identity of a finding across runs. A leaked key is the same key whether it is in the tree
 * (`leak/…`) or only in history (`history/…`), so keys match on the secret's hash alone.
 */
export function baselineKey(f: Pick<Finding, 'category' | 'ruleId' | 'fingerprint'>): string {
  return f.category === 'leak' ? `key:${f.fingerprint}` : `${f.ruleId}:${f.fingerprint}`;
}

function isFindingLike(v: unknown): v is Pick<Finding, 'category' | 'ruleId' | 'fingerprint'> {
  const o = v as Record<string, unknown> | null;
  return (
    !!o && typeof o.ruleId === 'string' && typeof o.fingerprint === 'string' && typeof o.category === 'string'
  );
}

/**
 * A previous keylint JSON report: the identities of every finding it listed, counted or suppressed
 * (a finding silenced then is not new now).
 */
export function readBaseline(root: string, file: string, shown = file): Set<string> {
  return parseBaseline(readPolicyFile(root, file, shown, 'baseline file'), shown);
}

export function parseBaseline(text: string, shown: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      `baseline file ${shown} is not JSON: give a report written with --format json or report-file`,
    );
  }
  const report = data as Record<string, unknown> | null;
  if (!report || report.tool !== 'keylint' || !Array.isArray(report.findings))
    throw new UserError(
      `baseline file ${shown} is not a keylint JSON report (written with --format json or the report-file output)`,
    );
  const all = [
    ...(report.findings as unknown[]),
    ...((report.suppressedFindings as unknown[] | undefined) ?? []),
  ];
  return new Set(all.filter(isFindingLike).map(baselineKey));
}
