import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction, runCli } from './helpers/run-action.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): TempRepo {
  const r = new TempRepo();
  cleanups.push(() => r.cleanup());
  return r;
}

/** A directory outside every workspace, holding a file a pull request would like overwritten. */
function victim(): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'keylint-victim-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'bashrc');
  const text = 'export PS1="$ "\n';
  writeFileSync(file, text);
  return { dir, file, text };
}

/** Shapes of stack frames: none may reach a user. */
const STACK = /\n\s+at .+:\d+:\d+\)?/;

describe('report files never follow what the repository put in their place', () => {
  test('a committed keylint.sarif link to a file outside the workspace is left alone; the outputs stand', () => {
    const r = repo();
    const v = victim();
    r.write('app.py', `key = "${keys.groq()}"\n`);
    symlinkSync(v.file, path.join(r.dir, 'keylint.sarif'));
    r.commit('a link where the SARIF goes');
    const run = runAction({ workspace: r.dir, inputs: { 'sarif-file': 'keylint.sarif', scan: 'tree' } });
    expect(readFileSync(v.file, 'utf8')).toBe(v.text);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /cannot write the SARIF file .*keylint\.sarif: a symbolic link is in its place/,
        ),
      }),
    );
    expect(run.outputs).toMatchObject({ verdict: 'fail', findings: '1', 'sarif-file': '' });
    expect(run.outputs.report).not.toBe('');
  });

  test('a report file in a linked directory that leads out of the workspace is refused', () => {
    const r = repo();
    const v = victim();
    r.write('app.py', 'print(1)\n');
    symlinkSync(v.dir, path.join(r.dir, 'out'));
    r.commit('a directory link');
    const run = runAction({ workspace: r.dir, inputs: { 'report-file': 'out/bashrc', scan: 'tree' } });
    expect(readFileSync(v.file, 'utf8')).toBe(v.text);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/cannot write the JSON report .*resolves outside the workspace/),
      }),
    );
    expect(run.outputs).toMatchObject({ verdict: 'pass', report: '' });
  });

  test('a FIFO in the SARIF file’s place is refused, not opened (which would block the step)', () => {
    const r = repo();
    r.write('app.py', 'print(1)\n');
    r.commit('init');
    execFileSync('mkfifo', [path.join(r.dir, 'keylint.sarif')]);
    const run = runAction({ workspace: r.dir, inputs: { 'sarif-file': 'keylint.sarif', scan: 'tree' } });
    expect(run.code).toBe(0);
    expect(run.annotations.map((a) => a.message).join('\n')).toMatch(
      /cannot write the SARIF file .*something other than a regular file is in its place/,
    );
  });

  test('an ordinary report file is still written, and replaced on the next run', () => {
    const r = repo();
    r.write('app.py', 'print(1)\n');
    r.commit('init');
    r.write('keylint.sarif', 'old');
    const run = runAction({ workspace: r.dir, inputs: { 'sarif-file': 'keylint.sarif', scan: 'tree' } });
    expect(run.outputs['sarif-file']).toBe(path.join(r.dir, 'keylint.sarif'));
    expect(JSON.parse(readFileSync(path.join(r.dir, 'keylint.sarif'), 'utf8'))).toMatchObject({
      version: '2.1.0',
    });
  });

  test('the CLI’s --output into the scanned tree does not follow a link out of it', () => {
    const r = repo();
    const v = victim();
    r.write('app.py', 'print(1)\n');
    symlinkSync(v.file, path.join(r.dir, 'report.json'));
    const cli = runCli([r.dir, '--format', 'json', '--output', path.join(r.dir, 'report.json')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^keylint: cannot write .*report\.json: a symbolic link is in its place\n$/);
    expect(readFileSync(v.file, 'utf8')).toBe(v.text);
  });
});

describe('configuration, ignore and baseline files are regular files inside the repository', () => {
  const cases: [string, string, RegExp][] = [
    [
      '.keylint.yml',
      '/dev/zero',
      /config file \.keylint\.yml is a symbolic link to a file outside the repository/,
    ],
    [
      '.keylintignore',
      '/proc/self/environ',
      /ignore file \.keylintignore is a symbolic link to a file outside the repository/,
    ],
  ];
  test.each(cases)('%s linked to %s is a clear error naming the file', (name, target, message) => {
    const r = repo();
    r.write('app.py', 'print(1)\n');
    symlinkSync(target, path.join(r.dir, name));
    const run = runAction({
      workspace: r.dir,
      inputs: { scan: 'tree' },
      env: { OPENAI_API_KEY: 'not-for-config-files' },
      timeoutMs: 30000,
    });
    expect(run.code).toBe(1);
    const err = run.annotations.find((a) => a.level === 'error');
    expect(err?.message).toMatch(message);
    expect(run.stdout + run.stderr).not.toMatch(STACK);
    expect(run.stdout).not.toContain('not-for-config-files');
  });

  test('a link inside the repository to another file inside it is read', () => {
    const r = repo();
    r.write('app.py', `key = "${keys.groq()}"\n`);
    r.write('config/keylint.yml', 'rules:\n  leak/groq-api-key:\n    severity: low\n');
    symlinkSync('config/keylint.yml', path.join(r.dir, '.keylint.yml'));
    const run = runAction({ workspace: r.dir, inputs: { scan: 'tree' } });
    expect(run.code).toBe(0);
  });

  test('a config file over 1 MiB is refused, naming it', () => {
    const r = repo();
    r.write('app.py', 'print(1)\n');
    r.write('.keylint.yml', `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const cli = runCli([r.dir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(
      /^keylint: config file \.keylint\.yml is larger than 1024 KiB; keylint did not use it\n$/,
    );
  });

  test('a FIFO as .keylintignore is refused without blocking', () => {
    const r = repo();
    r.write('app.py', 'print(1)\n');
    execFileSync('mkfifo', [path.join(r.dir, '.keylintignore')]);
    const cli = runCli([r.dir], { timeoutMs: 30000 });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/ignore file \.keylintignore is not a regular file/);
  });

  test('a baseline linked out of the repository is refused', () => {
    const r = repo();
    const v = victim();
    r.write('app.py', 'print(1)\n');
    mkdirSync(path.join(r.dir, 'ci'));
    symlinkSync(v.file, path.join(r.dir, 'ci', 'baseline.json'));
    const cli = runCli([r.dir, '--baseline', path.join(r.dir, 'ci', 'baseline.json')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(
      /baseline file .*baseline\.json is a symbolic link to a file outside the repository/,
    );
  });
});
