import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baselineKey, parseBaseline, readBaseline } from '../src/config/baseline.js';
import { ignoreFileMatches, parseIgnoreFile, readIgnoreFile } from '../src/config/ignore-file.js';
import { inlineMatcher } from '../src/config/inline-suppressor.js';
import { inlineAllows, markersIn } from '../src/config/inline.js';
import { buildSuppressors } from '../src/config/suppressors.js';
import { DEFAULT_CONFIG } from '../src/config/types.js';
import { factFingerprint, type Finding } from '../src/finding.js';
import { applyPolicy, countSuppressed } from '../src/policy.js';
import { renderJson } from '../src/report/json.js';
import { envFinding, leak, options, scanResult } from './helpers/scan-result.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'keylint-suppress-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh directory under the test's temporary one. */
function repoDir(name: string): string {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

function lintFinding(p: string, line: number, rule = 'lint/retired-model'): Finding {
  return {
    ruleId: rule,
    category: 'lint',
    severity: 'medium',
    title: 'A retired model',
    message: 'The model is retired.',
    fix: 'Use a current model.',
    location: { path: p, line, column: 1 },
    fingerprint: factFingerprint(rule, p, String(line)),
  };
}

describe('a previous report used as the baseline', () => {
  test('silences what it suppressed then, not only what it listed', () => {
    const root = repoDir('suppressed-then');
    const listed = leak('a.py', 1).finding;
    const ignoredThen = leak('b.py', 2).finding;
    // The report of a run where `.keylintignore` silenced b.py's key: it is under suppressedFindings.
    const previous = renderJson(
      scanResult([listed], { suppressed: [{ ...ignoredThen, suppressed: 'ignore-file' }] }),
    );
    writeFileSync(path.join(root, 'baseline.json'), previous);
    // The ignore file is gone now: the baseline alone must keep b.py's key silent.
    const suppressors = buildSuppressors(options({ root, baselinePath: path.join(root, 'baseline.json') }));
    const now = applyPolicy(
      [listed, ignoredThen, leak('c.py', 3).finding],
      DEFAULT_CONFIG,
      'high',
      suppressors,
    );
    expect(now.findings.map((f) => f.location?.path)).toEqual(['c.py']);
    expect(now.suppressed.map((f) => [f.location?.path, f.suppressed])).toEqual([
      ['a.py', 'baseline'],
      ['b.py', 'baseline'],
    ]);
    expect(now.verdict).toBe('fail');
  });

  test('a key is the same key in the tree and in history; other rules match by rule and fingerprint', () => {
    const tree = leak('a.py', 1).finding;
    const inHistory: Finding = { ...tree, ruleId: 'history/openai-project-key', inTree: false };
    const known = parseBaseline(JSON.stringify({ tool: 'keylint', findings: [tree] }), 'b.json');
    expect(known.has(baselineKey(inHistory))).toBe(true);
    expect(baselineKey(tree)).toBe(`key:${tree.fingerprint}`);
    const lint = lintFinding('x.py', 3);
    expect(baselineKey(lint)).toBe(`lint/retired-model:${lint.fingerprint}`);
    const other = { ...lint, ruleId: 'lint/old-sdk' };
    const lintKnown = parseBaseline(JSON.stringify({ tool: 'keylint', findings: [lint] }), 'b.json');
    expect(lintKnown.has(baselineKey(lint))).toBe(true);
    expect(lintKnown.has(baselineKey(other))).toBe(false);
  });

  test('entries that are not findings are passed over; a report without suppressed findings is fine', () => {
    const f = lintFinding('x.py', 3);
    const known = parseBaseline(
      JSON.stringify({
        tool: 'keylint',
        findings: [null, 7, { ruleId: 'lint/x' }, { ruleId: 1, fingerprint: 'a', category: 'lint' }, f],
        suppressedFindings: [{ ruleId: 'lint/y', fingerprint: 2, category: 'lint' }],
      }),
      'b.json',
    );
    expect([...known]).toEqual([baselineKey(f)]);
    expect([
      ...parseBaseline(
        JSON.stringify({ tool: 'keylint', findings: [{ ruleId: 'lint/y', fingerprint: 'f', category: 9 }] }),
        'b',
      ),
    ]).toEqual([]);
  });

  test.each([
    ['not JSON', '{nope', /^baseline file ci\/b\.json is not JSON: give a report written with --format json/],
    ['another tool', JSON.stringify({ tool: 'gitleaks', findings: [] }), /is not a keylint JSON report/],
    ['no findings list', JSON.stringify({ tool: 'keylint', findings: {} }), /is not a keylint JSON report/],
    ['null', 'null', /^baseline file ci\/b\.json is not a keylint JSON report \(written with --format json/],
  ])('%s is a clear error', (_, text, message) => {
    expect(() => parseBaseline(text, 'ci/b.json')).toThrow(message);
  });

  test('a missing baseline file is named: relative to the working directory inside it, else in full', () => {
    const root = repoDir('missing');
    expect(() => readBaseline(root, path.join(root, 'nope.json'), 'nope.json')).toThrow(
      'baseline file not found: nope.json',
    );
    const outside = path.join(root, 'nope.json');
    expect(path.relative(process.cwd(), outside).startsWith('..')).toBe(true);
    expect(() => buildSuppressors(options({ root, baselinePath: outside }))).toThrow(
      `baseline file not found: ${outside}`,
    );
    const inside = path.join(process.cwd(), 'no-such-baseline.json');
    expect(() => buildSuppressors(options({ root, baselinePath: inside }))).toThrow(
      'baseline file not found: no-such-baseline.json',
    );
  });
});

describe('.keylintignore', () => {
  test('fingerprints (whole or a prefix, any case) and paths, at the tree path or the commit path', () => {
    const k = leak('src/a.py', 1).finding;
    const ig = parseIgnoreFile(
      [`  ${k.fingerprint.slice(0, 16).toUpperCase()}  # short form`, 'fixtures/', ' # not a path'].join(
        '\r\n',
      ),
    );
    expect(ig.fingerprints).toEqual([k.fingerprint.slice(0, 16)]);
    expect(ig.hasPaths).toBe(true);
    expect(ignoreFileMatches(ig, k)).toBe(true);
    const other = leak('src/b.py', 1).finding;
    expect(ignoreFileMatches(ig, other)).toBe(false);
    expect(ignoreFileMatches(ig, leak('fixtures/x.env', 1).finding)).toBe(true);
    const moved: Finding = {
      ...other,
      location: { path: 'src/b.py', line: 1, column: 1 },
      commit: { sha: 'a'.repeat(40), date: '2026-01-01', path: 'fixtures/old.env', line: 1 },
    };
    expect(ignoreFileMatches(ig, moved)).toBe(true);
    // A path out of the scanned directory, or none at all, is never matched by a path entry.
    expect(ignoreFileMatches(ig, { ...other, location: { path: '../fixtures/x', line: 1, column: 1 } })).toBe(
      false,
    );
    expect(ignoreFileMatches(ig, envFinding())).toBe(false);
  });

  test('a line is a fingerprint only when it is hex digits and at most a comment; LF or CRLF', () => {
    const ig = parseIgnoreFile(
      [
        'build/0123456789abcdef01234567',
        '0123456789abcdef.txt',
        'notes#',
        ' spaced',
        'fedcba9876543210fedcba98 # ok',
      ].join('\n'),
    );
    expect(ig.fingerprints).toEqual(['fedcba9876543210fedcba98']);
    expect(ig.paths.ignores('build/0123456789abcdef01234567')).toBe(true);
    expect(ig.paths.ignores('0123456789abcdef.txt')).toBe(true);
    expect(ig.paths.ignores('notes#')).toBe(true);
    // Leading spaces belong to the name.
    expect(ig.paths.ignores(' spaced')).toBe(true);
    expect(ig.paths.ignores('spaced')).toBe(false);
  });

  test('an absolute path is never matched by a path entry', () => {
    const ig = parseIgnoreFile('*.py\n');
    const f = leak('a.py', 1).finding;
    expect(ignoreFileMatches(ig, f)).toBe(true);
    expect(ignoreFileMatches(ig, { ...f, location: { path: '/abs/a.py', line: 1, column: 1 } })).toBe(false);
  });

  test('an ignore file that is not a regular file is a clear error', () => {
    const root = repoDir('ignore-dir');
    mkdirSync(path.join(root, '.keylintignore'));
    expect(() => readIgnoreFile(root)).toThrow(/^ignore file \.keylintignore .+; keylint did not use it$/);
  });

  test('a fingerprint-only file matches no path; fewer than 16 hex digits is a path', () => {
    const k = leak('fixtures/a.py', 1).finding;
    const fpOnly = parseIgnoreFile(`${k.fingerprint}\n`);
    expect(fpOnly.hasPaths).toBe(false);
    expect(ignoreFileMatches(fpOnly, leak('fixtures/b.py', 1).finding)).toBe(false);
    const short = parseIgnoreFile('abcdef0123\n');
    expect(short.fingerprints).toEqual([]);
    expect(short.paths.ignores('abcdef0123')).toBe(true);
    // Trailing spaces of a path entry are dropped; leading ones are part of it.
    expect(parseIgnoreFile('docs/   \n').paths.ignores('docs/x')).toBe(true);
  });

  test('read from the scanned root, absent when there is none, credited in the suppression counts', () => {
    const root = repoDir('ignore-file');
    expect(readIgnoreFile(root)).toBeNull();
    const kept = leak('app.py', 1).finding;
    const silenced = leak('fixtures/demo.env', 1).finding;
    expect(buildSuppressors(options({ root })).map((s) => s.kind)).toEqual(['inline']);
    writeFileSync(path.join(root, '.keylintignore'), 'fixtures/\n');
    const suppressors = buildSuppressors(options({ root }));
    expect(suppressors.map((s) => s.kind)).toEqual(['inline', 'ignore-file']);
    const r = applyPolicy([kept, silenced], DEFAULT_CONFIG, 'critical', suppressors);
    expect(r.findings).toEqual([kept]);
    expect(countSuppressed(r.suppressed)).toEqual({ inline: 0, 'ignore-file': 1, baseline: 0, config: 0 });
    // The ignore file of the source root, when the scan has one.
    const source = repoDir('ignore-source');
    writeFileSync(path.join(source, '.keylintignore'), 'app.py\n');
    const fromSource = buildSuppressors(options({ root, sourceRoot: source }));
    expect(applyPolicy([kept, silenced], DEFAULT_CONFIG, 'critical', fromSource).findings).toEqual([
      silenced,
    ]);
  });
});

describe('inline markers', () => {
  test('a marker on the line or the line above silences a finding read from the tree', () => {
    const root = repoDir('inline');
    writeFileSync(
      path.join(root, 'app.py'),
      [
        'model = "gpt-3.5"  # keylint:allow lint/retired-model',
        '# secretlint-disable-next-line',
        'model = "gpt-3.5"',
        'model = "gpt-3.5"  # keylint:allow lint/other-rule',
        'model = "gpt-3.5"',
        'model = "gpt-3.5"  # keylint:allow',
      ].join('\n'),
    );
    const matches = inlineMatcher(root);
    expect([1, 2, 3, 4, 5, 6, 7].map((line) => matches(lintFinding('app.py', line)))).toEqual([
      true,
      false,
      true,
      false,
      false,
      true,
      false,
    ]);
    // Keys in the tree and history findings were judged where they were read; outside paths never are.
    expect(matches({ ...lintFinding('app.py', 6), ruleId: 'leak/x' })).toBe(false);
    expect(matches({ ...lintFinding('app.py', 1), inTree: false })).toBe(false);
    expect(matches(lintFinding('../app.py', 1))).toBe(false);
    expect(matches(lintFinding('/etc/passwd', 1))).toBe(false);
    expect(matches(lintFinding('missing.py', 1))).toBe(false);
    expect(matches(envFinding())).toBe(false);
  });

  test('a link out of the repository is not read for markers', () => {
    const root = repoDir('inline-link');
    const outside = path.join(dir, 'outside.py');
    writeFileSync(outside, 'x = 1  # keylint:allow\n');
    symlinkSync(outside, path.join(root, 'linked.py'));
    const matches = inlineMatcher(root);
    expect(matches(lintFinding('linked.py', 1))).toBe(false);
    // Nor is a path that leaves the repository, however it is written.
    expect(matches(lintFinding('../outside.py', 1))).toBe(false);
    expect(matches(lintFinding('sub/../../outside.py', 1))).toBe(false);
    expect(matches(lintFinding(outside, 1))).toBe(false);
  });

  test.each([
    ['keylint:allow', true],
    ['KEYLINT:ALLOW', true],
    ['keylint:allowed', false],
    ['keylint:allow leak/openai-project-key', true],
    ['keylint:allow history/openai-project-key', true],
    ['keylint:allow leak/anthropic-api-key', false],
    ['keylint:allow lint/x, leak/openai-project-key', true],
    ['gitleaks:allow', true],
    ['trufflehog:ignore', true],
    ['secretlint-disable-line', true],
    ['pragma: allowlist secret', true],
    ['pragma:allowlist secret', true],
    ['pragma:  allowlist \t secret', true],
    ['pragma: allowlist nextline secret', false],
    ['secretlint-disable-next-line', false],
    // Another tool's marker silences whatever keylint's own on the same line names.
    ['gitleaks:allow keylint:allow lint/x', true],
  ])('on the line: %s silences leak/openai-project-key: %s', (marker, allowed) => {
    expect(inlineAllows('leak/openai-project-key', `K = "…"  # ${marker}`)).toBe(allowed);
  });

  test.each([
    ['secretlint-disable-next-line', true],
    ['pragma: allowlist nextline secret', true],
    ['pragma:allowlist  nextline  secret', true],
    ['keylint:allow', false],
    ['gitleaks:allow', false],
  ])('on the line above: %s silences the next line: %s', (marker, allowed) => {
    expect(inlineAllows('lint/retired-model', 'model = "x"', `# ${marker}`)).toBe(allowed);
  });

  test('markersIn keeps the markers and nothing else, and drops one the cut may have shortened', () => {
    expect(markersIn('K = "value"')).toBe('');
    expect(markersIn('K = "v"  # keylint:allow leak/x, lint/y and gitleaks:allow')).toBe(
      'keylint:allow leak/x, lint/y gitleaks:allow',
    );
    expect(markersIn('K = "v"  # keylint:allow leak/x', true)).toBe('');
    expect(markersIn('K = "v"  # keylint:allow leak/x more', true)).toBe('keylint:allow leak/x');
    expect(inlineAllows('leak/y', markersIn('K  # keylint:allow leak/x'))).toBe(false);
  });
});

describe('policy', () => {
  test('fail-on counts findings at or above the threshold; none never fails', () => {
    const all = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s, i) => ({
      ...lintFinding(`f${i}.py`, 1),
      severity: s,
    }));
    const failing = (failOn: Parameters<typeof applyPolicy>[2]): [number, string] => {
      const r = applyPolicy(all, DEFAULT_CONFIG, failOn);
      return [r.failing, r.verdict];
    };
    expect(failing('critical')).toEqual([1, 'fail']);
    expect(failing('high')).toEqual([2, 'fail']);
    expect(failing('medium')).toEqual([3, 'fail']);
    expect(failing('low')).toEqual([4, 'fail']);
    expect(failing('none')).toEqual([0, 'pass']);
    expect(applyPolicy(all.slice(3), DEFAULT_CONFIG, 'medium').verdict).toBe('pass');
  });

  test('rule overrides: a new severity, or off (by rule or by category), counted as config', () => {
    const config = {
      ...DEFAULT_CONFIG,
      rules: { 'lint/retired-model': { severity: 'critical' as const }, wiring: { enabled: false } },
    };
    const r = applyPolicy([lintFinding('a.py', 1), envFinding('critical')], config, 'critical');
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['lint/retired-model', 'critical']]);
    expect(r.suppressed.map((f) => [f.ruleId, f.suppressed])).toEqual([['wiring/missing-secret', 'config']]);
    expect(r.verdict).toBe('fail');
    expect(countSuppressed(r.suppressed)).toEqual({ inline: 0, 'ignore-file': 0, baseline: 0, config: 1 });
  });

  test('a finding already silenced keeps its kind; duplicates are reported once; most severe first', () => {
    const a = lintFinding('a.py', 1);
    const low = { ...lintFinding('b.py', 1), severity: 'low' as const };
    const crit = { ...lintFinding('c.py', 1), severity: 'critical' as const };
    const marked = { ...lintFinding('d.py', 1), suppressed: 'inline' as const };
    const sameButCommit = {
      ...a,
      commit: { sha: 'b'.repeat(40), date: '2026-01-01', path: 'a.py', line: 1 },
    };
    const otherCommit = { ...sameButCommit, commit: { ...sameButCommit.commit, sha: 'c'.repeat(40) } };
    const r = applyPolicy(
      [low, a, a, { ...a }, crit, marked, sameButCommit, otherCommit, sameButCommit],
      DEFAULT_CONFIG,
      'high',
      [{ kind: 'baseline', matches: () => false }],
    );
    expect(r.findings.map((f) => [f.location?.path, f.severity, f.commit?.sha ?? null])).toEqual([
      ['c.py', 'critical', null],
      ['a.py', 'medium', null],
      ['a.py', 'medium', 'b'.repeat(40)],
      ['a.py', 'medium', 'c'.repeat(40)],
      ['b.py', 'low', null],
    ]);
    expect(r.suppressed.map((f) => f.suppressed)).toEqual(['inline']);
    expect(r.failing).toBe(1);
  });

  test('order: severity, then path by code unit, line, column and rule; findings without a place first', () => {
    const f = (p: string | null, line: number, column: number, rule = 'lint/retired-model'): Finding => {
      const base = lintFinding(p ?? 'x', line, rule);
      return p === null ? { ...base, location: undefined } : { ...base, location: { path: p, line, column } };
    };
    const input = [
      f('b.py', 2, 1),
      f('b.py', 1, 9),
      f('b.py', 1, 3, 'lint/z'),
      f('b.py', 1, 3, 'lint/a'),
      f('B.py', 5, 5),
      f(null, 0, 0, 'lint/env'),
      { ...f('a.py', 9, 9), severity: 'high' as const },
    ];
    const order = applyPolicy(input, DEFAULT_CONFIG, 'none').findings.map((x) =>
      [x.location?.path ?? '-', x.location?.line ?? 0, x.location?.column ?? 0, x.ruleId].join(':'),
    );
    expect(order).toEqual([
      'a.py:9:9:lint/retired-model',
      '-:0:0:lint/env',
      'B.py:5:5:lint/retired-model',
      'b.py:1:3:lint/a',
      'b.py:1:3:lint/z',
      'b.py:1:9:lint/retired-model',
      'b.py:2:1:lint/retired-model',
    ]);
  });

  test('the same rule and fingerprint at another path, line or column is another finding', () => {
    const base = lintFinding('a.py', 1);
    const at = (p: string, line: number, column: number): Finding => ({
      ...base,
      location: { path: p, line, column },
    });
    const r = applyPolicy(
      [at('a.py', 1, 1), at('b.py', 1, 1), at('a.py', 2, 1), at('a.py', 1, 2), at('a.py', 1, 1)],
      DEFAULT_CONFIG,
      'none',
    );
    expect(r.findings).toHaveLength(4);
  });

  test('the first suppressor that matches is credited', () => {
    const f = lintFinding('a.py', 1);
    const r = applyPolicy([f], DEFAULT_CONFIG, 'high', [
      { kind: 'ignore-file', matches: () => false },
      { kind: 'baseline', matches: () => true },
      { kind: 'inline', matches: () => true },
    ]);
    expect(r.suppressed.map((x) => x.suppressed)).toEqual(['baseline']);
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('pass');
  });
});
