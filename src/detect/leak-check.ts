import type { Check, ScanContext } from '../check.js';
import type { Finding } from '../finding.js';
import { leakFinding } from './leak-finding.js';
import { scanEngine } from './scan-file.js';
import { scanFiles, threadCount } from './scan-pool.js';

/** Leaked keys in the working tree. */
export const leakCheck: Check = {
  name: 'leaks',
  rulePrefix: 'leak',
  async run(ctx: ScanContext): Promise<Finding[]> {
    const engine = scanEngine(ctx.detectors);
    const files = ctx.files.files;
    const total = files.reduce((n, f) => n + f.size, 0);
    const jobs = files.map((f, index) => ({ index, abs: f.abs, size: f.size }));
    const scans = await scanFiles(jobs, engine, threadCount(total, ctx.options.env));
    const findings: Finding[] = [];
    for (const [i, file] of files.entries()) {
      const result = scans[i]!;
      if (result.status === 'unreadable') {
        // Deleted between listing and reading: nothing left to leak.
        if (result.code !== 'ENOENT')
          ctx.notices.push({
            level: 'warning',
            message: `skipped: cannot read (${result.code})`,
            path: file.path,
          });
        continue;
      }
      if (result.status === 'binary') continue;
      for (const m of result.matches) {
        const finding = leakFinding(m.detector, m.secret, {
          path: file.path,
          line: m.line,
          column: m.column,
          // The span in the file: the key itself, or the base64 value it was decoded from (both ASCII).
          endColumn: m.column + (m.end - m.start),
        });
        findings.push(finding);
        ctx.leakedSecrets.set(finding.fingerprint, m.secret);
      }
    }
    return findings;
  },
};
