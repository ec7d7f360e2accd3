import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { NeedleSearch, type Needle } from '../src/detect/needles.js';
import { kernel, WINDOW_CAPACITY } from '../src/kernel/kernel.js';
import { CHUNK_BYTES, WINDOW_OVERLAP } from '../src/sources/read.js';
// @ts-expect-error: a plain JavaScript build script, no type declarations
import { kernelSource, OUT } from '../scripts/build-kernel.mjs';
import { ROOT } from './helpers/run-action.js';

/** A deterministic byte stream: text-like, with every byte value now and then. */
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x % 17 === 0 ? (x >>> 8) & 0xff : 32 + ((x >>> 8) % 95);
  }
  return out;
}

/** The same bytes in the kernel's own window (read in place) and in an ordinary buffer (staged). */
function bothHomes(buf: Buffer): Array<[string, Buffer]> {
  const inWindow = kernel().window(buf.length)!;
  buf.copy(inWindow);
  return [
    ['in the window', inWindow],
    ['elsewhere', Buffer.from(buf)],
  ];
}

function naiveCount(buf: Buffer, byte: number): number {
  let n = 0;
  for (const b of buf) if (b === byte) n++;
  return n;
}

function naiveControls(buf: Buffer): number {
  if (buf.includes(0)) return -1;
  let n = 0;
  for (const b of buf) if (b < 9 || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f) || b === 0x7f) n++;
  return n;
}

function naiveFind(buf: Buffer, needles: readonly Needle[]): number[] {
  const texts = needles.flatMap((n) =>
    n.caseless
      ? [n.text.toLowerCase(), n.text.toUpperCase(), n.text[0]!.toUpperCase() + n.text.slice(1).toLowerCase()]
      : [n.text],
  );
  const hits = new Set<number>();
  for (const t of texts) for (let p = buf.indexOf(t); p !== -1; p = buf.indexOf(t, p + 1)) hits.add(p);
  return [...hits].sort((a, b) => a - b);
}

test('src/kernel/scan-wasm.ts is what scan.wat compiles to (run `npm run package`)', async () => {
  const committed = readFileSync(path.join(ROOT, OUT as string), 'utf8');
  expect(committed).toBe(await (kernelSource as (root: string) => Promise<string>)(ROOT));
});

test('the window holds a read chunk and the overlap on both sides', () => {
  expect(CHUNK_BYTES + 2 * WINDOW_OVERLAP).toBeLessThanOrEqual(WINDOW_CAPACITY);
  expect(kernel().window(WINDOW_CAPACITY + 1)).toBeNull();
});

describe('counting a byte', () => {
  // Lengths around the 16-byte vectors and across the 64 KiB stage.
  test.each([0, 1, 15, 16, 17, 31, 1000, 65_535, 65_536, 200_001])('%d bytes, in place and staged', (n) => {
    const buf = bytes(n, n + 1);
    for (const [, b] of bothHomes(buf)) {
      expect(kernel().count(b, 10)).toBe(naiveCount(buf, 10));
      expect(kernel().count(b, 0x41, 3, Math.max(3, n - 5))).toBe(naiveCount(buf.subarray(3, n - 5), 0x41));
    }
  });

  test('a byte on every position: counts kept per lane never wrap', () => {
    for (const n of [4080, 4096, 4097, 100_003]) {
      const buf = Buffer.alloc(n, 10);
      for (const [, b] of bothHomes(buf)) expect(kernel().count(b, 10)).toBe(n);
    }
  });
});

describe('counting UTF-8 characters', () => {
  // Every byte value appears (bytes() mixes them in), continuation bytes among them.
  test.each([0, 1, 15, 16, 17, 1000, 65_536, 200_001])('%d bytes, in place and staged', (n) => {
    const buf = bytes(n, 3 * n + 11);
    const starts = (b: Buffer): number => b.filter((x) => (x & 0xc0) !== 0x80).length;
    for (const [, b] of bothHomes(buf)) {
      expect(kernel().chars(b)).toBe(starts(buf));
      expect(kernel().chars(b, 2, Math.max(2, n - 7))).toBe(starts(buf.subarray(2, n - 7)));
    }
  });

  test('valid UTF-8 counts as many characters as it decodes to', () => {
    const text = 'é😀€a\u0000ß'.repeat(999);
    expect(kernel().chars(Buffer.from(text, 'utf8'))).toBe([...text].length);
  });
});

describe('judging control bytes', () => {
  test.each([0, 5, 16, 100, 8000, 70_000])('%d bytes of mixed text', (n) => {
    const buf = bytes(n, 7 * n + 3);
    for (const [, b] of bothHomes(buf)) expect(kernel().controls(b)).toBe(naiveControls(buf));
  });

  test('a NUL anywhere, even in the last bytes, makes it -1; tab, newlines, form feed and escape are text', () => {
    const text = Buffer.from('a\tb\nc\rd\fe\x1bf'.repeat(5));
    expect(kernel().controls(text)).toBe(0);
    for (const at of [0, 15, 16, text.length - 1]) {
      const nul = Buffer.from(text);
      nul[at] = 0;
      expect(kernel().controls(nul)).toBe(-1);
    }
    expect(kernel().controls(Buffer.from([1, 8, 0x0e, 0x1a, 0x1c, 0x1f, 0x7f, 0x0b, 0x20]))).toBe(7);
  });
});

describe('the candidate search finds every needle a plain search finds', () => {
  const needles: Needle[] = [
    { text: 'sk-', caseless: false },
    { text: 'AIza', caseless: false },
    { text: 'hf_', caseless: false },
    { text: 'xai-', caseless: false },
    { text: 'mistral', caseless: true },
    { text: 'api-key', caseless: true },
    { text: 'Secret', caseless: false },
    { text: 'co_api_key', caseless: true },
    { text: 'pplx-', caseless: false },
    { text: 'r8_', caseless: false },
    { text: 'process.env', caseless: false },
    { text: 'a', caseless: false },
  ];
  const search = new NeedleSearch(needles);

  test.each([1, 2, 3])('random text with needles planted (seed %d), in place and staged', (seed) => {
    const buf = bytes(300_000, seed);
    const words = ['sk-', 'AIza', 'MISTRAL', 'Mistral', 'mIstral', 'API-KEY', 'Secret', 'r8_', 'process.env'];
    for (let i = 0; i < 2000; i++) {
      const w = words[i % words.length]!;
      // Some land across the stage's 64 KiB slices and at the very end.
      const at = i === 0 ? buf.length - w.length : (i * 7919 + seed * 131) % (buf.length - w.length);
      buf.write(w, at, 'latin1');
    }
    const expected = naiveFind(buf, needles);
    for (const [where, b] of bothHomes(buf)) expect([where, search.find(b)]).toEqual([where, expected]);
  });

  test('more candidates than the kernel holds at once are all reported', () => {
    const buf = Buffer.from('sk-'.repeat(40_000), 'latin1');
    const expected = naiveFind(buf, needles);
    expect(expected).toHaveLength(40_000);
    for (const [, b] of bothHomes(buf)) expect(search.find(b)).toEqual(expected);
  });

  test('nothing past the end of a buffer is read as part of it', () => {
    const window = kernel().window(64)!;
    window.write('sk-sk-', 0, 'latin1');
    expect(search.find(window.subarray(0, 4))).toEqual([0]);
    expect(search.find(Buffer.from('sk'))).toEqual([]);
  });
});
