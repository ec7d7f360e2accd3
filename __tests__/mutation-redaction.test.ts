import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactKeysIn } from '../src/detect/redact-text.js';
import { describeError, UserError } from '../src/errors.js';
import {
  compareFindings,
  factFingerprint,
  FAIL_ON_LEVELS,
  redact,
  secretFingerprint,
  type Finding,
} from '../src/finding.js';
import {
  appendOutputFile,
  guardStandardStreams,
  outgoingJson,
  outputValue,
  writeOutputFile,
} from '../src/output.js';
import {
  enableRunnerMasking,
  MIN_PIECE,
  registeredSecretCount,
  registerSecret,
  scrub,
} from '../src/secrets.js';
import { keys } from './helpers/keys.js';
import { leak } from './helpers/scan-result.js';

describe('a secret that appears more than once in one text is scrubbed everywhere', () => {
  test('the same key twice in an error message is redacted at both places', () => {
    const key = keys.openaiProject();
    const out = redactKeysIn(`config line 3: OPENAI_API_KEY=${key} shadows OPENAI_API_KEY=${key} on line 9`);
    expect(out).not.toContain(key.slice(12, 40));
    expect(out).toBe(
      `config line 3: OPENAI_API_KEY=${redact(key)} shadows OPENAI_API_KEY=${redact(key)} on line 9`,
    );
  });

  test('the same key three times, back to back and apart, in one report line', () => {
    const key = keys.anthropic();
    registerSecret(key);
    expect(scrub(`${key}${key} and ${key}.`)).toBe('******** and ****.');
  });

  test('the same piece of a key twice, and the key again after another key', () => {
    const key = keys.huggingface();
    const other = keys.groq();
    registerSecret(key);
    registerSecret(other);
    const piece = key.slice(6, 20);
    expect(scrub(`a ${piece} b ${piece} c ${other} d ${key} e ${piece}`)).toBe(
      'a **** b **** c **** d **** e ****',
    );
  });

  test('a described error names where, and hides every copy of the key it quotes', () => {
    const key = keys.groq();
    const err = new UserError(`bad value ${key} (also ${key})`, { path: '.keylint.yml', line: 4 });
    expect(describeError(err)).toBe(`.keylint.yml:4: bad value ${redact(key)} (also ${redact(key)})`);
    expect(describeError(new UserError('no where', { path: 'a.yml' }))).toBe('a.yml: no where');
    expect(describeError(new Error(`boom ${key}`))).toBe(`internal error: boom ${redact(key)}`);
    expect(describeError(`thrown ${key}`)).toBe(`internal error: thrown ${redact(key)}`);
  });

  test('a text without keys is returned as it is', () => {
    expect(redactKeysIn('nothing to see: sk-learn, OPENAI_API_KEY=')).toBe(
      'nothing to see: sk-learn, OPENAI_API_KEY=',
    );
  });
});

describe('what is registered, and what is not', () => {
  test('values shorter than a piece are never scrubbed; the prefix redact shows is kept', () => {
    const before = registeredSecretCount();
    registerSecret('short1');
    registerSecret('x'.repeat(MIN_PIECE - 1));
    expect(registeredSecretCount()).toBe(before);
    expect(scrub('short1 xxxxxxx')).toBe('short1 xxxxxxx');
    const key = keys.groq();
    registerSecret(key);
    registerSecret(key);
    expect(registeredSecretCount()).toBe(before + 1);
    // The kind's prefix alone is no secret, nor a piece shorter than 8 characters.
    const prefix = redact(key).split('…')[0]!;
    expect(prefix.length).toBeGreaterThan(0);
    expect(scrub(`${prefix}${key.slice(prefix.length, prefix.length + MIN_PIECE - 1)}`)).toBe(
      `${prefix}${key.slice(prefix.length, prefix.length + MIN_PIECE - 1)}`,
    );
    // A piece of exactly 8 private characters, at the start and at the very end of the key.
    expect(scrub(`<${key.slice(prefix.length, prefix.length + MIN_PIECE)}>`)).toBe('<****>');
    expect(scrub(`<${key.slice(-MIN_PIECE)}>`)).toBe('<****>');
    // The prefix plus 7 private characters is not 8 private ones.
    expect(scrub(`<${key.slice(0, prefix.length + MIN_PIECE - 1)}>`)).toBe(
      `<${key.slice(0, prefix.length + MIN_PIECE - 1)}>`,
    );
  });

  test('a short secret without a prefix is scrubbed whole, and by any 8 of its characters', () => {
    const value = 'Zq7xW2pLk9';
    registerSecret(value);
    expect(scrub(`p=${value};`)).toBe('p=****;');
    expect(scrub(`p=${value.slice(0, 8)};`)).toBe('p=****;');
    expect(scrub(`p=${value.slice(1, 9)};`)).toBe('p=****;');
    expect(scrub(`p=${value.slice(1, 8)};`)).toBe(`p=${value.slice(1, 8)};`);
  });

  test('a secret of 11 characters, shown as nothing, is private from its first character', () => {
    const value = 'Hb4nWq9Tz2K';
    registerSecret(value);
    expect(scrub(`(${value.slice(0, 8)})`)).toBe('(****)');
  });

  test('a secret of exactly 8 characters is registered, and a text that is only a piece is scrubbed', () => {
    const eight = 'Rt5vQw8z';
    registerSecret(eight);
    expect(scrub(eight)).toBe('****');
    expect(scrub(`${eight}.`)).toBe('****.');
    const key = keys.anthropic();
    registerSecret(key);
    expect(scrub(key.slice(-MIN_PIECE))).toBe('****');
    expect(scrub(key.slice(20, 20 + MIN_PIECE))).toBe('****');
  });

  test('a piece that ends the text is found, whatever its alignment in the key', () => {
    // Key lengths of every remainder by the index's stride, so the last gram is aligned or not.
    const all = [keys.anthropic(), keys.groq(), ...[60, 61, 62, 63].map((n) => keys.openaiProject(n))];
    for (const key of all) {
      registerSecret(key);
      for (let len = MIN_PIECE; len <= MIN_PIECE + 4; len++) {
        expect({ key: key.length, len, out: scrub(`end: ${key.slice(-len)}`) }).toEqual({
          key: key.length,
          len,
          out: 'end: ****',
        });
        expect(scrub(`${key.slice(-len)}`)).toBe('****');
      }
    }
  });

  test('a secret that holds another, registered after it, is scrubbed whole from its first character', () => {
    const key = keys.groq();
    registerSecret(key);
    registerSecret(key.slice(1));
    expect(scrub(key)).toBe('****');
    expect(scrub(`=${key}=`)).toBe('=****=');
  });

  test('every piece, at each position a gram can start, is found whatever the key length', () => {
    for (const key of [keys.openaiProject(61), keys.xai(), keys.mistral(), keys.azure()]) {
      registerSecret(key);
      const from = redact(key).indexOf('…');
      for (let at = from; at + MIN_PIECE <= key.length; at++) {
        const piece = key.slice(at, at + MIN_PIECE);
        expect({ at, out: scrub(`[${piece}]`) }).toEqual({ at, out: '[****]' });
      }
    }
  });

  test('keys sharing their pieces (near-identical keys) are all scrubbed', () => {
    const base = keys.groq();
    const near = Array.from({ length: 80 }, (_, i) => base.slice(0, -2) + String(i).padStart(2, '0'));
    for (const k of near) registerSecret(k);
    const text = near.map((k) => `k=${k}`).join('\n');
    // The promise is every key and every piece of MIN_PIECE characters of one: where two keys'
    // pieces overlap, a tail shorter than a piece may stay (it names no key).
    const lines = scrub(text).split('\n');
    expect(lines).toHaveLength(near.length);
    for (const line of lines) expect(line).toMatch(new RegExp(`^k=\\*{4}[A-Za-z0-9_-]{0,${MIN_PIECE - 1}}$`));
    expect(lines.filter((l) => l === 'k=****').length).toBeGreaterThan(near.length / 2);
  });

  test('the runner is told every secret, those seen before and those after', () => {
    const earlier = keys.perplexity();
    registerSecret(earlier);
    const told: string[] = [];
    enableRunnerMasking((s) => told.push(s));
    const later = keys.replicate();
    registerSecret(later);
    expect(told).toContain(earlier);
    expect(told).toContain(later);
    expect(told.filter((s) => s === later)).toHaveLength(1);
  });
});

describe('what a finding shows of a secret', () => {
  test("the kind's prefix and the last four characters", () => {
    const project = keys.openaiProject();
    expect(redact(project)).toBe(`sk-proj-…${project.slice(-4)}`);
    const anthropic = keys.anthropic();
    expect(redact(anthropic)).toBe(`sk-ant-…${anthropic.slice(-4)}`);
    const groq = keys.groq();
    expect(redact(groq)).toBe(`${groq.slice(0, 4)}…${groq.slice(-4)}`);
    const mistral = keys.mistral();
    expect(redact(mistral)).toBe(`…${mistral.slice(-4)}`);
  });

  test('shorter than 12 characters: nothing at all', () => {
    expect(redact('Zq7xW2pLk9a')).toBe('****');
    expect(redact('Zq7xW2pLk9ab')).toBe('…k9ab');
  });

  test('a prefix longer than 14 characters, or than a quarter of the secret, is not shown', () => {
    // A quarter of 12 is 3: `ab-` is shown, `abc-` is not.
    expect(redact('ab-Q7z9Kd2Lx')).toBe('ab-…d2Lx');
    expect(redact('abc-Q7z9Kd2L')).toBe('…Kd2L');
    // 8 characters of prefix need 32 characters of secret.
    const body = 'Q7z9Kd2LmN4pR8sT';
    expect(redact(`sk-proj-${body}${body.slice(0, 8)}`)).toBe(`sk-proj-…${body.slice(4, 8)}`);
    expect(redact(`sk-proj-${body}${body.slice(0, 7)}`)).toBe(`…${body.slice(3, 7)}`);
    // 15 characters of prefix are too many however long the secret.
    expect(redact(`abcdef-ghijklm-${body.repeat(6)}`)).toBe(`…${body.slice(-4)}`);
    expect(redact(`abcdef-ghijkl-${body.repeat(6)}`)).toBe(`abcdef-ghijkl-…${body.slice(-4)}`);
  });

  test('fingerprints: 32 hex digits of sha256, parts kept apart', () => {
    expect(secretFingerprint('abc')).toBe('ba7816bf8f01cfea414140de5dae2223');
    expect(factFingerprint('rule', 'x')).toMatch(/^[0-9a-f]{32}$/);
    expect(factFingerprint('ab', 'c')).not.toBe(factFingerprint('a', 'bc'));
    expect(factFingerprint('ab', 'c')).not.toBe(factFingerprint('abc'));
  });

  test('findings sort by severity, path, line, column and rule, paths by code unit', () => {
    const at = (path: string, line: number, column: number, ruleId = 'leak/openai-project-key') => ({
      ...leak(path, line).finding,
      ruleId,
      location: { path, line, column },
    });
    const sorted = [
      at('B.py', 9, 1),
      at('a.py', 2, 1),
      at('a.py', 3, 1),
      at('a.py', 3, 7, 'leak/anthropic-api-key'),
      at('a.py', 3, 7, 'leak/openai-project-key'),
      at('a.py', 10, 1),
      at('b.py', 1, 1),
    ];
    const where = (f: Finding) => `${f.location!.path}:${f.location!.line}:${f.location!.column} ${f.ruleId}`;
    for (const order of [[...sorted].reverse(), [3, 0, 6, 4, 1, 5, 2].map((i) => sorted[i]!)])
      expect(order.sort(compareFindings).map(where)).toEqual(sorted.map(where));
    expect(compareFindings(sorted[2]!, { ...sorted[2]! })).toBe(0);
  });

  test('the fail-on levels, most severe first', () => {
    expect(FAIL_ON_LEVELS).toEqual(['critical', 'high', 'medium', 'low', 'none']);
  });
});

describe('every text keylint writes goes through the scrub', () => {
  let dir: string;
  let key: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'keylint-out-'));
    key = keys.openaiProject();
    registerSecret(key);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('report files, the job summary, API bodies and step outputs', () => {
    const report = path.join(dir, 'report.json');
    expect(writeOutputFile(report, `{"a":"${key}","b":"${key}"}`)).toMatchObject({ ok: true });
    expect(readFileSync(report, 'utf8')).toBe('{"a":"****","b":"****"}');
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '# head\n');
    appendOutputFile(summary, `| ${key} | ${key} |\n`);
    expect(readFileSync(summary, 'utf8')).toBe('# head\n| **** | **** |\n');
    expect(outgoingJson({ body: `${key} twice ${key}` })).toBe('{"body":"**** twice ****"}');
    expect(outputValue(`${key},${key}`)).toBe('****,****');
  });

  test('a report file outside the allowed roots is refused and not written', () => {
    const outside = path.join(dir, 'elsewhere.json');
    const out = writeOutputFile(outside, 'x', [path.join(dir, 'root')]);
    expect(out).toMatchObject({ ok: false });
    expect(() => readFileSync(outside)).toThrow();
  });

  test('standard streams: strings and bytes are scrubbed, the runner masking command is not', () => {
    const written: unknown[] = [];
    const real = process.stdout.write;
    const realErr = process.stderr.write;
    const capture = ((chunk: unknown): boolean => {
      written.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
    try {
      guardStandardStreams();
      const guarded = process.stdout.write;
      // Guarding again adds no second layer: each write is scrubbed once.
      guardStandardStreams();
      expect(process.stdout.write).toBe(guarded);
      process.stdout.write(`::error::${key} and ${key}\n`);
      process.stderr.write(Buffer.from(`bytes ${key}\n`));
      const clean = Buffer.from('clean bytes\n');
      process.stdout.write(clean);
      process.stdout.write(`::add-mask::${key}\n`);
    } finally {
      process.stdout.write = real;
      process.stderr.write = realErr;
    }
    expect(written[0]).toBe('::error::**** and ****\n');
    expect(written[1]).toBe('bytes ****\n');
    // Bytes with nothing to scrub go on untouched, as bytes.
    expect(Buffer.isBuffer(written[2])).toBe(true);
    expect(String(written[2])).toBe('clean bytes\n');
    expect(written[3]).toBe(`::add-mask::${key}\n`);
    expect(written).toHaveLength(4);
  });
});
