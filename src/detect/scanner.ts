import { kubernetesSecretViews } from './decode.js';
import { DETECTORS, isKeyChar, MAX_KEY_LENGTH, type Detector } from './detectors.js';
import { isPlaceholderKey } from './placeholders.js';
import { escapeRegExp } from '../text/regexp.js';

/** A key found in a text: `start`/`end` are offsets in that text (of the encoded value, for decoded views). */
export interface KeyMatch {
  detector: Detector;
  secret: string;
  start: number;
  end: number;
  /** Where its provider publishes it by design (the detector's `publishedWhen`). */
  published?: true;
}

/** How far (characters, either side) a provider's name counts as "near" a value. */
const NEAR = 400;
/** Longest identifier a context kind's value is assigned to. */
const IDENT_MAX = 128;
/**
 * How far from its anchor everything the scanner reads about a key lies: a name (up to IDENT_MAX on
 * either side of the anchor in it), the value after it (up to MAX_KEY_LENGTH), and the provider named
 * up to NEAR from either end; a margin for the assignment between name and value.
 */
export const SCANNER_REACH = 2 * NEAR + MAX_KEY_LENGTH + 2 * IDENT_MAX + 64;
/** What comes between a name and its value: closing quotes/brackets, an operator, an opening quote. */
const ASSIGNMENT = /(?:\\?["'`\])])*[ \t]*(?::=|=>|\?=|=|:|,)[ \t]*(?:\\?["'`])?/y;
/** A Dockerfile's `ENV NAME value` form, the only assignment without an operator. */
const DOCKER_ENV = /(?:^|\n)[ \t]*ENV[ \t]+$/i;
/** A name a key is passed under when the provider is only named nearby (`Mistral(api_key=…)`). */
const KEYLIKE_NAME = /key|token|secret/i;

interface KeywordRoute {
  /** Kinds whose prefix starts at the keyword's position. */
  prefixed: Detector[];
  /** Kinds found as the value assigned to the name around the keyword. */
  contextual: Detector[];
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isIdentChar(c: number): boolean {
  return isKeyChar(c) || c === 46; // `.` as in `mistral.api_key`
}

/**
 * A key starts a token: the character before is outside the key alphabet, or it ends an escape that
 * decodes to such a character (`\n` in JSON or a shell string, `\u003d`, `%3D` in a URL).
 */
export function startsToken(text: string, pos: number): boolean {
  if (pos === 0 || !isKeyChar(text.charCodeAt(pos - 1))) return true;
  if (pos >= 2 && text.charCodeAt(pos - 2) === 92) return true;
  if (
    pos >= 3 &&
    text.charCodeAt(pos - 3) === 37 &&
    isHex(text.charCodeAt(pos - 2)) &&
    isHex(text.charCodeAt(pos - 1))
  )
    return true;
  if (pos >= 6 && text.charCodeAt(pos - 6) === 92 && text.charCodeAt(pos - 5) === 117) {
    for (let i = pos - 4; i < pos; i++) if (!isHex(text.charCodeAt(i))) return false;
    return true;
  }
  return false;
}

/** End of the token starting at `pos`, or -1 when it runs on past the longest key. */
function tokenEnd(text: string, pos: number): number {
  const limit = Math.min(text.length, pos + MAX_KEY_LENGTH + 1);
  let end = pos;
  while (end < limit && isKeyChar(text.charCodeAt(end))) end++;
  return end - pos > MAX_KEY_LENGTH ? -1 : end;
}

function nearby(text: string, start: number, end: number, re: RegExp): boolean {
  return re.test(text.slice(Math.max(0, start - NEAR), Math.min(text.length, end + NEAR)));
}

/**
 * Finds keys in a decoded text. The hot loop is one case-blind regex over every keyword of the table
 * (the engine's literal search, no lower-cased copy of the text); only at a hit is a token cut and the
 * exact pattern tried, and only a shape match pays for entropy, stopwords and context.
 */
export class Scanner {
  private readonly prefilter: RegExp;
  private readonly routes = new Map<string, KeywordRoute>();

  constructor(detectors: readonly Detector[] = DETECTORS) {
    for (const d of detectors) {
      for (const k of d.keywords) {
        const route = this.routes.get(k) ?? { prefixed: [], contextual: [] };
        (d.prefix ? route.prefixed : route.contextual).push(d);
        this.routes.set(k, route);
      }
    }
    // Longest first, so `co_api_key` wins over `api_key` at the same position.
    const words = [...this.routes.keys()].sort((a, b) => b.length - a.length);
    this.prefilter = new RegExp(words.map(escapeRegExp).join('|'), 'gi');
  }

  scan(text: string): KeyMatch[] {
    const out = dedupe(this.scanPlain(text));
    const seen = new Set<string>();
    for (const view of kubernetesSecretViews(text)) {
      for (const m of this.scanPlain(view.text)) {
        const id = `${view.start}\0${m.secret}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ detector: m.detector, secret: m.secret, start: view.start, end: view.end });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private scanPlain(text: string): KeyMatch[] {
    const out: KeyMatch[] = [];
    // Shared: `scan` is synchronous and never nests one plain scan inside another.
    const re = this.prefilter;
    re.lastIndex = 0;
    for (let hit = re.exec(text); hit; hit = re.exec(text)) {
      const pos = hit.index;
      const route = this.routes.get(hit[0].toLowerCase());
      let next = pos + hit[0].length;
      if (route && route.prefixed.length > 0 && startsToken(text, pos)) {
        const m = matchPrefixed(route.prefixed, text, pos);
        if (m) {
          out.push(m);
          next = m.end;
        }
      }
      if (route && route.contextual.length > 0) {
        next = Math.max(next, matchAssigned(route.contextual, text, pos, hit[0].length, out));
      }
      re.lastIndex = next;
    }
    return out;
  }
}

function isPublished(
  when: NonNullable<Detector['publishedWhen']>,
  text: string,
  pos: number,
  end: number,
): boolean {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  return !when.unlessLine.test(line) && nearby(text, pos, end, when.near);
}

/** Characters before a token read for `publicAfter`: enough for the longest of those words. */
const PUBLIC_AFTER_REACH = 24;

function matchPrefixed(detectors: Detector[], text: string, pos: number): KeyMatch | undefined {
  const end = tokenEnd(text, pos);
  if (end < 0) return undefined;
  const token = text.slice(pos, end);
  for (const d of detectors) {
    if (!token.startsWith(d.prefix!) || !d.pattern.test(token)) continue;
    if (isPlaceholderKey(d, token)) continue;
    if (d.publicAfter?.test(text.slice(Math.max(0, pos - PUBLIC_AFTER_REACH), pos))) continue;
    if (d.context && !nearby(text, pos, end, d.context.near)) continue;
    if (d.publishedWhen && isPublished(d.publishedWhen, text, pos, end))
      return { detector: d, secret: token, start: pos, end, published: true };
    return { detector: d, secret: token, start: pos, end };
  }
  return undefined;
}

/**
 * An unquoted value that goes on as code, `= MistralAIPromptExecutionSettings.FromExecutionSettings(…)`
 * or `= CreateClient(…)`, is a name in an expression: a key in code is quoted, and one in a `.env`,
 * YAML or shell file ends at a space, a quote, a `#` or the line's end.
 */
function isExpression(text: string, valueEnd: number): boolean {
  const next = text.charCodeAt(valueEnd);
  if (next === 40) return true; // `(`
  if (next !== 46) return false; // `.`
  const after = text.charCodeAt(valueEnd + 1);
  return (after >= 65 && after <= 90) || (after >= 97 && after <= 122) || after === 95 || after === 36;
}

/**
 * A key without a prefix, as the value of the name around the keyword at `pos`. Returns where the
 * prefilter may go on: past the value when one was found, else past the name.
 */
function matchAssigned(
  detectors: Detector[],
  text: string,
  pos: number,
  length: number,
  out: KeyMatch[],
): number {
  let nameStart = pos;
  const nameMin = Math.max(0, pos - IDENT_MAX);
  while (nameStart > nameMin && isIdentChar(text.charCodeAt(nameStart - 1))) nameStart--;
  let nameEnd = pos + length;
  const nameMax = Math.min(text.length, nameEnd + IDENT_MAX);
  while (nameEnd < nameMax && isIdentChar(text.charCodeAt(nameEnd))) nameEnd++;

  let valueStart: number;
  let quoted = false;
  ASSIGNMENT.lastIndex = nameEnd;
  const op = ASSIGNMENT.exec(text);
  if (op) {
    valueStart = nameEnd + op[0].length;
    quoted = /["'`]$/.test(op[0]);
  } else if (
    (text[nameEnd] === ' ' || text[nameEnd] === '\t') &&
    DOCKER_ENV.test(text.slice(Math.max(0, nameStart - 16), nameStart))
  ) {
    valueStart = nameEnd;
    while (text[valueStart] === ' ' || text[valueStart] === '\t') valueStart++;
  } else return nameEnd;

  const valueEnd = tokenEnd(text, valueStart);
  if (valueEnd <= valueStart) return nameEnd;
  if (!quoted && isExpression(text, valueEnd)) return nameEnd;
  const value = text.slice(valueStart, valueEnd);
  const name = text.slice(nameStart, nameEnd);
  for (const d of detectors) {
    if (!d.context || !d.pattern.test(value)) continue;
    const named = d.context.names?.test(name) ?? false;
    if (!named && !(KEYLIKE_NAME.test(name) && nearby(text, nameStart, valueEnd, d.context.near))) continue;
    if (isPlaceholderKey(d, value)) continue;
    out.push({ detector: d, secret: value, start: valueStart, end: valueEnd });
    return valueEnd;
  }
  return nameEnd;
}

/** Keeps the first of overlapping matches (the longest when two start together). */
function dedupe(matches: KeyMatch[]): KeyMatch[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: KeyMatch[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
