import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactKeysIn } from '../src/detect/redact-text.js';
import { describeError, UserError } from '../src/errors.js';
import { redact } from '../src/finding.js';
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
    expect(scrub(`p=${value.slice(1, 9)};`)).toBe('p=****;');
    expect(scrub(`p=${value.slice(1, 8)};`)).toBe(`p=${value.slice(1, 8)};`);
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
    expect(scrub(text)).toBe(near.map(() => 'k=****').join('\n'));
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

describe('every text keylint writes goes through the scrub', () => {
  let dir: string;
  const key = keys.openaiProject();
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'keylint-out-'));
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
      guardStandardStreams();
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
