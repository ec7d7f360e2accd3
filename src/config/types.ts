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
  /** The literal every key starts with (case kept), when the pattern has one. */
  prefix?: string;
  /** Lower-case words: near a prefixed key, or in the name a key without prefix is assigned to. */
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
  /**
   * `check` (the default): a pull request or push that weakens this policy is a finding. `allow`:
   * such changes are trusted, which only the base commit's config can decide.
   */
  policyChanges: 'check' | 'allow';
  /**
   * The code lint in test files (tests, fixtures, mocks, cassettes): `skip` (default) leaves them
   * out, since a test that never reaches the provider is not where a key stops working; `lint`
   * reports them at `low`, said so in the message.
   */
  tests: TestsPolicy;
}

export type TestsPolicy = 'lint' | 'skip';

export const DEFAULT_CONFIG: KeylintConfig = {
  rules: {},
  ignorePaths: [],
  keyEnv: [],
  detectors: [],
  policyChanges: 'check',
  tests: 'skip',
};
