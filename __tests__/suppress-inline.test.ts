import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { inlineAllows, markersIn } from '../src/config/inline.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runCli } from './helpers/run-action.js';

interface Report {
  findings: { ruleId: string; location?: { path: string } }[];
  suppressedFindings: { ruleId: string; suppressed: string; location?: { path: string } }[];
}
const scan = (dir: string, ...args: string[]): Report =>
  JSON.parse(runCli([dir, '--format', 'json', ...args]).stdout) as Report;

const rule = 'leak/openai-project-key';
const ALLOWING: Array<[string, string | undefined]> = [
  ['key = "…"  # keylint:allow', undefined],
  ['key = "…"  // keylint:allow leak/openai-project-key', undefined],
  ['key = "…"  # keylint:allow history/openai-project-key', undefined],
  ['key = "…"  # gitleaks:allow', undefined],
  ['key = "…"  # trufflehog:ignore', undefined],
  ['key = "…"  // secretlint-disable-line', undefined],
  ['key = "…"  # pragma: allowlist secret', undefined],
  ['key = "…"', '// secretlint-disable-next-line'],
  ['key = "…"', '# pragma: allowlist nextline secret'],
];
const NOT_ALLOWING: Array<[string, string | undefined]> = [
  ['key = "…"  # keylint:allow leak/google-api-key', undefined],
  ['key = "…"  # secretlint-disable-next-line', undefined],
  ['key = "…"', '# gitleaks:allow'],
  ['key = "…"', undefined],
  ['key = "…"  # keylint:allowlist', undefined],
];

describe('inline markers', () => {
  test.each(ALLOWING)('%s (above: %s) silences the key', (line, above) => {
    expect(inlineAllows(rule, line, above)).toBe(true);
  });

  test.each(NOT_ALLOWING)('%s (above: %s) does not', (line, above) => {
    expect(inlineAllows(rule, line, above)).toBe(false);
  });

  // The file pass keeps only the markers of a key's lines: they must be judged as the lines are.
  test.each([
    ...ALLOWING,
    ...NOT_ALLOWING,
    ['x = 1  # KEYLINT:ALLOW leak/openai-project-key, lint/x', undefined],
  ])('the markers of %s (above: %s) alone are judged as the whole lines', (line, above) => {
    const marks = markersIn(line);
    expect(marks).not.toContain('key = ');
    expect(inlineAllows(rule, marks, markersIn(above ?? ''))).toBe(inlineAllows(rule, line, above));
  });
});

describe('inline markers where the file pass reads them', () => {
  const arrange = () => {
    const r = new TempRepo();
    const k = {
      crlf: keys.openaiProject(),
      crlfNext: keys.anthropic(),
      first: keys.groq(),
      kept: keys.xai(),
      far: keys.google(),
      cut: keys.openrouter(),
    };
    // CRLF line ends; a marker on the very first line; a long line whose marker follows the key.
    r.write(
      'win.env',
      `A=${k.crlf} # gitleaks:allow\r\n# secretlint-disable-next-line\r\nB=${k.crlfNext}\r\nC=${k.kept}\r\n`,
    );
    // Markers are read within 4 KiB of the key: beside it, or at the end of a line a person wrote.
    r.write(
      'first.js',
      `const g = "${k.first}"; ${'x'.repeat(3000)} // keylint:allow ${'y'.repeat(100_000)}`,
    );
    r.write('far.js', `const g = "${k.far}"; ${'x'.repeat(100_000)} // keylint:allow`);
    // A marker for another rule cut by that reach must not read as the bare, silence-all form.
    const prefix = 'const g = "';
    r.write(
      'cut.js',
      `${prefix}${k.cut}"; ${'x'.repeat(4096 - 13 - k.cut.length - 3)}keylint:allow leak/anthropic-api-key\n`,
    );
    r.commit('init');
    const tr = scan(r.dir);
    return { r, tr };
  };
  let r: ReturnType<typeof arrange>['r'];
  let tr: ReturnType<typeof arrange>['tr'];
  beforeAll(() => {
    ({ r, tr } = arrange());
  });
  afterAll(() => r.cleanup());

  test('CRLF lines, the first line and a marker along a long line silence their keys', () => {
    expect(tr.findings.map((f) => f.ruleId).sort()).toEqual([
      'leak/google-api-key',
      'leak/openrouter-api-key',
      'leak/xai-api-key',
    ]);
    expect(tr.findings.find((f) => f.ruleId === 'leak/google-api-key')?.location?.path).toBe('far.js');
    expect(tr.suppressedFindings.map((f) => f.location?.path).sort()).toEqual([
      'first.js',
      'win.env',
      'win.env',
    ]);
  });
});

describe('inline markers in the tree and in history', () => {
  const arrange = () => {
    const r = new TempRepo();
    const k = {
      own: keys.openaiProject(),
      scoped: keys.anthropic(),
      wrongRule: keys.groq(),
      gitleaks: keys.google(),
      trufflehog: keys.xai(),
      secretlint: keys.perplexity(),
      nextLine: keys.replicate(),
      pragma: keys.openrouter(),
    };
    r.write('README.md', '# x\n');
    const base = r.commit('init');
    const tree = [
      `a = "${k.own}"  # keylint:allow`,
      `b = "${k.scoped}"  # keylint:allow leak/anthropic-api-key`,
      `c = "${k.wrongRule}"  # keylint:allow leak/google-api-key`,
      `d = "${k.gitleaks}"  # gitleaks:allow`,
      `e = "${k.trufflehog}"  # trufflehog:ignore`,
      `f = "${k.secretlint}"  // secretlint-disable-line`,
      '// secretlint-disable-next-line',
      `g = "${k.nextLine}"`,
      `h = "${k.pragma}"  # pragma: allowlist secret`,
    ];
    r.write('conf.py', tree.join('\n') + '\n');
    r.commit('keys with markers');
    // The same kinds of markers on lines that are then deleted: judged on the diff line.
    const hist = keys.openaiServiceAccount();
    const histNext = keys.huggingface();
    r.write(
      'gone.py',
      `x = "${hist}"  # gitleaks:allow\n# secretlint-disable-next-line\ny = "${histNext}"\n`,
    );
    r.commit('more');
    r.write('gone.py', '');
    r.commit('removed');
    const tr = scan(r.dir);
    const hi = scan(r.dir, '--since', base);
    return { r, k, base, tr, hi };
  };
  let r: ReturnType<typeof arrange>['r'];
  let k: ReturnType<typeof arrange>['k'];
  let base: ReturnType<typeof arrange>['base'];
  let tr: ReturnType<typeof arrange>['tr'];
  let hi: ReturnType<typeof arrange>['hi'];
  beforeAll(() => {
    ({ r, k, base, tr, hi } = arrange());
  });
  afterAll(() => r.cleanup());

  test('each marker silences its line in the tree, and a marker for another rule does not', () => {
    expect(tr.findings.map((f) => f.ruleId)).toEqual(['leak/groq-api-key']);
    expect(tr.suppressedFindings).toHaveLength(7);
    expect(new Set(tr.suppressedFindings.map((f) => f.suppressed))).toEqual(new Set(['inline']));
  });

  test('markers on diff lines silence keys that only history holds', () => {
    const historyOnly = hi.suppressedFindings.filter((f) => f.ruleId.startsWith('history/'));
    expect(historyOnly.map((f) => f.ruleId).sort()).toEqual([
      'history/huggingface-token',
      'history/openai-service-account-key',
    ]);
    expect(hi.findings.map((f) => f.ruleId)).toEqual(['leak/groq-api-key']);
  });

  test('the text report counts them in words', () => {
    const out = runCli([r.dir, '--since', base]).stdout;
    expect(out).toContain('9 findings suppressed: 9 inline');
    for (const s of Object.values(k)) expect(out).not.toContain(s);
  });
});
