import { describe, expect, test } from '@jest/globals';
import type { Finding, Severity } from '../src/finding.js';
import {
  countsText,
  leakedKeyCount,
  plural,
  severityCounts,
  suppressedLine,
  verdictReason,
} from '../src/report/verdict.js';
import { envFinding, leak, options, scanResult } from './helpers/scan-result.js';

const at = (severity: Severity, p = 'a.py'): Finding => leak(p, 1, severity).finding;

describe("the summary's counts", () => {
  test('per severity, every severity present even at zero', () => {
    expect(severityCounts([])).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    expect(severityCounts([at('high'), at('low'), at('high'), envFinding('info')])).toEqual({
      critical: 0,
      high: 2,
      medium: 0,
      low: 1,
      info: 1,
    });
  });

  test('in words: the non-zero counts, most severe first', () => {
    expect(countsText({ critical: 2, high: 0, medium: 1, low: 0, info: 3 })).toBe(
      '2 critical, 1 medium, 3 info',
    );
    expect(countsText({ critical: 0, high: 0, medium: 0, low: 0, info: 0 })).toBe('');
  });

  test('leaked keys are distinct keys: one key in three files is one', () => {
    const one = leak('a.py', 1);
    const copies = ['b.py', 'c.py'].map((p) => ({
      ...one.finding,
      location: { path: p, line: 1, column: 1 },
    }));
    expect(leakedKeyCount([one.finding, ...copies, at('high', 'd.py'), envFinding()])).toBe(2);
    expect(leakedKeyCount([envFinding()])).toBe(0);
  });

  test('plural', () => {
    expect(plural(0, 'finding')).toBe('0 findings');
    expect(plural(1, 'finding')).toBe('1 finding');
    expect(plural(2, 'finding')).toBe('2 findings');
    expect(plural(2, 'key', 'keys!')).toBe('2 keys!');
  });
});

describe('why the verdict is what it is', () => {
  test('a failing run counts what fails, by severity, and the distinct leaked keys', () => {
    const k = leak('a.py', 1, 'critical');
    const findings = [
      k.finding,
      { ...k.finding, location: { path: 'b.py', line: 1, column: 1 } },
      envFinding('high'),
      at('low', 'z.py'),
    ];
    const r = scanResult(findings, { options: options({ failOn: 'high' }) });
    expect(r.failing).toBe(3);
    expect(verdictReason(r)).toBe(
      '3 findings at or above `fail-on: high` (2 critical, 1 high). 2 leaked keys among them.',
    );
  });

  test('one failing finding and one leaked key are said in the singular; no leak says nothing of keys', () => {
    expect(verdictReason(scanResult([at('critical')], { options: options({ failOn: 'critical' }) }))).toBe(
      '1 finding at or above `fail-on: critical` (1 critical). 1 leaked key among them.',
    );
    expect(verdictReason(scanResult([envFinding('high')], { options: options({ failOn: 'medium' }) }))).toBe(
      '1 finding at or above `fail-on: medium` (1 high).',
    );
  });

  test('a passing run with findings below the threshold', () => {
    const r = scanResult([at('low'), envFinding('info')], { options: options({ failOn: 'medium' }) });
    expect(r.verdict).toBe('pass');
    expect(verdictReason(r)).toBe(
      'No finding at or above `fail-on: medium`; 2 findings below it (1 low, 1 info). 1 leaked key among them.',
    );
    const none = scanResult([envFinding('low')], { options: options({ failOn: 'none' }) });
    expect(verdictReason(none)).toBe('No finding at or above `fail-on: none`; 1 finding below it (1 low).');
  });

  test('no findings at all', () => {
    expect(verdictReason(scanResult([], { options: options({ failOn: 'low' }) }))).toBe(
      'No findings (`fail-on: low`).',
    );
  });
});

describe('what was silenced, so nothing disappears without a trace', () => {
  test('nothing silenced: no line', () => {
    expect(suppressedLine(scanResult([]))).toBeUndefined();
  });

  test('each kind that silenced something, in a fixed order', () => {
    const s = (kind: NonNullable<Finding['suppressed']>): Finding => ({ ...at('high'), suppressed: kind });
    expect(
      suppressedLine(
        scanResult([], {
          suppressed: [s('baseline'), s('inline'), s('inline'), s('config'), s('ignore-file')],
        }),
      ),
    ).toBe(
      '5 findings suppressed: 2 inline, 1 by .keylintignore, 1 by the baseline, 1 by the configuration.',
    );
    expect(suppressedLine(scanResult([], { suppressed: [s('baseline')] }))).toBe(
      '1 finding suppressed: 1 by the baseline.',
    );
  });
});
