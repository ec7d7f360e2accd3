import { describe, expect, test } from '@jest/globals';
import { analyzeSource } from '../src/lint/code.js';
import { lexJs, lexPython } from '../src/lint/lexer.js';
import { currentReplacement, modelRetirement, shutdownState } from '../src/lint/retirements.js';
import { lintFindings, lintProject, where } from './lint-helpers.js';

const day = (d: string): Date => new Date(`${d}T00:00:00Z`);

describe('shutdown dates, on both sides', () => {
  test.each([
    ['2026-09-11', 'active'], // 91 days before 2026-12-11
    ['2026-09-12', 'retiring'], // 90 days before
    ['2026-12-10', 'retiring'],
    ['2026-12-11', 'retired'], // the shutdown day itself
    ['2027-01-01', 'retired'],
  ])('gpt-5-2025-08-07 on %s is %s', (today, state) => {
    expect(shutdownState(modelRetirement('gpt-5-2025-08-07')!.shutdown, day(today))).toBe(state);
  });

  test('the replacement is one no shutdown is scheduled for, on any date', () => {
    const r = modelRetirement('text-davinci-003')!;
    expect(currentReplacement(r, day('2025-01-01'))).toBe('gpt-6.1-terra');
    expect(currentReplacement(r, day('2026-12-06'))).toBe('gpt-6.1-terra');
  });

  const code =
    'from openai import OpenAI\nr = OpenAI().responses.create(model="gpt-3.5-turbo", input="hi")\n';

  test('the day before the shutdown the model is a warning with the date; on the day an error', async () => {
    const before = lintFindings(await lintProject({ 'a.py': code }, '2026-10-22'));
    expect(where(before)).toEqual(['lint/retiring-model a.py:2']);
    expect(before[0]).toMatchObject({ severity: 'medium' });
    expect(before[0]!.message).toBe(
      'Model gpt-3.5-turbo shuts down on 2026-10-23 (in 1 day); from then requests with it fail with model_not_found.',
    );
    const after = lintFindings(await lintProject({ 'a.py': code }, '2026-10-23'));
    expect(where(after)).toEqual(['lint/retired-model a.py:2']);
    expect(after[0]).toMatchObject({ severity: 'high' });
    expect(after[0]!.fix).toContain('Use gpt-6.1-terra instead.');
    const longBefore = lintFindings(await lintProject({ 'a.py': code }, '2026-01-01'));
    expect(longBefore).toEqual([]);
  });

  test('the Assistants API: a warning before 2026-08-26, an error from then', async () => {
    const files = { 'a.ts': 'import OpenAI from "openai";\nawait new OpenAI().beta.threads.create();\n' };
    const before = lintFindings(await lintProject(files, '2026-08-25'));
    expect(where(before)).toEqual(['lint/retiring-endpoint a.ts:2']);
    expect(before[0]!.message).toContain('shuts down on 2026-08-26 (in 1 day)');
    expect(where(lintFindings(await lintProject(files, '2026-08-26')))).toEqual([
      'lint/retired-endpoint a.ts:2',
    ]);
  });
});

describe('the models the code names (read by the live check)', () => {
  test('model literals sent in files that use an SDK; none from comments, bare assignments or other files', () => {
    const py = analyzeSource(
      'python',
      lexPython(
        '# model="gpt-4o-mini"\nimport anthropic, openai\nA = "claude-sonnet-4-5"\nB = openai.OpenAI().chat.completions.create(model="gpt-4.1", messages=[])\nC = {"model": "o3"}\nname = "davinci"\n',
      ),
      day('2026-11-27'),
    );
    // `A = "claude-sonnet-4-5"` is a name, not a model sent: only model values count.
    expect(py.models.map((m) => m.name)).toEqual(['gpt-4.1', 'o3']);
    const none = analyzeSource('js', lexJs('const m = "gpt-4.1"; // no SDK here\n'), day('2026-11-27'));
    expect(none.providers.size).toBe(0);
    expect(none.models).toEqual([]);
  });
});
