import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fastHistory } from './helpers/fast-history.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction, type ActionRun } from './helpers/run-action.js';

interface JsonFinding {
  ruleId: string;
  inTree?: boolean;
  commit?: { sha: string; path: string; line: number };
  commitCount?: number;
  location?: { path: string };
}
interface Report {
  findings: JsonFinding[];
  notices: { level: string; message: string }[];
}
const reportOf = (run: ActionRun): Report => JSON.parse(run.report) as Report;
const noticeText = (run: ActionRun): string =>
  reportOf(run)
    .notices.map((n) => n.message)
    .join('\n');

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function repo(): TempRepo {
  const r = new TempRepo();
  cleanups.push(() => r.cleanup());
  return r;
}
/** A bare repository holding `src`'s branches: the "GitHub" a clone fetches from, over file://. */
function bareOf(src: TempRepo): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'keylint-bare-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  src.git('clone', '-q', '--bare', src.dir, path.join(dir, 'r.git'));
  return `file://${path.join(dir, 'r.git')}`;
}
/** A clone as actions/checkout makes it: `depth` commits of `branch` (0: everything). */
function cloneOf(url: string, branch: string, depth: number): TempRepo {
  const c = new TempRepo({ git: false });
  cleanups.push(() => c.cleanup());
  const args = [
    'clone',
    '-q',
    '--branch',
    branch,
    ...(depth > 0 ? ['--depth', String(depth)] : []),
    url,
    c.dir,
  ];
  c.git(...args);
  c.git('config', 'user.email', 'dev@example.test');
  c.git('config', 'user.name', 'Dev');
  return c;
}
const prEvent = (base: string, head: string, commits?: number): Record<string, unknown> => ({
  pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' }, commits },
});

/** main: an old key added and removed; feature: three commits, the first adds a key the second removes. */
function prRepo(): { r: TempRepo; base: string; head: string; prKey: string; oldKey: string } {
  const r = repo();
  const oldKey = keys.groq();
  const prKey = keys.openaiProject();
  r.write('app.py', 'print(1)\n');
  r.commit('init');
  r.write('old.env', `GROQ_API_KEY=${oldKey}\n`);
  r.commit('old key');
  r.write('old.env', 'GROQ_API_KEY=\n');
  const base = r.commit('old key removed');
  r.git('checkout', '-q', '-b', 'feature');
  r.write('app.py', `print(1)\nclient = OpenAI(api_key="${prKey}")\n`);
  r.commit('try it');
  r.write('app.py', 'print(1)\nclient = OpenAI()\n');
  r.commit('oops, use the environment');
  r.write('README.md', '# app\n');
  const head = r.commit('docs');
  return { r, base, head, prKey, oldKey };
}

describe('pull_request: every commit between base and head', () => {
  const arrange = () => {
    const { r, base, head, prKey, oldKey } = prRepo();
    const run = runAction({ workspace: r.dir, eventName: 'pull_request', event: prEvent(base, head, 3) });
    return { r, base, head, prKey, oldKey, run };
  };
  let r: ReturnType<typeof arrange>['r'];
  let base: ReturnType<typeof arrange>['base'];
  let head: ReturnType<typeof arrange>['head'];
  let prKey: ReturnType<typeof arrange>['prKey'];
  let oldKey: ReturnType<typeof arrange>['oldKey'];
  let run: ReturnType<typeof arrange>['run'];
  beforeAll(() => {
    ({ r, base, head, prKey, oldKey, run } = arrange());
  });

  test('the key added then removed inside the pull request fails the step', () => {
    expect(run.code).toBe(1);
    const f = reportOf(run).findings;
    expect(f.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
    expect(f[0]).toMatchObject({ inTree: false, commitCount: 1, commit: { path: 'app.py', line: 2 } });
    const a = run.annotations.find((x) => x.level === 'error');
    expect(a).toMatchObject({ file: 'app.py', line: 2 });
    expect(a?.message).toMatch(/still in git history/);
  });

  test('the key removed before the pull request is not its business', () => {
    expect(run.report).not.toContain('groq');
    expect(everything(run)).not.toContain(oldKey);
  });

  test('the summary says what was scanned, and the key never appears', () => {
    expect(run.summary).toContain('Scanned the 3 commits of the pull request #7');
    expect(everything(run).replace(/^::add-mask::.*$/gm, '')).not.toContain(prKey);
  });

  test('scan: tree looks at the final tree only', () => {
    const tree = runAction({
      workspace: r.dir,
      eventName: 'pull_request',
      event: prEvent(base, head),
      inputs: { scan: 'tree' },
    });
    expect(tree.code).toBe(0);
  });

  test('scan: history also finds the key main removed long ago', () => {
    const all = runAction({ workspace: r.dir, eventName: 'workflow_dispatch', inputs: { scan: 'history' } });
    expect(
      reportOf(all)
        .findings.map((x) => x.ruleId)
        .sort(),
    ).toEqual(['history/groq-api-key', 'history/openai-project-key']);
  });

  test('base equal to head: a notice, and the tree is scanned', () => {
    const same = runAction({ workspace: r.dir, eventName: 'pull_request', event: prEvent(head, head) });
    expect(same.code).toBe(0);
    expect(noticeText(same)).toMatch(/base and head are the same commit \([0-9a-f]{12}\): it adds no commit/);
  });

  test('pull_request_target is read the same way', () => {
    const t = runAction({ workspace: r.dir, eventName: 'pull_request_target', event: prEvent(base, head) });
    expect(reportOf(t).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
  });
});

describe('shallow clones (actions/checkout fetch-depth 1 and 2)', () => {
  const arrange = () => {
    const { r, base, head } = prRepo();
    const url = bareOf(r);
    return { base, head, url };
  };
  let base: ReturnType<typeof arrange>['base'];
  let head: ReturnType<typeof arrange>['head'];
  let url: ReturnType<typeof arrange>['url'];
  beforeAll(() => {
    ({ base, head, url } = arrange());
  });

  for (const depth of [1, 2]) {
    test(`depth ${depth} with a reachable remote: the missing commits are fetched and scanned`, () => {
      const c = cloneOf(url, 'feature', depth);
      expect(c.git('rev-parse', '--is-shallow-repository')).toBe('true');
      const run = runAction({ workspace: c.dir, eventName: 'pull_request', event: prEvent(base, head, 3) });
      expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
      expect(noticeText(run)).not.toMatch(/fetch-depth/);
      expect(run.code).toBe(1);
    });
  }

  test('depth 1 and no remote: says which fetch-depth to set, and still scans the tree', () => {
    const c = cloneOf(url, 'feature', 1);
    c.git('remote', 'remove', 'origin');
    const treeKey = keys.anthropic();
    c.write('settings.env', `ANTHROPIC_API_KEY=${treeKey}\n`);
    const run = runAction({ workspace: c.dir, eventName: 'pull_request', event: prEvent(base, head, 3) });
    const warn = run.annotations.find((a) => a.level === 'warning' && /fetch-depth/.test(a.message));
    expect(warn?.message).toMatch(
      /it is shallow: actions\/checkout fetches one commit by default, `fetch-depth: 1`/,
    );
    expect(warn?.message).toMatch(/no remote to fetch from\. Set `fetch-depth: 0` on actions\/checkout/);
    expect(warn?.message).toMatch(/only the final tree was scanned/);
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['leak/anthropic-api-key']);
  });

  test('depth 1 and a remote that refuses: the reason is given', () => {
    const c = cloneOf(url, 'feature', 1);
    c.git('remote', 'set-url', 'origin', 'file:///nonexistent/keylint/repo.git');
    const run = runAction({ workspace: c.dir, eventName: 'pull_request', event: prEvent(base, head, 3) });
    expect(noticeText(run)).toMatch(
      /could not fetch them: .*does not appear to be a git repository.*fetch-depth: 0/,
    );
  });
});

describe('push: the pushed commits', () => {
  const { r, base, head, oldKey } = prRepo();
  const url = bareOf(r);
  const pushEvent = (
    before: string,
    after: string,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    ref: 'refs/heads/feature',
    before,
    after,
    repository: { default_branch: 'main' },
    ...extra,
  });

  test('before..after', () => {
    const c = cloneOf(url, 'feature', 0);
    const run = runAction({ workspace: c.dir, eventName: 'push', event: pushEvent(base, head) });
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
    expect(run.summary).toContain('Scanned the 3 commits pushed to `feature`');
  });

  test('a push of commits that only add a README passes', () => {
    const c = cloneOf(url, 'feature', 0);
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent(c.git('rev-parse', 'HEAD~1'), head),
    });
    expect(run.code).toBe(0);
  });

  test('a new branch (before is all zeros): the commits on no other branch', () => {
    const c = cloneOf(url, 'feature', 0);
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent('0'.repeat(40), head, { created: true }),
    });
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
    expect(noticeText(run)).toMatch(
      /`feature` is a new branch \(the push's before is all zeros\)\. keylint scanned the 3 commits of `feature` that are on no other branch/,
    );
    expect(everything(run)).not.toContain(oldKey);
  });

  test('a new branch in a shallow clone: the default branch is fetched to compare with', () => {
    const c = cloneOf(url, 'feature', 1);
    c.git('config', 'remote.origin.fetch', '+refs/heads/feature:refs/remotes/origin/feature');
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent('0'.repeat(40), head, { created: true }),
    });
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
    expect(noticeText(run)).toMatch(/scanned the 3 commits of `feature` that are on no other branch/);
  });

  test('a force-push whose previous tip no longer exists', () => {
    const c = cloneOf(url, 'feature', 0);
    const gone = 'f'.repeat(40);
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent(gone, head, { forced: true }),
    });
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['history/openai-project-key']);
    expect(noticeText(run)).toMatch(/previous tip ffffffffffff no longer exists \(a force-push\)/);
  });

  test('a force-push whose previous tip is still here: only what the old tip lacked', () => {
    const c = cloneOf(url, 'feature', 0);
    // The old tip had the first two commits (the key was added and removed there already).
    const oldTip = c.git('rev-parse', 'HEAD~1');
    c.git('reset', '-q', '--hard', 'HEAD~1');
    c.write('CHANGELOG.md', 'rewritten\n');
    const after = c.commit('rewritten docs');
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent(oldTip, after, { forced: true }),
    });
    expect(run.code).toBe(0);
    expect(noticeText(run)).toMatch(/A force-push: keylint scanned the 1 commit of/);
  });

  test('a deleted branch', () => {
    const c = cloneOf(url, 'feature', 0);
    const run = runAction({
      workspace: c.dir,
      eventName: 'push',
      event: pushEvent(head, '0'.repeat(40), { deleted: true }),
    });
    expect(run.code).toBe(0);
    expect(noticeText(run)).toMatch(/deleted `feature`: there is no commit to scan/);
  });
});

describe('a pull request of more than 250 commits', () => {
  let r: TempRepo;
  let base: string;
  let secret: string;
  let head: string;
  let run: ActionRun;
  beforeAll(() => {
    r = repo();
    r.write('a.txt', 'a\n');
    base = r.commit('init');
    r.git('checkout', '-q', '-b', 'feature');
    secret = keys.huggingface();
    head = fastHistory(
      r,
      (function* () {
        for (let i = 0; i < 260; i++)
          yield {
            files: { 'n.txt': `${i}\n`, ...(i === 258 ? { 'late.txt': `HF_TOKEN=${secret}\n` } : {}) },
          };
      })(),
      'feature',
    );
    run = runAction({ workspace: r.dir, eventName: 'pull_request', event: prEvent(base, head, 260) });
  });

  test('every commit is read with git, and the notice says so', () => {
    expect(noticeText(run)).toMatch(
      /has 260 commits, more than the 250 GitHub's API lists: keylint read them with git, so all 260 were scanned/,
    );
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['leak/huggingface-token']);
    expect(reportOf(run).findings[0]?.commit?.path).toBe('late.txt');
  });
});

describe('not a git repository', () => {
  let dir: string;
  let secret: string;
  let run: ActionRun;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'keylint-plain-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    secret = keys.openaiLegacy();
    writeFileSync(path.join(dir, 'x.py'), `KEY = "${secret}"\n`);
    run = runAction({
      workspace: dir,
      eventName: 'pull_request',
      event: prEvent('1'.repeat(40), '2'.repeat(40)),
      env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) },
    });
  });

  test('says the commits cannot be read, and still scans the files', () => {
    expect(noticeText(run)).toMatch(
      /is not a git repository .*so its commits cannot be scanned: only the files were/,
    );
    expect(reportOf(run).findings.map((x) => x.ruleId)).toEqual(['leak/openai-legacy-key']);
    expect(run.code).toBe(1);
  });
});

describe('a push event without commits in its payload', () => {
  let r: TempRepo;
  let run: ActionRun;
  beforeAll(() => {
    r = repo();
    r.write('a.txt', 'a\n');
    r.commit('init');
    run = runAction({ workspace: r.dir, eventName: 'push', event: {} });
  });

  test('scans the tree only, and says why in one warning', () => {
    expect(run.code).toBe(0);
    expect(run.summary).not.toContain('### Commits');
    const said = run.annotations.filter((a) => /\bcommits?\b/.test(a.message));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ level: 'warning' });
    expect(said[0]!.message).toMatch(/push event payload has neither a before nor an after commit id/);
  });
});

describe('a repository git refuses to read (owned by another user)', () => {
  // Only root can hand a directory to another user; elsewhere the case cannot be staged.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? test : test.skip)(
    `says why and how to allow it, and scans the files${asRoot ? '' : ' (skipped: only root can give a directory to another user)'}`,
    () => {
      const r = repo();
      r.write('a.txt', 'a\n');
      r.commit('init');
      execFileSync('chown', ['-R', 'nobody', r.dir]);
      const run = runAction({ workspace: r.dir, inputs: { scan: 'history' } });
      expect(noticeText(run)).toMatch(/git refuses to read .* safe\.directory/);
      expect(run.code).toBe(0);
    },
  );
});
