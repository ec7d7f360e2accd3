/**
 * Every raw secret keylint sees is registered here: masked in the runner's log with
 * `core.setSecret` and scrubbed from every text keylint writes (see `output.ts`), as a last line of
 * defence behind the `Redacted` type.
 *
 * Scrubbing removes every occurrence of a secret and of any piece of one at least `MIN_PIECE`
 * characters long that lies in its private part (after the provider prefix `redact` shows): a
 * provider that echoes 22 characters from the middle of a key must not print them. It runs in one
 * pass over the text, whatever the number of secrets, through an index of the secrets' aligned
 * grams: any piece of `MIN_PIECE` characters holds one whole gram that starts at a multiple of
 * `STRIDE`, so looking each text position up in the index finds every piece.
 */
import { redact } from './finding.js';

/** Shortest piece of a secret that is scrubbed: shorter ones would scrub ordinary words. */
export const MIN_PIECE = 8;
const GRAM = 5;
// Stryker disable next-line ArithmeticOperator: a shorter stride only indexes more grams; any stride up to this one finds every piece
const STRIDE = MIN_PIECE - GRAM + 1;
/** A gram shared by more secrets than this (near-identical keys) is checked against this many: any of them scrubs the piece. */
const MAX_CANDIDATES = 64;

const seen = new Set<string>();
const secrets: string[] = [];
/** Where each secret's private part starts (after the prefix `redact` keeps). */
const privateFrom: number[] = [];

/** log2 of the bucket count. */
let bits = 10;
/** Open hash buckets of grams: `heads[hash]` is the first entry + 1; entries chain through `next`. */
let heads = new Int32Array(1 << 10);
// Stryker disable next-line ArithmeticOperator: the filter's size only changes how often a position goes on to its bucket
let filter = new Int32Array(1 << (10 + 3 - 5));
let entrySecret = new Int32Array(1 << 10);
let entryOffset = new Int32Array(1 << 10);
let entryNext = new Int32Array(1 << 10);
let entries = 0;

/** Null outside the action. Injected, so that the CLI does not load `@actions/core` and its HTTP client. */
let mask: ((secret: string) => void) | null = null;

/** In the action, secrets are also masked by the runner (`core.setSecret`). */
export function enableRunnerMasking(setSecret: (secret: string) => void): void {
  mask = setSecret;
  for (const s of seen) setSecret(s);
}

const BASE = 0x01000193;
/** BASE ** (GRAM - 1), to take the oldest character out of a rolling hash. */
const BASE_TOP = Array.from({ length: GRAM - 1 }).reduce<number>((p) => Math.imul(p, BASE), 1);

/** A polynomial hash of the gram at `at`, as the rolling hash in `scrub` computes it. */
function gramHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < GRAM; k++) h = (Math.imul(h, BASE) + text.charCodeAt(at + k)) | 0;
  return h;
}

function bucketOf(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - bits);
}

/** A bit per hash, eight per entry, small enough to stay in cache: most text positions end here. */
function filterOf(h: number): number {
  // Stryker disable next-line ArithmeticOperator: any shift gives each hash one bit, set for every entry: fewer bits, more lookups
  return Math.imul(h, 0x85ebca6b) >>> (32 - bits - 3);
}

function grow<T extends Int32Array>(a: T, size: number): T {
  const b = new Int32Array(size) as T;
  b.set(a);
  return b;
}

function addEntry(sid: number, offset: number): void {
  if (entries === entrySecret.length) {
    const size = entries * 2;
    entrySecret = grow(entrySecret, size);
    entryOffset = grow(entryOffset, size);
    entryNext = grow(entryNext, size);
  }
  const h = gramHash(secrets[sid]!, offset);
  const b = bucketOf(h);
  const f = filterOf(h);
  filter[f >>> 5] = filter[f >>> 5]! | (1 << (f & 31));
  entrySecret[entries] = sid;
  entryOffset[entries] = offset;
  entryNext[entries] = heads[b]!;
  heads[b] = ++entries;
}

/** Keeps the buckets at most as many as entries, so a chain stays short; rebuilt when they double. */
function rehash(): void {
  bits++;
  heads = new Int32Array(1 << bits);
  // Stryker disable next-line ArithmeticOperator: as at the start, the filter's size only changes how often a position goes on to its bucket
  filter = new Int32Array(1 << (bits + 3 - 5));
  const n = entries;
  entries = 0;
  // In place: entry i is read before it is written back, at index i.
  for (let i = 0; i < n; i++) addEntry(entrySecret[i]!, entryOffset[i]!);
}

export function registerSecret(value: string): void {
  // Short values would scrub ordinary words out of every report.
  if (value.length < MIN_PIECE || seen.has(value)) return;
  seen.add(value);
  mask?.(value);
  const sid = secrets.length;
  secrets.push(value);
  const shown = redact(value);
  const prefix = shown.includes('…') ? shown.slice(0, shown.indexOf('…')).length : 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: `redact` shows a prefix only when it is at most a quarter of a secret of 12 or more, so at least 9 private characters remain and the test always holds
  const from = value.length - prefix >= MIN_PIECE ? prefix : 0;
  privateFrom.push(from);
  // Stryker disable next-line ArithmeticOperator: grams past the end hash `NaN` characters, which match no text
  for (let off = from; off + GRAM <= value.length; off += STRIDE) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: when the buckets are rebuilt changes only how long a chain grows
    if (entries + 1 > 1 << bits) rehash();
    addEntry(sid, off);
  }
  // The last gram too, so a piece at the very end is found whatever the length.
  const last = value.length - GRAM;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: an entry added twice, or past the end, finds the same pieces
  if (last >= from && (last - from) % STRIDE !== 0) addEntry(sid, last);
}

/**
 * The text with every registered secret, and every piece of one's private part at least
 * `MIN_PIECE` long, replaced by `****`: linear in the text, whatever the number of secrets.
 */
export function scrub(text: string): string {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a shortcut; the loop below returns such a text unchanged
  if (entries === 0 || text.length < MIN_PIECE) return text;
  /** Ranges to replace. */
  const starts: number[] = [];
  const ends: number[] = [];
  // The skip below needs both a secret's index and a range's end: while either is still -1 nothing is
  // skipped, so changing one start value alone changes nothing.
  // Stryker disable next-line UnaryOperator: see above
  let lastSid = -1;
  let lastAlign = 0;
  // Stryker disable next-line UnaryOperator: see above
  let lastEnd = -1;
  let h = gramHash(text, 0);
  // Stryker disable next-line ArithmeticOperator: past the end, a gram holds `NaN` characters, which match no secret
  for (let i = 0; i + GRAM <= text.length; i++) {
    if (i > 0)
      h =
        (Math.imul(h - Math.imul(text.charCodeAt(i - 1), BASE_TOP), BASE) + text.charCodeAt(i + GRAM - 1)) |
        0;
    const f = filterOf(h);
    // Stryker disable next-line ConditionalExpression: the filter only spares the bucket's lookup
    if ((filter[f >>> 5]! & (1 << (f & 31))) === 0) continue;
    let e = heads[bucketOf(h)]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: the limit bounds the work on near-identical keys; past it, the same pieces match
    for (let tries = 0; e !== 0 && tries < MAX_CANDIDATES; e = entryNext[e - 1]!, tries++) {
      const sid = entrySecret[e - 1]!;
      const off = entryOffset[e - 1]!;
      // The same alignment of the same secret, already extended to its whole run: skipping it saves
      // work, and extending it again gives the same range.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: see above
      if (sid === lastSid && i - off === lastAlign && i < lastEnd) continue;
      const s = secrets[sid]!;
      let k = 0;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: past the gram the loop runs on while characters match, and the extension below covers them anyway
      while (k < GRAM && text.charCodeAt(i + k) === s.charCodeAt(off + k)) k++;
      // A gram of the text can share a filter bit and a bucket with a secret's gram it differs from. It
      // changes the output only beside enough characters of that secret at the same alignment, which
      // a test would have to find by searching for a collision of both hashes.
      // Stryker disable next-line ConditionalExpression: reachable only through such a collision
      if (k < GRAM) continue;
      let a = i;
      let sa = off;
      // Before the start, `charCodeAt` is `NaN`, which equals nothing: the bounds stop nothing the
      // comparison does not.
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: see above
      while (a > 0 && sa > 0 && text.charCodeAt(a - 1) === s.charCodeAt(sa - 1)) {
        a--;
        sa--;
      }
      let b = i + GRAM;
      let sb = off + GRAM;
      // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: past the end, likewise
      while (b < text.length && sb < s.length && text.charCodeAt(b) === s.charCodeAt(sb)) {
        b++;
        sb++;
      }
      if (sb - Math.max(sa, privateFrom[sid]!) < MIN_PIECE) continue;
      lastSid = sid;
      // Stryker disable next-line ArithmeticOperator: only the skip above reads it
      lastAlign = i - off;
      lastEnd = b;
      starts.push(a);
      ends.push(b);
    }
  }
  // Stryker disable next-line ConditionalExpression: a shortcut; the loop below returns the text unchanged
  if (starts.length === 0) return text;
  // Ranges arrive by the position of their gram: one may start before, or inside, an earlier one.
  const order = starts.map((_, r) => r).sort((x, y) => starts[x]! - starts[y]!);
  let out = '';
  let at = 0;
  for (const r of order) {
    // Stryker disable next-line EqualityOperator: a range that ends where the last one did adds nothing
    if (ends[r]! <= at) continue;
    out += text.slice(at, Math.max(at, starts[r]!));
    if (starts[r]! >= at) out += '****';
    at = ends[r]!;
  }
  return out + text.slice(at);
}

export function registeredSecretCount(): number {
  return seen.size;
}
