/**
 * Inline suppression markers: keylint's own and those of the tools teams move from, so their
 * existing suppressions keep working. `sameLine` markers sit on the finding's line, `nextLine`
 * markers on the line above it.
 */
interface Marker {
  tool: string;
  /** Lower-case text every match of `pattern` holds: lines without any are not matched at all. */
  word: string;
  pattern: RegExp;
  where: 'sameLine' | 'nextLine';
}

const MARKERS: readonly Marker[] = [
  { tool: 'keylint', word: 'keylint:allow', pattern: /keylint:allow\b/i, where: 'sameLine' },
  { tool: 'gitleaks', word: 'gitleaks:allow', pattern: /gitleaks:allow\b/i, where: 'sameLine' },
  { tool: 'trufflehog', word: 'trufflehog:ignore', pattern: /trufflehog:ignore\b/i, where: 'sameLine' },
  {
    tool: 'secretlint',
    word: 'secretlint-disable-line',
    pattern: /secretlint-disable-line\b/i,
    where: 'sameLine',
  },
  {
    tool: 'secretlint',
    word: 'secretlint-disable-next-line',
    pattern: /secretlint-disable-next-line\b/i,
    where: 'nextLine',
  },
  {
    tool: 'detect-secrets',
    word: 'pragma:',
    pattern: /pragma:\s*allowlist[ \t]+secret\b/i,
    where: 'sameLine',
  },
  {
    tool: 'detect-secrets',
    word: 'pragma:',
    pattern: /pragma:\s*allowlist[ \t]+nextline[ \t]+secret\b/i,
    where: 'nextLine',
  },
];

/** `keylint:allow RULE-ID[, RULE-ID…]`: the rule ids named after keylint's marker, if any. */
const KEYLINT_RULES = /keylint:allow\b((?:[ \t,]+[a-z]+\/[A-Za-z0-9._-]+)*)/i;

/** A leaked key is `leak/<kind>` in the tree and `history/<kind>` in history: one marker covers both. */
function sameRule(named: string, ruleId: string): boolean {
  const strip = (id: string): string => id.replace(/^(?:leak|history)\//, 'key/');
  return named === ruleId || strip(named) === strip(ruleId);
}

function allowsOnLine(text: string, ruleId: string, where: Marker['where']): boolean {
  for (const m of MARKERS) {
    if (m.where !== where || !m.pattern.test(text)) continue;
    if (m.tool !== 'keylint') return true;
    const named = (KEYLINT_RULES.exec(text)?.[1] ?? '').split(/[ \t,]+/).filter(Boolean);
    if (named.length === 0 || named.some((n) => sameRule(n, ruleId))) return true;
  }
  return false;
}

/** True when the line (or the line above it) carries a marker that silences `ruleId` here. */
export function inlineAllows(ruleId: string, line: string, above?: string): boolean {
  return (
    allowsOnLine(line, ruleId, 'sameLine') || (above !== undefined && allowsOnLine(above, ruleId, 'nextLine'))
  );
}

/** Any marker, with the rule ids after keylint's (first, so its longer form wins). */
const ANY_MARKER = new RegExp(
  [KEYLINT_RULES, ...MARKERS.map((m) => m.pattern)].map((p) => p.source).join('|'),
  'gi',
);

/**
 * The markers a line carries, joined by spaces ('' for none): judged by `inlineAllows` exactly as
 * the whole line would be, and free of whatever else the line holds (such as a key). `cut`: the
 * text stops short of the line's end, so a marker that reaches its end may be cut short
 * (`keylint:allow leak/x` read as `keylint:allow`, which silences every rule) and does not count.
 */
export function markersIn(line: string, cut = false): string {
  // A case-blind alternation runs at a fraction of a plain search's pace, and a minified bundle's
  // line is megabytes long: look for the words first.
  const lower = line.toLowerCase();
  if (!MARKERS.some((m) => lower.includes(m.word))) return '';
  const found: string[] = [];
  for (const m of line.matchAll(ANY_MARKER))
    if (!cut || m.index + m[0].length < line.length) found.push(m[0]);
  return found.join(' ');
}
