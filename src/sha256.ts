import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');

let crypto: Crypto | undefined;

/**
 * SHA-256 of a string, in hex. `node:crypto` is loaded at the first hash, not with keylint: it takes
 * ~10 ms to load, before the scan could start, and most scans hash a handful of strings at the end.
 */
export function sha256Hex(text: string): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
