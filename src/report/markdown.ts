import type { Finding, Severity } from '../finding.js';
import { SEVERITIES } from '../finding.js';
import type { GitHubRun } from '../options.js';
import { findingLink, whereText } from './links.js';

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** Inline code that a backtick inside cannot close early. */
export function code(text: string): string {
  return '`' + cell(text).replace(/`/g, 'ˋ') + '`';
}

/** How a limit is counted: the job summary in UTF-8 bytes, comments and check runs in characters. */
export type Measure = (text: string) => number;
export const utf8Bytes: Measure = (t) => Buffer.byteLength(t, 'utf8');
export const utf16Chars: Measure = (t) => t.length;

/** Severity headings, most severe first. */
export const SEVERITY_HEADING: Record<Severity, string> = {
  critical: '🔴 Critical',
  high: '🟠 High',
  medium: '🟡 Medium',
  low: '🔵 Low',
  info: '⚪ Info',
};

export const FINDINGS_TABLE_HEAD = [
  '| Rule | Where | What | Evidence | Fix | Fingerprint |',
  '|---|---|---|---|---|---|',
];

/** One finding as a table row: rule, link to file and line, message, redacted evidence, fix, full fingerprint. */
export function findingRow(f: Finding, gh: GitHubRun | undefined, prefix = ''): string {
  const link = findingLink(f, gh, prefix);
  const where = link ? `[${cell(whereText(f, prefix))}](${link})` : cell(whereText(f, prefix));
  const evidence = f.evidence ? code(f.evidence) : '';
  return `| ${code(f.ruleId)} | ${where} | ${cell(f.message)} | ${evidence} | ${cell(f.fix)} | ${code(f.fingerprint)} |`;
}

export interface FindingGroup {
  heading: string[];
  rows: string[];
}

/** Findings (already sorted most severe first) grouped by severity, each group a table. */
export function severityGroups(
  findings: readonly Finding[],
  row: (f: Finding) => string,
  headingLevel = '###',
): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const s of SEVERITIES) {
    const of = findings.filter((f) => f.severity === s);
    if (of.length === 0) continue;
    groups.push({
      heading: [`${headingLevel} ${SEVERITY_HEADING[s]} (${of.length})`, '', ...FINDINGS_TABLE_HEAD],
      rows: of.map(row),
    });
  }
  return groups;
}

export interface Document {
  /** Always kept: the verdict and counts. */
  head: string[];
  /** Cut from the end when the limit is near: rows of findings. */
  groups: FindingGroup[];
  /** Always kept: sections, notices, footers. */
  tail: string[];
  /** The line that says how many rows were cut and where to find them. */
  more: (cut: number) => string;
}

/**
 * Lays a document out under `limit` (as counted by `measure`), cutting finding rows from the least
 * severe end and saying so in one line, so the verdict and the most severe findings always show.
 */
export function layout(doc: Document, limit: number, measure: Measure): string {
  const lineCost = (l: string): number => measure(l) + 1;
  const total = doc.groups.reduce((n, g) => n + g.rows.length, 0);
  const fixed =
    doc.head.reduce((n, l) => n + lineCost(l), 0) +
    doc.tail.reduce((n, l) => n + lineCost(l), 0) +
    lineCost('') * 2 +
    lineCost(doc.more(total));
  let left = limit - fixed;
  const out: string[] = [...doc.head];
  let shown = 0;
  outer: for (const g of doc.groups) {
    const headCost = ['', ...g.heading].reduce((n, l) => n + lineCost(l), 0);
    let started = false;
    for (const r of g.rows) {
      const cost = lineCost(r) + (started ? 0 : headCost);
      if (cost > left) break outer;
      if (!started) out.push('', ...g.heading);
      started = true;
      out.push(r);
      left -= cost;
      shown++;
    }
  }
  if (shown < total) out.push('', doc.more(total - shown));
  out.push('', ...doc.tail);
  return out.join('\n');
}

/** Cuts a free-form block (a section a check contributed) to `max` characters on a line boundary. */
export function clip(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n', max);
  return `${markdown.slice(0, cut > 0 ? cut : max)}\n\n*(cut: ${markdown.length - (cut > 0 ? cut : max)} more characters)*`;
}
