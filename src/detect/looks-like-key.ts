import { isPlaceholder, shannonEntropy } from './placeholders.js';

/**
 * A literal no detector knows that could still be a real credential: long, printable, no template,
 * path or placeholder, and varied enough. Used where a value is judged by its shape alone (a
 * workflow's `env:` literal, a key written into a client's constructor).
 */
export function looksLikeKey(v: string): boolean {
  return (
    v.length >= 16 &&
    /^[\x21-\x7e]+$/.test(v) &&
    !v.includes('${{') &&
    !v.startsWith('$') &&
    !/^(?:https?:|\/|~|\.)/.test(v) &&
    !isPlaceholder(v) &&
    shannonEntropy(v) >= 3
  );
}

/**
 * A random key almost always mixes letters and digits (a 32-character base62 key has none of one
 * kind once in 250); a hyphenated name such as `sk-synthetic-stream-api-key` does not. Only such a
 * value is taken for a secret worth masking piece by piece.
 */
export function looksRandom(v: string): boolean {
  return looksLikeKey(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v);
}
