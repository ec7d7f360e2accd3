import { describe, expect, test } from '@jest/globals';
import { DETECTORS, type Detector } from '../src/detect/detectors.js';
import {
  containsStopword,
  hasKeyboardWalk,
  isPlaceholder,
  isPlaceholderKey,
  looksMadeUp,
  randomPart,
  shannonEntropy,
  STOPWORDS,
} from '../src/detect/placeholders.js';
import { sha256Hex } from '../src/sha256.js';
import { ALNUM, body, HEX, keys, OPENAI_MARKER } from './helpers/keys.js';

const detector = (id: string): Detector => DETECTORS.find((d) => d.id === id)!;

describe('entropy', () => {
  test.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['abcdefgh', 3],
    ['aab', 0.9183],
  ])('%j has %d bits per character', (s, bits) => {
    expect(shannonEntropy(s)).toBeCloseTo(bits, 4);
  });
});

describe('stopwords', () => {
  test.each(STOPWORDS.map((w) => [w]))('%s, in lower, upper and capitalised case, not mixed', (w) => {
    const cap = w.charAt(0).toUpperCase() + w.slice(1);
    for (const form of [w, w.toUpperCase(), cap]) expect(containsStopword(`Q7${form}Z9`)).toBe(true);
    // The second letter alone in capitals is none of the three forms.
    if (/^.[a-z]/.test(w) && w.length > 2) {
      const mixed = w[0]! + w[1]!.toUpperCase() + w.slice(2);
      expect(containsStopword(`Q7${mixed}Z9`)).toBe(false);
    }
  });

  test('four-letter words and near misses are not stopwords', () => {
    for (const s of ['testQ7', 'fakeQ7', 'exampl', 'samplQ', 'xxxxx', '12345', 'your', 'Q7*Z9']) {
      expect({ s, found: containsStopword(s) }).toEqual({ s, found: false });
    }
  });
});

describe('made-up words', () => {
  test.each([
    ['test' + 'Q7z9Kd2L', true],
    ['fake' + 'Q7z9Kd2L', true],
    ['TEST' + 'Q7z9Kd2L', true],
    ['Q7z9-test-Kd2L', true],
    ['Q7z9_fake', true],
    ['Q7z9testkeyKd2L', true],
    ['Q7z9fake_tokenKd2L', true],
    ['Q7z9test-secretKd2L', true],
    ['Q7z9testKd2L', false],
    ['Q7z9-testKd2L', false],
    ['Q7z9fakeKd2L', false],
    ['Q7z9-tes-Kd2L', false],
  ])('%s looks made up: %s', (s, made) => {
    expect(looksMadeUp(s)).toBe(made);
  });
});

describe('keyboard walks', () => {
  test.each([
    ['Q7abcdefghZ9', true],
    ['Q7abcdefgZ9', false],
    ['Q7zYxWvUtSZ9', true],
    ['Q7zYxWvUtZ9', false],
    ['Q798765432Z', true],
    ['Q79876543Z', false],
    ['Q12345678', true],
    ['Q1234567', false],
    // Short walks of three or more, back to back, covering 12 characters.
    ['Qabc123def456', true],
    ['Qabc123def45', false],
    ['Qabc123Xdef456', false],
    ['Qcba321fed654', true],
    ['Qab12cd34ef56gh', false],
    ['abcd1234efgh', true],
    ['abcd1234efg', false],
    // A letter then a digit is no step, nor two equal characters.
    ['a1b2c3d4e5f6g7h8', false],
    ['aabbccddeeffgghh', false],
    ['', false],
    ['a', false],
  ])('%s: %s', (s, walk) => {
    expect(hasKeyboardWalk(s)).toBe(walk);
  });

  test('random key bodies hold none', () => {
    for (let i = 0; i < 50; i++) expect(looksMadeUp(body(48))).toBe(false);
  });
});

describe('the random part of a key', () => {
  test('without its prefix and its fixed marker', () => {
    const secret = keys.openaiProject(30);
    const d = detector('openai-project-key');
    const random = randomPart(d, secret);
    expect(random).toBe(secret.slice(d.prefix!.length).replace(OPENAI_MARKER, ''));
    expect(random).toHaveLength(60);
    // A value that does not start with the prefix keeps all of it.
    expect(randomPart(d, 'Q7z9Kd2L')).toBe('Q7z9Kd2L');
    expect(randomPart(detector('mistral-api-key'), 'Q7z9Kd2L')).toBe('Q7z9Kd2L');
  });
});

describe('a value of the right shape that is a stand-in', () => {
  const groq = detector('groq-api-key');
  const prefix = groq.prefix!;

  test('a real key is not one', () => {
    expect(isPlaceholderKey(groq, keys.groq())).toBe(false);
  });

  test('too little randomness, judged without the prefix', () => {
    // Two characters alternating: one bit per character, under every floor.
    expect(isPlaceholderKey(groq, prefix + 'ab'.repeat(26))).toBe(true);
    const d = detector('openai-project-key');
    // Exactly at the floor is enough: 8 characters, each as often: 3 bits.
    const eight = 'Q7z9Kd2L'.repeat(10);
    expect(shannonEntropy(eight)).toBeCloseTo(3, 10);
    expect(isPlaceholderKey(d, `${d.prefix}${eight}${OPENAI_MARKER}${eight}`)).toBe(false);
    const seven = 'Q7z9Kd2'.repeat(11);
    expect(isPlaceholderKey(d, `${d.prefix}${seven}${OPENAI_MARKER}${seven}`)).toBe(true);
  });

  test('a stopword, a made-up word or a walk in the body', () => {
    const rest = body(40);
    for (const stand of ['EXAMPLE', 'test_', 'qrstuvwxyz'])
      expect(isPlaceholderKey(groq, prefix + stand + rest.slice(stand.length))).toBe(true);
  });

  test('a value a kind says is something else (hex only: a commit id)', () => {
    const d = DETECTORS.find((x) => x.notValues)!;
    const hex = body(40, HEX);
    expect(d.notValues!.test(hex)).toBe(true);
    expect(isPlaceholderKey({ ...d, minEntropy: 0 }, hex)).toBe(true);
    expect(isPlaceholderKey({ ...d, minEntropy: 0 }, body(40, ALNUM))).toBe(false);
  });

  test('a published sample key, by its hash', () => {
    const secret = keys.groq();
    expect(isPlaceholderKey({ ...groq, sampleSha256: [sha256Hex(secret)] }, secret)).toBe(true);
    expect(isPlaceholderKey({ ...groq, sampleSha256: [sha256Hex(secret + 'x')] }, secret)).toBe(false);
  });
});

describe('any value: templates and obvious stand-ins', () => {
  test.each([
    '${OPENAI_API_KEY}',
    '$OPENAI_API_KEY',
    '${{ secrets.OPENAI_API_KEY }}',
    '{{ api_key }}',
    '%OPENAI_API_KEY%',
    '<your-key>',
    '  <your key>  ',
    '...',
    '…',
    'sk-...',
    'sk-abc…',
    'sk-YOUR_KEY_HERE',
    'keyhere',
    'KEY_HERE',
    'sk-proj-xxxx',
    'gsk_abababababababababab',
  ])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  test('a real key, and values that only look like templates in part, are not', () => {
    expect(isPlaceholder(keys.groq())).toBe(false);
    expect(isPlaceholder(keys.mistral())).toBe(false);
    // The prefix is left out of the entropy: a body of 6 distinct characters holds 2.58 bits.
    expect(isPlaceholder('sk-proj-abcdefabcdef')).toBe(false);
    expect(isPlaceholder('abcdefabcdef')).toBe(false);
    expect(isPlaceholder('abcdabcd')).toBe(true);
    expect(isPlaceholder('Q7z9<y>Kd2L')).toBe(false);
    expect(isPlaceholder('a$Q7z9Kd2L')).toBe(false);
  });
});

describe('edges of the rules', () => {
  test('a walk from the first digit or the first capital is a walk', () => {
    expect(hasKeyboardWalk('x01234567x')).toBe(true);
    expect(hasKeyboardWalk('xABCDEFGHx')).toBe(true);
    expect(hasKeyboardWalk('x0123456x')).toBe(false);
  });

  test('camel-case names: lower-case first or an acronym last, and only from 32 characters', () => {
    expect(looksMadeUp('openRouterChatCompletionServiceSettings')).toBe(true);
    expect(looksMadeUp('ChatCompletionServiceForAzureOpenAI')).toBe(true);
    expect(looksMadeUp('OpenRouterChatCompletionSets')).toBe(false);
    expect(looksMadeUp('OpenAIPromptExecutionSettings2025')).toBe(false);
  });

  test('ends typed over: four of one character at each end, not three', () => {
    // As autogen's tests write an Azure key: a real key's ends overwritten with `1111`.
    // Not `1` next to the ends, or three would make four.
    const middle = `a${body(22, HEX)}b`;
    expect(isPlaceholderKey(detector('azure-openai-key'), `1111${middle}1111`)).toBe(true);
    expect(looksMadeUp(`zzzz${body(24)}QQQQ`)).toBe(true);
    expect(looksMadeUp(`111${middle}1111`)).toBe(false);
    expect(looksMadeUp(`1111${middle}111`)).toBe(false);
    expect(looksMadeUp(`1112${middle}1111`)).toBe(false);
    expect(looksMadeUp(`1111${middle}2111`)).toBe(false);
  });

  test('a template must be the whole value', () => {
    expect(isPlaceholder(`%PATH%${keys.openaiProject()}`)).toBe(false);
    expect(isPlaceholder(`<b>${keys.anthropic()}`)).toBe(false);
  });

  test('the prefix left out of the randomness is one or two words and their separators', () => {
    // Without its prefix the body is all one letter; with it, over 2.5 bits a character.
    expect(isPlaceholder('abcdef-ghijklmn-abababab')).toBe(true);
    expect(isPlaceholder('bcdefg-xxxxx')).toBe(true);
  });

  test('"key here" with or without the underscore, and exactly 2.5 bits is enough', () => {
    expect(isPlaceholder('sk-KEYHERE9f3k2m7q')).toBe(true);
    expect(isPlaceholder('sk-key_here9f3k2m7q')).toBe(true);
    // Two letters twice and four once: exactly 2.5 bits a character.
    expect(shannonEntropy('aabbcdef')).toBe(2.5);
    expect(isPlaceholder('aabbcdef')).toBe(false);
  });
});
