import { isAscii, isUtf8 } from 'node:buffer';
import { kernel } from '../kernel/kernel.js';
import type { TextWindow } from './read.js';

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in characters (code points) of the decoded line. */
  column: number;
}

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * Characters in `bytes[from, to)`, both ends at a character start. Invalid UTF-8 counts as the
 * U+FFFD characters decoding turns it into, so positions after it match the decoded text.
 */
function characters(bytes: Buffer, from: number, to: number): number {
  const segment = bytes.subarray(from, to);
  if (isAscii(segment)) return segment.length;
  if (!isUtf8(segment)) {
    const text = segment.toString('utf8');
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }
  return kernel().chars(bytes, from, to);
}

/**
 * Turns byte offsets of a file into lines and columns as the windows go by, so a position deep in a
 * 100 MiB file (or in a megabyte-long line) costs no more than the text since the previous one.
 * Offsets must not decrease, and each must lie inside the window it is asked with.
 */
export class LineTracker {
  private line = 1;
  /** Characters between the start of the current line and `pos`. */
  private column = 0;

  /** `pos`: the offset of the file's first character (after a byte-order mark). */
  constructor(private pos: number) {}

  at(window: TextWindow, offset: number): LineColumn {
    this.advance(window, offset);
    return { line: this.line, column: this.column + 1 };
  }

  advance(window: TextWindow, offset: number): void {
    const { bytes } = window;
    let to = offset - window.offset;
    // Count up to a character start, so that a character split by a window edge is counted once.
    while (to > 0 && to < bytes.length && isContinuation(bytes[to]!)) to--;
    const from = this.pos - window.offset;
    if (to <= from) return;
    const lastBreak = bytes.lastIndexOf(10, to - 1);
    if (lastBreak >= from) {
      this.line += kernel().count(bytes, 10, from, lastBreak + 1);
      this.column = characters(bytes, lastBreak + 1, to);
    } else {
      this.column += characters(bytes, from, to);
    }
    this.pos = window.offset + to;
  }
}
