import { FINGERPRINT, fingerprintTables, kernel, type FingerprintTables } from '../kernel/kernel.js';
import { byteFrequency } from './byte-frequency.js';
import { planFingerprints, printKey } from './fingerprint-plan.js';

/** An ASCII literal to find in bytes; `caseless` ones match in lower, upper and capitalised case. */
export interface Needle {
  text: string;
  caseless: boolean;
}

/** The native substring search scans for a key's first byte, and compares at most this many bytes. */
const KEY_BYTES = 6;

/**
 * One literal, searched by its rarest stretch: the native search runs at the pace of its key's
 * first byte (a common one stops it everywhere), and longer keys switch it to a slower algorithm.
 */
export class ByteNeedle {
  private readonly bytes: Buffer;
  private readonly key: Buffer;
  /** Where the key starts in the needle. */
  private readonly at: number;

  constructor(text: string) {
    this.bytes = Buffer.from(text, 'latin1');
    let at = 0;
    for (let i = 1; i < Math.max(1, this.bytes.length - 1); i++)
      if (byteFrequency(this.bytes[i]!) < byteFrequency(this.bytes[at]!)) at = i;
    this.at = at;
    this.key = this.bytes.subarray(at, at + KEY_BYTES);
  }

  /** The first occurrence at or after `from`, or -1. */
  indexIn(buf: Buffer, from = 0): number {
    const whole = this.key.length === this.bytes.length;
    for (let p = buf.indexOf(this.key, from + this.at); p !== -1; p = buf.indexOf(this.key, p + 1)) {
      const start = p - this.at;
      if (whole || matchesAt(buf, start, this.bytes)) return start;
    }
    return -1;
  }

  in(buf: Buffer): boolean {
    return this.indexIn(buf) !== -1;
  }
}

/** Literals none of which contains another: a file that holds `AzureOpenAI` holds `OpenAI`. */
export function innermost(texts: readonly string[]): string[] {
  const unique = [...new Set(texts)];
  return unique.filter((t) => !unique.some((o) => o !== t && t.includes(o)));
}

/** A needle variant and the three bytes of it the candidate search looks for, `offset` bytes in. */
interface Fingerprinted {
  bytes: Buffer;
  offset: number;
}

/** Lower, upper and capitalised forms: what `MISTRAL_API_KEY`, `mistral` and `Mistral(` are written in. */
function variants(n: Needle): string[] {
  if (!n.caseless) return [n.text];
  const lower = n.text.toLowerCase();
  return [...new Set([lower, lower.toUpperCase(), lower[0]!.toUpperCase() + lower.slice(1)])];
}

function matchesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  if (at < 0 || at + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/**
 * Where any of a set of needles starts in a byte buffer. One pass of the kernel's candidate search
 * (three bytes of every needle at once, in SIMD) finds where a needle may start; only there are its
 * bytes compared. No text is decoded: a buffer is read as bytes, and most of it is never looked at
 * again. Needles shorter than a fingerprint are searched natively, one by one.
 */
export class NeedleSearch {
  /**
   * The needles by their fingerprint's three bytes: a candidate is checked against the needles whose
   * fingerprint it holds, not against every needle of its buckets (most candidates hold none).
   */
  private readonly byPrint = new Map<number, Fingerprinted[]>();
  private readonly tables: FingerprintTables;
  private readonly short: ByteNeedle[] = [];
  /** The longest needle: a hit covers at most this many bytes. */
  readonly longest: number;

  constructor(needles: readonly Needle[]) {
    const texts = [...new Set(needles.flatMap(variants))].filter((t) => t.length > 0);
    this.longest = Math.max(0, ...texts.map((t) => t.length));
    const long: Buffer[] = [];
    // A needle that starts with another starts where that one does: `sk-` finds every `sk-proj-`.
    for (const text of texts.filter((t) => !texts.some((o) => o !== t && t.startsWith(o)))) {
      if (text.length < FINGERPRINT) this.short.push(new ByteNeedle(text));
      else long.push(Buffer.from(text, 'latin1'));
    }
    const plan = planFingerprints(long);
    long.forEach((bytes, i) => {
      const key = printKey(bytes, plan.offsets[i]!);
      this.byPrint.set(key, [...(this.byPrint.get(key) ?? []), { bytes, offset: plan.offsets[i]! }]);
    });
    this.tables = fingerprintTables(plan.buckets);
  }

  /** Whether any needle occurs in `buf`: the search stops at the first. */
  in(buf: Buffer): boolean {
    let found = false;
    const byPrint = this.byPrint;
    kernel().candidates(buf, this.tables, (at) => {
      const entries = at + FINGERPRINT <= buf.length ? byPrint.get(printKey(buf, at)) : undefined;
      if (entries?.some((e) => matchesAt(buf, at - e.offset, e.bytes))) return (found = true);
      return false;
    });
    return found || this.short.some((needle) => needle.in(buf));
  }

  /** Start offsets of every occurrence in `buf`, ascending, each once. */
  find(buf: Buffer): number[] {
    const hits: number[] = [];
    const byPrint = this.byPrint;
    kernel().candidates(buf, this.tables, (at) => {
      const entries = at + FINGERPRINT <= buf.length ? byPrint.get(printKey(buf, at)) : undefined;
      if (entries)
        for (const e of entries) if (matchesAt(buf, at - e.offset, e.bytes)) hits.push(at - e.offset);
    });
    for (const needle of this.short)
      for (let p = needle.indexIn(buf); p !== -1; p = needle.indexIn(buf, p + 1)) hits.push(p);
    if (hits.length === 0) return hits;
    hits.sort((a, b) => a - b);
    return hits.filter((h, i) => i === 0 || h !== hits[i - 1]);
  }
}
