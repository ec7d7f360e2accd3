import type { Detector } from './detectors.js';

/** A stretch `[start, end)` of a text. */
export interface Region {
  start: number;
  end: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The keyword prefilter, applied before the scanner: one pass over a whole window for every
 * detector's keywords at once, then only the stretches around a hit go to the scanner. A key lies
 * within a few hundred characters of its keyword (the keyword is part of it, or of the name it is
 * assigned to), so `reach` characters on each side keep the key and the context the scanner reads.
 * Most text contains no keyword at all and costs this one pass.
 */
export class KeywordRegions {
  private readonly pattern: RegExp | null;

  constructor(
    detectors: readonly Detector[],
    private readonly reach: number,
  ) {
    const keywords = [...new Set(detectors.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))];
    // The scanner compares keywords with the lower-cased text: an ASCII case-insensitive search finds the same.
    this.pattern = keywords.length > 0 ? new RegExp(keywords.map(escapeRegExp).join('|'), 'gi') : null;
  }

  find(text: string): Region[] {
    const regions: Region[] = [];
    if (!this.pattern) return regions;
    const re = new RegExp(this.pattern);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = Math.max(0, m.index - this.reach);
      const end = Math.min(text.length, m.index + m[0].length + this.reach);
      const last = regions[regions.length - 1];
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else regions.push({ start, end });
    }
    return regions;
  }
}
