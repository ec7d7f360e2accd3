import { sha256Hex } from '../sha256.js';
import type { Detector } from './detectors.js';

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Words that mark a stand-in. Matched in lower, upper or capitalised form only (`example`,
 * `EXAMPLE`, `Example`), and none shorter than five characters: a random key holds one by chance
 * about once in 10^5 keys (measured), where case-blind four-letter words dropped one in 10^4.
 */
export const STOPWORDS: readonly string[] = [
  'example',
  'sample',
  'placeholder',
  'dummy',
  'redacted',
  'changeme',
  'insert',
  'replace',
  'your_',
  'your-',
  'yourkey',
  'yourapikey',
  'fake_',
  'fake-',
  'fakekey',
  'xxxxxx',
  'aaaaaa',
  '000000',
  '123456',
  'abcdefgh',
  '*****',
];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const STOPWORD_RE = new RegExp(
  [...new Set(STOPWORDS.flatMap((w) => [w, w.toUpperCase(), cap(w)]))].map(escapeRe).join('|'),
);

export function containsStopword(s: string): boolean {
  return STOPWORD_RE.test(s);
}

/** The part of a key that should be random: without its prefix and fixed markers. */
export function randomPart(d: Detector, secret: string): string {
  let s = d.prefix && secret.startsWith(d.prefix) ? secret.slice(d.prefix.length) : secret;
  for (const m of d.markers ?? []) s = s.replace(m, '');
  return s;
}

/**
 * A value of the right shape that is a stand-in, not a secret: too little randomness
 * (`sk-xxxx…`, all-`0` bodies, `abc123abc123…`), a stopword (`sk-proj-YOUR_KEY_HERE…`), or a
 * publicly documented sample key. Templates (`${VAR}`, `{{ key }}`, `%KEY%`, `<your-key>`) never
 * reach here: their characters are outside every key alphabet.
 */
export function isPlaceholderKey(d: Detector, secret: string): boolean {
  const random = randomPart(d, secret);
  if (shannonEntropy(random) < d.minEntropy) return true;
  if (containsStopword(random)) return true;
  if (d.notValues?.test(secret)) return true;
  return d.sampleSha256 !== undefined && d.sampleSha256.includes(sha256Hex(secret));
}

const TEMPLATE = /^\s*(?:\$\{?\w+\}?|\$\{\{.*\}\}|\{\{.*\}\}|%\w+%|<[^<>]*>|\.\.\.|…)\s*$/;

/**
 * For any value (not tied to a key kind): a template or an obvious stand-in such as `${OPENAI_API_KEY}`,
 * `${{ secrets.X }}`, `{{ key }}`, `%KEY%`, `<your-key>`, `sk-...`, `sk-YOUR_KEY_HERE`, `sk-xxxx`.
 */
export function isPlaceholder(value: string): boolean {
  if (TEMPLATE.test(value) || /\.\.\.|…/.test(value)) return true;
  const body = value.replace(/^[A-Za-z0-9]{1,6}[-_](?:[A-Za-z0-9]{1,8}[-_])?/, '');
  return containsStopword(value) || /key_?here/i.test(value) || shannonEntropy(body) < 2.5;
}
