import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderText, terminalStyle, verdictLine, wrap } from '../src/report/text.js';
import { envFinding, leak, scanResult } from './helpers/scan-result.js';
import { runCli } from './helpers/run-action.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';

const ESC = '\x1b[';
const NARROW = { color: false, width: 60 };

describe('the text report', () => {
  test('groups findings by file, in the order their first finding comes, the environment apart', () => {
    const a1 = leak('app/a.py', 3, 'critical').finding;
    const b = leak('app/b.py', 9, 'high').finding;
    const a2 = leak('app/a.py', 7, 'medium').finding;
    const out = renderText(scanResult([a1, b, a2, envFinding('high')]), NARROW);
    const heads = out.split('\n').filter((l) => /^\S/.test(l));
    expect(heads).toEqual(['app/a.py', 'app/b.py', '(environment)', expect.stringMatching(/^keylint: FAIL/)]);
    expect(out).toMatch(/^app\/a\.py\n {2}3:10 {2}CRITICAL {2}leak\/openai-project-key\n/m);
    expect(out).toMatch(/^ {2}7:10 {2}MEDIUM {2}leak\/openai-project-key$/m);
    expect(out).toMatch(/^\(environment\)\n {2}HIGH {2}wiring\/missing-secret\n/m);
  });

  test('wraps fixes and messages to the width, never cutting a word or a URL', () => {
    const f = leak('a.py', 1).finding;
    const lines = renderText(scanResult([f]), NARROW).split('\n');
    const fix = lines.slice(lines.findIndex((l) => l.startsWith('    fix: ')));
    const fixLines = fix.slice(
      0,
      fix.findIndex((l, i) => i > 0 && !l.startsWith(' '.repeat(9))),
    );
    expect(fix[0]).toBe('    fix: Revoke the key at');
    expect(fix[1]).toMatch(/^ {9}https:\/\/platform\.openai\.com\/api-keys and /);
    expect(fixLines.length).toBeGreaterThan(2);
    expect(fixLines.every((l) => l.length <= 60)).toBe(true);
    expect(fixLines.join(' ').replace(/\s+/g, ' ').trim()).toBe(`fix: ${f.fix}`);
    expect(wrap('one two three', 9, '> ', '  ')).toEqual(['> one two', '  three']);
    expect(wrap('averyveryverylongword x', 8, '', '')).toEqual(['averyveryverylongword', 'x']);
  });

  test('spells counts in the singular and the plural', () => {
    const one = scanResult([leak('a.py', 1).finding], {
      stats: { files: 1, bytes: 1, skipped: 0, durationMs: 1 },
    });
    expect(verdictLine(one)).toBe(
      'keylint: FAIL: 1 finding in 1 file, 1 at or above fail-on=high; 1 file scanned.',
    );
    const two = scanResult([leak('a.py', 1).finding, leak('b.py', 2).finding, envFinding('low')]);
    expect(verdictLine(two)).toBe(
      'keylint: FAIL: 3 findings in 2 files and the environment, 2 at or above fail-on=high; 12 files scanned.',
    );
    expect(verdictLine(scanResult([]))).toBe(
      'keylint: PASS: 0 findings, 0 at or above fail-on=high; 12 files scanned.',
    );
  });

  test('colours severities and the verdict only when asked to', () => {
    const r = scanResult([leak('a.py', 1, 'critical').finding, leak('a.py', 2, 'medium').finding]);
    const coloured = renderText(r, { color: true, width: 100 });
    expect(coloured).toContain(`${ESC}1;31mCRITICAL${ESC}0m`);
    expect(coloured).toContain(`${ESC}33mMEDIUM${ESC}0m`);
    expect(coloured).toContain(`keylint: ${ESC}1;31mFAIL${ESC}0m:`);
    expect(renderText(r, { color: false, width: 100 })).not.toContain(ESC);
  });

  test('colour: FORCE_COLOR first, then NO_COLOR, then whether the output is a terminal', () => {
    const tty = { isTTY: true, columns: 90 };
    const pipe = { isTTY: false };
    expect(terminalStyle(tty, {})).toEqual({ color: true, width: 90 });
    expect(terminalStyle(pipe, {})).toEqual({ color: false, width: 100 });
    expect(terminalStyle(tty, { NO_COLOR: '1' }).color).toBe(false);
    expect(terminalStyle(tty, { NO_COLOR: '' }).color).toBe(true);
    expect(terminalStyle(tty, { TERM: 'dumb' }).color).toBe(false);
    expect(terminalStyle(pipe, { FORCE_COLOR: '1' }).color).toBe(true);
    expect(terminalStyle(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }).color).toBe(true);
    expect(terminalStyle(tty, { FORCE_COLOR: '0' }).color).toBe(false);
    expect(terminalStyle(tty, { FORCE_COLOR: 'false' }).color).toBe(false);
    expect(terminalStyle({ isTTY: true, columns: 300 }, {}).width).toBe(120);
  });
});

describe('the CLI at a terminal', () => {
  test('colours with FORCE_COLOR, not with NO_COLOR, never in a file, and never shows the key', () => {
    const repo = new TempRepo({ prefix: 'keylint-text-' });
    try {
      const key = keys.openrouter();
      repo.write('a.py', `OPENROUTER_API_KEY = "${key}"\n`);
      const forced = runCli(['.'], { cwd: repo.dir, env: { FORCE_COLOR: '1' } });
      expect(forced.code).toBe(1);
      expect(forced.stdout).toContain(`${ESC}1;31mCRITICAL${ESC}0m`);
      const off = runCli(['.'], { cwd: repo.dir, env: { NO_COLOR: '1' } });
      expect(off.stdout).not.toContain(ESC);
      expect(off.stdout).toMatch(/^a\.py\n {2}1:23 {2}CRITICAL {2}leak\/openrouter-api-key$/m);
      const file = path.join(repo.dir, 'report.txt');
      expect(runCli(['.', '--output', file], { cwd: repo.dir, env: { FORCE_COLOR: '1' } }).code).toBe(1);
      const written = readFileSync(file, 'utf8');
      expect(written).toMatch(/^ {2}1:23 {2}CRITICAL {2}leak\/openrouter-api-key$/m);
      expect(written).not.toContain(ESC);
      expect(forced.stdout + off.stdout + written).not.toContain(key);
    } finally {
      repo.cleanup();
    }
  });

  test('a mistyped flag names the closest one', () => {
    expect(runCli(['--frmat', 'json'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'keylint: unknown option --frmat (did you mean --format?)\n',
    });
    expect(runCli(['--fail-of=low']).stderr).toBe(
      'keylint: unknown option --fail-of (did you mean --fail-on?)\n',
    );
    expect(runCli(['--stagde']).stderr).toBe('keylint: unknown option --stagde (did you mean --staged?)\n');
    expect(runCli(['--nothing-like-it']).stderr).toBe(
      'keylint: unknown option --nothing-like-it (see keylint --help)\n',
    );
  });
});
