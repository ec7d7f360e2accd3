import { describe, expect, test } from '@jest/globals';
import { DETECTORS, MAX_KEY_LENGTH } from '../src/detect/detectors.js';
import { Scanner } from '../src/detect/scanner.js';
import { ALNUM_DASH, body, OPENAI_MARKER } from './helpers/keys.js';

const scanner = new Scanner();

/** OpenAI's marker-anchored kinds: the halves around the marker have no fixed length. */
const LONG_FORMS = [
  { rule: 'openai-project-key', prefix: ['sk', 'proj', ''].join('-') },
  { rule: 'openai-service-account-key', prefix: ['sk', 'svcacct', ''].join('-') },
  { rule: 'openai-service-key', prefix: ['sk', 'service', 'ci-bot', ''].join('-') },
  { rule: 'openai-admin-key', prefix: ['sk', 'admin', ''].join('-') },
  { rule: 'openai-none-key', prefix: ['sk', 'None', ''].join('-') },
];

const key = (prefix: string, before: number, after: number): string =>
  prefix + body(before, ALNUM_DASH) + OPENAI_MARKER + body(after, ALNUM_DASH);

describe('OpenAI keys whose halves are longer than any seen so far are still found', () => {
  test.each(LONG_FORMS)('$rule', ({ rule, prefix }) => {
    // The longest halves that fit in the longest token the scanner reads.
    const most = Math.floor((MAX_KEY_LENGTH - prefix.length - OPENAI_MARKER.length) / 2);
    const lengths: [number, number][] = [
      [81, 81],
      [96, 120],
      [20, 150],
      [150, 20],
      [most, most],
    ];
    for (const [before, after] of lengths) {
      const secret = key(prefix, before, after);
      expect(secret.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
      const found = scanner.scan(`OPENAI_API_KEY=${secret}\n`);
      expect({ before, after, found: found.map((m) => [m.detector.id, m.secret]) }).toEqual({
        before,
        after,
        found: [[rule, secret]],
      });
    }
  });

  test('one more character than the scanner reads is not a key, at any split', () => {
    const prefix = LONG_FORMS[0]!.prefix;
    const rest = MAX_KEY_LENGTH + 1 - prefix.length - OPENAI_MARKER.length;
    const secret = key(prefix, Math.floor(rest / 2), Math.ceil(rest / 2));
    expect(secret.length).toBe(MAX_KEY_LENGTH + 1);
    expect(scanner.scan(`K=${secret}\n`)).toEqual([]);
  });

  test('the patterns themselves put no upper bound on a half', () => {
    for (const { rule } of LONG_FORMS) {
      const d = DETECTORS.find((x) => x.id === rule)!;
      const prefix = d.prefix!;
      expect(d.pattern.test(key(prefix, 20, 20))).toBe(true);
      expect(d.pattern.test(key(prefix, 19, 40))).toBe(false);
      expect(d.pattern.test(key(prefix, 40, 19))).toBe(false);
      expect(d.pattern.test(key(prefix, 300, 300))).toBe(true);
    }
  });
});
