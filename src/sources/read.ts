import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { kernel } from '../kernel/kernel.js';

/** How a file's bytes become text. UTF-16 is recognised only by its byte-order mark. */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export type Sniffed = { binary: true } | { binary: false; encoding: TextEncoding; bomBytes: number };

/** Bytes read at a time: large enough that per-read costs vanish, small enough to bound memory. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Bytes kept before the first new offset of a window (the boundary look-behind, the name a
 * context-only key is assigned to, the start of its line) and reserved after the last offset a window
 * reports (the longest key and the character after it). Both far exceed any key plus its context.
 */
export const WINDOW_OVERLAP = 4096;
/** The head of a file judged for binary content, as git and grep judge it. */
export const SNIFF_BYTES = 8000;
/** Share of control characters above which a file without NUL bytes is still binary. */
const CONTROL_RATIO = 0.1;
/** Control characters that do not occur in text (tab, newlines, form feed and escape do). */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROLS = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/g;

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: TextEncoding }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8' },
  { bytes: [0xff, 0xfe], encoding: 'utf16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be' },
];

export function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  const controls = text.match(CONTROLS)?.length ?? 0;
  return text.length > 0 && controls / text.length > CONTROL_RATIO;
}

/** The same judgement on bytes, one kernel pass (`controls` is -1 when there is a NUL). */
function bytesLookBinary(block: Buffer): boolean {
  const controls = kernel().controls(block);
  return controls < 0 || (block.length > 0 && controls / block.length > CONTROL_RATIO);
}

/** Decides from the first block of a file whether it is text, and in which encoding. */
function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  if (head.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[i] !== bytes[i]) return false;
  return true;
}

export function sniff(head: Buffer): Sniffed {
  let bom: (typeof BOMS)[number] | undefined;
  for (const b of BOMS)
    if (startsWith(head, b.bytes)) {
      bom = b;
      break;
    }
  const skip = bom?.bytes.length ?? 0;
  const block = head.subarray(skip, SNIFF_BYTES);
  const encoding = bom?.encoding ?? 'utf8';
  // UTF-16 text is full of NUL bytes: judge its decoded characters instead.
  const binary =
    encoding === 'utf8' ? bytesLookBinary(block) : looksBinary(new Utf16Decoder(encoding).write(block));
  return binary ? { binary: true } : { binary: false, encoding, bomBytes: skip };
}

/** UTF-16 (LE or BE) to text, carrying a character (or a byte) split between chunks over. */
class Utf16Decoder {
  private readonly decoder = new StringDecoder('utf16le');
  private odd: Buffer | null = null;

  constructor(private readonly encoding: 'utf16le' | 'utf16be') {}

  write(chunk: Buffer): string {
    if (this.encoding === 'utf16le') return this.decoder.write(chunk);
    const bytes = this.odd ? Buffer.concat([this.odd, chunk]) : chunk;
    const even = bytes.length & ~1;
    this.odd = even < bytes.length ? Buffer.from(bytes.subarray(even)) : null;
    return this.decoder.write(Buffer.from(bytes.subarray(0, even)).swap16());
  }

  end(): string {
    // A dangling byte is half a character: U+FFFD, like any truncated sequence.
    return this.decoder.end() + (this.odd ? '\ufffd' : '');
  }
}

/**
 * A stretch of a file as UTF-8 bytes (UTF-16 files are re-encoded). Keys and keywords are ASCII, and
 * an ASCII byte is never part of a multi-byte character, so a scanner can search the bytes and read
 * a stretch of them as one-byte characters: its offsets are byte offsets, and nothing is decoded on
 * the hot path. Offsets are positions in the file's UTF-8 stream; `bytes[0]` is at `offset`. A match
 * belongs to this window when it starts in [`from`, `to`): before `from` is context the previous
 * window reported, after `to` only room for a key that starts before it.
 */
export interface TextWindow {
  bytes: Buffer;
  offset: number;
  from: number;
  to: number;
}

export type FileText =
  | { binary: true }
  /** A UTF-8 file larger than a chunk that the caller took to read in parts (see `openText`'s `split`). */
  | { binary: false; split: true }
  | {
      split?: false;
      binary: false;
      encoding: TextEncoding;
      /** Offset of the first character (after a BOM). */ start: number;
      windows: Iterable<TextWindow>;
      /** The file's bytes read so far: its size once the windows are iterated to the end. */
      read: { bytes: number };
    };

/** Opened without following a final symbolic link, and without waiting on a FIFO for a writer. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Thrown (as an fs error with this code) for a path that is a symbolic link: it is not followed. */
export const LINK_CODE = 'ELOOP';
/** Thrown for a path that is not a regular file (a named pipe, a socket): it is not read. */
export const NOT_REGULAR_CODE = 'ENOTREG';

function openNoFollow(abs: string): number {
  // Where the platform has no O_NOFOLLOW (Windows), the link is recognised before opening.
  if (constants.O_NOFOLLOW === undefined && lstatSync(abs).isSymbolicLink())
    throw Object.assign(new Error(`symbolic link: ${abs}`), { code: LINK_CODE });
  return openSync(abs, OPEN_FLAGS);
}

/**
 * One window buffer per thread (a chunk plus the overlap carried from the previous one), in the
 * kernel's memory so its searches read the bytes in place: files are read one after another and a
 * window is consumed before the next is read, so no window allocates.
 */
let sharedBuffer: Buffer | null = null;

/**
 * Fills up to `length` bytes at `at` from the file, most often in one read: a read of a regular file
 * comes back short only at its end (the system retries interrupted reads), so a short read ends the
 * file without the extra read that would return 0 — a syscall saved on nearly every file. Network
 * and FUSE file systems may return less than asked in whole blocks: a short read that ends on a
 * 4 KiB boundary is followed by one more.
 */
function readChunk(fd: number, buf: Buffer, at = 0, length = buf.length - at): number {
  let filled = 0;
  for (;;) {
    const n = readSync(fd, buf, at + filled, length - filled, null);
    filled += n;
    if (n === 0 || filled === length || n % 4096 !== 0) return filled;
  }
}

function window(bytes: Buffer, offset: number, from: number, to: number): TextWindow {
  return { bytes, offset, from, to };
}

/**
 * Opens a file and yields its text in overlapping windows of about `chunkBytes`, so a file of any
 * size is scanned in bounded memory. Throws the `fs` error (ENOENT, EACCES…) on open or first read:
 * `ELOOP` for a symbolic link, which is never followed, and `EISDIR` for a directory.
 * A window is valid until the next one is asked for. A file larger than one chunk stays open until
 * its windows are iterated to the end (or `return()`ed). `split`: asked, for a UTF-8 file larger than
 * one chunk, whether its parts will be read apart (`readStretch`); then the file is closed unread.
 */
export function openText(
  abs: string,
  chunkBytes = CHUNK_BYTES,
  split?: (size: number, start: number) => boolean,
): FileText {
  // The overlap must leave room for new text in every window.
  const chunk = Math.max(chunkBytes, 4 * WINDOW_OVERLAP);
  const size = chunk + 2 * WINDOW_OVERLAP;
  if (chunk === CHUNK_BYTES) sharedBuffer ??= kernel().window(size) ?? Buffer.allocUnsafe(size);
  const buf = chunk === CHUNK_BYTES ? sharedBuffer! : Buffer.allocUnsafe(size);
  const fd = openNoFollow(abs);
  let first: number;
  try {
    first = readChunk(fd, buf, 0, chunk);
    // An empty read is an empty file, or a pipe without a writer (opened without waiting for one).
    if (first === 0 && !fstatSync(fd).isFile())
      throw Object.assign(new Error(`not a regular file: ${abs}`), { code: NOT_REGULAR_CODE });
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  const sniffed = sniff(buf.subarray(0, Math.min(first, SNIFF_BYTES)));
  if (sniffed.binary) {
    closeSync(fd);
    return { binary: true };
  }
  const { encoding, bomBytes } = sniffed;
  // Offsets count from the start of the file's UTF-8 stream: after a UTF-8 BOM, and in the
  // re-encoded text of a UTF-16 file (whose BOM is not re-encoded).
  const start = encoding === 'utf8' ? bomBytes : 0;
  const read = { bytes: first };
  if (first < chunk && encoding === 'utf8') {
    // The whole file fitted in one read: one window straight from the read buffer.
    closeSync(fd);
    return {
      binary: false,
      encoding,
      start,
      windows: [window(buf.subarray(0, first), 0, start, first)],
      read,
    };
  }
  if (split && encoding === 'utf8') {
    // A file larger than a chunk: the caller may have other threads read parts of it.
    const size = fstatSync(fd).size;
    if (split(size, start)) {
      closeSync(fd);
      return { binary: false, split: true };
    }
  }
  const windows =
    encoding === 'utf8'
      ? utf8Windows(fd, buf, chunk, first, start, read)
      : utf16Windows(
          fd,
          utf16Chunks(fd, buf.subarray(0, chunk), bomBytes, first, new Utf16Decoder(encoding), read),
        );
  return { binary: false, encoding, start, windows, read };
}

/**
 * Bytes `[from, to)` of a file (fewer at its end) into `buf` from its start, with the same
 * guarantees as `openText`: links are not followed, only regular files are read.
 */
export function readStretch(abs: string, from: number, to: number, buf: Buffer): number {
  const fd = openNoFollow(abs);
  try {
    let filled = 0;
    for (let n = -1; n !== 0 && filled < to - from; filled += n)
      n = readSync(fd, buf, filled, to - from - filled, from + filled);
    return filled;
  } finally {
    closeSync(fd);
  }
}

/** Windows read in place: the overlap moves to the front of the buffer and the next chunk is read after it. */
function* utf8Windows(
  fd: number,
  buf: Buffer,
  chunk: number,
  first: number,
  start: number,
  read: { bytes: number },
): Generator<TextWindow> {
  try {
    let len = first;
    let offset = 0;
    let from = start;
    let last = first < chunk;
    for (;;) {
      const to = last ? offset + len : offset + len - WINDOW_OVERLAP;
      yield window(buf.subarray(0, len), offset, from, Math.max(from, to));
      if (last) return;
      const keep = to - WINDOW_OVERLAP - offset;
      buf.copyWithin(0, keep, len);
      len -= keep;
      offset += keep;
      from = to;
      const n = readChunk(fd, buf, len, Math.min(chunk, buf.length - len));
      read.bytes += n;
      len += n;
      last = n < chunk;
    }
  } finally {
    closeSync(fd);
  }
}

interface Chunk {
  bytes: Buffer;
  last: boolean;
}

/** A UTF-16 file's text re-encoded as UTF-8, chunk by chunk, without its byte-order mark. */
function* utf16Chunks(
  fd: number,
  buf: Buffer,
  bom: number,
  first: number,
  decoder: Utf16Decoder,
  read: { bytes: number },
): Generator<Chunk> {
  let text = decoder.write(buf.subarray(bom, first));
  for (let n = first; n === buf.length;) {
    yield { bytes: Buffer.from(text, 'utf8'), last: false };
    n = readChunk(fd, buf);
    read.bytes += n;
    text = decoder.write(buf.subarray(0, n));
  }
  yield { bytes: Buffer.from(text + decoder.end(), 'utf8'), last: true };
}

/** Windows over re-encoded chunks, whose lengths vary: each window is a fresh buffer (UTF-16 files are rare). */
function* utf16Windows(fd: number, chunks: Iterable<Chunk>): Generator<TextWindow> {
  try {
    let kept = Buffer.alloc(0);
    let offset = 0;
    let from = 0;
    for (const chunk of chunks) {
      const bytes = Buffer.concat([kept, chunk.bytes]);
      const to = chunk.last ? offset + bytes.length : offset + bytes.length - WINDOW_OVERLAP;
      if (to > from || chunk.last) {
        yield window(bytes, offset, from, Math.max(from, to));
        const keep = Math.max(0, to - WINDOW_OVERLAP - offset);
        kept = bytes.subarray(keep);
        offset += keep;
        from = Math.max(from, to);
      } else kept = bytes;
      if (chunk.last) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** The whole decoded text of a small file, or null when it is binary, unreadable or too large. */
export function readSmallText(abs: string, maxBytes: number): string | null {
  try {
    if (statSync(abs).size > maxBytes) return null;
    return decodeText(readFileSync(abs));
  } catch {
    return null;
  }
}

/** The decoded text of a file already in memory, or null when it is binary. */
export function decodeText(bytes: Buffer): string | null {
  const sniffed = sniff(bytes.subarray(0, SNIFF_BYTES));
  if (sniffed.binary) return null;
  const body = bytes.subarray(sniffed.bomBytes);
  if (sniffed.encoding === 'utf8') return body.toString('utf8');
  const decoder = new Utf16Decoder(sniffed.encoding);
  return decoder.write(body) + decoder.end();
}
