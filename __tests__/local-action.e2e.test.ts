import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { ACTION, parseOutputFile } from './helpers/run-action.js';

/**
 * `@github/local-action` imports the action's entry and calls the `run()` it exports (it stops with
 * "does not export a run() function" otherwise). This does what it does, in a child process.
 */
describe('the action entry, imported as @github/local-action imports it', () => {
  let repo: TempRepo;
  let runner: string;
  beforeAll(() => {
    repo = new TempRepo({ prefix: 'keylint-local-action-' });
    repo.write('app.py', `GROQ_API_KEY = "${keys.groq()}"\n`);
    repo.commit('a key');
    runner = mkdtempSync(path.join(tmpdir(), 'keylint-local-runner-'));
  });
  afterAll(() => {
    repo.cleanup();
    rmSync(runner, { recursive: true, force: true });
  });

  const load = (script: string): { code: number; stdout: string; outputs: Record<string, string> } => {
    const output = path.join(runner, 'output');
    writeFileSync(output, '');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
        RUNNER_TEMP: runner,
        INPUT_PATH: '.',
        'INPUT_FAIL-ON': 'high',
        'INPUT_SARIF-FILE': path.join(runner, 'keylint.sarif'),
        INPUT_COMMENT: 'false',
      },
      timeout: 60000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, outputs: parseOutputFile(readFileSync(output, 'utf8')) };
  };
  const entry = JSON.stringify(pathToFileURL(ACTION).href);

  it('exports run(), and importing it runs nothing', () => {
    const r = load(`const m = await import(${entry}); console.log(typeof m.run);`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('function\n');
    expect(r.outputs).toEqual({});
  });

  it('run() scans the workspace and sets the outputs and the failed status', () => {
    const r = load(
      `const m = await import(${entry}); await m.run(); console.log('exit ' + process.exitCode);`,
    );
    expect(r.outputs).toMatchObject({ verdict: 'fail', findings: '1', leaked: '1' });
    expect(r.stdout).toMatch(/^::error title=leak\/groq-api-key%3A [^,]*,file=app\.py,line=1,/m);
    expect(r.stdout).toMatch(/^exit 1$/m);
  });
});
