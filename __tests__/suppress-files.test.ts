import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseIgnoreFile } from '../src/config/ignore-file.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction, runCli } from './helpers/run-action.js';

interface JsonFinding {
  ruleId: string;
  fingerprint: string;
  suppressed?: string;
  location?: { path: string };
}
interface Report {
  findings: JsonFinding[];
  suppressedFindings: JsonFinding[];
  suppressed: Record<string, number>;
}
const scan = (dir: string, ...args: string[]): { report: Report; code: number; stderr: string } => {
  const r = runCli([dir, '--format', 'json', ...args]);
  return {
    report: r.code === 2 ? ({} as Report) : (JSON.parse(r.stdout) as Report),
    code: r.code,
    stderr: r.stderr,
  };
};

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe('.keylintignore', () => {
  test('fingerprints (whole, or the 16 characters the summary shows) and gitignore paths, with comments', () => {
    const ig = parseIgnoreFile(
      [
        '# revoked on 2026-03-01',
        '0123456789abcdef0123456789abcdef',
        'fedcba9876543210  # the demo key',
        '',
        'fixtures/',
        '*.snap',
        '!keep.snap',
      ].join('\n'),
    );
    expect(ig.fingerprints).toEqual(['0123456789abcdef0123456789abcdef', 'fedcba9876543210']);
    expect(ig.paths.ignores('fixtures/a/b.txt')).toBe(true);
    expect(ig.paths.ignores('x/y.snap')).toBe(true);
    expect(ig.paths.ignores('keep.snap')).toBe(false);
  });

  let r: TempRepo;
  let before: Report;
  beforeAll(() => {
    r = new TempRepo();
    cleanups.push(() => r.cleanup());
    r.write('app.py', `A = "${keys.openaiProject()}"\nB = "${keys.anthropic()}"\nC = "${keys.google()}"\n`);
    r.write('fixtures/sample.env', `GROQ_API_KEY=${keys.groq()}\n`);
    // An env template without an ignored .env would be a wiring finding too; this test counts keys.
    r.write('.gitignore', '.env\n');
    r.commit('keys');
    before = scan(r.dir).report;
  });
  const fp = (k: string): string =>
    before.findings.find((f) => f.location?.path && f.ruleId.includes(k))?.fingerprint ?? 'missing';

  test('silences by fingerprint and by path, and counts each', () => {
    writeFileSync(
      path.join(r.dir, '.keylintignore'),
      [
        '# keys revoked in March',
        fp('openai'),
        `${fp('anthropic').slice(0, 16)}  # short form from the summary`,
        '',
        '# test fixtures hold dead keys',
        'fixtures/',
      ].join('\n') + '\n',
    );
    const after = scan(r.dir).report;
    expect(after.findings.map((f) => f.ruleId)).toEqual(['leak/google-api-key']);
    expect(after.suppressed).toMatchObject({ 'ignore-file': 3, total: 3 });
    const text = runCli([r.dir]).stdout;
    expect(text).toContain('3 findings suppressed: 3 by .keylintignore');
  });

  test('a fingerprint also silences the same key found only in history', () => {
    const h = new TempRepo();
    cleanups.push(() => h.cleanup());
    const k = keys.openaiProject();
    h.write('a.txt', `k=${k}\n`);
    h.commit('add');
    h.write('a.txt', 'nothing\n');
    h.commit('remove');
    const first = scan(h.dir, '--history').report;
    expect(first.findings.map((f) => f.ruleId)).toEqual(['history/openai-project-key']);
    h.write('.keylintignore', `${first.findings[0]!.fingerprint}\n`);
    const second = scan(h.dir, '--history').report;
    expect(second.findings).toHaveLength(0);
    expect(second.suppressed['ignore-file']).toBe(1);
  });
});

describe('baseline', () => {
  /** A repository with one committed key, and the report of it as the baseline (outside the tree). */
  function withBaseline(): { r: TempRepo; old: string; baseline: string } {
    const r = new TempRepo();
    cleanups.push(() => r.cleanup());
    const old = keys.openaiProject();
    r.write('old.py', `K = "${old}"\n`);
    r.commit('old');
    const baseline = path.join(r.dir, '..', `${path.basename(r.dir)}-baseline.json`);
    cleanups.push(() => rmSync(baseline, { force: true }));
    expect(runCli([r.dir, '--format', 'json', '--output', baseline]).code).toBe(1);
    return { r, old, baseline };
  }

  test('only findings not in the previous report count', () => {
    const { r, old, baseline } = withBaseline();
    const fresh = keys.anthropic();
    r.write('old.py', `# moved down\n\nK = "${old}"\n`);
    r.write('new.py', `K = "${fresh}"\n`);
    const { report, code } = scan(r.dir, '--baseline', baseline);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['leak/anthropic-api-key']);
    expect(report.suppressed.baseline).toBe(1);
    expect(runCli([r.dir, '--baseline', baseline]).stdout).toContain(
      '1 finding suppressed: 1 by the baseline',
    );
  });

  test('a key that left the tree for history is still the same known key', () => {
    const { r, baseline } = withBaseline();
    r.write('old.py', '');
    r.write('new.py', '');
    r.commit('clean up');
    const { report, code } = scan(r.dir, '--history', '--baseline', baseline);
    expect(report.findings).toHaveLength(0);
    expect(report.suppressed.baseline).toBe(1);
    expect(code).toBe(0);
  });

  test('a missing or foreign baseline is one clear error', () => {
    const r = new TempRepo();
    cleanups.push(() => r.cleanup());
    const missing = scan(r.dir, '--baseline', path.join(r.dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^keylint: baseline file not found: .*nope\.json\n$/);
    r.write('other.json', '{"runs": []}');
    const foreign = scan(r.dir, '--baseline', path.join(r.dir, 'other.json'));
    expect(foreign.stderr).toMatch(/is not a keylint JSON report/);
  });

  test('the action input works the same', () => {
    const r = new TempRepo();
    cleanups.push(() => r.cleanup());
    const run = runAction({ workspace: r.dir, inputs: { baseline: 'nope.json' } });
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/baseline file not found/);
  });
});

describe('every suppression is counted in the summary', () => {
  let run: ReturnType<typeof runAction>;
  beforeAll(() => {
    const r = new TempRepo();
    cleanups.push(() => r.cleanup());
    r.write(
      'app.py',
      `A = "${keys.openaiProject()}"  # keylint:allow\nB = "${keys.groq()}"  # gitleaks:allow\n`,
    );
    r.write('fixtures/x.env', `K=${keys.anthropic()}\n`);
    r.write('.keylintignore', 'fixtures/\n');
    r.commit('init');
    run = runAction({ workspace: r.dir });
  });

  test('"3 findings suppressed: 2 inline, 1 by .keylintignore"', () => {
    expect(run.code).toBe(0);
    expect(run.summary).toContain('3 findings suppressed: 2 inline, 1 by .keylintignore.');
  });
});
