import { UserError } from './errors.js';
import type { FailOn } from './finding.js';

export type ScanMode = 'auto' | 'tree' | 'commits' | 'history';
export type LiveMode = 'off' | 'auth' | 'billing';
export type OutputFormat = 'text' | 'json' | 'sarif';

/** What the GitHub runner tells the action about the run (absent in the CLI). */
export interface GitHubRun {
  eventName: string;
  /** The parsed `GITHUB_EVENT_PATH` payload, `{}` when absent or unreadable. */
  event: Record<string, unknown>;
  /** Why the payload is `{}` when it could not be read: said in a warning, naming the file. */
  eventProblem?: string;
  /** `owner/name`. */
  repository: string;
  sha: string;
  ref: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  workflow: string;
  job: string;
  actor: string;
}

/** Everything a scan needs, built the same way by the action (inputs) and the CLI (flags). */
export interface ScanOptions {
  /** Absolute path of the directory to scan. */
  root: string;
  failOn: FailOn;
  /** Absolute path of a config file given explicitly; otherwise `.keylint.yml` in the root is used if present. */
  configPath?: string;
  scan: ScanMode;
  /**
   * CLI `--staged`: `root` is a copy of the blobs staged below the scanned directory. The wiring
   * check, which judges the whole repository, does not run on it.
   */
  staged?: boolean;
  /**
   * The directory `root` stands for when `root` is a copy (`--staged`: the work tree's directory):
   * `.keylint.yml` and `.keylintignore` are read there, and reports name it as the source root.
   */
  sourceRoot?: string;
  /** CLI `--since REV`: scan the commits after REV. */
  since?: string;
  /** Variable names the key is expected under; empty means "derive from the code". */
  keyEnv: string[];
  live: LiveMode;
  /** Total time budget of the live check, in seconds. */
  liveTimeoutSec: number;
  verifyLeaked: boolean;
  /**
   * `verify-gateway`: where verify-leaked may send a provider's leaked keys instead of its official
   * host, by provider id. Nothing else (no `OPENAI_BASE_URL`) redirects a leaked key.
   */
  verifyGateways?: Record<string, string>;
  baselinePath?: string;
  /** "Today" for date-based rules (model retirements); `KEYLINT_TODAY` overrides it in tests. */
  today: Date;
  /** The environment the key is read from: the step's own. */
  env: Record<string, string | undefined>;
  /** True in the action: runtime checks of the step's environment are meaningful there. */
  inAction: boolean;
  github?: GitHubRun;
  debug: boolean;
}

export function todayFrom(env: Record<string, string | undefined>): Date {
  const forced = env.KEYLINT_TODAY?.trim();
  if (!forced) return new Date();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(forced) ? new Date(`${forced}T00:00:00Z`) : null;
  // A mistyped date would judge model retirements against the real today without a word.
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== forced)
    throw new UserError(`KEYLINT_TODAY must be a date as YYYY-MM-DD, not "${forced}"`);
  return day;
}
