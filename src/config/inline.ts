/**
 * Inline suppression markers: keylint's own and those of the tools teams move from, so their
 * existing suppressions keep working. `sameLine` markers sit on the finding's line, `nextLine`
 * markers on the line above it.
 */
interface Marker {
  tool: string;
  pattern: RegExp;
  where: 'sameLine' | 'nextLine';
}

const MARKERS: readonly Marker[] = [
  { tool: 'keylint', pattern: /keylint:allow\b/i, where: 'sameLine' },
  { tool: 'gitleaks', pattern: /gitleaks:allow\b/i, where: 'sameLine' },
  { tool: 'trufflehog', pattern: /trufflehog:ignore\b/i, where: 'sameLine' },
  { tool: 'secretlint', pattern: /secretlint-disable-line\b/i, where: 'sameLine' },
  { tool: 'secretlint', pattern: /secretlint-disable-next-line\b/i, where: 'nextLine' },
  { tool: 'detect-secrets', pattern: /pragma:\s*allowlist[ \t]+secret\b/i, where: 'sameLine' },
  { tool: 'detect-secrets', pattern: /pragma:\s*allowlist[ \t]+nextline[ \t]+secret\b/i, where: 'nextLine' },
];

/** `keylint:allow RULE-ID[, RULE-ID…]`: the rule ids named after keylint's marker, if any. */
const KEYLINT_RULES = /keylint:allow((?:[ \t,]+[a-z]+\/[A-Za-z0-9._-]+)*)/i;

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
