import { afterAll, describe, expect, test } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction, runCli, type ActionRun } from './helpers/run-action.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
function repo(): TempRepo {
  const r = new TempRepo();
  cleanups.push(() => r.cleanup());
  return r;
}
const ruleIds = (run: ActionRun): string[] =>
  (JSON.parse(run.report) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);

/** An executable shell script. */
function script(file: string, body: string): string {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/**
 * main: one file; feature: a `.gitattributes` that marks everything binary, a commit that adds a key
 * to a file the attributes cover, and one that removes it again.
 */
function hiddenByAttributes(attributes: string): {
  r: TempRepo;
  event: Record<string, unknown>;
  key: string;
} {
  const r = repo();
  const key = keys.openaiProject();
  r.write('app.py', 'print(1)\n');
  const base = r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write('.gitattributes', attributes);
  r.commit('attributes');
  r.write('secrets.txt', `OPENAI_API_KEY=${key}\n`);
  r.commit('add');
  r.write('secrets.txt', 'OPENAI_API_KEY=\n');
  const head = r.commit('remove');
  return {
    r,
    key,
    event: { pull_request: { number: 3, base: { sha: base }, head: { sha: head } } },
  };
}

describe('.gitattributes in the change cannot hide a commit’s lines from the scan', () => {
  test.each(['* binary\n', 'secrets.txt -diff\n'])('%j', (attributes) => {
    const { r, event, key } = hiddenByAttributes(attributes);
    const run = runAction({ workspace: r.dir, eventName: 'pull_request', event });
    expect(ruleIds(run)).toContain('history/openai-project-key');
    expect(run.code).toBe(1);
    expect(run.summary).not.toContain(key);
  });
});

describe('git runs none of the repository’s programs, and never sees a secret', () => {
  /**
   * A shallow clone (the fetch runs) whose `.git/config` names programs for fsmonitor, hooks and the
   * remote's upload-pack, each of which would leave a mark; a `git` first on PATH records the
   * arguments and environment of every git process keylint starts.
   */
  const source = repo();
  source.write('app.py', 'print(1)\n');
  const base = source.commit('init');
  source.git('checkout', '-q', '-b', 'feature');
  source.write('app.py', `print(2)\n`);
  const head = source.commit('two');
  const bare = path.join(tempDir('keylint-bare-'), 'r.git');
  source.git('clone', '-q', '--bare', source.dir, bare);
  const clone = new TempRepo({ git: false });
  cleanups.push(() => clone.cleanup());
  clone.git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${bare}`, clone.dir);

  const marks = tempDir('keylint-marks-');
  const mark = (name: string): string => `echo ran > ${path.join(marks, name)}`;
  const hooks = path.join(marks, 'hooks');
  mkdirSync(hooks);
  for (const hook of ['reference-transaction', 'post-checkout', 'post-merge'])
    script(path.join(hooks, hook), mark(hook));
  clone.git('config', 'core.fsmonitor', script(path.join(marks, 'fsmonitor.sh'), mark('fsmonitor')));
  clone.git('config', 'core.hooksPath', hooks);
  clone.git(
    'config',
    'remote.origin.uploadpack',
    script(path.join(marks, 'upload-pack.sh'), `${mark('upload-pack')}\nexec git-upload-pack "$@"`),
  );

  const bin = tempDir('keylint-bin-');
  const calls = tempDir('keylint-git-calls-');
  const realGit = ['/usr/bin/git', '/usr/local/bin/git', '/bin/git'].find(existsSync) ?? '/usr/bin/git';
  script(
    path.join(bin, 'git'),
    // One file per call: git processes run side by side, and appends to one log would interleave.
    `{ echo "ARGS $*"; env | sed 's/^/ENV /'; } > "$(mktemp ${calls}/call.XXXXXX)"\nexec ${realGit} "$@"`,
  );

  const key = keys.openaiProject();
  const token = `test-token-${Date.now()}`;
  const runWith = (env: Record<string, string>): ActionRun =>
    runAction({
      workspace: clone.dir,
      eventName: 'pull_request',
      event: { pull_request: { number: 5, base: { sha: base }, head: { sha: head } } },
      inputs: { 'github-token': token, 'key-env': 'MY_LLM_KEY', comment: 'false' },
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        MY_LLM_KEY: key,
        OPENAI_API_KEY: key,
        GITHUB_TOKEN: token,
        ...env,
      },
    });
  const run = runWith({});
  const seen = readdirSync(calls).map((f) => readFileSync(path.join(calls, f), 'utf8'));

  test('the scan worked: the missing commits were fetched and scanned', () => {
    expect(run.summary).toContain('Scanned the 1 commit of the pull request #5');
    expect(seen.some((c) => /^ARGS .* fetch /m.test(c))).toBe(true);
  });

  test('no fsmonitor, hook or upload-pack program of the repository ran', () => {
    expect(existsSync(path.join(marks, 'fsmonitor'))).toBe(false);
    expect(existsSync(path.join(marks, 'upload-pack'))).toBe(false);
    for (const hook of ['reference-transaction', 'post-checkout', 'post-merge'])
      expect(existsSync(path.join(marks, hook))).toBe(false);
  });

  test('every git process gets the safety settings and an environment without the key or the token', () => {
    expect(seen.length).toBeGreaterThan(3);
    for (const call of seen) {
      const args = /^ARGS (.*)$/m.exec(call)?.[1] ?? '';
      expect(args).toMatch(/^-c core\.fsmonitor=false -c core\.hooksPath=\/dev\/null /);
      expect(call).toMatch(/^ENV GIT_CONFIG_NOSYSTEM=1$/m);
      expect(call).not.toContain(key);
      expect(call).not.toContain(token);
      expect(call).not.toMatch(/^ENV (INPUT_[^=]*|MY_LLM_KEY|OPENAI_API_KEY|GITHUB_TOKEN)=/m);
    }
  });

  test('GIT_* variables of the step (another repository, extra config) do not reach git', () => {
    const other = runWith({
      GIT_DIR: path.join(marks, 'not-a-repository'),
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${path.join(marks, 'fsmonitor.sh')}'`,
    });
    expect(other.summary).toContain('Scanned the 1 commit of the pull request #5');
    expect(existsSync(path.join(marks, 'fsmonitor'))).toBe(false);
  });
});

describe('a global git ignore file does not decide what a repository holds', () => {
  test('an untracked .env that only ~/.config/git/ignore ignores is still scanned', () => {
    const home = tempDir('keylint-home-');
    mkdirSync(path.join(home, '.config', 'git'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'git', 'ignore'), 'settings.env\n');
    writeFileSync(path.join(home, '.gitconfig'), `[core]\n\texcludesFile = ${path.join(home, 'ignore2')}\n`);
    writeFileSync(path.join(home, 'ignore2'), 'other.env\n');
    const r = repo();
    r.write('app.py', 'print(1)\n');
    r.commit('init');
    r.write('settings.env', `GROQ_API_KEY=${keys.groq()}\n`);
    r.write('other.env', `GROQ_API_KEY=${keys.groq()}\n`);
    const cli = runCli([r.dir, '--format', 'json'], { env: { HOME: home, XDG_CONFIG_HOME: '' } });
    const paths = (JSON.parse(cli.stdout) as { findings: { location: { path: string } }[] }).findings.map(
      (f) => f.location.path,
    );
    expect(paths.sort()).toEqual(['other.env', 'settings.env']);
  });
});
