import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { everything, runAction } from './helpers/run-action.js';

/** A representative project through the built action: annotations at the line, outputs, summary, SARIF. */
describe('the code lint in the action', () => {
  const arrange = () => {
    const repo = new TempRepo();
    repo.write('requirements.txt', 'flask\nopenai==0.28.1\n');
    repo.write(
      'app/chat.py',
      [
        'import os',
        'import openai',
        '',
        '# openai.Completion.create(model="text-davinci-003") was the old way',
        'KEY = os.getenv("OPENAI_API_KEY", "replace-me-please")',
        '',
        'def reply(msg):',
        '    """Calls gpt-4-32k (see the docs)."""',
        '    return openai.ChatCompletion.create(model="gpt-4-32k", messages=[msg])',
      ].join('\n'),
    );
    repo.write('web/package.json', JSON.stringify({ dependencies: { openai: '^4.52.0' } }, null, 2));
    repo.write(
      'web/src/ai.ts',
      'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const ask = () => client.chat.completions.create({ model: "gpt-5-2025-08-07", messages: [] });\n',
    );
    repo.write('web/src/util.ts', 'export const label = "gpt-4-32k";\n');
    repo.commit('init');
    const run = runAction({ workspace: repo.dir, env: { KEYLINT_TODAY: '2026-11-27' } });
    const lint = run.annotations.filter((a) => a.title?.startsWith('lint/'));
    return { repo, run, lint };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let run: ReturnType<typeof arrange>['run'];
  let lint: ReturnType<typeof arrange>['lint'];
  beforeAll(() => {
    ({ repo, run, lint } = arrange());
  });
  afterAll(() => repo.cleanup());

  const at = (rule: string): string[] =>
    lint.filter((a) => a.title?.startsWith(`${rule}:`)).map((a) => `${a.level} ${a.file}:${a.line}`);

  test('fails the step on the retired model (high) and annotates each finding at its line', () => {
    expect(run.code).toBe(1);
    expect(at('lint/retired-model')).toEqual(['error app/chat.py:9']);
    expect(at('lint/openai-sdk-outdated')).toEqual(['warning requirements.txt:2']);
    expect(at('lint/removed-sdk-call')).toEqual(['warning app/chat.py:9']);
    expect(at('lint/key-default-literal')).toEqual(['warning app/chat.py:5']);
    expect(at('lint/retiring-model')).toEqual(['warning web/src/ai.ts:3']);
    // The comment, the docstring and the file without an SDK give nothing.
    expect(lint).toHaveLength(5);
  });

  test('messages name the fix', () => {
    const retired = lint.find((a) => a.title?.startsWith('lint/retired-model'))!;
    expect(retired.message).toContain('Model gpt-4-32k was shut down on 2025-06-06');
    expect(retired.message).toContain('gpt-6.1-sol');
    const retiring = lint.find((a) => a.title?.startsWith('lint/retiring-model'))!;
    expect(retiring.message).toContain('shuts down on 2026-12-11 (in 14 days)');
  });

  test('SARIF knows the lint rules and the literal default never appears in any output', () => {
    const sarif = JSON.parse(run.sarif) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string }> }>;
    };
    const ruleIds = sarif.runs[0]!.tool.driver.rules.map((r) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['lint/retired-model', 'lint/sdk-version-mismatch']));
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('lint/retired-model');
    expect(everything(run).replace(/^::add-mask::.*$/gm, '')).not.toContain('replace-me-please');
  });
});
