import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Check, Notice, ScanContext, SummarySection } from './check.js';
import { allDetectors } from './config/custom-detectors.js';
import { loadConfig } from './config/load.js';
import { buildSuppressors } from './config/suppressors.js';
import type { KeylintConfig } from './config/types.js';
import { leakCheck } from './detect/leak-check.js';
import { UserError } from './errors.js';
import type { Finding } from './finding.js';
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
  let suppressWith: Suppressor[];
  try {
    assertDirectory(options.root);
    config = loadConfig(options.sourceRoot ?? options.root, options.configPath);
    suppressWith = [...suppressors, ...buildSuppressors(options)];
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
    config.rules[prefix]?.enabled !== false && !(options.staged && prefix === wiringCheck.rulePrefix);
  const settings: PassSettings = {
    leaks: enabled(leakCheck.rulePrefix),
    wiring: enabled(wiringCheck.rulePrefix),
    lintDay: enabled(lintCheck.rulePrefix) ? options.today.toISOString() : null,
  };
  // Built while git still lists: regexes and the kernel's tables cost this thread ~10 ms.
  const engine = passEngine(settings, detectors);
  let listing: RepoFiles;
  try {
    listing = await listFiles(options.root, config.ignorePaths, start.listing);
  } catch (err) {
    start.helpers.stop();
    throw err;
  }
  time('listing');
  const { files, pass } = await runFilePass(listing, settings, detectors, start.helpers, engine);
  time('file pass');
  const { threads: n, helperFiles, ownMs, waitMs, readAgain } = pass.stats;
  timings[timings.length - 1] +=
    ` (${n} thread(s), ${helperFiles} of ${listing.files.length} files read by helpers` +
    (n > 1 ? `, ${readAgain} read again for a helper that ended without answering` : '') +
    (n > 1
      ? `; this thread read for ${ownMs} ms, then took in the helpers' last batches for ${waitMs} ms)`
      : ')');
  const notices: Notice[] = files.skipped.map((s) => ({
    level: 'warning',
    message: `skipped: ${s.reason}`,
    path: s.path,
  }));
  const raw: Finding[] = [];
  const ctx: ScanContext = {
    options,
    config,
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
  for (const check of CHECKS) {
    if (!enabled(check.rulePrefix)) continue;
    try {
      raw.push(...(await check.run(ctx)));
    } catch (err) {
      if (err instanceof UserError) throw err;
      notices.push({
        level: 'warning',
        message: `the ${check.name} check failed and was skipped: ${(err as Error).message}`,
      });
      if (options.debug) notices.push({ level: 'notice', message: (err as Error).stack ?? '' });
    }
    time(check.name);
  }
  const policy = applyPolicy(raw, config, options.failOn, suppressWith);
  time('policy');
  if (options.debug) notices.push({ level: 'notice', message: `timings: ${timings.join(', ')}` });
  return {
    ...policy,
    options,
    config,
    notices,
    outputs: ctx.outputs,
    sections: ctx.sections,
    stats: {
      files: files.files.length,
      bytes: files.files.reduce((n, f) => n + f.size, 0),
      skipped: files.skipped.length,
      durationMs: Date.now() - started,
    },
  };
}
