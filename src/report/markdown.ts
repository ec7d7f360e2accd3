import type { Finding, Severity } from '../finding.js';
import { SEVERITIES } from '../finding.js';
import type { GitHubRun } from '../options.js';
import { findingLink, isDocumentedUrl, whereText } from './links.js';
import { LISTED_PER_FILE, type Listed } from './per-file.js';

const ZWSP = '\u200b';
/** Characters Markdown gives a meaning inline: each is shown as itself, escaped. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+!|~]/g;
const URL = /\b(?:https?|ftp):\/\/[^\s<>"'`|)\]]*/gi;

/**
 * Free text as inert Markdown, for a table cell or a list item: every value in it may come from the
 * repository (a path, a config's description, a workflow value), so it can open no HTML, emphasis,
 * code span, heading or link, mention no one (`@org/team` gets a zero-width space after the `@`),
 * and links only to the documented provider pages (`DOCUMENTED_HOSTS`); any other URL stays text.
 */
export function cell(text: string): string {
  const urls: string[] = [];
  // URLs are set aside first, so escaping does not break the documented ones.
  // eslint-disable-next-line no-control-regex -- NUL marks the URLs set aside
  const held = text.replace(/\u0000/g, '').replace(URL, (u) => `\u0000${urls.push(u) - 1}\u0000`);
  // eslint-disable-next-line no-control-regex -- NUL marks the URLs set aside
  return escapeText(held).replace(/\u0000(\d+)\u0000/g, (_, i: string) => inertUrl(urls[Number(i)]!));
}

function escapeText(text: string): string {
  return text
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZWSP}.`);
}

/**
 * A message as inert Markdown that keeps its code spans: keylint writes names in backticks, and
 * each stretch between backticks is rendered by `code` or `cell`, so a backtick a value brings can
 * only move where a code span starts, never let anything out of one.
 */
export function prose(text: string): string {
  const parts = text.split('`');
  return parts
    .map((p, i) => {
      if (i % 2 === 0) return cell(p);
      // An unpaired last backtick is shown as itself.
      return i < parts.length - 1 ? code(p) : '\\`' + cell(p);
    })
    .join('');
}

/** A documented provider page stays a link; any other URL is text that no renderer links. */
function inertUrl(url: string): string {
  if (isDocumentedUrl(url)) return url.replace(/[|`<]/g, encodeURIComponent);
  return escapeText(url).replace('://', `://${ZWSP}`);
}

/**
 * Inline code that nothing inside can close early or turn into something else: backticks become
 * a look-alike, line breaks a space, and a pipe is escaped for the table around it.
 */
export function code(text: string): string {
  const body = text
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/`/g, 'ˋ')
    .replace(/\|/g, '\\|');
  // A code span drops one leading and trailing space; keep what the value has.
  return '`' + (/^ | $/.test(body) ? ` ${body} ` : body || ' ') + '`';
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
  const where = link ? `[${code(whereText(f, prefix))}](${link})` : code(whereText(f, prefix));
  const evidence = f.evidence ? code(f.evidence) : '';
  return `| ${code(f.ruleId)} | ${where} | ${prose(f.message)} | ${evidence} | ${prose(f.fix)} | ${code(f.fingerprint)} |`;
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
  /** Exact counts per severity, when `findings` is a shortened list. */
  totals?: Readonly<Record<Severity, number>>,
): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const s of SEVERITIES) {
    const of = findings.filter((f) => f.severity === s);
    if (of.length === 0) continue;
    groups.push({
      heading: [
        `${headingLevel} ${SEVERITY_HEADING[s]} (${totals?.[s] ?? of.length})`,
        '',
        ...FINDINGS_TABLE_HEAD,
      ],
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

/** One line per file whose findings were not all listed (at most `max` lines). */
export function unlistedLines(listing: Listed, prefix: string, max = 20): string[] {
  if (listing.unlisted.length === 0) return [];
  const lines = listing.unlisted
    .slice(0, max)
    .map((u) => `- ${code(prefix + u.path)}: ${u.count} more finding(s) not listed here`);
  const rest = listing.unlisted.length - max;
  if (rest > 0) lines.push(`- …and more findings in ${rest} other file(s)`);
  return [
    `Only the first ${LISTED_PER_FILE} findings of a file are listed; every finding is in the JSON report and the SARIF file.`,
    '',
    ...lines,
    '',
  ];
}

/** Cuts a free-form block (a section a check contributed) to `max` characters on a line boundary. */
export function clip(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const cut = markdown.lastIndexOf('\n', max);
  return `${markdown.slice(0, cut > 0 ? cut : max)}\n\n*(cut: ${markdown.length - (cut > 0 ? cut : max)} more characters)*`;
}
