import type { Check, ScanContext } from '../check.js';
import { inlineAllows } from '../config/inline.js';
import type { Finding } from '../finding.js';
import { leakFinding } from './leak-finding.js';

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
        const finding = leakFinding(m.detector, m.secret, {
          path: file.path,
          line: m.line,
          column: m.column,
          // The span in the file: the key itself, or the base64 value it was decoded from (both ASCII).
          endColumn: m.column + (m.end - m.start),
        });
        // The pass read the markers around the key; the inline suppressor leaves leak findings to it.
        if (m.markers && inlineAllows(finding.ruleId, m.markers.line, m.markers.above))
          finding.suppressed = 'inline';
        findings.push(finding);
        ctx.leakedSecrets.set(finding.fingerprint, m.secret);
      }
    }
    return Promise.resolve(findings);
  },
};
