import type { Finding, Severity } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { LISTED_PER_FILE } from './per-file.js';
import { terminalText } from './terminal.js';
import { plural, suppressedLine } from './verdict.js';

/** How the text report is laid out: colour only on a terminal that wants it, lines wrapped to its width. */
export interface TextStyle {
  color: boolean;
  /** Columns to wrap prose at (messages, fixes); paths, rule ids and URLs are never cut. */
  width: number;
}

/** A file, a pipe, a CI log: no colour, and lines that read well in an 100-column window. */
export const PLAIN_TEXT: TextStyle = { color: false, width: 100 };

/** SGR codes by severity: the worst stand out, the least recede. */
const SEVERITY_SGR: Record<Severity, string> = {
  critical: '1;31',
  high: '31',
  medium: '33',
  low: '36',
  info: '2',
};

/**
 * Decides colour the way terminal tools agree to: `FORCE_COLOR` wins when set (`0` or `false`
 * turn colour off), then a non-empty `NO_COLOR` turns it off, else colour on a TTY that is not `dumb`.
 */
export function terminalStyle(
  stream: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
): TextStyle {
  const force = env.FORCE_COLOR;
  let color: boolean;
  if (force !== undefined && force !== '') color = force !== '0' && force.toLowerCase() !== 'false';
  else if (env.NO_COLOR) color = false;
  else color = stream.isTTY === true && env.TERM !== 'dumb';
  const columns = stream.isTTY && stream.columns ? stream.columns : PLAIN_TEXT.width;
  return { color, width: Math.max(40, Math.min(columns, 120)) };
}

/**
 * Every value from the scan (a path, a message, a fix, redacted evidence, a notice) passes through
 * here on its way to the terminal: the one place that decides how a value is shown. A file name
 * with a newline and `ESC[8m` must not fake a verdict line or hide the real one.
 */
export function shown(value: string): string {
  return terminalText(value);
}

/** Wraps prose at spaces to `width`, the first line after `first`, the others after `rest`. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (!word) continue;
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

function painter(style: TextStyle): (sgr: string, s: string) => string {
  return style.color ? (sgr, s) => `\x1b[${sgr}m${s}\x1b[0m` : (_sgr, s) => s;
}

const ENVIRONMENT = '(environment)';

/** Findings by file, the files in the order their first finding comes (the most severe first). */
function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.location?.path ?? ENVIRONMENT;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

/** The CLI's human output: findings grouped by file, then notices, then the verdict line. */
export function renderText(result: ScanResult, style: TextStyle = PLAIN_TEXT): string {
  const paint = painter(style);
  const lines: string[] = [];
  const detail = '    ';
  for (const [file, findings] of byFile(result.findings)) {
    lines.push(paint('1;4', shown(file)));
    // A file with 100,000 keys is one problem, not 100,000 lines: the counts and the other formats keep all.
    for (const f of findings.slice(0, LISTED_PER_FILE)) {
      const at = f.location ? `${f.location.line}:${f.location.column}  ` : '';
      const commit = f.commit ? `  (commit ${f.commit.sha.slice(0, 12)})` : '';
      const severity = paint(SEVERITY_SGR[f.severity], f.severity.toUpperCase());
      lines.push(`  ${at}${severity}  ${shown(f.ruleId)}${commit}`);
      lines.push(...wrap(shown(f.message), style.width, detail, detail));
      if (f.evidence)
        lines.push(
          `${detail}evidence ${shown(f.evidence)}  ${paint('2', `fingerprint ${shown(f.fingerprint)}`)}`,
        );
      lines.push(...wrap(shown(f.fix), style.width, `${detail}fix: `, `${detail}     `));
    }
    const more = findings.length - LISTED_PER_FILE;
    if (more > 0)
      lines.push(
        `  ${shown(file)}: ${plural(more, 'more finding')} not listed here (every one is in --format json or sarif).`,
      );
    lines.push('');
  }
  for (const n of result.notices) {
    const level = paint(n.level === 'warning' ? '33' : '2', `${n.level}:`);
    lines.push(`${level} ${n.path ? `${shown(n.path)}: ` : ''}${shown(n.message)}`);
  }
  lines.push(verdictLine(result, style));
  return lines.join('\n') + '\n';
}

/** The report's last line: the verdict and the counts (no secret can be in it). */
export function verdictLine(result: ScanResult, style: TextStyle = PLAIN_TEXT): string {
  const paint = painter(style);
  const verdict = result.verdict === 'fail' ? paint('1;31', 'FAIL') : paint('1;32', 'PASS');
  const files = new Set(result.findings.flatMap((f) => (f.location ? [f.location.path] : []))).size;
  const where = [
    ...(files ? [plural(files, 'file')] : []),
    ...(result.findings.some((f) => !f.location) ? ['the environment'] : []),
  ];
  const found = `${plural(result.findings.length, 'finding')}${where.length ? ` in ${where.join(' and ')}` : ''}`;
  const suppressed = result.suppressed.length ? `; ${suppressedLine(result)?.replace(/\.$/, '')}` : '';
  return (
    `keylint: ${verdict}: ${found}, ${result.failing} at or above fail-on=${result.options.failOn}` +
    `${suppressed}; ${plural(result.stats.files, 'file')} scanned.`
  );
}
