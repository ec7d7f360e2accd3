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
  keywords: string[];
  severity: Severity;
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
