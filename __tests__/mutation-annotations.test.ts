import { describe, expect, test } from '@jest/globals';
import type { Notice } from '../src/check.js';
import type { Finding, Severity } from '../src/finding.js';
import { annotate, ANNOTATIONS_PER_LEVEL, type AnnotateOptions } from '../src/report/annotations.js';
import { leak } from './helpers/scan-result.js';

interface Command {
  level: string;
  props: Record<string, string>;
  message: string;
}

/** The workflow commands `annotate` writes, as the runner reads them from stdout. */
function commands(findings: Finding[], notices: Notice[] = [], opts?: AnnotateOptions): Command[] {
  const lines: string[] = [];
  const real = process.stdout.write;
  process.stdout.write = ((chunk: unknown): boolean => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  try {
    annotate(findings, notices, opts);
  } finally {
    process.stdout.write = real;
  }
  return lines.map((line) => {
    const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) throw new Error(`not a workflow command: ${line}`);
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = kv.indexOf('=');
      props[kv.slice(0, at)] = decodeURIComponent(kv.slice(at + 1));
    }
    return { level: m[1]!, props, message: decodeURIComponent(m[3]!) };
  });
}

const at = (severity: Severity, p: string, line: number): Finding => leak(p, line, severity).finding;
const many = (severity: Severity, n: number, dir = 'src'): Finding[] =>
  Array.from({ length: n }, (_, i) => at(severity, `${dir}/f${i}.py`, i + 1));
const MORE = /^(\d+) more finding\(s\) and notice\(s\) are not annotated here/;

describe('an annotation points at the key', () => {
  test('file (with the prefix), line, start and end column, title with the rule id, message with the fix', () => {
    const f = at('critical', 'app/settings.py', 7);
    const [c] = commands(
      [{ ...f, location: { path: 'app/settings.py', line: 7, column: 12, endColumn: 176 } }],
      [],
      {
        prefix: 'services/',
      },
    );
    expect(c).toEqual({
      level: 'error',
      props: {
        title: `leak/openai-project-key: ${f.title}`,
        file: 'services/app/settings.py',
        line: '7',
        col: '12',
        endColumn: '176',
      },
      message: `${f.message} Fix: ${f.fix}`,
    });
  });

  test('an end on the same line (given as such) keeps its end column; one on another line does not', () => {
    const f = at('high', 'a.py', 3);
    const [same, other, none] = commands([
      { ...f, location: { path: 'a.py', line: 3, column: 5, endLine: 3, endColumn: 9 } },
      { ...f, location: { path: 'b.py', line: 3, column: 5, endLine: 4, endColumn: 9 } },
      { ...f, location: { path: 'c.py', line: 3, column: 5 } },
    ]);
    expect(same!.props).toMatchObject({ file: 'a.py', col: '5', endColumn: '9' });
    expect(other!.props.file).toBe('b.py');
    expect(other!.props).not.toHaveProperty('endColumn');
    expect(none!.props).not.toHaveProperty('endColumn');
  });

  test('severity sets the level; a finding without a place is annotated without one', () => {
    const levels = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) =>
      commands([at(s, 'x.py', 1)]).map((c) => c.level),
    );
    expect(levels).toEqual([['error'], ['error'], ['warning'], ['notice'], ['notice']]);
    const { location: _, ...placeless } = at('medium', 'x.py', 1);
    const [c] = commands([placeless]);
    expect(c!.props).toEqual({ title: `leak/openai-project-key: ${placeless.title}` });
  });

  test("keylint's own notices, at their file and line when they have one", () => {
    const out = commands(
      [],
      [
        { level: 'warning', message: 'skipped: too large', path: 'big.bin' },
        { level: 'notice', message: 'shallow clone', path: 'x.py', line: 4 },
        { level: 'notice', message: 'no place' },
      ],
      { prefix: 'sub/' },
    );
    expect(out).toEqual([
      { level: 'warning', props: { file: 'sub/big.bin' }, message: 'skipped: too large' },
      { level: 'notice', props: { file: 'sub/x.py', line: '4' }, message: 'shallow clone' },
      { level: 'notice', props: {}, message: 'no place' },
    ]);
  });
});

describe('at most 10 annotations of each level, and one notice that says how many more', () => {
  const count = (out: Command[], level: string): number => out.filter((c) => c.level === level).length;
  const more = (out: Command[]): number[] =>
    out.filter((c) => MORE.test(c.message)).map((c) => Number(MORE.exec(c.message)![1]));

  test('exactly 10 of each level fit, and nothing is said about more', () => {
    const out = commands([...many('high', 10), ...many('medium', 10), ...many('low', 10)]);
    expect([count(out, 'error'), count(out, 'warning'), count(out, 'notice')]).toEqual([10, 10, 10]);
    expect(more(out)).toEqual([]);
  });

  test('a failing step keeps a place for its own error', () => {
    const out = commands(many('high', 10), [], { failing: true });
    expect(count(out, 'error')).toBe(9);
    expect(more(out)).toEqual([1]);
    expect(count(out, 'notice')).toBe(1);
    expect(commands(many('high', 9), [], { failing: true }).map((c) => c.level)).toEqual(
      Array(9).fill('error'),
    );
  });

  test('when errors overflow while 10 notices wait, the notice for the rest takes the tenth place', () => {
    const out = commands([...many('critical', 12), ...many('low', 10, 'docs')]);
    // The runner drops an 11th notice silently: the "more" notice must be one of the 10.
    expect(count(out, 'notice')).toBe(ANNOTATIONS_PER_LEVEL);
    expect(count(out, 'error')).toBe(10);
    // 2 errors and 1 low finding are left out.
    expect(more(out)).toEqual([3]);
    const last = out[out.length - 1]!;
    expect(MORE.test(last.message)).toBe(true);
    expect(last.props.title).toBe('keylint: more findings in the job summary');
    expect(last.message).toMatch(/GitHub shows 10 per level\): see the job summary for all of them\.$/);
  });

  test('overflowing notices alone: 9 of them and the notice for the rest', () => {
    const notices: Notice[] = Array.from({ length: 11 }, (_, i) => ({ level: 'notice', message: `n${i}` }));
    const out = commands(many('medium', 3), notices);
    expect(count(out, 'warning')).toBe(3);
    expect(count(out, 'notice')).toBe(10);
    expect(
      out
        .filter((c) => c.level === 'notice')
        .map((c) => c.message)
        .slice(0, 9),
    ).toEqual(notices.slice(0, 9).map((n) => n.message));
    expect(more(out)).toEqual([2]);
  });

  test('the most severe come first: findings before notices in each level, in the order given', () => {
    const errors = many('critical', 11);
    const out = commands([...errors, ...many('medium', 11, 'w')], [{ level: 'warning', message: 'late' }]);
    expect(out.filter((c) => c.level === 'error').map((c) => c.props.file)).toEqual(
      errors.slice(0, 10).map((f) => f.location!.path),
    );
    expect(out.filter((c) => c.level === 'warning').map((c) => c.message)).not.toContain('late');
    expect(more(out)).toEqual([1 + 2]);
  });
});
