import { afterAll, describe, expect, test } from '@jest/globals';
import { inlineAllows } from '../src/config/inline.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runCli } from './helpers/run-action.js';

interface Report {
  findings: { ruleId: string; location?: { path: string } }[];
  suppressedFindings: { ruleId: string; suppressed: string; location?: { path: string } }[];
}
const scan = (dir: string, ...args: string[]): Report =>
  JSON.parse(runCli([dir, '--format', 'json', ...args]).stdout) as Report;

describe('inline markers', () => {
  const rule = 'leak/openai-project-key';
  test.each([
    ['key = "…"  # keylint:allow', undefined],
    ['key = "…"  // keylint:allow leak/openai-project-key', undefined],
    ['key = "…"  # keylint:allow history/openai-project-key', undefined],
    ['key = "…"  # gitleaks:allow', undefined],
    ['key = "…"  # trufflehog:ignore', undefined],
    ['key = "…"  // secretlint-disable-line', undefined],
    ['key = "…"  # pragma: allowlist secret', undefined],
    ['key = "…"', '// secretlint-disable-next-line'],
    ['key = "…"', '# pragma: allowlist nextline secret'],
  ])('%s (above: %s) silences the key', (line, above) => {
    expect(inlineAllows(rule, line, above)).toBe(true);
  });

  test.each([
    ['key = "…"  # keylint:allow leak/google-api-key', undefined],
    ['key = "…"  # secretlint-disable-next-line', undefined],
    ['key = "…"', '# gitleaks:allow'],
    ['key = "…"', undefined],
  ])('%s (above: %s) does not', (line, above) => {
    expect(inlineAllows(rule, line, above)).toBe(false);
  });
});

describe('inline markers in the tree and in history', () => {
  const r = new TempRepo();
  afterAll(() => r.cleanup());
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
  r.write('gone.py', `x = "${hist}"  # gitleaks:allow\n# secretlint-disable-next-line\ny = "${histNext}"\n`);
  r.commit('more');
  r.write('gone.py', '');
  r.commit('removed');

  const tr = scan(r.dir);
  const hi = scan(r.dir, '--since', base);

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
