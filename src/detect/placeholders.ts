/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const STOPWORDS = [
  'example',
  'sample',
  'your',
  'placeholder',
  'dummy',
  'xxxxxx',
  'aaaaaa',
  '000000',
  'abcdefghij',
  '******',
  'redacted',
  'changeme',
  'insert',
];

/** A value shaped like a key that is a template or a stand-in, not a secret. */
export function isPlaceholder(secret: string): boolean {
  const lower = secret.toLowerCase();
  return STOPWORDS.some((w) => lower.includes(w));
}
