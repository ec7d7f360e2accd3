import type { Check, ScanContext } from '../check.js';
import { inlineAllows } from '../config/inline.js';
import type { Finding } from '../finding.js';
import { leakFinding } from './leak-finding.js';
import { Scanner } from './scanner.js';

/**
 * Keys used as a file or directory name: the listing's paths are scanned as one text, and each key
 * is reported once, at the first path that holds it. Its path is then scrubbed from every report
 * like any other occurrence (the key is registered), so `file=` and links never show it.
 */
export function keysInPaths(paths: readonly string[], scanner: Scanner): Finding[] {
  const findings: Finding[] = [];
  const text = paths.join('\n');
  const seen = new Set<string>();
  let line = 0;
  let lineStart = 0;
  for (const m of scanner.scan(text)) {
    while (line < paths.length - 1 && lineStart + paths[line]!.length < m.start) {
      lineStart += paths[line]!.length + 1;
      line++;
    }
    if (seen.has(m.secret)) continue;
    seen.add(m.secret);
    const finding = leakFinding(m.detector, m.secret, {
      path: paths[line]!,
      line: 1,
      column: 1,
    });
    finding.message = `${finding.message} The key is the name of a file or directory in that path.`;
    finding.fix = `${finding.fix} Rename the file or directory (and rewrite history if it was pushed).`;
    findings.push(finding);
  }
  return findings;
}

/** Leaked keys in the working tree, as the file pass found them. */
export const leakCheck: Check = {
  name: 'leaks',
  rulePrefix: 'leak',
  run(ctx: ScanContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const [i, file] of ctx.files.files.entries()) {
      const report = ctx.pass.reports[i];
      if (report?.status !== 'text') continue;
      for (const m of report.matches) {
        const finding = leakFinding(
          m.detector,
          m.secret,
          {
            path: file.path,
            line: m.line,
            column: m.column,
            // The span in the file: the key itself, or the base64 value it was decoded from (both ASCII).
            endColumn: m.column + (m.end - m.start),
          },
          m.published,
        );
        // The pass read the markers around the key; the inline suppressor leaves leak findings to it.
        if (m.markers && inlineAllows(finding.ruleId, m.markers.line, m.markers.above))
          finding.suppressed = 'inline';
        findings.push(finding);
        ctx.leakedSecrets.set(finding.fingerprint, m.secret);
      }
    }
    const paths = [...ctx.files.files.map((f) => f.path), ...ctx.files.skipped.map((f) => f.path)];
    for (const finding of keysInPaths(paths, new Scanner(ctx.detectors))) {
      findings.push(finding);
    }
    return Promise.resolve(findings);
  },
};
