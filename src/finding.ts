import { sha256Hex } from './sha256.js';

/** Ordered from most to least severe; the order is used for sorting and for `fail-on`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FailOn = Exclude<Severity, 'info'> | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'none'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at or above the `fail-on` threshold. */
export function meetsThreshold(s: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && severityRank(s) <= severityRank(failOn);
}

export type Category = 'leak' | 'wiring' | 'live' | 'lint' | 'config';

declare const redactedBrand: unique symbol;
/**
 * A string that has been through `redact`. Findings only accept this type for evidence, so a raw
 * secret cannot reach a reporter without a compile error.
 */
export type Redacted = string & { readonly [redactedBrand]: true };

const PREFIX_RE = /^([A-Za-z]{1,6}[-_](?:[A-Za-z0-9]{1,8}[-_])?)/;

/**
 * Keeps the provider prefix (at most 14 characters, never more than a quarter of the secret) and the
 * last four characters: enough to tell two keys apart in a dashboard, never enough to use one.
 */
export function redact(secret: string): Redacted {
  if (secret.length < 12) return '****' as Redacted;
  // Stryker disable next-line StringLiteral: its stand-in text is over 14 characters, a prefix never shown
  const prefix = PREFIX_RE.exec(secret)?.[1] ?? '';
  const keep = prefix.length <= Math.min(14, secret.length / 4) ? prefix : '';
  return `${keep}…${secret.slice(-4)}` as Redacted;
}

/** Marks text that is known to hold no secret (messages built only from redacted parts). */
export function asRedacted(text: string): Redacted {
  return text as Redacted;
}

/** A stable identifier of a secret: safe to commit (in `.keylintignore`), survives line moves. */
export function secretFingerprint(secret: string): string {
  return sha256Hex(secret).slice(0, 32);
}

/** Fingerprint of a finding that has no secret: the rule and what it is about. */
export function factFingerprint(...parts: string[]): string {
  return sha256Hex(parts.join('\0')).slice(0, 32);
}

export interface Location {
  /** Repository-relative, forward slashes. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters of the decoded line. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Where a secret was seen in git history (commit scans). */
export interface CommitRef {
  sha: string;
  /** ISO 8601 author date. */
  date: string;
  author?: string;
  /** The path at that commit. */
  path: string;
  line: number;
}

export interface Finding {
  /** Stable public id, e.g. `leak/openai-project-key`, `wiring/name-mismatch`, `live/insufficient-quota`. */
  ruleId: string;
  category: Category;
  severity: Severity;
  /** One line, no secret. */
  title: string;
  /** What is wrong, with the facts. Never holds a raw secret. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** Absent for findings about the step's environment or the provider's answer. */
  location?: Location;
  /**
   * The same finding at other lines of the same file (the lint reports a repeated migration once
   * per file and rule, listing its lines); `location` is the first.
   */
  relatedLocations?: Location[];
  evidence?: Redacted;
  /** Stable across line moves: a hash of the secret, or of the rule and its subject. */
  fingerprint: string;
  /** Where to act (revoke page, dashboard, docs). */
  helpUri?: string;
  provider?: string;
  keyKind?: string;
  /** Commit-range scans: where the secret first appeared, and how many commits hold it. */
  commit?: CommitRef;
  commitCount?: number;
  /** For history findings: whether the secret is still in the scanned tree. */
  inTree?: boolean;
  /** `live`, `dead` or `unknown` for leaked keys checked with the provider. */
  verified?: 'live' | 'dead' | 'unknown';
  /** Small extra facts for reporters (live status word, headers, names); never a secret. */
  facts?: Record<string, string | number | boolean>;
  /** Set when the finding is silenced; it is then counted, not reported. */
  suppressed?: SuppressionKind;
}

export type SuppressionKind = 'inline' | 'ignore-file' | 'baseline' | 'config';

/**
 * Strings by code unit, as git orders paths: the same order on every machine, whatever its locale
 * (and without `localeCompare`, whose collator costs ~25 ms to set up in a process that runs once).
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    // Stryker disable next-line StringLiteral: any one text sorts the findings without a place together
    byCodeUnit(a.location?.path ?? '', b.location?.path ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    byCodeUnit(a.ruleId, b.ruleId)
  );
}
