/**
 * Inline suppression markers: keylint's own and those of the tools teams move from, so their
 * existing suppressions keep working. `sameLine` markers sit on the finding's line, `nextLine`
 * markers on the line above it.
 */
interface Marker {
  pattern: RegExp;
  where: 'sameLine' | 'nextLine';
  /** keylint's own marker, which may name the rules it silences. */
  namesRules?: true;
}

const MARKERS: readonly Marker[] = [
  { pattern: /keylint:allow\b/i, where: 'sameLine', namesRules: true },
  { pattern: /gitleaks:allow\b/i, where: 'sameLine' },
  { pattern: /trufflehog:ignore\b/i, where: 'sameLine' },
  { pattern: /secretlint-disable-line\b/i, where: 'sameLine' },
  { pattern: /secretlint-disable-next-line\b/i, where: 'nextLine' },
  // detect-secrets
  { pattern: /pragma:\s*allowlist[ \t]+secret\b/i, where: 'sameLine' },
  { pattern: /pragma:\s*allowlist[ \t]+nextline[ \t]+secret\b/i, where: 'nextLine' },
];

/**
 * The lower-case text a pattern starts with, up to its first special character: a line without it
 * holds no match. Only a pre-filter: with less (or none), the pattern itself still decides.
 */
function leadingWord(pattern: RegExp): string {
  // Stryker disable next-line Regex: a shorter word only lets more lines through to the pattern
  return /^[^\\^$.|?*+()[\]{}]*/.exec(pattern.source)![0].toLowerCase();
}
const WORDS = MARKERS.map((m) => leadingWord(m.pattern));

/** `keylint:allow RULE-ID[, RULE-ID…]`: the rule ids named after keylint's marker, if any. */
const KEYLINT_RULES = /keylint:allow\b((?:[ \t,]+[a-z]+\/[A-Za-z0-9._-]+)*)/i;

/** A leaked key is `leak/<kind>` in the tree and `history/<kind>` in history: one marker covers both. */
function sameRule(named: string, ruleId: string): boolean {
  // Stryker disable next-line StringLiteral: both ids are rewritten alike, to whatever text
  const strip = (id: string): string => id.replace(/^(?:leak|history)\//, 'key/');
  return named === ruleId || strip(named) === strip(ruleId);
}

function allowsOnLine(text: string, ruleId: string, where: Marker['where']): boolean {
  for (const m of MARKERS) {
    if (m.where !== where || !m.pattern.test(text)) continue;
    if (!m.namesRules) return true;
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
  // Stryker disable next-line ConditionalExpression: a pre-filter; the search below finds nothing either
  if (!WORDS.some((w) => lower.includes(w))) return '';
  const found: string[] = [];
  for (const m of line.matchAll(ANY_MARKER))
    if (!cut || m.index + m[0].length < line.length) found.push(m[0]);
  return found.join(' ');
}
