import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Notice } from '../src/check.js';
import type { ScanOptions } from '../src/options.js';
import { resolveRange, type RangePlan } from '../src/sources/range.js';
import { fastHistory } from './helpers/fast-history.js';
import { TempRepo } from './helpers/git-repo.js';
import { githubRun, options } from './helpers/scan-result.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function repo(opts?: ConstructorParameters<typeof TempRepo>[0]): TempRepo {
  const r = new TempRepo(opts);
  cleanups.push(() => r.cleanup());
  return r;
}

const ZERO = '0'.repeat(40);

/** What resolveRange plans for a run, and the notices it adds. */
/** A plan as the summary words it: a range counted ahead is described by its count. */
interface PlanView {
  revs: string[];
  count: number | null;
  label?: string;
  describe: RangePlan['describe'];
}

function resolve(root: string, over: Partial<ScanOptions>): { plan: PlanView | null; notices: Notice[] } {
  const notices: Notice[] = [];
  const plan = resolveRange(options({ root, scan: 'commits', ...over }), notices);
  if (!plan) return { plan, notices };
  const view: PlanView = { revs: plan.revs, count: plan.count, describe: plan.describe };
  if (plan.count !== null) view.label = plan.describe(plan.count);
  return { plan: view, notices };
}
const pr = (base: string, head: string, number?: number): Partial<ScanOptions> => ({
  github: githubRun({
    eventName: 'pull_request',
    event: { pull_request: { ...(number ? { number } : {}), base: { sha: base }, head: { sha: head } } },
  }),
});
const push = (event: Record<string, unknown>, eventProblem?: string): Partial<ScanOptions> => ({
  github: githubRun({ eventName: 'push', event, ...(eventProblem ? { eventProblem } : {}) }),
});

/** main: init, a, b; feature (from a): f1, f2. */
let r: TempRepo;
let init: string;
let a: string;
let b: string;
let f2: string;
beforeAll(() => {
  r = repo();
  r.write('x.txt', '0\n');
  init = r.commit('init');
  r.write('x.txt', '1\n');
  a = r.commit('a');
  r.write('x.txt', '2\n');
  b = r.commit('b');
  r.git('checkout', '-q', '-b', 'feature', a);
  r.write('y.txt', 'f1\n');
  r.commit('f1');
  r.write('y.txt', 'f2\n');
  f2 = r.commit('f2');
  r.git('checkout', '-q', 'main');
});

describe('what a run asks for', () => {
  test('scan: tree asks for no commits at all', () => {
    expect(resolve(r.dir, { scan: 'tree', ...pr(init, b) })).toEqual({ plan: null, notices: [] });
  });

  test('--since REV: the commits after it, whatever the event', () => {
    const { plan, notices } = resolve(r.dir, { since: init, ...pr(a, b) });
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [b, '--not', init],
      count: 2,
      label: `the 2 commits after ${init}`,
    });
    expect(notices).toEqual([]);
    expect(resolve(r.dir, { since: a }).plan?.label).toBe(`the 1 commit after ${a}`);
  });

  test('--since an unknown revision is a clear error', () => {
    expect(() => resolve(r.dir, { since: 'no-such-rev' })).toThrow(
      /^--since: unknown revision "no-such-rev"$/,
    );
  });

  test('scan: history, every commit reachable from HEAD', () => {
    const { plan, notices } = resolve(r.dir, { scan: 'history', ...pr(a, b) });
    // A whole history is counted by the scan as git lists it, not by a walk of its own ahead.
    expect(plan).toEqual({ describe: expect.any(Function), revs: [b], count: null });
    expect(plan?.describe(3)).toBe('all 3 commits reachable from HEAD');
    expect(notices).toEqual([]);
  });

  test('scan: history of a repository without a commit: the files only', () => {
    const empty = repo();
    const { plan, notices } = resolve(empty.dir, { scan: 'history' });
    expect(plan).toBeNull();
    expect(notices).toEqual([
      { level: 'notice', message: 'The repository has no commit yet: only the files were scanned.' },
    ]);
  });

  test('scan: commits without an event: a notice that names the event the run had', () => {
    const { plan, notices } = resolve(r.dir, { github: githubRun({ eventName: 'schedule', event: {} }) });
    expect(plan).toBeNull();
    expect(notices).toEqual([
      {
        level: 'notice',
        message:
          'scan: commits needs a pull_request or push event (or --since REV on the command line), and this run is a schedule event: only the tree was scanned.',
      },
    ]);
    const cli = resolve(r.dir, { github: undefined });
    expect(cli.notices[0]!.message).toBe(
      'scan: commits needs a pull_request or push event (or --since REV on the command line): only the tree was scanned.',
    );
  });

  test('scan: auto outside an event scans the tree, silently', () => {
    expect(resolve(r.dir, { scan: 'auto', github: githubRun({ eventName: 'schedule', event: {} }) })).toEqual(
      {
        plan: null,
        notices: [],
      },
    );
  });
});

describe('pull requests', () => {
  test('the commits between base and head, numbered when the event says so', () => {
    const { plan, notices } = resolve(r.dir, pr(a, f2, 7));
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [f2, '--not', a],
      count: 2,
      label: 'the 2 commits of the pull request #7',
    });
    expect(notices).toEqual([]);
    expect(resolve(r.dir, pr(b, f2)).plan?.label).toBe('the 2 commits of the pull request');
    const target = resolve(r.dir, {
      github: githubRun({
        eventName: 'pull_request_target',
        event: { pull_request: { base: { sha: a }, head: { sha: f2 } } },
      }),
    });
    expect(target.plan?.count).toBe(2);
  });

  test('base equal to head adds no commit', () => {
    const { plan, notices } = resolve(r.dir, pr(b, b, 3));
    expect(plan).toBeNull();
    expect(notices).toEqual([
      {
        level: 'notice',
        message: `The pull request #3's base and head are the same commit (${b.slice(0, 12)}): it adds no commit, so only the tree was scanned.`,
      },
    ]);
  });

  test('a payload without both full commit ids: a warning, unless the payload was already warned about', () => {
    for (const event of [
      {},
      { pull_request: null },
      { pull_request: { base: null, head: 'x' } },
      { pull_request: { base: { sha: a }, head: { sha: 'abc' } } },
    ]) {
      const { plan, notices } = resolve(r.dir, { github: githubRun({ eventName: 'pull_request', event }) });
      expect(plan).toBeNull();
      expect(notices).toEqual([
        {
          level: 'warning',
          message:
            "The pull_request event payload has no pull_request.base.sha and pull_request.head.sha (full commit ids), so the pull request's commits were not scanned: only the files were.",
        },
      ]);
    }
    const known = resolve(r.dir, {
      github: githubRun({ eventName: 'pull_request', event: {}, eventProblem: 'unreadable' }),
    });
    expect(known).toEqual({ plan: null, notices: [] });
  });

  test('commits missing from a clone with nowhere to fetch them from: says so, with the fix', () => {
    const missing = 'f'.repeat(40);
    const { plan, notices } = resolve(r.dir, pr(a, missing, 9));
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(
      new RegExp(
        `^The commits of the pull request #9 \\(${a.slice(0, 12)}\\.\\.ffffffffffff\\) are not in this clone, and keylint could not fetch them: .+\\. Set \`fetch-depth: 0\` on actions/checkout`,
      ),
    );
  });

  test('more commits than the API lists: read with git, and said so', () => {
    const big = repo();
    big.write('a.txt', 'a\n');
    const base = big.commit('base');
    const head = fastHistory(
      big,
      Array.from({ length: 251 }, (_, i) => ({ files: { 'a.txt': `${i}\n` } })),
    );
    const { plan, notices } = resolve(big.dir, pr(base, head, 5));
    expect(plan?.count).toBe(251);
    expect(notices).toEqual([
      {
        level: 'notice',
        message:
          "The pull request #5 has 251 commits, more than the 250 GitHub's API lists: keylint read them with git, so all 251 were scanned.",
      },
    ]);
    // Exactly the limit is not more.
    const at = resolve(big.dir, pr(big.git('rev-parse', 'HEAD~250'), head));
    expect(at.plan?.count).toBe(250);
    expect(at.notices).toEqual([]);
  });
});

describe('pushes', () => {
  test('before..after, on the branch the ref names', () => {
    const { plan, notices } = resolve(r.dir, push({ ref: 'refs/heads/main', before: init, after: b }));
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [b, '--not', init],
      count: 2,
      label: 'the 2 commits pushed to `main`',
    });
    expect(notices).toEqual([]);
  });

  test('a force-push whose old tip is still here: what it lacked, and a notice', () => {
    const { plan, notices } = resolve(
      r.dir,
      push({ ref: 'refs/heads/feature', before: b, after: f2, forced: true }),
    );
    expect(plan?.count).toBe(2);
    expect(notices).toEqual([
      {
        level: 'notice',
        message: `A force-push: keylint scanned the 2 commits of ${f2.slice(0, 12)} that the previous tip ${b.slice(0, 12)} did not have.`,
      },
    ]);
  });

  test('a deleted branch, by flag or by an all-zero after', () => {
    for (const event of [
      { ref: 'refs/heads/gone', before: b, after: b, deleted: true },
      { ref: 'refs/heads/gone', before: b, after: ZERO },
    ]) {
      expect(resolve(r.dir, push(event))).toEqual({
        plan: null,
        notices: [{ level: 'notice', message: 'The push deleted `gone`: there is no commit to scan.' }],
      });
    }
  });

  test('before equal to after adds no commit', () => {
    const { plan, notices } = resolve(r.dir, push({ ref: 'refs/heads/main', before: b, after: b }));
    expect(plan).toBeNull();
    expect(notices).toEqual([
      {
        level: 'notice',
        message: `The push's before and after are the same commit (${b.slice(0, 12)}): it adds no commit, so only the tree was scanned.`,
      },
    ]);
  });

  test('a payload without a ref names no branch', () => {
    expect(resolve(r.dir, push({ before: init, after: b })).plan?.label).toBe('the 2 commits pushed to ``');
  });

  test('an after that is not a full id is HEAD', () => {
    const { plan } = resolve(r.dir, push({ ref: 'refs/heads/main', before: a, after: 'HEAD' }));
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [b, '--not', a],
      count: 1,
      label: 'the 1 commit pushed to `main`',
    });
  });

  test('a payload with neither commit id: a warning, unless the payload was already warned about', () => {
    expect(resolve(r.dir, push({ ref: 'refs/heads/main' }))).toEqual({
      plan: null,
      notices: [
        {
          level: 'warning',
          message:
            'The push event payload has neither a before nor an after commit id, so the pushed commits were not scanned: only the files were.',
        },
      ],
    });
    expect(resolve(r.dir, push({}, 'unreadable'))).toEqual({ plan: null, notices: [] });
  });

  test('a pushed commit this clone does not hold and cannot fetch', () => {
    const missing = 'e'.repeat(40);
    const { plan, notices } = resolve(r.dir, push({ ref: 'refs/heads/main', before: a, after: missing }));
    expect(plan).toBeNull();
    expect(notices).toEqual([
      {
        level: 'warning',
        message:
          'The pushed commit eeeeeeeeeeee is not in this clone and could not be fetched: only the tree was scanned.',
      },
    ]);
  });

  test('a push that names no full commit id, to a repository with no commit', () => {
    const empty = repo();
    expect(resolve(empty.dir, push({ ref: 'refs/heads/main', before: ZERO, after: 'main' }))).toEqual({
      plan: null,
      notices: [
        {
          level: 'warning',
          message:
            'The push event names no pushed commit and this clone has none (no `HEAD`): only the tree was scanned.',
        },
      ],
    });
  });

  test('a previous tip this clone does not hold and cannot fetch', () => {
    const missing = 'd'.repeat(40);
    const { plan, notices } = resolve(r.dir, push({ ref: 'refs/heads/main', before: missing, after: b }));
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toBe(
      "The push's previous tip dddddddddddd is not in this clone, and keylint could not fetch it: the repository has no remote to fetch from. Set `fetch-depth: 0` on actions/checkout so that every commit is scanned; only the final tree was scanned.",
    );
  });
});

describe('new branches and vanished tips, compared with the other branches', () => {
  let upstream: TempRepo;
  let clone: TempRepo;
  let main2: string;
  let topic2: string;
  beforeAll(() => {
    upstream = repo();
    upstream.write('m.txt', '1\n');
    upstream.commit('m1');
    upstream.write('m.txt', '2\n');
    main2 = upstream.commit('m2');
    upstream.git('checkout', '-q', '-b', 'topic');
    upstream.write('t.txt', '1\n');
    upstream.commit('t1');
    upstream.write('t.txt', '2\n');
    topic2 = upstream.commit('t2');
    upstream.git('checkout', '-q', 'main');
    const dir = mkdtempSync(path.join(tmpdir(), 'keylint-clone-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    clone = new TempRepo({ git: false });
    cleanups.push(() => clone.cleanup());
    clone.git('clone', '-q', '--branch', 'topic', upstream.dir, clone.dir);
  });

  test('a new branch: its commits that no other branch has', () => {
    const { plan, notices } = resolve(
      clone.dir,
      push({ ref: 'refs/heads/topic', before: ZERO, after: topic2, repository: { default_branch: 'main' } }),
    );
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [topic2, '--not', 'refs/remotes/origin/main'],
      count: 2,
      label: 'the 2 commits of `topic` that are on no other branch',
    });
    expect(notices).toEqual([
      {
        level: 'notice',
        message:
          "`topic` is a new branch (the push's before is all zeros). keylint scanned the 2 commits of `topic` that are on no other branch.",
      },
    ]);
  });

  test('a new branch whose name has a slash is not compared with itself', () => {
    const c = repo({ git: false });
    upstream.git('branch', 'feature/login', topic2);
    try {
      c.git('clone', '-q', '--branch', 'feature/login', upstream.dir, c.dir);
    } finally {
      upstream.git('branch', '-D', 'feature/login');
    }
    const { plan } = resolve(c.dir, push({ ref: 'refs/heads/feature/login', before: ZERO, after: topic2 }));
    expect(plan?.revs).toEqual([topic2, '--not', 'refs/remotes/origin/main', 'refs/remotes/origin/topic']);
    expect(plan?.count).toBe(0);
  });

  test('a new branch in a shallow clone of that branch alone: the default branch is fetched to compare with', () => {
    const c = repo({ git: false });
    c.git(
      'clone',
      '-q',
      '--depth',
      '1',
      '--single-branch',
      '--branch',
      'topic',
      `file://${upstream.dir}`,
      c.dir,
    );
    const { plan, notices } = resolve(
      c.dir,
      push({ ref: 'refs/heads/topic', before: ZERO, after: topic2, repository: { default_branch: 'main' } }),
    );
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [topic2, '--not', 'refs/remotes/origin/main'],
      count: 2,
      label: 'the 2 commits of `topic` that are on no other branch',
    });
    expect(notices.map((n) => n.level)).toEqual(['notice']);
  });

  test('a new branch in a shallow clone whose remote is gone: says what it could not fetch', () => {
    const c = repo({ git: false });
    c.git(
      'clone',
      '-q',
      '--depth',
      '1',
      '--single-branch',
      '--branch',
      'topic',
      `file://${upstream.dir}`,
      c.dir,
    );
    c.git('remote', 'set-url', 'origin', `file://${upstream.dir}-gone`);
    const { plan, notices } = resolve(
      c.dir,
      push({ ref: 'refs/heads/topic', before: ZERO, after: topic2, repository: { default_branch: 'main' } }),
    );
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(
      /^`topic` is a new branch \(the push's before is all zeros\)\. This clone is shallow and keylint could not fetch the history it needs \(.+\)\. Set `fetch-depth: 0`/,
    );
  });

  test('a new branch with no other branch to compare with: all its commits', () => {
    const { plan, notices } = resolve(
      upstream.dir,
      push({ ref: 'refs/heads/main', before: ZERO, after: main2 }),
    );
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [main2],
      count: 2,
      label: 'all 2 commits reachable from `main` (no other branch to compare with)',
    });
    expect(notices[0]!.message).toMatch(
      /^`main` is a new branch .* keylint scanned all 2 commits reachable from `main`/,
    );
  });

  test('a force-push whose previous tip no longer exists: compared with the other branches', () => {
    const vanished = 'c'.repeat(40);
    const { plan, notices } = resolve(
      clone.dir,
      push({ ref: 'refs/heads/topic', before: vanished, after: topic2, forced: true }),
    );
    // The clone's remote answers that it has no such commit: gone, not unreachable.
    expect(plan?.count).toBe(2);
    expect(notices).toEqual([
      {
        level: 'notice',
        message: `The push's previous tip cccccccccccc no longer exists (a force-push), so the pushed commits cannot be told from it. keylint scanned the 2 commits of \`topic\` that are on no other branch.`,
      },
    ]);
  });
});

describe('shallow clones', () => {
  let upstream: TempRepo;
  let url: string;
  let first: string;
  let mid: string;
  let tip: string;
  /** A clone of one commit of main, as actions/checkout makes it; `reachable: false` loses its remote. */
  function shallow(reachable: boolean): TempRepo {
    const c = repo({ git: false });
    c.git('clone', '-q', '--depth', '1', url, c.dir);
    if (!reachable) c.git('remote', 'set-url', 'origin', `${url}-gone`);
    return c;
  }
  beforeAll(() => {
    upstream = repo();
    upstream.write('s.txt', '1\n');
    first = upstream.commit('s1');
    upstream.write('s.txt', '2\n');
    mid = upstream.commit('s2');
    upstream.write('s.txt', '3\n');
    tip = upstream.commit('s3');
    url = `file://${upstream.dir}`;
  });

  test('the missing commits are fetched from the remote, and scanned', () => {
    const c = shallow(true);
    const { plan, notices } = resolve(c.dir, pr(first, tip, 2));
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [tip, '--not', first],
      count: 2,
      label: 'the 2 commits of the pull request #2',
    });
    expect(notices).toEqual([]);
    const history = resolve(shallow(true).dir, { scan: 'history' });
    expect(history.plan?.revs).toEqual([tip]);
    expect(history.plan?.count).toBeNull();
    expect(history.notices).toEqual([]);
  });

  test('a remote that cannot be reached: the pull request is not scanned, and the fix is given', () => {
    const c = shallow(false);
    const { plan, notices } = resolve(c.dir, pr(first, tip, 2));
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(
      new RegExp(
        `^The commits of the pull request #2 \\(${first.slice(0, 12)}\\.\\.${tip.slice(0, 12)}\\) are not in this clone \\(it is shallow: actions/checkout fetches one commit by default, \`fetch-depth: 1\`\\), and keylint could not fetch them: .+\\. Set \`fetch-depth: 0\``,
      ),
    );
  });

  test('a remote that cannot be reached: history scans what the clone holds, and says so', () => {
    const { plan, notices } = resolve(shallow(false).dir, { scan: 'history' });
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [tip],
      count: 1,
      label: 'all 1 commit reachable from HEAD',
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(
      /^This clone is shallow, so its history is incomplete, and keylint could not fetch the rest \(.+\): it scanned only the 1 commit the clone holds\. Set `fetch-depth: 0` on actions\/checkout to scan the whole history\.$/,
    );
  });

  test('a remote that cannot be reached: --since of a commit the clone lacks, and of one it holds', () => {
    const c = shallow(false);
    expect(() => resolve(c.dir, { since: mid })).toThrow(
      `--since: unknown revision "${mid}" (this clone is shallow: fetch more history first, e.g. git fetch --unshallow)`,
    );
    const { plan, notices } = resolve(c.dir, { since: 'HEAD' });
    expect(plan?.count).toBe(0);
    expect(notices).toEqual([]);
  });

  test('a push whose previous tip the shallow clone lacks and cannot fetch', () => {
    const c = shallow(false);
    const { plan, notices } = resolve(c.dir, push({ ref: 'refs/heads/main', before: mid, after: tip }));
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toContain(
      `The push's previous tip ${mid.slice(0, 12)} is not in this clone (it is shallow: actions/checkout fetches one commit by default, \`fetch-depth: 1\`), and keylint could not fetch it: `,
    );
  });

  test('a push whose two tips the shallow clone holds, but not the commits between them', () => {
    const c = shallow(true);
    c.git('fetch', '-q', '--depth', '1', 'origin', first);
    c.git('remote', 'set-url', 'origin', `${url}-gone`);
    const { plan, notices } = resolve(c.dir, push({ ref: 'refs/heads/main', before: first, after: tip }));
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(
      new RegExp(
        `^The pushed commits \\(${first.slice(0, 12)}\\.\\.${tip.slice(0, 12)}\\) are not all in this shallow clone, and keylint could not fetch them: .+\\. Set \`fetch-depth: 0\` on actions/checkout`,
      ),
    );
  });

  test('a push whose previous tip a reachable remote holds: fetched, then scanned', () => {
    const c = shallow(true);
    const { plan, notices } = resolve(c.dir, push({ ref: 'refs/heads/main', before: first, after: tip }));
    expect(plan).toEqual({
      describe: expect.any(Function),
      revs: [tip, '--not', first],
      count: 2,
      label: 'the 2 commits pushed to `main`',
    });
    expect(notices).toEqual([]);
  });
});

describe('not a repository keylint can read', () => {
  test('a directory without git: the files only, with the reason', () => {
    const plain = repo({ git: false });
    const { plan, notices } = resolve(plain.dir, { scan: 'history' });
    expect(plan).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('warning');
    expect(notices[0]!.message).toMatch(
      /is not a git repository \(fatal: not a git repository.*\), so its commits cannot be scanned: only the files were\. In a workflow, check the repository out with actions\/checkout/,
    );
  });

  test('no git on the runner: says so', () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(tmpdir(), 'no-git-here');
    let out: ReturnType<typeof resolve>;
    try {
      out = resolve(r.dir, { scan: 'history' });
    } finally {
      process.env.PATH = saved;
    }
    expect(out).toEqual({
      plan: null,
      notices: [
        {
          level: 'warning',
          message:
            'Commits cannot be read: git is not installed on this runner. Only the files were scanned.',
        },
      ],
    });
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? test : test.skip)(
    `a repository another user owns: says how to trust it${asRoot ? '' : ' (skipped: only root can give a directory to another user)'}`,
    () => {
      const owned = repo();
      owned.write('a.txt', 'a\n');
      owned.commit('a');
      execFileSync('chown', ['-R', 'nobody', owned.dir]);
      const { plan, notices } = resolve(owned.dir, { scan: 'history' });
      expect(plan).toBeNull();
      expect(notices).toEqual([
        {
          level: 'warning',
          message: `git refuses to read ${owned.dir} because another user owns it (git's safe.directory check), so its commits cannot be scanned: only the files were. Run \`git config --global --add safe.directory "$GITHUB_WORKSPACE"\` before keylint (common in container jobs).`,
        },
      ]);
    },
  );
});
