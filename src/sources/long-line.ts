import type { LocatedMatch, ScanEngine } from '../detect/scan-file.js';
import { WindowScan } from '../detect/scan-file.js';
import { WINDOW_OVERLAP, type TextWindow } from './read.js';

/** Bytes a long line is scanned in at a time: memory stays this size whatever the line's length. */
export const LINE_CHUNK_BYTES = 1 << 20;

/**
 * One line too long to hold whole (a minified bundle, a 50 MB base64 blob added in a commit), fed
 * in pieces as they arrive and scanned in the tree's overlapping windows by the tree's scanner, so a
 * commit's line costs what the same file costs in the tree. Offsets count from the line's first
 * byte; `start` skips the diff's column prefix (`+`, `++`), so columns are the file's.
 */
export class StreamedLine {
  private readonly buf: Buffer;
  private readonly scan: WindowScan;
  private len = 0;
  private offset = 0;
  private from: number;

  constructor(engine: ScanEngine, start: number, chunk = LINE_CHUNK_BYTES) {
    this.buf = Buffer.allocUnsafe(chunk + 2 * WINDOW_OVERLAP);
    this.scan = new WindowScan(engine, start);
    this.from = start;
  }

  write(piece: Buffer): void {
    let at = 0;
    while (at < piece.length) {
      const n = Math.min(piece.length - at, this.buf.length - this.len);
      piece.copy(this.buf, this.len, at, at + n);
      this.len += n;
      at += n;
      if (this.len === this.buf.length) this.window(false);
    }
  }

  /** The matches of the whole line, once it has ended. */
  end(): LocatedMatch[] {
    this.window(true);
    return this.scan.matches;
  }

  private window(last: boolean): void {
    const to = last ? this.offset + this.len : this.offset + this.len - WINDOW_OVERLAP;
    const w: TextWindow = {
      bytes: this.buf.subarray(0, this.len),
      offset: this.offset,
      from: this.from,
      to: Math.max(this.from, to),
    };
    this.scan.add(w);
    if (last) return;
    // The look-behind the next window needs stays at the front, as the tree's reader keeps it.
    const keep = to - WINDOW_OVERLAP - this.offset;
    this.buf.copyWithin(0, keep, this.len);
    this.len -= keep;
    this.offset += keep;
    this.from = to;
  }
}
