import type { Severity } from '../finding.js';

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
}

/** A detector for an internal gateway's keys, declared in `.keylint.yml`. */
export interface CustomDetector {
  id: string;
  description?: string;
  pattern: RegExp;
  /** Lower-case literals, one of which occurs in every key: the scanner's prefilter. */
  keywords: string[];
  severity: Severity;
  /** Where to revoke a key of this kind. */
  revokeUrl?: string;
}

export interface KeylintConfig {
  /** Where it was read from (repo-relative), for messages; undefined when defaults are used. */
  source?: string;
  rules: Record<string, RuleOverride>;
  ignorePaths: string[];
  keyEnv: string[];
  detectors: CustomDetector[];
}

export const DEFAULT_CONFIG: KeylintConfig = {
  rules: {},
  ignorePaths: [],
  keyEnv: [],
  detectors: [],
};
