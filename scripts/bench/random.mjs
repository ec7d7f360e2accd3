// Deterministic bytes: the same seed gives the same corpus, key for key, on every run and in every
// checkout, so that the findings of two scanner builds can be compared line by line.
import { createCipheriv, createHash } from 'node:crypto';

/** A stream of pseudo-random bytes (AES-128 in counter mode over zeros) drawn `n` at a time. */
export function seededBytes(seed) {
  const digest = createHash('sha256').update(String(seed)).digest();
  const cipher = createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
  return (n) => cipher.update(Buffer.alloc(n));
}
