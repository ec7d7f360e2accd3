import type { ScanResult } from '../pipeline.js';
import { appendOutputFile } from '../output.js';
import { repoPrefix } from './links.js';
import {
  clip,
  code,
  findingRow,
  layout,
  prose,
  severityGroups,
  unlistedLines,
  utf8Bytes,
} from './markdown.js';
import { listPerFile } from './per-file.js';
import { silencedByChangeLines } from './policy-changes.js';
import { plural, severityCounts, suppressedLine, verdictReason } from './verdict.js';

/** GitHub refuses step summaries over 1 MiB; the margin covers what a runner adds around them. */
export const SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024;
/** Sections come from checks; none may crowd the findings out. */
const SECTION_LIMIT = 32 * 1024;
const NOTICE_LINES = 200;

export function renderSummary(r: ScanResult, limit = SUMMARY_LIMIT): string {
  const prefix = repoPrefix(r.options);
  const gh = r.options.github;
  const head: string[] = [
    r.verdict === 'fail' ? '## ❌ keylint: fail' : '## ✅ keylint: pass',
    '',
    verdictReason(r),
  ];
  const suppressed = suppressedLine(r);
  if (suppressed) head.push('', suppressed);
  const silenced = silencedByChangeLines(r, prefix);
  if (silenced.length) head.push('', ...silenced);
  head.push(
    '',
    `Scanned ${plural(r.stats.files, 'file')} in ${(r.stats.durationMs / 1000).toFixed(1)} s` +
      (gh?.sha ? ` at commit \`${gh.sha.slice(0, 12)}\`` : '') +
      '.',
  );
  if (r.findings.length)
    head.push(
      '',
      '### Findings',
      '',
      'To accept a finding on purpose, add its fingerprint to `.keylintignore`.',
    );

  const listing = listPerFile(r.findings);
  const tail: string[] = unlistedLines(listing, prefix);
  for (const sec of r.sections) tail.push(`### ${sec.title}`, '', clip(sec.markdown, SECTION_LIMIT), '');
  if (r.notices.length) {
    tail.push('### Notices', '');
    for (const n of r.notices.slice(0, NOTICE_LINES))
      tail.push(
        `- ${n.level === 'warning' ? '⚠️ ' : ''}${n.path ? `${code(prefix + n.path)}: ` : ''}${prose(n.message)}`,
      );
    if (r.notices.length > NOTICE_LINES) tail.push(`- … and ${r.notices.length - NOTICE_LINES} more`);
    tail.push('');
  }
  if (r.findings.some((f) => f.category === 'leak'))
    tail.push(
      '### What to do next',
      '',
      '1. Revoke each leaked key at the provider (the fix says where), and create a new one.',
      '2. Store the new key as a repository or environment secret and read it from the environment.',
      '3. Remove the key from the file; if the repository is shared, rewrite history only after revoking.',
      '',
    );

  const text = layout(
    {
      head,
      groups: severityGroups(
        listing.listed,
        (f) => findingRow(f, gh, prefix),
        '###',
        severityCounts(r.findings),
      ),
      tail,
      more: (n) =>
        `**${plural(n, 'more finding')} not listed here**: GitHub limits a job summary to 1 MiB. ` +
        'Every finding is in the JSON report (output `report`) and the SARIF file (output `sarif-file`).',
    },
    limit,
    utf8Bytes,
  );
  return text;
}

/** Writes the summary of this step. A summary that cannot be written is a warning, never a failed step. */
export function writeSummary(r: ScanResult): string | undefined {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return undefined;
  try {
    appendOutputFile(file, renderSummary(r) + '\n');
    return undefined;
  } catch (err) {
    return `the job summary was not written: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}
