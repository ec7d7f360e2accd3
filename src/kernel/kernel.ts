import { SCAN_WASM } from './scan-wasm.js';

/** The kernel's exports (see scan.wat). Addresses are byte offsets into its memory. */
interface KernelExports {
  candidates(from: number, limit: number, out: number, outEnd: number): number;
  count(from: number, end: number, byte: number): number;
  chars(from: number, end: number): number;
  controls(from: number, end: number): number;
}

/**
 * The memory, laid out once: the candidate search's tables (0-95), lane scratch (96-111) and
 * fingerprint hashes (HASHES); the candidates it writes (OUT); a stage for bytes that live
 * elsewhere (STAGE); the file window the pass reads into (WINDOW), so the kernels see the file's
 * bytes where `read` put them. Each region keeps slack after it: the kernels read up to 18 bytes
 * past their end.
 */
const HASHES = 1024;
const HASH_BYTES = (1 << 16) / 8;
const OUT = HASHES + HASH_BYTES + 64;
const OUT_ENTRIES = 16 * 1024;
const STAGE = OUT + 4 * OUT_ENTRIES + 64;
const STAGE_BYTES = 64 * 1024;
const WINDOW = STAGE + STAGE_BYTES + 64;
/** Room for a read chunk and the overlap kept on each side of it (see sources/read.ts). */
export const WINDOW_CAPACITY = 4 * 1024 * 1024 + 64 * 1024;
const PAGE = 64 * 1024;
const PAGES = Math.ceil((WINDOW + WINDOW_CAPACITY + 64) / PAGE);

/** Fingerprint bytes per literal: the candidate search matches three bytes at once. */
export const FINGERPRINT = 3;

/** What the candidate search is loaded with (see `fingerprintTables`). */
export interface FingerprintTables {
  /** Six nibble tables of 16 bytes. */
  nibbles: Uint8Array;
  /** A bit per 16-bit hash of a fingerprint. */
  hashes: Uint8Array;
}

/** The hash scan.wat's `$printHash` computes of three bytes (a multiplicative hash, top 16 bits). */
function printHash(print: Uint8Array): number {
  const x = print[0]! | (print[1]! << 8) | (print[2]! << 16);
  return Math.imul(x, 0x9e3779b1) >>> 16;
}

/**
 * Tables for up to eight buckets of fingerprints. The vector test: fingerprint byte j of a literal
 * in bucket b sets bit b in the low-nibble table of j at its low nibble, and in the high one at its
 * high nibble; a bucket then admits the triples whose nibbles all fit, many more than its own. The
 * hash bitmap turns nearly all of those away before they cost the caller anything.
 */
export function fingerprintTables(buckets: ReadonlyArray<readonly Uint8Array[]>): FingerprintTables {
  if (buckets.length > 8) throw new Error('at most eight buckets');
  const nibbles = new Uint8Array(6 * 16);
  const hashes = new Uint8Array(HASH_BYTES);
  buckets.forEach((prints, b) => {
    for (const print of prints) {
      for (let j = 0; j < FINGERPRINT; j++) {
        nibbles[32 * j + (print[j]! & 15)]! |= 1 << b;
        nibbles[32 * j + 16 + (print[j]! >> 4)]! |= 1 << b;
      }
      const h = printHash(print);
      hashes[h >> 3]! |= 1 << (h & 7);
    }
  });
  return { nibbles, hashes };
}

/**
 * One thread's instance of the kernel: each worker loads its own. Buffers in its memory (the window
 * from `window()`) are read in place; any other buffer is copied through the stage, a slice at a
 * time, so every entry point takes any buffer.
 */
export class Kernel {
  private readonly exports: KernelExports;
  /** The memory's buffer: it never grows, so this and the views on it stay valid. */
  private readonly space: ArrayBuffer;
  private readonly bytes: Uint8Array;
  private readonly out: Uint32Array;
  /** The tables in memory now: a file pass alternates few searches, so most calls load nothing. */
  private loaded: FingerprintTables | null = null;

  constructor() {
    const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SCAN_WASM, 'base64')), {
      env: { memory },
    });
    this.exports = instance.exports as unknown as KernelExports;
    this.space = memory.buffer;
    this.bytes = new Uint8Array(this.space);
    this.out = new Uint32Array(this.space, OUT, OUT_ENTRIES);
  }

  /** The read buffer of the file pass, inside the kernel's memory: `size` bytes at most WINDOW_CAPACITY. */
  window(size: number): Buffer | null {
    return size <= WINDOW_CAPACITY ? Buffer.from(this.space, WINDOW, size) : null;
  }

  /** The address of `buf` in the kernel's memory, or -1 when it lives elsewhere. */
  private addressOf(buf: Uint8Array): number {
    return buf.buffer === this.space ? buf.byteOffset : -1;
  }

  /**
   * Copies `buf[s, end + reach)` (as far as it goes) to the stage, for a kernel to run over what
   * lives outside the memory a slice at a time, and returns the stage's address of `buf[0]`. The
   * file pass never needs this (it reads into the window); a few callers pass other buffers.
   */
  private stage(buf: Uint8Array, s: number, end: number, reach: number): number {
    this.bytes.set(buf.subarray(s, Math.min(buf.length, end + reach)), STAGE);
    return STAGE - s;
  }

  /** Bytes a staged slice holds beyond what a kernel reports on: room for the last fingerprint. */
  private static readonly SLICE = STAGE_BYTES - 16;

  /** How often `byte` occurs in `buf[from, to)`. */
  count(buf: Uint8Array, byte: number, from = 0, to = buf.length): number {
    const at = this.addressOf(buf);
    if (at >= 0) return this.exports.count(at + from, at + to, byte);
    let n = 0;
    for (let s = from; s < to; s += Kernel.SLICE) {
      const end = Math.min(to, s + Kernel.SLICE);
      const base = this.stage(buf, s, end, 0);
      n += this.exports.count(base + s, base + end, byte);
    }
    return n;
  }

  /** Bytes of `buf[from, to)` that start a UTF-8 character: its characters, when it is valid UTF-8. */
  chars(buf: Uint8Array, from = 0, to = buf.length): number {
    const at = this.addressOf(buf);
    if (at >= 0) return this.exports.chars(at + from, at + to);
    let n = 0;
    for (let s = from; s < to; s += Kernel.SLICE) {
      const end = Math.min(to, s + Kernel.SLICE);
      const base = this.stage(buf, s, end, 0);
      n += this.exports.chars(base + s, base + end);
    }
    return n;
  }

  /** Control bytes in `buf` (see scan.wat), or -1 when there is a NUL among them. */
  controls(buf: Uint8Array): number {
    const at = this.addressOf(buf);
    if (at >= 0) return this.exports.controls(at, at + buf.length);
    let n = 0;
    for (let s = 0; s < buf.length && n >= 0; s += Kernel.SLICE) {
      const end = Math.min(buf.length, s + Kernel.SLICE);
      const base = this.stage(buf, s, end, 0);
      const c = this.exports.controls(base + s, base + end);
      n = c < 0 ? -1 : n + c;
    }
    return n;
  }

  /**
   * Calls `visit(offset, buckets)` for each offset of `buf` where a fingerprint of `tables` may
   * start, in ascending order, until it returns true: the three bytes there fit the buckets whose
   * bits are set. Whether a literal really starts nearby is the caller's to check.
   */
  candidates(
    buf: Uint8Array,
    tables: FingerprintTables,
    visit: (offset: number, buckets: number) => boolean | void,
  ): void {
    if (buf.length < FINGERPRINT) return;
    if (this.loaded !== tables) {
      this.bytes.set(tables.nibbles, 0);
      this.bytes.set(tables.hashes, HASHES);
      this.loaded = tables;
    }
    // Offsets where a whole fingerprint fits.
    const limit = buf.length - (FINGERPRINT - 1);
    const at = this.addressOf(buf);
    if (at >= 0) {
      this.visitCandidates(at, at + limit, at, visit);
      return;
    }
    for (let s = 0; s < limit; s += Kernel.SLICE) {
      const end = Math.min(limit, s + Kernel.SLICE);
      const base = this.stage(buf, s, end, FINGERPRINT - 1);
      if (this.visitCandidates(base + s, base + end, base, visit)) return;
    }
  }

  /** The candidate search over addresses [from, limit), offsets reported from `base`; true once told to stop. */
  private visitCandidates(
    from: number,
    limit: number,
    base: number,
    visit: (offset: number, buckets: number) => boolean | void,
  ): boolean {
    const outEnd = OUT + 4 * OUT_ENTRIES;
    for (let start = from; start < limit;) {
      const written = (this.exports.candidates(start, limit, OUT, outEnd) - OUT) >> 2;
      for (let k = 0; k < written; k++) {
        const entry = this.out[k]!;
        if (visit((entry & 0xffffff) - base, entry >>> 24) === true) return true;
      }
      if (written < OUT_ENTRIES) return false;
      start = (this.out[written - 1]! & 0xffffff) + 1;
    }
    return false;
  }
}

let shared: Kernel | null = null;

/** This thread's kernel, made on first use. */
export function kernel(): Kernel {
  return (shared ??= new Kernel());
}
