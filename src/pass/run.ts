import type { Detector } from '../detect/detectors.js';
import { DETECTORS } from '../detect/detectors.js';
import {
  linkSkipReason,
  repoFiles,
  unreadableReason,
  type RepoFile,
  type RepoFiles,
  type SkippedFile,
} from '../sources/tree.js';
import { passEngine, type FileReport, type PassEngine, type PassSettings } from './file.js';
import { startHelpers, type Helpers } from './helpers.js';
import { PassThreads, type PoolStats } from './pool.js';

/** The file pass's reports, one per file of the listing the checks see (same order). */
export interface FilePass {
  reports: FileReport[];
  stats: PoolStats;
}

/**
 * Reads every listed file once and returns the listing the checks see: text and binary files, each
 * with its size and report. Links are never followed (one that leaves the root or loops is a skipped
 * entry); directories in the list (submodules) and files deleted since the listing drop out.
 * `helpers`: threads started earlier (see `startHelpers`); by default, those the machine offers.
 * `engine`: this thread's, when built earlier from the same settings and detectors.
 */
export async function runFilePass(
  listing: RepoFiles,
  settings: PassSettings,
  detectors: readonly Detector[],
  helpers: Helpers = startHelpers({}),
  engine: PassEngine = passEngine(settings, detectors),
): Promise<{ files: RepoFiles; pass: FilePass }> {
  const setup = { detectors: detectors === DETECTORS ? null : [...detectors], settings };
  const { reports, stats } = await new PassThreads(helpers).run(listing.files, engine, setup, detectors);
  const kept: RepoFile[] = [];
  const keptReports: FileReport[] = [];
  const skipped: SkippedFile[] = [...listing.skipped];
  for (const [i, file] of listing.files.entries()) {
    const report = reports[i]!;
    let reason: string | null = null;
    if (report.status === 'text' || report.status === 'binary') {
      // The listing's own entry, now with its size: a copy per file is 20,000 objects more to collect.
      file.size = report.size;
      kept.push(file);
      keptReports.push(report);
      continue;
    }
    if (report.status === 'link') reason = linkSkipReason(listing.root, file.abs);
    else if (report.status === 'unreadable') reason = unreadableReason(report.code);
    if (reason !== null) skipped.push({ path: file.path, reason });
  }
  return {
    files: repoFiles(listing.root, listing.isGit, kept, skipped),
    pass: { reports: keptReports, stats },
  };
}
