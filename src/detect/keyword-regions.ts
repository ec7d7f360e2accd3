import { DECODE_ANCHORS } from './decode.js';
import type { Detector } from './detectors.js';
import { NeedleSearch, type Needle } from './needles.js';

/** A stretch `[start, end)` of a text. */
export interface Region {
  start: number;
  end: number;
}

/**
 * What the prefilter looks for: a prefixed kind's prefix, exactly as the key starts; a context kind's
 * anchors (the provider's name, which a key of that kind always has within reach); the markers of
 * encodings whose decoded values the scanner reads.
 */
export function anchorNeedles(detectors: readonly Detector[]): Needle[] {
  const needles: Needle[] = DECODE_ANCHORS.map((text) => ({ text, caseless: false }));
  for (const d of detectors) {
    if (d.prefix) needles.push({ text: d.prefix, caseless: false });
    else for (const text of d.anchors ?? d.keywords) needles.push({ text, caseless: true });
  }
  return needles;
}

/**
 * The prefilter, applied to a window's bytes before any of it is decoded: one search for every
 * detector's anchors at once, then only the stretches around a hit go to the scanner. A key lies
 * within a few hundred characters of its anchor (the anchor is its prefix, or part of the name it
 * is assigned to, or the provider named nearby), so `reach` bytes on each side keep the key and the
 * context the scanner reads. Most text holds no anchor at all and costs the search alone.
 */
export class KeywordRegions {
  private readonly search: NeedleSearch;

  constructor(
    detectors: readonly Detector[],
    private readonly reach: number,
  ) {
    this.search = new NeedleSearch(anchorNeedles(detectors));
  }

  find(bytes: Buffer): Region[] {
    const regions: Region[] = [];
    for (const at of this.search.find(bytes)) {
      const start = Math.max(0, at - this.reach);
      const end = Math.min(bytes.length, at + this.search.longest + this.reach);
      const last = regions[regions.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else regions.push({ start, end });
    }
    return regions;
  }
}
