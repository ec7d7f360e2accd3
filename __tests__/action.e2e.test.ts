import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction, runCli } from './helpers/run-action.js';

describe('the action as a runner runs it', () => {
  const arrange = () => {
    const repo = new TempRepo();
    const secret = keys.openaiProject();
    repo.write('app/config.py', `import os\n\nclient = OpenAI(api_key="${secret}")\n`);
    repo.write('README.md', '# app\n');
    repo.commit('init');
    const run = runAction({ workspace: repo.dir });
    return { repo, secret, run };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let secret: ReturnType<typeof arrange>['secret'];
  let run: ReturnType<typeof arrange>['run'];
  beforeAll(() => {
    ({ repo, secret, run } = arrange());
  });
  afterAll(() => repo.cleanup());

  test('fails the step and annotates the key at its file, line and column', () => {
    expect(run.code).toBe(1);
    const err = run.annotations.find((a) => a.level === 'error' && a.file === 'app/config.py');
    expect(err).toMatchObject({ line: 3, col: 26 });
    expect(err?.title).toContain('leak/openai-project-key');
  });

  test('sets the outputs', () => {
    expect(run.outputs).toMatchObject({ findings: '1', leaked: '1', verdict: 'fail' });
  });

  test('writes a job summary with the verdict first', () => {
    expect(run.summary.split('\n')[0]).toContain('keylint: fail');
    expect(run.summary).toContain('app/config.py:3');
  });

  test('masks the key and never prints it', () => {
    expect(run.masked).toContain(secret);
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(secret.slice(8, 40));
  });

  test('passes on a clean repository', () => {
    const clean = new TempRepo();
    clean.write('main.py', 'print("hello")\n');
    clean.commit('init');
    const r = runAction({ workspace: clean.dir });
    clean.cleanup();
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ findings: '0', leaked: '0', verdict: 'pass' });
  });

  test('a bad input is one clear error, not a stack trace', () => {
    const r = runAction({ workspace: repo.dir, inputs: { 'fail-on': 'severe' } });
    expect(r.code).toBe(1);
    const err = r.annotations.find((a) => a.level === 'error');
    expect(err?.message).toMatch(/fail-on must be one of critical, high, medium, low, none/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  });

  test('a report file that cannot be written is a warning; the verdict and the other outputs stand', () => {
    const r = runAction({ workspace: repo.dir, inputs: { 'report-file': 'README.md/report.json' } });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ findings: '1', verdict: 'fail', report: '' });
    expect(r.outputs['sarif-file']).not.toBe('');
    const w = r.annotations.find(
      (a) => a.level === 'warning' && a.message.includes('cannot write the JSON report'),
    );
    expect(w).toBeDefined();
  });

  test('a usage error still sets the verdict output', () => {
    const r = runAction({ workspace: repo.dir, inputs: { scan: 'everything' } });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
  });
});

describe('error messages never quote a key', () => {
  test('a key pasted into the config is redacted in the error', () => {
    const r = new TempRepo();
    const pasted = keys.groq();
    r.write('.keylint.yml', `rules:\n  ${pasted}: false\n`);
    const cli = runCli([r.dir]);
    const action = runAction({ workspace: r.dir });
    r.cleanup();
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/\.keylint\.yml:2: rules: unknown rule id "gsk_…/);
    expect(everything(cli)).not.toContain(pasted);
    expect(action.code).toBe(1);
    expect(everything(action).replace(/^::add-mask::.*$/gm, '')).not.toContain(pasted);
  });
});
