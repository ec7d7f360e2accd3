import { DETECTORS, type Detector } from './detectors.js';
import { isPlaceholder, shannonEntropy } from './placeholders.js';

/** A key found in a text: `start`/`end` are offsets of the secret in that text. */
export interface KeyMatch {
  detector: Detector;
  secret: string;
  start: number;
  end: number;
}

/**
 * Finds keys in a decoded text. The hot loop: a keyword prefilter on the lower-cased text, then the
 * exact pattern only for detectors whose keyword occurs, then boundary, placeholder and entropy
 * checks only on a candidate.
 */
export class Scanner {
  constructor(private readonly detectors: readonly Detector[] = DETECTORS) {}

  scan(text: string): KeyMatch[] {
    const lower = text.toLowerCase();
    const out: KeyMatch[] = [];
    for (const d of this.detectors) {
      if (!d.keywords.some((k) => lower.includes(k))) continue;
      if (d.context) this.scanContext(d, text, out);
      else this.scanPattern(d, text, out);
    }
    return dedupe(out);
  }

  private scanPattern(d: Detector, text: string, out: KeyMatch[]): void {
    const re = new RegExp(d.pattern.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!atBoundary(text, start, end, d.alphabet)) continue;
      const secret = m[0];
      if (shannonEntropy(secret) < d.minEntropy || isPlaceholder(secret)) continue;
      out.push({ detector: d, secret, start, end });
    }
  }

  /** Keys without a prefix: only the value assigned to a name that mentions the provider. */
  private scanContext(d: Detector, text: string, out: KeyMatch[]): void {
    const assign = /([A-Za-z0-9_.-]{0,64})["']?\s*(?::=|=>|\?=|=|:|,)\s*["'`]?([A-Za-z0-9_-]{20,128})/g;
    for (let m = assign.exec(text); m; m = assign.exec(text)) {
      const name = m[1] ?? '';
      const value = m[2] ?? '';
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      const context = text.slice(lineStart, m.index + m[0].length - value.length);
      if (!d.context?.test(name) && !d.context?.test(context)) continue;
      const whole = new RegExp(`^(?:${d.pattern.source})$`);
      if (!whole.test(value)) continue;
      if (shannonEntropy(value) < d.minEntropy || isPlaceholder(value)) continue;
      const start = m.index + m[0].length - value.length;
      out.push({ detector: d, secret: value, start, end: start + value.length });
    }
  }
}

/**
 * A key ends where its alphabet ends. An escape just before the key (`\n` in JSON, `%3D` in a URL)
 * counts as a boundary even though its last character is alphanumeric.
 */
export function atBoundary(text: string, start: number, end: number, alphabet: RegExp): boolean {
  const after = text[end];
  if (after !== undefined && alphabet.test(after)) return false;
  const before = text[start - 1];
  if (before === undefined || !alphabet.test(before)) return true;
  if (text[start - 2] === '\\') return true;
  return start >= 3 && text[start - 3] === '%' && /[0-9A-Fa-f]{2}/.test(text.slice(start - 2, start));
}

function dedupe(matches: KeyMatch[]): KeyMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: KeyMatch[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
