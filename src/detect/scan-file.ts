import { markersIn } from '../config/inline.js';
import { LineTracker, type LineColumn } from '../sources/lines.js';
import { WINDOW_OVERLAP, type TextWindow } from '../sources/read.js';
import { DETECTORS, type Detector } from './detectors.js';
import { KeywordRegions } from './keyword-regions.js';
import { Scanner, SCANNER_REACH, type KeyMatch } from './scanner.js';

/** A key found in a file: byte offsets into the file's UTF-8 text, and where it is for a person. */
export interface LocatedMatch extends KeyMatch, LineColumn {
  /**
   * The suppression markers on the key's line and on the line above it (see `markersIn`), when
   * there are any: judged where the bytes are at hand, so no file is read again for its markers.
   */
  markers?: { line: string; above: string };
}

const NL = 10;
const CR = 13;

/** Bytes [start, end) as one-byte text, without the carriage return of a CRLF ending. */
function lineText(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('latin1', start, end > start && bytes[end - 1] === CR ? end - 1 : end);
}

/**
 * How far from a key its line is read for markers. A person puts a marker beside the key or at the
 * end of a short line; a minified line is megabytes long, and decoding it whole for each key cost
 * more than scanning the file.
 */
const MARKER_REACH = WINDOW_OVERLAP;

/**
 * The markers of the line holding window byte `at` and of the line above it, within MARKER_REACH
 * bytes of the key (a window holds at least that much before it). `seen` keeps the markers of each
 * stretch read: keys share lines in minified files.
 */
function markersAround(bytes: Buffer, at: number, seen: Map<number, string>): LocatedMatch['markers'] {
  const of = (start: number, end: number, cut: boolean): string => {
    // Windows are smaller than 2^24 bytes: one number names the stretch.
    const key = start * 0x1000000 + end;
    let marks = seen.get(key);
    if (marks === undefined) seen.set(key, (marks = markersIn(lineText(bytes, start, end), cut)));
    return marks;
  };
  // Newlines are looked for within reach only: a minified line is megabytes long, and holds many keys.
  const floor = Math.max(0, at - MARKER_REACH);
  const back = bytes.subarray(floor, at).lastIndexOf(NL);
  const start = back === -1 ? floor : floor + back + 1;
  const ahead = bytes.subarray(at, at + MARKER_REACH).indexOf(NL);
  const end = ahead === -1 ? Math.min(bytes.length, at + MARKER_REACH) : at + ahead;
  const line = of(start, end, ahead === -1 && end < bytes.length);
  if (back === -1) return line ? { line, above: '' } : undefined;
  const aboveBack = start >= 2 ? bytes.subarray(floor, start - 1).lastIndexOf(NL) : -1;
  const above = of(aboveBack === -1 ? floor : floor + aboveBack + 1, start - 1, false);
  return line || above ? { line, above } : undefined;
}

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
    regions: new KeywordRegions(detectors, SCANNER_REACH, WINDOW_OVERLAP),
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
    // Made at the first match: most windows have none.
    let lineMarkers: Map<number, string> | undefined;
    for (const region of this.engine.regions.find(w.bytes)) {
      const scanner = this.engine.regions.scannerFor(region);
      const found = scanner.scan(w.bytes.toString('latin1', region.start, region.end));
      found.sort((a, b) => a.start - b.start);
      for (const m of found) {
        const start = w.offset + region.start + m.start;
        if (start < w.from || start >= w.to) continue;
        const end = start + (m.end - m.start);
        // The scanner's secret, not the bytes at [start, end): for a decoded view (a base64 value)
        // those bytes are the encoding. Keys are ASCII, so the one-byte view holds them exactly.
        const markers = markersAround(w.bytes, start - w.offset, (lineMarkers ??= new Map()));
        this.matches.push({ ...m, start, end, ...this.lines.at(w, start), ...(markers && { markers }) });
      }
    }
    if (w.to < w.offset + w.bytes.length) this.lines.advance(w, w.to);
  }
}
