import { scanEngine, WindowScan, type LocatedMatch, type ScanEngine } from '../detect/scan-file.js';
import type { Detector } from '../detect/detectors.js';
import { isManifestName } from '../lint/manifest-names.js';
import { sourceDigest, type SourceDigest } from '../lint/source-digest.js';
import { LINK_CODE, NOT_REGULAR_CODE, openText, type TextWindow } from '../sources/read.js';
import { codeReadsIn, type CodeRead } from '../wiring/code-names.js';
import { dotenvLoadLine } from '../wiring/dotenv.js';

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
      lint?: SourceDigest;
    }
  | { status: 'binary'; size: number }
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
}

export function passEngine(settings: PassSettings, detectors?: readonly Detector[]): PassEngine {
  return {
    scan: settings.leaks ? scanEngine(detectors) : null,
    wiring: settings.wiring,
    lintDay: settings.lintDay === null ? null : new Date(settings.lintDay),
  };
}

/** The checks' per-file analyses, on the whole file's bytes (files small enough to fit one window). */
function analyze(
  report: Extract<FileReport, { status: 'text' }>,
  relPath: string,
  w: TextWindow,
  engine: PassEngine,
): void {
  if (engine.wiring) {
    const reads = codeReadsIn(relPath, w.bytes);
    if (reads.length > 0) report.reads = reads;
    const line = dotenvLoadLine(relPath, w.bytes);
    if (line !== undefined) report.dotenvLine = line;
  }
  if (engine.lintDay) {
    const digest = sourceDigest(relPath, w.bytes, engine.lintDay);
    if (digest) report.lint = digest;
  }
  // Both checks read manifests for the openai SDK's version: most never name it, and are not
  // read again (any case: pip's names are case-blind).
  if (isManifestName(relPath)) report.namesOpenai = /openai/i.test(w.bytes.toString('latin1'));
}

/** True for a manifest the pass read whole and found no mention of the SDK in. */
export function namesNoSdk(report: FileReport | undefined): boolean {
  return report?.status === 'text' && report.namesOpenai === false;
}

/**
 * Reads one file once, window by window in bounded memory, and hands the bytes to every check that
 * reads files: the leak scan sees each window; the wiring and lint analyses see a file that fits in
 * one window (they skip larger ones anyway: bundles and generated code).
 */
export function passFile(relPath: string, abs: string, engine: PassEngine, chunkBytes?: number): FileReport {
  try {
    const file = openText(abs, chunkBytes);
    if (file.binary) return { status: 'binary', size: 0 };
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
