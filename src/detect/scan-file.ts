import { LineTracker, type LineColumn } from '../sources/lines.js';
import { WINDOW_OVERLAP, type TextWindow } from '../sources/read.js';
import { DETECTORS, type Detector } from './detectors.js';
import { KeywordRegions } from './keyword-regions.js';
import { Scanner, type KeyMatch } from './scanner.js';

/** A key found in a file: byte offsets into the file's UTF-8 text, and where it is for a person. */
export interface LocatedMatch extends KeyMatch, LineColumn {}

/** The scanner and the prefilter, built from the same detectors. */
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
 * Finds the keys of one file as its windows go by: the prefilter picks the stretches worth
 * scanning, the scanner reads them, and each match is kept by exactly one window (the one whose own
 * stretch it starts in), so a key across a chunk boundary is found once. Offsets are byte offsets
 * (see TextWindow). `start`: the offset of the file's first character.
 */
export class WindowScan {
  readonly matches: LocatedMatch[] = [];
  private readonly lines: LineTracker;

  constructor(
    private readonly engine: ScanEngine,
    start: number,
  ) {
    this.lines = new LineTracker(start);
  }

  add(w: TextWindow): void {
    for (const region of this.engine.regions.find(w.bytes)) {
      const found = this.engine.scanner.scan(w.bytes.toString('latin1', region.start, region.end));
      found.sort((a, b) => a.start - b.start);
      for (const m of found) {
        const start = w.offset + region.start + m.start;
        if (start < w.from || start >= w.to) continue;
        const end = start + (m.end - m.start);
        // The scanner's secret, not the bytes at [start, end): for a decoded view (a base64 value)
        // those bytes are the encoding. Keys are ASCII, so the one-byte view holds them exactly.
        this.matches.push({ ...m, start, end, ...this.lines.at(w, start) });
      }
    }
    if (w.to < w.offset + w.bytes.length) this.lines.advance(w, w.to);
  }
}
