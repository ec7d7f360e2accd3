import { afterAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { passEngine, passFile, type FileReport } from '../src/pass/file.js';
import { WINDOW_OVERLAP } from '../src/sources/read.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';

const dir = new TempRepo({ git: false });
afterAll(() => dir.cleanup());
const engine = passEngine({ leaks: true, wiring: false, lintDay: null });
let n = 0;

function scan(content: Buffer, chunkBytes?: number): FileReport {
  const file = path.join(dir.dir, `f${n++}`);
  writeFileSync(file, content);
  return passFile(path.basename(file), file, engine, chunkBytes);
}

/** Where each secret is in a decoded text, as a person counts: lines from 1, columns in characters from 1. */
function expected(text: string, secrets: string[]): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + 1)) {
      const before = text.slice(0, i);
      const line = before.split('\n').length;
      const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
      out.push(`${line}:${column} ${secret}`);
    }
  }
  return out.sort();
}

function found(result: FileReport): string[] {
  if (result.status !== 'text') throw new Error(`not scanned: ${result.status}`);
  return result.matches.map((m) => `${m.line}:${m.column} ${m.secret}`).sort();
}

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decoding', () => {
  const a = keys.openaiProject();
  const b = keys.anthropic();
  const text = `first line é ✓\r\nsecond: 🔑 "${a}"\r\n\r\n  ünï = '${b}' # ✓\r\nlast`;
  const cases: Record<string, Buffer> = {
    'UTF-8': Buffer.from(text),
    'UTF-8 with a BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'UTF-16 LE with a BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'UTF-16 BE with a BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    test(`${name}: keys at their line and column in the decoded text (CRLF, astral characters)`, () => {
      expect(found(scan(bytes))).toEqual(expected(text, [a, b]));
      expect(found(scan(bytes))).toEqual([`2:12 ${a}`, `4:10 ${b}`]);
    });
    test(`${name}: the same across chunks of a large file`, () => {
      const filler = 'ä line of filler text ✓ with nothing in it\r\n'.repeat(3000);
      const big = filler + text + filler + text;
      const bomless = bytes.subarray(name.includes('BOM') ? (name.includes('16') ? 2 : 3) : 0);
      const encoded = name.includes('LE')
        ? Buffer.from(big, 'utf16le')
        : name.includes('BE')
          ? utf16be(big)
          : Buffer.from(big);
      const whole = Buffer.concat([bytes.subarray(0, bytes.length - bomless.length), encoded]);
      expect(found(scan(whole, 64 * 1024))).toEqual(expected(big, [a, b]));
    });
  }

  test('invalid UTF-8 is replaced and scanning goes on; later positions are those of the decoded text', () => {
    const a2 = keys.google();
    const b2 = keys.groq();
    const bytes = Buffer.concat([
      Buffer.from('ok\n'),
      Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82, 0x20, 0xa9, 0xf0, 0x9f, 0x98]),
      Buffer.from(` key="${a2}"\n\xe9t\xe9 `, 'latin1'),
      Buffer.from(`= ${b2}\n`),
    ]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\ufffd');
    expect(found(scan(bytes))).toEqual(expected(text, [a2, b2]));
  });
});

describe('chunks', () => {
  test('a key at every offset around a chunk edge and a window edge is found exactly once', () => {
    const chunk = 16 * 1024;
    const secret = keys.openaiServiceAccount(46);
    const filler = Buffer.from('const x = 1; // ✓ plain words\n'.repeat(2000));
    for (const edge of [chunk, chunk - WINDOW_OVERLAP, 2 * chunk - WINDOW_OVERLAP]) {
      for (let d = -secret.length - 2; d <= 2; d += 7) {
        let at = edge + d;
        while ((filler[at]! & 0xc0) === 0x80) at--; // never split a character
        const bytes = Buffer.concat([
          filler.subarray(0, at),
          Buffer.from(` ${secret} `),
          filler.subarray(at),
        ]);
        expect(found(scan(bytes, chunk))).toEqual(expected(bytes.toString('utf8'), [secret]));
      }
    }
  });

  test('a minified line of megabytes: keys anywhere in it, columns in characters', () => {
    const secrets = [keys.openaiProject(), keys.huggingface(), keys.xai()];
    const piece = 'function(a){return a+"✓é"};var b=[1,2,3];';
    const parts = [
      piece.repeat(20000),
      `"${secrets[0]}"`,
      piece.repeat(30000),
      `(${secrets[1]})`,
      piece.repeat(5000),
      `'${secrets[2]}'`,
    ];
    const text = `// header\n${parts.join('')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    const bytes = Buffer.from(text);
    expect(found(scan(bytes))).toEqual(expected(text, secrets));
    expect(found(scan(bytes, 256 * 1024))).toEqual(expected(text, secrets));
  });

  test('files whose size is a whole number of 4 KiB blocks are read to their end', () => {
    // A short read ending on a block boundary is read past once more (network and FUSE file systems
    // hand out whole blocks); these sizes take that path on any file system.
    const secret = keys.groq();
    for (const size of [4096, 8192, 16 * 1024, 20 * 1024]) {
      const tail = ` ${secret}\n`;
      const text = 'a'.repeat(size - tail.length - 1) + '\n' + tail;
      const report = scan(Buffer.from(text), 16 * 1024);
      expect(report).toMatchObject({ status: 'text', size });
      expect(found(report)).toEqual(expected(text, [secret]));
    }
  });

  test('a key straddling a UTF-16 chunk edge', () => {
    const secret = keys.perplexity();
    const text = 'x'.repeat(32 * 1024 - 20) + `\n"${secret}"\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(found(scan(bytes, 64 * 1024))).toEqual(expected(text, [secret]));
  });
});

describe('binary files are recognised by content', () => {
  const secret = keys.openaiProject();
  test('a NUL byte in the first block', () => {
    expect(
      scan(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), Buffer.from(secret)])).status,
    ).toBe('binary');
  });
  test('mostly control characters', () => {
    const controls = Buffer.alloc(400, 0x01);
    expect(scan(Buffer.concat([controls, Buffer.from(` ${secret} `.repeat(5))])).status).toBe('binary');
  });
  test('text with a few control characters (ANSI colours, form feeds) is text', () => {
    const r = scan(Buffer.from(`\x1b[31mred\x1b[0m\f\nkey ${secret}\n`));
    expect(found(r)).toEqual([`2:5 ${secret}`]);
  });
  test('the extension does not matter', () => {
    const file = path.join(dir.dir, 'image.png');
    writeFileSync(file, `token = ${secret}\n`);
    expect(found(passFile(path.basename(file), file, engine))).toEqual([`1:9 ${secret}`]);
  });
  test('an empty file is text with nothing in it', () => {
    expect(scan(Buffer.alloc(0))).toEqual({ status: 'text', size: 0, matches: [] });
  });
});
