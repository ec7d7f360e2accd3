import * as core from '@actions/core';
import type { Finding } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { describeSuppressed } from '../policy.js';
import { scrub } from '../secrets.js';
import { findingLink, whereText } from './links.js';
import { appendWithin, cell } from './markdown.js';

/** GitHub refuses step summaries over 1 MiB; keep a margin for the closing lines. */
export const SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024;

function verdictLine(r: ScanResult): string {
  if (r.verdict === 'fail')
    return `## ❌ keylint: fail\n\n${r.failing} finding(s) at or above \`fail-on: ${r.options.failOn}\`.`;
  return `## ✅ keylint: pass\n\nNo finding at or above \`fail-on: ${r.options.failOn}\`${r.findings.length ? ` (${r.findings.length} below it)` : ''}.`;
}

function row(f: Finding, r: ScanResult): string {
  const link = findingLink(f, r.options.github);
  const where = link ? `[${cell(whereText(f))}](${link})` : cell(whereText(f));
  return `| ${f.severity} | \`${f.ruleId}\` | ${where} | ${cell(f.message)}${f.evidence ? ` \`${cell(f.evidence)}\`` : ''} | ${cell(f.fix)} | \`${f.fingerprint.slice(0, 16)}\` |`;
}

export function renderSummary(r: ScanResult, limit = SUMMARY_LIMIT): string {
  const head: string[] = [verdictLine(r), ''];
  if (r.suppressed.length) head.push(`${describeSuppressed(r.suppressed)}.`, '');
  head.push(`Scanned ${r.stats.files} file(s) in ${(r.stats.durationMs / 1000).toFixed(1)} s.`, '');
  const body: string[] = [];
  if (r.findings.length) {
    body.push(
      '### Findings',
      '',
      '| Severity | Rule | Where | What | Fix | Fingerprint |',
      '|---|---|---|---|---|---|',
    );
  }
  const rows = r.findings.map((f) => row(f, r));
  const tail: string[] = [];
  for (const sec of r.sections) tail.push(`### ${sec.title}`, '', sec.markdown, '');
  if (r.notices.length) {
    tail.push('### Notices', '');
    for (const n of r.notices.slice(0, 200))
      tail.push(`- ${n.path ? `\`${cell(n.path)}\`: ` : ''}${cell(n.message)}`);
    if (r.notices.length > 200) tail.push(`- … and ${r.notices.length - 200} more`);
    tail.push('');
  }
  if (r.findings.some((f) => f.category === 'leak'))
    tail.push(
      '### What to do next',
      '',
      '1. Revoke each leaked key at the provider (the fix column links to the page), and create a new one.',
      '2. Store the new key as a repository or environment secret and read it from the environment.',
      '3. Remove the key from the file; if the repository is shared, rewrite history only after revoking.',
      '',
    );
  const out: string[] = [...head, ...body];
  const fixed = Buffer.byteLength([...head, ...body, ...tail].join('\n'), 'utf8') + 200;
  const left = appendWithin(out, rows, limit - fixed, 0);
  if (left > 0)
    out.push(
      '',
      `**${left} more finding(s)** are not listed here to stay under GitHub's 1 MiB summary limit: see the JSON report or SARIF file.`,
    );
  out.push('', ...tail);
  return scrub(out.join('\n'));
}

export async function writeSummary(r: ScanResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderSummary(r)).write();
}
