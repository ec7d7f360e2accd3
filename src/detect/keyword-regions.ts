import { DECODE_ANCHORS, declaresSecretAt } from './decode.js';
import type { Detector } from './detectors.js';
import { NeedleSearch, type Needle } from './needles.js';
import { Scanner } from './scanner.js';

/** A stretch `[start, end)` of a text, and the kinds whose anchors are in it (indices, ascending). */
export interface Region {
  start: number;
  end: number;
  kinds: number[];
}

/**
 * What the prefilter looks for: a prefixed kind's prefix, exactly as the key starts; a context kind's
 * anchors (the provider's name, which a key of that kind always has within reach); the markers of
 * encodings whose decoded values the scanner reads.
 */
export function anchorNeedles(detectors: readonly Detector[]): Needle[] {
  return [...DECODE_ANCHORS.map((text) => ({ text, caseless: false })), ...detectors.flatMap(anchorsOf)];
}

function anchorsOf(d: Detector): Needle[] {
  // A prefix too common to search for (`sk_` is in every `task_`) gives way to its provider's name.
  if (d.prefix && !d.anchors) return [{ text: d.prefix, caseless: false }];
  return (d.anchors ?? d.keywords).map((text) => ({ text, caseless: text === text.toLowerCase() }));
}

/** The forms a needle is found in (as the search looks for them). */
function forms(n: Needle): string[] {
  if (!n.caseless) return [n.text];
  const lower = n.text.toLowerCase();
  return [...new Set([lower, lower.toUpperCase(), lower[0]!.toUpperCase() + lower.slice(1)])];
}

function startsWithAt(bytes: Buffer, at: number, needle: Buffer): boolean {
  if (at + needle.length > bytes.length) return false;
  for (let i = 0; i < needle.length; i++) if (bytes[at + i] !== needle[i]) return false;
  return true;
}

/**
 * The prefilter, applied to a window's bytes before any of it is decoded: one search for every
 * detector's anchors at once, then only the stretches around a hit go to the scanner. A key lies
 * within a few hundred characters of its anchor (the anchor is its prefix, or part of the name it
 * is assigned to, or the provider named nearby), so `reach` bytes on each side keep the key and the
 * context the scanner reads. A decoded view's anchor (`kind: Secret`) heads a manifest whose values
 * run on further: `decodeReach` bytes around it, and every kind is looked for there. Most text holds
 * no anchor at all and costs the search alone.
 *
 * A stretch is read only for the kinds whose anchors it holds: the scanner's time goes with the
 * number of its keywords, and a stretch around `sk-` has no Deepgram key to find.
 */
export class KeywordRegions {
  private readonly search: NeedleSearch;
  /** Every form of every anchor, by its first byte, with the kinds it stands for. */
  private readonly anchors = new Map<number, { bytes: Buffer; kinds: number[] }[]>();
  private readonly all: number[];
  private readonly scanners = new Map<string, Scanner>();

  constructor(
    private readonly detectors: readonly Detector[],
    private readonly reach: number,
    private readonly decodeReach = reach,
  ) {
    this.search = new NeedleSearch(anchorNeedles(detectors));
    this.all = detectors.map((_d, i) => i);
    const add = (text: string, kinds: number[]): void => {
      const bytes = Buffer.from(text, 'latin1');
      const list = this.anchors.get(bytes[0]!) ?? [];
      list.push({ bytes, kinds });
      this.anchors.set(bytes[0]!, list);
    };
    for (const text of DECODE_ANCHORS) add(text, this.all);
    detectors.forEach((d, i) => {
      for (const n of anchorsOf(d)) for (const text of forms(n)) add(text, [i]);
    });
  }

  /**
   * The kinds whose anchors start at `at` (a needle that starts another, `sk-`, finds that one's
   * hit); a decoded view's anchor stands for every kind, and only where it declares a manifest's
   * kind: elsewhere `Secret` is a word in code (`clientSecret`).
   */
  private kindsAt(bytes: Buffer, at: number, into: Set<number>): boolean {
    let decode = false;
    for (const a of this.anchors.get(bytes[at]!) ?? [])
      if (startsWithAt(bytes, at, a.bytes)) {
        if (a.kinds !== this.all) for (const k of a.kinds) into.add(k);
        else if (declaresSecretAt(bytes, at)) {
          decode = true;
          for (const k of a.kinds) into.add(k);
        }
      }
    return decode;
  }

  find(bytes: Buffer): Region[] {
    const spans: { start: number; end: number; kinds: Set<number> }[] = [];
    for (const at of this.search.find(bytes)) {
      const kinds = new Set<number>();
      const decode = this.kindsAt(bytes, at, kinds);
      if (kinds.size === 0) continue;
      const reach = decode ? this.decodeReach : this.reach;
      spans.push({
        start: Math.max(0, at - reach),
        end: Math.min(bytes.length, at + this.search.longest + reach),
        kinds,
      });
    }
    // Hits come in order, but a wider reach may start before the stretch of an earlier hit.
    if (this.decodeReach !== this.reach) spans.sort((a, b) => a.start - b.start);
    const merged: typeof spans = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span.start <= last.end) {
        last.end = Math.max(last.end, span.end);
        for (const k of span.kinds) last.kinds.add(k);
      } else merged.push(span);
    }
    return merged.map((r) => ({ start: r.start, end: r.end, kinds: [...r.kinds].sort((a, b) => a - b) }));
  }

  /** The scanner for a region's kinds, made once for each set of kinds met. */
  scannerFor(region: Region): Scanner {
    const key = region.kinds.join(',');
    let scanner = this.scanners.get(key);
    if (!scanner) {
      scanner = new Scanner(region.kinds.map((k) => this.detectors[k]!));
      this.scanners.set(key, scanner);
    }
    return scanner;
  }
}
