import type { Check, ScanContext } from '../check.js';
import { scanEngine } from '../detect/scan-file.js';
import type { Finding } from '../finding.js';
import { historyFinding, withHistory } from './history-finding.js';
import { scanHistory } from './history-scan.js';
import { resolveRange } from './range.js';

/**
 * Leaked keys in the commits a pull request or push adds, or in the whole history. A key that is
 * also in the tree stays one finding: the tree's `leak/…` finding gains the commit facts. A key that
 * only history holds becomes a `history/…` finding.
 */
export const commitsCheck: Check = {
  name: 'commits',
  rulePrefix: 'history',
  async run(ctx: ScanContext): Promise<Finding[]> {
    const range = resolveRange(ctx.options, ctx.notices);
    if (!range) return [];
    const scan = await scanHistory(
      ctx.options.root,
      range.revs,
      scanEngine(ctx.detectors),
      ctx.config.ignorePaths,
    );
    const skipped = scan.skipped.map((s) => s.sha.slice(0, 12));
    const unread = skipped.length
      ? ` ${skipped.length} commit(s) could not be read and were skipped: ${skipped.join(', ')} (${scan.skipped[0]!.reason}); the others were scanned.`
      : '';
    ctx.sections.push({
      title: 'Commits',
      markdown: `Scanned ${range.describe(range.count ?? scan.commits)}: ${scan.secrets.size} distinct key(s) added in them.${unread}`,
    });
    if (skipped.length)
      ctx.notices.push({
        level: 'warning',
        message: `History scan: ${skipped.length} commit(s) could not be read and were skipped (${skipped.join(', ')}): ${scan.skipped[0]!.reason}. Keys added only in them are not reported.`,
      });
    const inTree = new Map<string, Finding[]>();
    for (const f of ctx.earlier)
      if (f.category === 'leak' && !f.commit)
        inTree.set(f.fingerprint, [...(inTree.get(f.fingerprint) ?? []), f]);
    const out: Finding[] = [];
    for (const h of scan.secrets.values()) {
      const tree = inTree.get(h.fingerprint);
      if (tree) {
        // The tree's findings were already returned: enrich them in place rather than report the key twice.
        for (const f of tree) Object.assign(f, withHistory(f, h));
        continue;
      }
      out.push(historyFinding(h));
      ctx.leakedSecrets.set(h.fingerprint, h.secret);
    }
    return out;
  },
};
