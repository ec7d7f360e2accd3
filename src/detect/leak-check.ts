import { readFileSync } from 'node:fs';
import type { Check, ScanContext } from '../check.js';
import type { Finding } from '../finding.js';
import { leakFinding } from './leak-finding.js';
import { Scanner } from './scanner.js';

/** Leaked keys in the working tree. */
export const leakCheck: Check = {
  name: 'leaks',
  async run(ctx: ScanContext): Promise<Finding[]> {
    const scanner = new Scanner(ctx.detectors);
    const findings: Finding[] = [];
    for (const file of ctx.files.files) {
      let buf: Buffer;
      try {
        buf = readFileSync(file.abs);
      } catch (err) {
        ctx.notices.push({
          level: 'warning',
          message: `skipped: cannot read (${(err as NodeJS.ErrnoException).code})`,
          path: file.path,
        });
        continue;
      }
      if (buf.subarray(0, 8000).includes(0)) continue;
      const text = buf.toString('utf8');
      for (const m of scanner.scan(text)) {
        const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
        let line = 1;
        for (let i = text.indexOf('\n'); i !== -1 && i < m.start; i = text.indexOf('\n', i + 1)) line++;
        const column = m.start - lineStart + 1;
        findings.push(
          leakFinding(m.detector, m.secret, {
            path: file.path,
            line,
            column,
            endColumn: column + m.secret.length,
          }),
        );
        ctx.leakedSecrets.set(findings[findings.length - 1]!.fingerprint, m.secret);
      }
    }
    return findings;
  },
};
