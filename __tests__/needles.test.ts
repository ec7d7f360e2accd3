import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DETECTORS } from '../src/detect/detectors.js';
import { BUCKETS, planFingerprints } from '../src/detect/fingerprint-plan.js';
import { anchorNeedles } from '../src/detect/keyword-regions.js';
import { ByteNeedle, innermost, NeedleSearch } from '../src/detect/needles.js';
import { fingerprintTables } from '../src/kernel/kernel.js';

const at = (search: NeedleSearch, text: string): number[] => search.find(Buffer.from(text, 'latin1'));

describe('the byte prefilter finds every needle where it starts', () => {
  const search = new NeedleSearch([
    { text: 'sk-', caseless: false },
    { text: 'xai-', caseless: false },
    { text: 'AIza', caseless: false },
    { text: 'mistral', caseless: true },
    { text: 'co_api_key', caseless: true },
  ]);

  test('at the start, in the middle and at the very end of the buffer', () => {
    expect(at(search, 'sk-')).toEqual([0]);
    expect(at(search, 'a xai-')).toEqual([2]);
    expect(at(search, '..AIza')).toEqual([2]);
    expect(at(search, 'sk-sk-')).toEqual([0, 3]);
  });

  test('needles that share a pivot byte are told apart by the bytes around it', () => {
    // `-` pivots sk- and xai-. The literal inside `task-` counts: token boundaries are the scanner's.
    expect(at(search, 'task-list xai- risk- sk-')).toEqual([2, 10, 17, 21]);
    expect(at(search, 'kai- xa- sk_ s-k-')).toEqual([]);
  });

  test('prefixes are exact, provider names match in lower, upper and capitalised case', () => {
    expect(at(search, 'SK- Sk- aiza AIZA')).toEqual([]);
    expect(at(search, 'mistral MISTRAL Mistral mIstral')).toEqual([0, 8, 16]);
    expect(at(search, 'CO_API_KEY=1 co_api_key Co_api_key')).toEqual([0, 13, 24]);
  });

  test('each start once, in order, however many needles overlap there', () => {
    const overlapping = new NeedleSearch([
      { text: 'sk-', caseless: false },
      { text: 'sk-ant-', caseless: false },
    ]);
    expect(at(overlapping, 'x sk-ant- sk-')).toEqual([2, 10]);
  });

  test('the longest needle bounds how far a hit reaches', () => {
    expect(search.longest).toBe('co_api_key'.length);
  });
});

describe('one literal, searched by its rarest stretch', () => {
  test.each(['Anthropic', 'penai', 'otenv', 'GoogleGenAI', 'xai_sdk.Client', 'ENV', '$'])(
    '%s is found wherever it is, and not where it is cut short',
    (text) => {
      const needle = new ByteNeedle(text);
      for (const before of ['', 'a', 'some text before '])
        for (const after of ['', 'z', ' and after'])
          expect(needle.indexIn(Buffer.from(before + text + after))).toBe(before.length);
      expect(needle.in(Buffer.from(text.slice(0, -1)))).toBe(false);
      expect(needle.in(Buffer.from(text.slice(1)))).toBe(false);
      expect(needle.indexIn(Buffer.from(`${text} ${text}`), 1)).toBe(text.length + 1);
    },
  );

  test('a literal that holds another is left out: the shorter one finds both', () => {
    expect(innermost(['OpenAI', 'AzureOpenAI', 'Groq', 'Groq'])).toEqual(['OpenAI', 'Groq']);
  });
});

describe('whether any needle occurs', () => {
  const search = new NeedleSearch([
    { text: 'process.env', caseless: false },
    { text: 'OpenAI', caseless: false },
    { text: '$', caseless: false },
  ]);

  test.each([
    ['x = process.env.A', true],
    ['new OpenAI()', true],
    ['echo $HOME', true],
    ['process.en v, Open AI, openai', false],
    ['', false],
  ])('%s: %s', (text, expected) => {
    expect(search.in(Buffer.from(text, 'latin1'))).toBe(expected);
  });
});

describe('the fingerprint plan', () => {
  const literals = anchorNeedles(DETECTORS)
    .flatMap((n) => (n.caseless ? [n.text, n.text.toUpperCase()] : [n.text]))
    .filter((t) => t.length >= 3)
    .map((t) => Buffer.from(t, 'latin1'));

  test('gives every literal three of its own bytes, in one of the buckets, the same way every time', () => {
    const plan = planFingerprints(literals);
    expect(plan.buckets.length).toBeLessThanOrEqual(BUCKETS);
    const planned = new Set(plan.buckets.flat().map((b) => b.toString('latin1')));
    literals.forEach((bytes, i) => {
      const at = plan.offsets[i]!;
      expect(at + 3).toBeLessThanOrEqual(bytes.length);
      expect(planned.has(bytes.toString('latin1', at, at + 3))).toBe(true);
    });
    expect(planFingerprints(literals)).toEqual(plan);
  });

  test('lets through fewer positions of source text than an even split of the same fingerprints', () => {
    // Positions of a text where some bucket admits all three bytes: each is a detour from the fast path.
    const admitted = (buckets: Buffer[][], text: Buffer): number => {
      const tables = fingerprintTables(buckets).nibbles;
      let n = 0;
      for (let i = 0; i + 3 <= text.length; i++) {
        let m = 255;
        for (let j = 0; j < 3; j++)
          m &= tables[32 * j + (text[i + j]! & 15)]! & tables[32 * j + 16 + (text[i + j]! >> 4)]!;
        if (m !== 0) n++;
      }
      return n;
    };
    const text = readFileSync(new URL('../src/pipeline.ts', import.meta.url));
    const plan = planFingerprints(literals);
    const prints = plan.buckets.flat().sort(Buffer.compare);
    const per = Math.ceil(prints.length / BUCKETS);
    const even = Array.from({ length: BUCKETS }, (_b, k) => prints.slice(k * per, (k + 1) * per));
    expect(admitted(plan.buckets, text) * 2).toBeLessThan(admitted(even, text));
  });
});
