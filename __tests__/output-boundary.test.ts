import { describe, expect, test } from '@jest/globals';
import { unsafePatternReason } from '../src/config/pattern-safety.js';
import { cell, code, prose } from '../src/report/markdown.js';
import { terminalText } from '../src/report/terminal.js';
import { registerSecret, scrub } from '../src/secrets.js';
import { keys } from './helpers/keys.js';

describe('scrub', () => {
  const key = keys.groq();
  registerSecret(key);

  test('every occurrence, and every piece of 8 or more characters of the private part', () => {
    expect(scrub(`a ${key} b ${key} c`)).toBe('a **** b **** c');
    expect(scrub(`echo: ${key.slice(10, 32)}!`)).toBe('echo: ****!');
    expect(scrub(`x${key.slice(-8)}y${key.slice(4, 12)}z`)).toBe('x****y****z');
    // Shorter pieces, and the prefix `redact` shows, are not secret.
    expect(scrub(`${key.slice(20, 27)} ${key.slice(0, 4)}`)).toBe(`${key.slice(20, 27)} ${key.slice(0, 4)}`);
  });

  test('overlapping and adjacent pieces of two keys are scrubbed as one stretch', () => {
    const other = keys.groq();
    registerSecret(other);
    expect(scrub(`${key.slice(10, 30)}${other.slice(8, 40)}.`)).toMatch(/^(\*\*\*\*)+\.$/);
  });

  test('one pass whatever the number of secrets', () => {
    const many = Array.from({ length: 5000 }, () => keys.groq());
    for (const k of many) registerSecret(k);
    const text = many.map((k, i) => (i % 2 ? `k=${k}` : 'filler line with nothing secret')).join('\n');
    const out = scrub(text);
    expect(out.match(/\*\*\*\*/g)).toHaveLength(2500);
    expect(out).toContain('filler line with nothing secret');
  });
});

describe('Markdown from repository values', () => {
  test('cell: no HTML, no emphasis, no mention, no foreign autolink', () => {
    const out = cell('<img src=x> **b** @org/team [l](https://evil.example) www.evil.example\n## h');
    expect(out).not.toMatch(/<img|\*\*b|@org|\]\(https|www\.evil/);
    expect(out).toContain('&lt;img');
    expect(out).toContain('@\u200borg');
    expect(out).toContain('https://\u200bevil.example');
    expect(out).not.toContain('\n');
    expect(cell('see https://platform.openai.com/api-keys.')).toContain(
      'https://platform.openai.com/api-keys',
    );
    expect(cell('\u00000\u0000')).toBe('0');
  });

  test('code: a backtick cannot close the span; prose keeps our spans and makes theirs inert', () => {
    expect(code('a`b|c\nd')).toBe('`aˋb\\|c d`');
    expect(prose('`NAME` is <b>')).toBe('`NAME` is &lt;b>');
    expect(prose('odd ` <img>')).toBe('odd \\` &lt;img>');
  });
});

test('terminal text escapes control characters and bidirectional overrides', () => {
  expect(terminalText('a\nb\r\u001b[8mc\u0007\u202e')).toBe('a\\nb\\r\\e[8mc\\x07\\u202e');
});

describe('custom patterns', () => {
  test.each([
    ['acme_(a+)+$', /nested/],
    ['acme_(?:[a-z]*)*', /nested/],
    ['acme_((a+))+', /nested/],
    ['acme_(a|ab)*x', /alternatives/],
    ['acme_([a-z])\\1', /backreference/],
    ['acme_(?<c>[a-z])\\k<c>', /backreference/],
  ])('%s is refused', (source, reason) => {
    expect(unsafePatternReason(source)).toMatch(reason);
  });

  test.each([
    'acme_[a-z0-9]{32}',
    'acme_(?:live|test)_[A-Za-z0-9]{24,40}',
    'ak_([a-f0-9]{8}-){3}[a-f0-9]{12}',
    '[+*(]{3}x+',
  ])('%s is accepted', (source) => {
    expect(unsafePatternReason(source)).toBeUndefined();
  });
});
