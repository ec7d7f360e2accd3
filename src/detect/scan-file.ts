import { LineTracker, type LineColumn } from '../sources/lines.js';
import { openText, WINDOW_OVERLAP } from '../sources/read.js';
import { DETECTORS, type Detector } from './detectors.js';
import { KeywordRegions } from './keyword-regions.js';
import { Scanner, type KeyMatch } from './scanner.js';

/** A key found in a file: byte offsets into the file's UTF-8 text, and where it is for a person. */
export interface LocatedMatch extends KeyMatch, LineColumn {}

export type FileScan =
  | { status: 'scanned'; matches: LocatedMatch[] }
  | { status: 'binary' }
  | { status: 'unreadable'; code: string };

/** The scanner and the keyword prefilter, built from the same detectors. */
export interface ScanEngine {
  detectors: readonly Detector[];
  scanner: Scanner;
  regions: KeywordRegions;
}

export function scanEngine(detectors: readonly Detector[] = DETECTORS): ScanEngine {
  return {
    detectors,
    scanner: new Scanner(detectors),
    regions: new KeywordRegions(detectors, WINDOW_OVERLAP),
  };
}

/**
 * One file, window by window: the keyword prefilter picks the stretches worth scanning, the scanner
 * reads them, and each match is kept by exactly one window (the one whose own stretch it starts in),
 * so a key across a chunk boundary is found once. Offsets are byte offsets (see TextWindow).
 */
export function scanFile(abs: string, engine: ScanEngine, chunkBytes?: number): FileScan {
  try {
    const file = openText(abs, chunkBytes);
    if (file.binary) return { status: 'binary' };
    const lines = new LineTracker(file.start);
    const matches: LocatedMatch[] = [];
    for (const w of file.windows) {
      for (const region of engine.regions.find(w.text)) {
        const found = engine.scanner.scan(w.text.slice(region.start, region.end));
        found.sort((a, b) => a.start - b.start);
        for (const m of found) {
          const start = w.offset + region.start + m.start;
          if (start < w.from || start >= w.to) continue;
          const end = start + (m.end - m.start);
          // The scanner's secret, not the bytes at [start, end): for a decoded view (a base64 value)
          // those bytes are the encoding. Keys are ASCII, so the one-byte view holds them exactly;
          // copied so that the match does not keep the whole window's string alive.
          const secret = Buffer.from(m.secret, 'latin1').toString('latin1');
          matches.push({ ...m, secret, start, end, ...lines.at(w, start) });
        }
      }
      if (w.to < w.offset + w.bytes.length) lines.advance(w, w.to);
    }
    return { status: 'scanned', matches };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    return { status: 'unreadable', code };
  }
}
