import { sha256Hex } from '../sha256.js';
import type { Detector } from './detectors.js';
import { isPublicSample } from './sample-keys.js';
import { escapeRegExp } from '../text/regexp.js';

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
  '654321',
  'abc123',
  'abcdefgh',
  '*****',
];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const STOPWORD_RE = new RegExp(
  [...new Set(STOPWORDS.flatMap((w) => [w, w.toUpperCase(), cap(w)]))].map(escapeRegExp).join('|'),
);

export function containsStopword(s: string): boolean {
  return STOPWORD_RE.test(s);
}

/**
 * `test` and `fake` are too short to be stopwords anywhere in a key (a random key holds one about once
 * in 10^5): they mark a made-up key where they stand as a word, at the start of the body or between
 * `-`/`_`, or run into `key`/`token`/`secret`.
 */
const MADE_UP_WORD = /^(?:test|fake)|[-_](?:test|fake)(?:[-_]|$)|(?:test|fake)[-_]?(?:key|token|secret)/i;

/**
 * +1 or -1 when `b` follows `a` in the alphabet (either case) or among the digits, else 0. Only key
 * characters come here (letters, digits, `-`, `_`), and the codes of `-` (45) and `_` (95) are not next
 * to a digit's or a letter's: loosening the tests below to let them, or `NaN` past a string's end, in
 * as letters or digits makes no new step.
 */
function step(a: number, b: number): number {
  // Stryker disable next-line ConditionalExpression: see above
  const digit = (c: number): boolean => c >= 48 && c <= 57;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,UnaryOperator: see above
  const letter = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c >= 97 && c <= 122 ? c : -1);
  let d = 0;
  // Stryker disable next-line LogicalOperator: see above
  if (digit(a) && digit(b)) d = b - a;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: see above (and no letter's value is 0)
  else if (letter(a) >= 0 && letter(b) >= 0) d = letter(b) - letter(a);
  return d === 1 || d === -1 ? d : 0;
}

/** A single walk this long is typed, not drawn: `abcdefgh`, `zYxWvUtS`, `98765432` (hex keys: about 1 in 10^6). */
const LONG_WALK = 8;
/** Short walks back to back (`abc123def456`) covering this much are typed too. */
const WALK_CHAIN = 12;
const SHORT_WALK = 3;

/** Whether `s` holds an alphabet or digit walk, forwards or backwards, or a chain of short ones. */
export function hasKeyboardWalk(s: string): boolean {
  let chain = 0;
  // Past the end, `charCodeAt` is `NaN`, which makes no step: the bounds stop nothing the steps do not.
  // Stryker disable next-line EqualityOperator: see above
  for (let i = 0; i < s.length;) {
    let j = i + 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
    const dir = j < s.length ? step(s.charCodeAt(i), s.charCodeAt(j)) : 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: see above
    if (dir !== 0) while (j < s.length && step(s.charCodeAt(j - 1), s.charCodeAt(j)) === dir) j++;
    const run = j - i;
    if (run >= LONG_WALK) return true;
    chain = run >= SHORT_WALK ? chain + run : 0;
    if (chain >= WALK_CHAIN) return true;
    i = j;
  }
  return false;
}

/**
 * A class or type name in a key's place: `MistralAIPromptExecutionSettings`, which a C# line assigns
 * to a `mistral…` variable, has the shape of a Mistral key. Three or more words in camel case and no
 * digit: measured on 4 million random keys of letters and digits, one in 18,000 of 32 characters
 * looks so, one in 270,000 of 40; shorter random parts are left alone (one in 600 at 20).
 */
const CAMEL_CASE_NAME = /^[a-z]*(?:[A-Z]+[a-z]{2,}){3,}[A-Z]*$/;
const CAMEL_CASE_MIN = 32;

/**
 * A real key with both ends typed over, as a test's stand-in: `1111…1111` (autogen's Azure key). Four
 * of one character at each end: a random hex key is so one time in 16^6, a longer alphabet's rarer.
 */
const PADDED_ENDS = /^(.)\1{3}.*(.)\2{3}$/;

/**
 * A key body a person typed, or a name in its place: a stopword, a made-up word, a walk, a camel-case
 * name, ends typed over.
 */
export function looksMadeUp(s: string): boolean {
  return (
    containsStopword(s) ||
    MADE_UP_WORD.test(s) ||
    hasKeyboardWalk(s) ||
    (s.length >= CAMEL_CASE_MIN && CAMEL_CASE_NAME.test(s)) ||
    PADDED_ENDS.test(s)
  );
}

/** The part of a key that should be random: without its prefix and fixed markers. */
export function randomPart(d: Detector, secret: string): string {
  let s = d.prefix && secret.startsWith(d.prefix) ? secret.slice(d.prefix.length) : secret;
  // Stryker disable next-line ArrayDeclaration: no key holds the stand-in text put there
  for (const m of d.markers ?? []) s = s.replace(m, '');
  return s;
}

/**
 * A value of the right shape that is a stand-in, not a secret: too little randomness
 * (`sk-xxxx…`, all-`0` bodies), a stopword (`sk-proj-YOUR_KEY_HERE…`), a made-up body (an alphabet
 * walk, `abc123def456…`, `sk-test-…`), a camel-case name, or a publicly documented sample key (by its hash). Templates (`${VAR}`, `{{ key }}`, `%KEY%`, `<your-key>`) never
 * reach here: their characters are outside every key alphabet.
 */
export function isPlaceholderKey(d: Detector, secret: string): boolean {
  const random = randomPart(d, secret);
  if (shannonEntropy(random) < d.minEntropy) return true;
  if (looksMadeUp(random)) return true;
  if (d.notValues?.test(secret)) return true;
  const hash = sha256Hex(secret);
  return isPublicSample(hash) || (d.sampleSha256 !== undefined && d.sampleSha256.includes(hash));
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
