import { scanEngine, WindowScan, type LocatedMatch, type ScanEngine } from '../detect/scan-file.js';
import type { Detector } from '../detect/detectors.js';
import { isManifestName } from '../lint/manifest-names.js';
import type { SourceDigest } from '../lint/source-digest.js';
import { mayAnalyze } from './analysis-gate.js';
import { LINK_CODE, NOT_REGULAR_CODE, openText, type TextWindow } from '../sources/read.js';
import type { CodeRead } from '../wiring/code-names.js';

// The file pass's reading of one file, as every thread does it. The wiring and lint analyses it hands
// the bytes to come with the engine (see file.ts): the scanning threads leave them to the main
// thread, and do not load them.

/** The checks' per-file analyses, which only the thread that runs the checks loads. */
export interface FileAnalyses {
  codeReadsIn(relPath: string, bytes: Buffer): CodeRead[];
  dotenvLoadLine(relPath: string, bytes: Buffer): number | undefined;
  sourceDigest(relPath: string, bytes: Buffer, today: Date): SourceDigest | undefined;
}

/**
 * What the pass computes beside the leak scan, set by the checks that are on. Plain data: it is
 * copied to each scanning thread.
 */
export interface PassSettings {
  /** The leak scan; custom detectors come with the engine. */
  leaks: boolean;
  /** The variable names code reads and the `.env` loads (secret wiring). */
  wiring: boolean;
  /** The code lint's per-file analysis, judged on this day (ISO date), or null when the lint is off. */
  lintDay: string | null;
  /**
   * Helper threads leave the wiring and lint analyses of the few files that need them to the main
   * thread (`analyzeLater`): each thread would otherwise pay for warming that code up, and on two
   * cores that cost more than reading those files twice.
   */
  deferAnalysis?: boolean;
}

/** One listed entry as the pass found it. */
export type FileReport =
  | {
      status: 'text';
      /** Bytes read. */
      size: number;
      matches: LocatedMatch[];
      reads?: CodeRead[];
      /** The line that loads a `.env` file, for code that does. */
      dotenvLine?: number;
      /** For a manifest (package.json, a lockfile, requirements…): whether it names `openai` at all. */
      namesOpenai?: boolean;
      /** Read by a helper that left the wiring and lint analyses to the main thread (`analyzeAgain`). */
      analyzeLater?: true;
      lint?: SourceDigest;
    }
  | { status: 'binary'; size: number }
  /**
   * A large UTF-8 file whose parts the pool shares among threads (see parts.ts): its report is made
   * from theirs. `start`: its first character's offset.
   */
  | { status: 'split'; parts: number; start: number }
  /** A symbolic link: never followed; the listing decides what to say of it. */
  | { status: 'link' }
  /** Not a regular file (a directory such as a submodule's). */
  | { status: 'special' }
  | { status: 'unreadable'; code: string };

/** The per-file work a thread keeps between files: the engine, and the lint's day parsed once. */
export interface PassEngine {
  scan: ScanEngine | null;
  wiring: boolean;
  lintDay: Date | null;
  /** Set: the files that need the analyses are marked `analyzeLater` (always so without `analyses`). */
  deferAnalysis: boolean;
  analyses: FileAnalyses | null;
}

export function engineWith(
  settings: PassSettings,
  detectors: readonly Detector[] | undefined,
  analyses: FileAnalyses | null,
): PassEngine {
  return {
    scan: settings.leaks ? scanEngine(detectors) : null,
    wiring: settings.wiring,
    lintDay: settings.lintDay === null ? null : new Date(settings.lintDay),
    deferAnalysis: settings.deferAnalysis === true || analyses === null,
    analyses,
  };
}

/** The checks' per-file analyses, on the whole file's bytes (files small enough to fit one window). */
function analyze(
  report: Extract<FileReport, { status: 'text' }>,
  relPath: string,
  w: TextWindow,
  engine: PassEngine,
): void {
  // Both checks read manifests for the openai SDK's version: most never name it, and are not
  // read again (any case: pip's names are case-blind).
  if (isManifestName(relPath)) report.namesOpenai = /openai/i.test(w.bytes.toString('latin1'));
  const { analyses } = engine;
  if (!mayAnalyze(relPath, w.bytes, engine.wiring, engine.lintDay !== null)) return;
  if (engine.deferAnalysis || !analyses) {
    report.analyzeLater = true;
    return;
  }
  if (engine.wiring) {
    const reads = analyses.codeReadsIn(relPath, w.bytes);
    if (reads.length > 0) report.reads = reads;
    const line = analyses.dotenvLoadLine(relPath, w.bytes);
    if (line !== undefined) report.dotenvLine = line;
  }
  if (engine.lintDay) {
    const digest = analyses.sourceDigest(relPath, w.bytes, engine.lintDay);
    if (digest) report.lint = digest;
  }
}

/**
 * Runs the analyses a helper left to this thread (`analyzeLater`) on a fresh read of the file. A file
 * changed since into one that no longer fits a window keeps no analysis, as if read that way.
 */
export function analyzeAgain(
  report: Extract<FileReport, { status: 'text' }>,
  relPath: string,
  abs: string,
  engine: PassEngine,
): void {
  delete report.analyzeLater;
  try {
    const file = openText(abs);
    if (file.binary || file.split) return;
    let only: TextWindow | undefined;
    let windows = 0;
    for (const w of file.windows) {
      only = w;
      if (++windows > 1) break;
    }
    if (only && windows === 1) analyze(report, relPath, only, { ...engine, deferAnalysis: false });
  } catch {
    /* gone or unreadable since: the leak scan's report stands */
  }
}

/** True for a manifest the pass read whole and found no mention of the SDK in. */
export function namesNoSdk(report: FileReport | undefined): boolean {
  return report?.status === 'text' && report.namesOpenai === false;
}

/**
 * Reads one file once, window by window in bounded memory, and hands the bytes to every check that
 * reads files: the leak scan sees each window; the wiring and lint analyses see a file that fits in
 * one window (they skip larger ones anyway: bundles and generated code). `split`: offered a UTF-8 file
 * larger than a chunk, posts its parts for the threads to share and says how many (0: read it here).
 */
export function passFile(
  relPath: string,
  abs: string,
  engine: PassEngine,
  chunkBytes?: number,
  split?: (size: number, start: number) => number,
): FileReport {
  try {
    let parts = 0;
    let first = 0;
    const file = openText(
      abs,
      chunkBytes,
      split && ((size, start) => (parts = split(size, (first = start))) > 0),
    );
    if (file.binary) return { status: 'binary', size: 0 };
    if (file.split) return { status: 'split', parts, start: first };
    const leaks = engine.scan ? new WindowScan(engine.scan, file.start) : null;
    const report: Extract<FileReport, { status: 'text' }> = { status: 'text', size: 0, matches: [] };
    let windows = 0;
    let only: TextWindow | null = null;
    for (const w of file.windows) {
      leaks?.add(w);
      only = windows++ === 0 ? w : null;
      if (!leaks && windows > 1) break; // nothing reads a second window
    }
    if (only && windows === 1) analyze(report, relPath, only, engine);
    report.size = file.read.bytes;
    if (leaks) report.matches = leaks.matches;
    return report;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    if (code === LINK_CODE) return { status: 'link' };
    if (code === 'EISDIR' || code === NOT_REGULAR_CODE) return { status: 'special' };
    return { status: 'unreadable', code };
  }
}
