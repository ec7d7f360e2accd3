import { FINGERPRINT } from '../kernel/kernel.js';
import { byteFrequency } from './byte-frequency.js';

/** The candidate search's buckets: each sets one bit of the kernel's nibble tables. */
export const BUCKETS = 8;

/** Which three bytes of each literal the candidate search looks for, and in which bucket. */
export interface FingerprintPlan {
  /** Each bucket's fingerprints, distinct. */
  buckets: Buffer[][];
  /** For literal i: where its fingerprint starts in it. */
  offsets: number[];
}

/** The three bytes at `at` as one number (the key the search's callers look fingerprints up by). */
export function printKey(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 16) | (bytes[at + 1]! << 8) | bytes[at + 2]!;
}

/** The sum of byte frequencies over high nibbles in `hi` and low nibbles in `lo` (bit n: nibble n). */
function shareOf(lo: number, hi: number): number {
  let p = 0;
  for (let h = hi; h !== 0; h &= h - 1) {
    const high = (31 - Math.clz32(h & -h)) << 4;
    for (let l = lo; l !== 0; l &= l - 1) p += byteFrequency(high | (31 - Math.clz32(l & -l)));
  }
  return p;
}

function byteAt(key: number, j: number): number {
  return (key >> (8 * (FINGERPRINT - 1 - j))) & 255;
}

/**
 * A bucket lets through every triple whose bytes' nibbles are all among its fingerprints' nibbles at
 * the same place, many more than its own: its cost is the share of text positions it lets through
 * (bytes taken as independent), each one a detour from the kernel's fast path.
 */
class Bucket {
  /** Fingerprint keys, with how many literals use each. */
  readonly uses = new Map<number, number>();
  /** For fingerprint byte j: the low and high nibbles admitted, and the share of bytes they admit. */
  private readonly lo = new Int32Array(FINGERPRINT);
  private readonly hi = new Int32Array(FINGERPRINT);
  private readonly share = new Float64Array(FINGERPRINT);
  cost = 0;

  /** What the bucket would cost with `key` in it: only the new rows and columns of each nibble grid are summed. */
  costWith(key: number): number {
    if (this.uses.has(key)) return this.cost;
    let cost = 1;
    for (let j = 0; j < FINGERPRINT; j++) {
      const b = byteAt(key, j);
      const l = 1 << (b & 15);
      const h = 1 << (b >> 4);
      let share = this.share[j]!;
      if (!(this.lo[j]! & l)) share += shareOf(l, this.hi[j]!);
      if (!(this.hi[j]! & h)) share += shareOf(this.lo[j]! | l, h);
      cost *= share;
    }
    return cost;
  }

  add(key: number): void {
    this.uses.set(key, (this.uses.get(key) ?? 0) + 1);
    if (this.uses.get(key) === 1) this.admit(key);
  }

  remove(key: number): void {
    const n = this.uses.get(key)! - 1;
    if (n > 0) return void this.uses.set(key, n);
    this.uses.delete(key);
    this.lo.fill(0);
    this.hi.fill(0);
    this.share.fill(0);
    this.cost = 0;
    for (const k of this.uses.keys()) this.admit(k);
  }

  private admit(key: number): void {
    this.cost = 1;
    for (let j = 0; j < FINGERPRINT; j++) {
      const b = byteAt(key, j);
      this.lo[j]! |= 1 << (b & 15);
      this.hi[j]! |= 1 << (b >> 4);
      this.share[j] = shareOf(this.lo[j]!, this.hi[j]!);
      this.cost *= this.share[j]!;
    }
  }
}

/** A literal's fingerprint: one of its options, in one bucket. */
interface Place {
  option: number;
  bucket: number;
}

/** Rounds of moving one literal's fingerprint at a time; a plan settles in two or three. */
const ROUNDS = 4;
/** Triples of each literal considered. */
const OPTIONS = 5;

/**
 * Chooses, for literals of at least FINGERPRINT bytes, which three bytes of each to look for and
 * which bucket each goes in, so that the buckets let through as few other positions as they can:
 * the hardest literals are placed first where they add least, then each is moved while a move
 * lowers the total. Deterministic: the same literals always give the same plan.
 */
export function planFingerprints(literals: readonly Buffer[]): FingerprintPlan {
  const buckets = Array.from({ length: BUCKETS }, () => new Bucket());
  const chance = (k: number): number =>
    byteFrequency(k >> 16) * byteFrequency((k >> 8) & 255) * byteFrequency(k & 255);
  // A literal's few least likely triples: the others are never worth their place in a bucket.
  const options = literals.map((bytes) =>
    Array.from({ length: bytes.length - FINGERPRINT + 1 }, (_v, at) => ({ at, key: printKey(bytes, at) }))
      .sort((a, b) => chance(a.key) - chance(b.key) || a.at - b.at)
      .slice(0, OPTIONS),
  );
  const alone = options.map((o) => chance(o[0]!.key));
  const order = literals.map((_l, i) => i).sort((a, b) => alone[b]! - alone[a]! || a - b);
  /** For literal i: which of its options it uses, in which bucket. */
  const placed: Place[] = [];
  const keyOf = (i: number, p: Place): number => options[i]![p.option]!.key;

  /** The cheapest place for literal i, given the others; `stay` wins ties. */
  const best = (i: number, stay?: Place): Place => {
    let choice = stay ?? { option: 0, bucket: 0 };
    let least = stay ? buckets[stay.bucket]!.costWith(keyOf(i, stay)) - buckets[stay.bucket]!.cost : Infinity;
    options[i]!.forEach(({ key }, option) =>
      buckets.forEach((bucket, b) => {
        const added = bucket.costWith(key) - bucket.cost;
        if (added < least - 1e-15) [least, choice] = [added, { option, bucket: b }];
      }),
    );
    return choice;
  };
  for (const i of order) {
    placed[i] = best(i);
    buckets[placed[i].bucket]!.add(keyOf(i, placed[i]));
  }
  for (let round = 0; round < ROUNDS; round++) {
    let moved = false;
    for (const i of order) {
      const was = placed[i]!;
      buckets[was.bucket]!.remove(keyOf(i, was));
      const now = best(i, was);
      buckets[now.bucket]!.add(keyOf(i, now));
      placed[i] = now;
      moved ||= now !== was;
    }
    if (!moved) break;
  }
  const toBytes = (key: number): Buffer => Buffer.from([key >> 16, (key >> 8) & 255, key & 255]);
  return {
    buckets: buckets.map((b) => [...b.uses.keys()].sort((x, y) => x - y).map(toBytes)),
    offsets: literals.map((_l, i) => options[i]![placed[i]!.option]!.at),
  };
}
