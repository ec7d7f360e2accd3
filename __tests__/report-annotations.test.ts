import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction } from './helpers/run-action.js';
import { realKey } from './helpers/scan-result.js';

describe('annotations', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
  });
  afterAll(() => repo.cleanup());

  test('most severe first, at file, line and column, titled with the rule id; one notice for the rest', () => {
    // 12 high-severity keys in a file that sorts first, 2 critical ones in a file that sorts last.
    const high = Array.from({ length: 12 }, () => realKey(keys.huggingface));
    const critical = Array.from({ length: 2 }, () => realKey(keys.openaiProject));
    repo.write('a/high.py', high.map((k) => `HF_TOKEN = "${k}"`).join('\n') + '\n');
    repo.write('z/critical.py', `\n${critical.map((k) => `    key = "${k}"`).join('\n')}\n`);
    repo.commit('keys');
    const run = runAction({ workspace: repo.dir, inputs: { comment: 'false' } });
    expect(run.outputs.findings).toBe('14');
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file);
    // 10 errors per step, one of which is the step's own failure message.
    expect(errors).toHaveLength(9);
    expect(run.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(errors.slice(0, 2).map((a) => [a.file, a.line, a.col])).toEqual([
      ['z/critical.py', 2, 12],
      ['z/critical.py', 3, 12],
    ]);
    expect(errors[0]!.title).toMatch(/^leak\/openai-project-key/);
    expect(errors[2]).toMatchObject({ file: 'a/high.py', line: 1, col: 13 });
    expect(errors[2]!.title).toMatch(/^leak\/huggingface-token/);
    const more = run.annotations.filter((a) => a.level === 'notice' && /more finding/.test(a.message));
    expect(more).toHaveLength(1);
    expect(more[0]!.message).toMatch(/^5 more .*job summary/);
    expect(run.summary.split('\n').filter((l) => l.startsWith('| `leak/'))).toHaveLength(14);
  });

  test('a scanned subdirectory annotates repository paths', () => {
    const sub = new TempRepo();
    sub.write('services/api/settings.py', `OPENAI_API_KEY = "${realKey(keys.openaiProject)}"\n`);
    sub.commit('key');
    const run = runAction({ workspace: sub.dir, inputs: { path: 'services/api', comment: 'false' } });
    sub.cleanup();
    const err = run.annotations.find((a) => a.level === 'error' && a.file);
    expect(err?.file).toBe('services/api/settings.py');
    expect(JSON.parse(run.sarif).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'services/api/settings.py',
    );
  });
});
