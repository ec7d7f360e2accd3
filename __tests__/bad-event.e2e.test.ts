import { afterAll, describe, expect, test } from '@jest/globals';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { runAction, type ActionRun } from './helpers/run-action.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** main: one commit; feature: one more. */
function prRepo(): { r: TempRepo; base: string; head: string } {
  const r = new TempRepo();
  cleanups.push(() => r.cleanup());
  r.write('app.py', 'print(1)\n');
  const base = r.commit('init');
  r.git('checkout', '-q', '-b', 'feature');
  r.write('app.py', 'print(2)\n');
  const head = r.commit('two');
  return { r, base, head };
}

const warnings = (run: ActionRun): string[] =>
  run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const STACK = /\n\s+at .+:\d+:\d+\)?/;

describe('an event payload keylint cannot use is said, naming the file and what was skipped', () => {
  const { r } = prRepo();

  test('a missing file', () => {
    const missing = path.join(tempDir('keylint-event-'), 'event.json');
    const run = runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      env: { GITHUB_EVENT_PATH: missing },
    });
    expect(run.code).toBe(0);
    expect(warnings(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `the event payload ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} not found.*scanned the files only: the commits`,
        ),
      ),
    );
  });

  test('a file that is not JSON', () => {
    const file = path.join(tempDir('keylint-event-'), 'event.json');
    writeFileSync(file, '{"pull_request": {');
    const run = runAction({ workspace: r.dir, eventName: 'pull_request', env: { GITHUB_EVENT_PATH: file } });
    expect(run.code).toBe(0);
    expect(warnings(run).join('\n')).toContain(`the event payload ${file} is not valid JSON`);
  });

  test('a pull request event without base and head commits', () => {
    const run = runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      event: { pull_request: { number: 4 } },
    });
    expect(run.code).toBe(0);
    expect(warnings(run).join('\n')).toMatch(
      /pull_request event payload has no pull_request\.base\.sha and pull_request\.head\.sha .* only the files were/,
    );
  });
});

describe('event fields of the wrong type are absent, not a crash', () => {
  test('a number as head.repo.full_name', () => {
    const { r, base, head } = prRepo();
    const run = runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      event: {
        pull_request: {
          number: 4,
          base: { sha: base, repo: { full_name: 'acme/app' } },
          head: { sha: head, repo: { full_name: 42, fork: 'yes' } },
          user: { login: ['x'] },
        },
      },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.report).not.toContain('config/check-failed');
    expect(run.stdout).not.toMatch(/is not a function/);
  });
});

describe('a check that crashes fails the verdict, never a silent pass', () => {
  // A git that fails on `git log` and `git rev-list` as a corrupt repository would: the commit scan
  // cannot even list the commits to read around the bad one, and stops with an error.
  const bin = tempDir('keylint-bin-');
  const realGit = ['/usr/bin/git', '/usr/local/bin/git', '/bin/git'].find(existsSync) ?? '/usr/bin/git';
  const wrapper = path.join(bin, 'git');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nfor a in "$@"; do case "$a" in log|rev-list) echo "fatal: bad object in pack" >&2; exit 128;; esac; done\nexec ${realGit} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const { r, base, head } = prRepo();
  const runWith = (inputs: Record<string, string>): ActionRun =>
    runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      event: { pull_request: { number: 4, base: { sha: base }, head: { sha: head } } },
      inputs,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    });

  test('fail, with an error annotation that names the check and the error', () => {
    const run = runWith({});
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    const err = run.annotations.find(
      (a) => a.level === 'error' && /config\/check-failed/.test(a.title ?? ''),
    );
    expect(err?.message).toMatch(
      /The commits check stopped with an internal error \(git log failed: fatal: bad object in pack\)/,
    );
    expect(run.stdout + run.stderr).not.toMatch(STACK);
  });

  test('fail-on: none still passes, and still says so', () => {
    const run = runWith({ 'fail-on': 'none' });
    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.report).toContain('config/check-failed');
  });
});
