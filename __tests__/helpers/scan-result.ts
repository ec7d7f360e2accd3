import { DEFAULT_CONFIG } from '../../src/config/types.js';
import {
  compareFindings,
  factFingerprint,
  redact,
  secretFingerprint,
  SEVERITIES,
  type FailOn,
  type Finding,
  type Severity,
} from '../../src/finding.js';
import type { GitHubRun, ScanOptions } from '../../src/options.js';
import { isPlaceholder } from '../../src/detect/placeholders.js';
import type { ScanResult } from '../../src/pipeline.js';
import { keys } from './keys.js';

/**
 * A random key now and then spells a placeholder word ("your", "dummy": about 1 in 5,000) and is rightly
 * not reported; tests that count findings build keys through this.
 */
export function realKey(make: () => string): string {
  for (;;) {
    const k = make();
    if (!isPlaceholder(k)) return k;
  }
}

export const SHA = '0123456789abcdef0123456789abcdef01234567';

export function githubRun(over: Partial<GitHubRun> = {}): GitHubRun {
  return {
    eventName: 'pull_request',
    event: {},
    repository: 'acme/app',
    sha: SHA,
    ref: 'refs/pull/7/merge',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '99',
    workflow: 'ci',
    job: 'keylint',
    actor: 'dev',
    ...over,
  };
}

export function options(over: Partial<ScanOptions> = {}): ScanOptions {
  return {
    root: '/work/repo',
    failOn: 'high',
    scan: 'tree',
    keyEnv: [],
    live: 'off',
    liveTimeoutSec: 30,
    verifyLeaked: false,
    today: new Date('2026-11-01'),
    env: { GITHUB_WORKSPACE: '/work/repo' },
    inAction: true,
    github: githubRun(),
    debug: false,
    ...over,
  };
}

/** A leak finding for a key built at run time, as the leak check makes them (the raw key is returned too). */
export function leak(
  path: string,
  line: number,
  severity: Severity = 'critical',
): { finding: Finding; secret: string } {
  const secret = realKey(keys.openaiProject);
  const evidence = redact(secret);
  return {
    secret,
    finding: {
      ruleId: 'leak/openai-project-key',
      category: 'leak',
      severity,
      title: 'OpenAI project key committed',
      message: `OpenAI project key ${evidence} is committed in ${path}.`,
      fix: 'Revoke the key at https://platform.openai.com/api-keys and create a new one; store it as a repository secret.',
      location: { path, line, column: 10, endColumn: 10 + secret.length },
      evidence,
      fingerprint: secretFingerprint(secret),
      provider: 'OpenAI',
      keyKind: 'OpenAI project key',
      helpUri: 'https://platform.openai.com/api-keys',
    },
  };
}

/** A finding about the step's environment: no place in the code. */
export function envFinding(severity: Severity = 'high'): Finding {
  return {
    ruleId: 'wiring/missing-secret',
    category: 'wiring',
    severity,
    title: 'The key is not in the environment',
    message: 'OPENAI_API_KEY is not set in this step.',
    fix: 'Add `env: OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}` to the step.',
    fingerprint: factFingerprint('wiring/missing-secret', 'OPENAI_API_KEY'),
  };
}

/** `n` findings spread over every severity, most severe first, as the policy hands them over. */
export function manyFindings(n: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const severity = SEVERITIES[i % SEVERITIES.length]!;
    out.push(leak(`src/module-${i % 97}/file-${i}.py`, (i % 400) + 1, severity).finding);
  }
  return out.sort(compareFindings);
}

/**
 * The severities that fail a run at each `fail-on`, written out here rather than asked of the product,
 * so a report test's expected verdict does not come from the code under test.
 */
const FAILS_AT: Record<FailOn, readonly Severity[]> = {
  critical: ['critical'],
  high: ['critical', 'high'],
  medium: ['critical', 'high', 'medium'],
  low: ['critical', 'high', 'medium', 'low'],
  none: [],
};

export function scanResult(findings: Finding[], over: Partial<ScanResult> = {}): ScanResult {
  const opts = over.options ?? options();
  const failing = findings.filter((f) => FAILS_AT[opts.failOn].includes(f.severity)).length;
  return {
    findings,
    suppressed: [],
    verdict: failing > 0 ? 'fail' : 'pass',
    failing,
    options: opts,
    config: DEFAULT_CONFIG,
    notices: [],
    outputs: {},
    sections: [],
    stats: { files: 12, bytes: 3456, skipped: 0, durationMs: 321 },
    ...over,
  };
}
