import { WindowScan, type LocatedMatch } from '../detect/scan-file.js';
import { kernel } from '../kernel/kernel.js';
import { LineTracker, type LineColumn } from '../sources/lines.js';
import { CHUNK_BYTES, readStretch, WINDOW_OVERLAP, type TextWindow } from '../sources/read.js';
import type { PassEngine } from './file-read.js';

/**
 * A large file is read in parts of this many bytes, each by whichever thread claims it: one thread
 * reading a 50 MB file alone would leave the others idle at the end of the pass.
 */
export const PART_BYTES = CHUNK_BYTES;
/** Files at least this large are split: below it, a part would cost more to share than to read. */
export const SPLIT_BYTES = 2 * PART_BYTES;
/** Parts that can wait to be claimed at once; a file that would overflow them is read whole. */
const SLOTS = 4096;
/** Int32 cells per slot: ready, job, part, parts, the file's first character. */
const CELLS = 5;

/**
 * The parts of split files, shared by every thread of a pass (posted with the work). Layout of the
 * Int32Array: [0] slots taken by posters, [1] slots claimed, then per slot (ready, job, part,
 * parts, start): a poster reserves slots, fills them and marks each ready; a claimer takes the next slot
 * only once it is ready, so no thread reads a half-written one.
 */
export class PartQueue {
  private readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4 * (2 + CELLS * SLOTS))) {
    this.cells = new Int32Array(buffer);
  }

  /**
   * Posts the parts of job `job`, a file of `size` bytes whose first character is at `start`, and
   * returns how many; 0 when there is no room left (the caller reads it whole).
   */
  post(job: number, size: number, start: number): number {
    const parts = Math.ceil(size / PART_BYTES);
    const first = Atomics.add(this.cells, 0, parts);
    if (first + parts > SLOTS) return 0;
    for (let k = 0; k < parts; k++) {
      const at = 2 + CELLS * (first + k);
      this.cells.set([job, k, parts, start], at + 1);
      Atomics.store(this.cells, at, 1);
    }
    return parts;
  }

  /** The next part posted and ready, claimed for the caller; null when there is none now. */
  claim(): ClaimedPart | null {
    for (;;) {
      const next = Atomics.load(this.cells, 1);
      if (next >= Math.min(SLOTS, Atomics.load(this.cells, 0))) return null;
      const at = 2 + CELLS * next;
      if (Atomics.load(this.cells, at) !== 1) return null; // being written: the next look finds it
      if (Atomics.compareExchange(this.cells, 1, next, next + 1) === next) {
        const [job, part, parts, start] = this.cells.subarray(at + 1, at + CELLS);
        return { job: job!, part: part!, parts: parts!, start: start! };
      }
    }
  }
}

export interface ClaimedPart {
  job: number;
  part: number;
  parts: number;
  /** The file's first character. */
  start: number;
}

/** What a thread found in one part: positions relative to where the part starts (see `mergeParts`). */
export interface PartReport {
  size: number;
  matches: LocatedMatch[];
  /** Line and column where the part ends, counted from its start as line 1, column 1. */
  end: LineColumn;
}

/** The first character start at or after `at` (a part never begins inside a UTF-8 character). */
function characterStart(bytes: Buffer, at: number): number {
  let i = at;
  while (i < bytes.length && i < at + 3 && (bytes[i]! & 0xc0) === 0x80) i++;
  return i;
}

/**
 * The thread's part buffer: the kernel's window, which `openText` reads files into too. The two never
 * overlap in time: a thread reads a part only between files, never while one is open.
 */
let stretch: Buffer | null = null;

/**
 * Reads one part of a split file and finds its keys. A part reads WINDOW_OVERLAP bytes
 * either side of its own stretch, as a window does, and keeps the matches that start in it; both
 * neighbours place their shared edge at the same character start.
 */
export function scanPart(abs: string, { part, parts, start }: ClaimedPart, engine: PassEngine): PartReport {
  const nominalFrom = part === 0 ? start : part * PART_BYTES;
  const readFrom = Math.max(0, nominalFrom - WINDOW_OVERLAP);
  const last = part === parts - 1;
  const capacity = PART_BYTES + 2 * WINDOW_OVERLAP + 4;
  stretch ??= kernel().window(capacity) ?? Buffer.allocUnsafe(capacity);
  const readTo = (part + 1) * PART_BYTES + WINDOW_OVERLAP + 4;
  const n = readStretch(abs, readFrom, readTo, stretch);
  const bytes = stretch.subarray(0, n);
  const from =
    readFrom + (part === 0 ? nominalFrom - readFrom : characterStart(bytes, nominalFrom - readFrom));
  const to = last ? readFrom + n : readFrom + characterStart(bytes, (part + 1) * PART_BYTES - readFrom);
  const w: TextWindow = { bytes, offset: readFrom, from, to: Math.max(from, to) };
  const scan = engine.scan ? new WindowScan(engine.scan, from) : null;
  scan?.add(w);
  return {
    size: Math.max(0, w.to - (part === 0 ? 0 : from)),
    matches: scan?.matches ?? [],
    end: new LineTracker(from).at(w, w.to),
  };
}

/**
 * One report from a split file's parts, in order: each part counted its lines from its own start,
 * so its matches move down by the lines before it, and those on its first line right by the
 * columns of the line it continues.
 */
export function mergeParts(parts: readonly PartReport[]): { size: number; matches: LocatedMatch[] } {
  let line = 1;
  let column = 0;
  let size = 0;
  const matches: LocatedMatch[] = [];
  for (const p of parts) {
    for (const m of p.matches)
      matches.push(
        m.line === 1 ? { ...m, line, column: column + m.column } : { ...m, line: line + m.line - 1 },
      );
    if (p.end.line === 1) column += p.end.column - 1;
    else [line, column] = [line + p.end.line - 1, p.end.column - 1];
    size += p.size;
  }
  return { size, matches };
}
