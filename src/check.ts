import type { KeylintConfig } from './config/types.js';
import type { Detector } from './detect/detectors.js';
import type { Finding } from './finding.js';
import type { ScanOptions } from './options.js';
import type { FilePass } from './pass/run.js';
import type { RepoFiles } from './sources/tree.js';

/** A message for the user that is not a finding: a skipped file, a shallow clone, a skipped report. */
export interface Notice {
  level: 'notice' | 'warning';
  message: string;
  path?: string;
  line?: number;
}

/** A titled block of Markdown a check contributes to the job summary (live-check result, wiring status). */
export interface SummarySection {
  title: string;
  markdown: string;
}

/** What every check sees. Checks add findings by returning them, and may add notices, outputs and sections. */
export interface ScanContext {
  options: ScanOptions;
  config: KeylintConfig;
  files: RepoFiles;
  /** What the file pass found in each file of `files` (same order): keys, code reads, lint digests. */
  pass: FilePass;
  notices: Notice[];
  /** Extra action outputs (`key-status`, `live-status`…). */
  outputs: Record<string, string>;
  sections: SummarySection[];
  /** Findings of the checks that ran before this one (the live check verifies leaked keys). */
  earlier: readonly Finding[];
  /**
   * The variable names the key is expected under: `key-env` if given, else what the wiring check
   * derives from the code (it runs before the live check, which reads this).
   */
  keyEnv: string[];
  /** Model names the code passes to an LLM SDK or endpoint, with where (set by the code lint, read by the live check). */
  codeModels: Map<string, { path: string; line: number }>;
  /** Raw secrets of leak findings, by fingerprint, for `verify-leaked`. Never leaves the process. */
  leakedSecrets: Map<string, string>;
  /**
   * The built-in detectors plus the custom ones of `.keylint.yml`: every scanner uses these
   * (`new Scanner(ctx.detectors)`; absent, the scanner's default is the built-in table).
   */
  detectors?: readonly Detector[];
}

export interface Check {
  /** Short name used in debug logs and errors. */
  name: string;
  /**
   * The rule-id prefix of its findings: `rules: { lint: false }` in the config turns the whole check
   * off, so its time is saved too, not only its findings hidden.
   */
  rulePrefix: string;
  run(ctx: ScanContext): Promise<Finding[]>;
}
