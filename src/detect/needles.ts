/** An ASCII literal to find in bytes; `caseless` ones match in lower, upper and capitalised case. */
export interface Needle {
  text: string;
  caseless: boolean;
}

/**
 * Bytes rare enough in text and code that stopping at each one and comparing the bytes around it is
 * cheaper than a substring search: the native single-byte search runs at memory speed, a substring
 * search at the pace of its first byte. Letters are common, and which of them are rare depends on
 * the language, so only punctuation inside identifiers and the rarest letters qualify.
 */
const PIVOTS = '-_zZqQjJX8';

/**
 * Printable bytes from the rarest to the most common in source code and prose (letters, digits and
 * the punctuation found inside identifiers); a byte not listed counts as common.
 */
const RARITY = 'QZJXqzjKVYUWGHBFNLOMDPRITSCEA-_kxwyvbg98765432fmphdl10cuosnirate';

function rarity(byte: number): number {
  const rank = RARITY.indexOf(String.fromCharCode(byte));
  return rank === -1 ? RARITY.length : rank;
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
      if (rarity(this.bytes[i]!) < rarity(this.bytes[at]!)) at = i;
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

/** A needle variant found by a pass over its pivot byte: it starts `offset` bytes before the pivot. */
interface PivotEntry {
  bytes: Buffer;
  offset: number;
}

/**
 * The needles that share a pivot byte, and the bytes any of them has just before it: most pivot
 * hits (every `-` in `task-list`) fail that one lookup and are never compared in full.
 */
interface PivotGroup {
  entries: PivotEntry[];
  before: Uint8Array;
}

/** Lower, upper and capitalised forms: what `MISTRAL_API_KEY`, `mistral` and `Mistral(` are written in. */
function variants(n: Needle): string[] {
  if (!n.caseless) return [n.text];
  const lower = n.text.toLowerCase();
  return [...new Set([lower, lower.toUpperCase(), lower[0]!.toUpperCase() + lower.slice(1)])];
}

function pivotOf(text: string): number {
  let best = -1;
  for (let i = 0; i < text.length; i++) {
    const rank = PIVOTS.indexOf(text[i]!);
    if (rank !== -1 && (best === -1 || rank < PIVOTS.indexOf(text[best]!))) best = i;
  }
  return best;
}

function matchesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  if (at < 0 || at + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/**
 * Where any of a set of needles starts in a byte buffer. Needles that hold a rare byte share one
 * native search for that byte (one pass finds `sk-`, `xai-` and `pplx-`); the others are searched
 * whole. No text is decoded: a buffer is read as bytes, and most of it is never looked at again.
 */
export class NeedleSearch {
  private readonly byPivot = new Map<number, PivotGroup>();
  private readonly whole: ByteNeedle[] = [];
  /** The longest needle: a hit covers at most this many bytes. */
  readonly longest: number;

  constructor(needles: readonly Needle[]) {
    const seen = new Set<string>();
    let longest = 0;
    for (const text of needles.flatMap(variants)) {
      if (text.length === 0 || seen.has(text)) continue;
      seen.add(text);
      longest = Math.max(longest, text.length);
      const bytes = Buffer.from(text, 'latin1');
      const pivot = pivotOf(text);
      if (pivot === -1) {
        this.whole.push(new ByteNeedle(text));
        continue;
      }
      const key = bytes[pivot]!;
      const group = this.byPivot.get(key) ?? { entries: [], before: new Uint8Array(256) };
      group.entries.push({ bytes, offset: pivot });
      // A needle that starts with its pivot accepts whatever comes before it.
      if (pivot === 0) group.before.fill(1);
      else group.before[bytes[pivot - 1]!] = 1;
      this.byPivot.set(key, group);
    }
    this.longest = longest;
  }

  /** Start offsets of every occurrence in `buf`, ascending, each once. */
  find(buf: Buffer): number[] {
    const hits: number[] = [];
    for (const [pivot, { entries, before }] of this.byPivot) {
      for (let p = buf.indexOf(pivot); p !== -1; p = buf.indexOf(pivot, p + 1)) {
        if (p > 0 && before[buf[p - 1]!] === 0) continue;
        for (const e of entries) if (matchesAt(buf, p - e.offset, e.bytes)) hits.push(p - e.offset);
      }
    }
    for (const needle of this.whole) {
      for (let p = needle.indexIn(buf); p !== -1; p = needle.indexIn(buf, p + 1)) hits.push(p);
    }
    hits.sort((a, b) => a - b);
    return hits.filter((h, i) => i === 0 || h !== hits[i - 1]);
  }
}
