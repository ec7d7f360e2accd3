import { factFingerprint, type Finding, type Location, type Severity } from '../finding.js';
import { wiringRule } from './rules.js';

export interface WiringFacts {
  message: string;
  /** What the finding is about, for a fingerprint that survives line moves (names, file). */
  subject: string[];
  location?: Location;
  severity?: Severity;
  title?: string;
  fix?: string;
  facts?: Finding['facts'];
  provider?: string;
  keyKind?: string;
}

/** Messages here are built from names, paths and counts only: never from a value. */
export function wiringFinding(ruleId: string, f: WiringFacts): Finding {
  const rule = wiringRule(ruleId);
  const finding: Finding = {
    ruleId,
    category: rule.category,
    severity: f.severity ?? rule.severity,
    title: f.title ?? rule.short,
    message: f.message,
    fix: f.fix ?? rule.help,
    fingerprint: factFingerprint(ruleId, ...f.subject),
  };
  if (f.location) finding.location = f.location;
  if (rule.helpUri) finding.helpUri = rule.helpUri;
  if (f.facts) finding.facts = f.facts;
  if (f.provider) finding.provider = f.provider;
  if (f.keyKind) finding.keyKind = f.keyKind;
  return finding;
}

export function at(path: string, line: number, column = 1): Location {
  return { path, line, column };
}

/** "an OpenAI project key", "a Google API key". */
export function withArticle(noun: string): string {
  return `${/^[AEIOU]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
