import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Check, Notice, ScanContext, SummarySection } from './check.js';
import { allDetectors } from './config/custom-detectors.js';
import { loadConfig } from './config/load.js';
import { buildSuppressors } from './config/suppressors.js';
import type { KeylintConfig } from './config/types.js';
import { leakCheck } from './detect/leak-check.js';
import { UserError } from './errors.js';
import { compareFindings, factFingerprint, meetsThreshold, type Finding } from './finding.js';
import { lintCheck } from './lint/check.js';
import { liveCheck } from './live/check.js';
import type { ScanOptions } from './options.js';
import { applyPolicy, type PolicyResult, type Suppressor } from './policy.js';
import { commitsCheck } from './sources/commits-check.js';
import { passEngine, type PassSettings } from './pass/file.js';
import { runFilePass } from './pass/run.js';
import { startScan, type ScanStart } from './scan-start.js';
import { listFiles, type RepoFiles } from './sources/tree.js';
import { wiringCheck } from './wiring/check.js';
import { loadBasePolicy, type BasePolicy } from './policy-changes/base-policy.js';
import {
  addedIgnoreSuppressor,
  configToScan,
  policyChanges,
  type PolicyChanges,
} from './policy-changes/changes.js';

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: number;
  durationMs: number;
}

export interface ScanResult extends PolicyResult {
  options: ScanOptions;
  config: KeylintConfig;
  notices: Notice[];
  outputs: Record<string, string>;
  sections: SummarySection[];
  stats: ScanStats;
  /** On a pull request or push: the edits of keylint's policy it makes, and what they silence. */
  policyChanges?: PolicyChanges;
}

/** The order matters: leak findings come first so the live check can verify them. */
const CHECKS: readonly Check[] = [leakCheck, commitsCheck, wiringCheck, lintCheck, liveCheck];

function assertDirectory(root: string): void {
  let st;
  try {
    st = statSync(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `path does not exist: ${root}` : `cannot read path ${root} (${code ?? 'error'})`,
    );
  }
  if (!st.isDirectory()) throw new UserError(`path is not a directory: ${root}`);
}

/** A check that crashed fails the verdict: what it would have found is unknown, never a silent pass. */
function checkFailed(name: string, err: unknown): Finding {
  const why = err instanceof Error ? err.message : String(err);
  return {
    ruleId: 'config/check-failed',
    category: 'config',
    severity: 'critical',
    title: `The ${name} check crashed`,
    message: `The ${name} check stopped with an internal error (${why}), so what it would have found is unknown and the verdict is fail.`,
    fix: 'Report this error to keylint. To let the step pass anyway, set `fail-on: none`.',
    fingerprint: factFingerprint('config/check-failed', name),
  };
}

/** Adds findings that no suppression applies to, and decides the verdict again. */
function withFindings(policy: PolicyResult, extra: readonly Finding[], options: ScanOptions): PolicyResult {
  if (extra.length === 0) return policy;
  const findings = [...policy.findings, ...extra].sort(compareFindings);
  const failing = findings.filter((f) => meetsThreshold(f.severity, options.failOn)).length;
  return { ...policy, findings, failing, verdict: failing > 0 ? 'fail' : 'pass' };
}

/**
 * The one place that knows the order: sources → checks → policy. `start`: the listing and threads
 * of this scan, when they were started earlier (see `startScan`).
 */
export async function runScan(
  options: ScanOptions,
  suppressors: Suppressor[] = [],
  start: ScanStart = startScan(options.root, options.env),
): Promise<ScanResult> {
  const started = Date.now();
  let config: KeylintConfig;
  // What the checks run with: on a pull request or push, the head's config cannot turn off what the
  // base commit's ran (see policy-changes).
  let scanConfig: KeylintConfig;
  let suppressWith: Suppressor[];
  let base: BasePolicy | null;
  const early: Notice[] = [];
  try {
    assertDirectory(options.root);
    config = loadConfig(options.sourceRoot ?? options.root, options.configPath);
    suppressWith = [...suppressors, ...buildSuppressors(options)];
    base = loadBasePolicy(options, early);
    scanConfig = base ? configToScan(config, base) : config;
    const added = base ? addedIgnoreSuppressor(config, base) : null;
    if (added) suppressWith.unshift(added);
  } catch (err) {
    start.stop();
    throw err;
  }
  const detectors = allDetectors(config.detectors);
  // Where the time went, for `--debug`: the listing, the one read of every file, each check.
  // Since the process started: node's own start-up and loading the bundle.
  const timings: string[] = [`start-up ${Math.round(performance.now())} ms`];
  let lap = performance.now();
  const time = (what: string): void => {
    const now = performance.now();
    timings.push(`${what} ${Math.round(now - lap)} ms`);
    lap = now;
  };
  // The wiring check judges a whole repository (its workflows, its .gitignore): a few staged
  // files would make it report what the rest of the tree settles.
  const enabled = (prefix: string): boolean =>
    scanConfig.rules[prefix]?.enabled !== false && !(options.staged && prefix === wiringCheck.rulePrefix);
  const settings: PassSettings = {
    leaks: enabled(leakCheck.rulePrefix),
    wiring: enabled(wiringCheck.rulePrefix),
    lintDay: enabled(lintCheck.rulePrefix) ? options.today.toISOString() : null,
  };
  // Built while git still lists: regexes and the kernel's tables cost this thread ~10 ms.
  const engine = passEngine(settings, detectors);
  let listing: RepoFiles;
  try {
    listing = await listFiles(options.root, scanConfig.ignorePaths, start.listing);
  } catch (err) {
    start.helpers.stop();
    throw err;
  }
  time('listing');
  const { files, pass } = await runFilePass(listing, settings, detectors, start.helpers, engine);
  time('file pass');
  const { threads: n, helperFiles, ownMs, waitMs, readAgain, parts } = pass.stats;
  timings[timings.length - 1] +=
    ` (${n} thread(s), ${helperFiles} of ${listing.files.length} files read by helpers` +
    (parts > 0 ? `, ${parts} parts of large files shared` : '') +
    (n > 1 ? `, ${readAgain} read again for a helper that ended without answering` : '') +
    (n > 1
      ? `; this thread read for ${ownMs} ms, then took in the helpers' last batches for ${waitMs} ms)`
      : ')');
  const notices: Notice[] = [
    ...early,
    ...files.skipped.map((s): Notice => ({
      level: 'warning',
      message: `skipped: ${s.reason}`,
      path: s.path,
    })),
  ];
  const raw: Finding[] = [];
  const ctx: ScanContext = {
    options,
    config: scanConfig,
    files,
    pass,
    notices,
    outputs: {},
    sections: [],
    earlier: raw,
    keyEnv: [...new Set([...options.keyEnv, ...config.keyEnv])],
    codeModels: new Map(),
    leakedSecrets: new Map(),
    detectors,
  };
  // Findings no configuration can silence: keylint's own failures.
  const unsuppressible: Finding[] = [];
  for (const check of CHECKS) {
    if (!enabled(check.rulePrefix)) continue;
    try {
      raw.push(...(await check.run(ctx)));
    } catch (err) {
      if (err instanceof UserError) throw err;
      unsuppressible.push(checkFailed(check.name, err));
      if (options.debug) notices.push({ level: 'notice', message: (err as Error).stack ?? '' });
    }
    time(check.name);
  }
  const judged = applyPolicy(raw, config, options.failOn, suppressWith);
  const changes = base ? policyChanges({ options, config, base, raw, policy: judged }) : undefined;
  const policy = withFindings(judged, [...unsuppressible, ...(changes?.findings ?? [])], options);
  time('policy');
  if (options.debug) notices.push({ level: 'notice', message: `timings: ${timings.join(', ')}` });
  return {
    ...policy,
    options,
    config,
    notices,
    outputs: ctx.outputs,
    sections: ctx.sections,
    ...(changes ? { policyChanges: changes } : {}),
    stats: {
      files: files.files.length,
      bytes: files.files.reduce((n, f) => n + f.size, 0),
      skipped: files.skipped.length,
      durationMs: Date.now() - started,
    },
  };
}
