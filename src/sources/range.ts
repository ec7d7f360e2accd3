import type { Notice } from '../check.js';
import { UserError } from '../errors.js';
import type { ScanOptions } from '../options.js';
import { ensureRange, fetchBranch, fetchCommit } from './fetch.js';
import { countCommits, FULL_SHA, git, isShallow, repoState, resolveCommit, ZERO_SHA } from './git.js';

/** What one `git log` reads: tips, then `--not` and what they are compared with. */
export interface RangePlan {
  revs: string[];
  /** The commits in the range, when counted ahead; else the scan counts them as it reads. */
  count: number | null;
  /** What was scanned, in words, for the summary, given how many commits. */
  describe(commits: number): string;
}

/** The GitHub API lists at most this many commits of a pull request; git has no such limit. */
export const API_COMMIT_LIMIT = 250;

type Request =
  | { kind: 'pr'; base: string; head: string; number?: number }
  | {
      kind: 'push';
      before: string;
      after: string;
      branch: string;
      forced: boolean;
      deleted: boolean;
      defaultBranch?: string;
    }
  | { kind: 'since'; since: string }
  | { kind: 'history' };

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
const short = (sha: string): string => sha.slice(0, 12);

const SHALLOW_FIX =
  'Set `fetch-depth: 0` on actions/checkout so that every commit is scanned; only the final tree was scanned.';

/** What the options and the event ask to scan; null for the tree only. */
function request(options: ScanOptions, notices: Notice[]): Request | null {
  if (options.scan === 'tree') return null;
  if (options.since) return { kind: 'since', since: options.since };
  if (options.scan === 'history') return { kind: 'history' };
  const gh = options.github;
  const event = gh?.event ?? {};
  if (gh && PR_EVENTS.has(gh.eventName)) {
    const pr = obj(event.pull_request);
    const base = str(obj(pr.base).sha);
    const head = str(obj(pr.head).sha);
    if (FULL_SHA.test(base) && FULL_SHA.test(head))
      return {
        kind: 'pr',
        base,
        head,
        number: typeof pr.number === 'number' ? pr.number : undefined,
      };
    // An unreadable payload was already warned about, naming its file.
    if (!gh.eventProblem)
      notices.push({
        level: 'warning',
        message: `The ${gh.eventName} event payload has no pull_request.base.sha and pull_request.head.sha (full commit ids), so the pull request's commits were not scanned: only the files were.`,
      });
    return null;
  }
  if (gh?.eventName === 'push') {
    const ref = str(event.ref);
    if (!FULL_SHA.test(str(event.before)) && !FULL_SHA.test(str(event.after))) {
      if (!gh.eventProblem)
        notices.push({
          level: 'warning',
          message:
            'The push event payload has neither a before nor an after commit id, so the pushed commits were not scanned: only the files were.',
        });
      return null;
    }
    return {
      kind: 'push',
      before: str(event.before),
      after: str(event.after),
      branch: ref.replace(/^refs\/heads\//, ''),
      forced: event.forced === true,
      deleted: event.deleted === true,
      defaultBranch: str(obj(event.repository).default_branch) || undefined,
    };
  }
  if (options.scan === 'commits')
    notices.push({
      level: 'notice',
      message: `scan: commits needs a pull_request or push event (or --since REV on the command line)${gh?.eventName ? `, and this run is a ${gh.eventName} event` : ''}: only the tree was scanned.`,
    });
  return null;
}

/** Remote-tracking branches other than `branch`: what a new branch's commits are compared with. */
function otherBranches(root: string, branch: string): string[] {
  const r = git(root, ['for-each-ref', '--format=%(refname)', 'refs/remotes/']);
  if (!r.ok || !r.stdout) return [];
  return r.stdout
    .split('\n')
    .filter((ref) => !ref.endsWith('/HEAD') && ref.split('/').slice(3).join('/') !== branch);
}

function plan(
  root: string,
  tips: string[],
  bases: string[],
  describe: (n: number) => string,
): RangePlan & { count: number } {
  const revs = bases.length > 0 ? [...tips, '--not', ...bases] : tips;
  return { revs, count: countCommits(root, revs), describe };
}

const commits = (n: number): string => `${n} commit${n === 1 ? '' : 's'}`;

/** The commits of a branch that no other branch has: for new branches and vanished force-push tips. */
function newBranchPlan(
  root: string,
  r: Extract<Request, { kind: 'push' }>,
  after: string,
  notices: Notice[],
  why: string,
): RangePlan | null {
  if (r.defaultBranch && r.defaultBranch !== r.branch) fetchBranch(root, r.defaultBranch);
  const others = otherBranches(root, r.branch);
  const got = ensureRange(root, [after], others);
  if (!got.ok) {
    notices.push({
      level: 'warning',
      message: `${why} This clone is shallow and keylint could not fetch the history it needs (${got.reason}). ${SHALLOW_FIX}`,
    });
    return null;
  }
  const p = plan(root, [after], others, (n) =>
    others.length > 0
      ? `the ${commits(n)} of \`${r.branch}\` that are on no other branch`
      : `all ${commits(n)} reachable from \`${r.branch}\` (no other branch to compare with)`,
  );
  notices.push({ level: 'notice', message: `${why} keylint scanned ${p.describe(p.count)}.` });
  return p;
}

/**
 * Resolves what the run asks for (pull request, push, `--since`, history) into a commit range this
 * clone holds, fetching what a shallow clone lacks. Every case that cannot be scanned as asked adds a
 * notice that says why and what to change, and the tree is still scanned.
 */
export function resolveRange(options: ScanOptions, notices: Notice[]): RangePlan | null {
  const root = options.root;
  const r = request(options, notices);
  if (!r) return null;
  const state = repoState(root);
  if (state.kind !== 'git') {
    notices.push({
      level: 'warning',
      message:
        state.kind === 'no-git'
          ? `Commits cannot be read: ${state.reason}. Only the files were scanned.`
          : /dubious ownership/.test(state.reason)
            ? `git refuses to read ${root} because another user owns it (git's safe.directory check), so its commits cannot be scanned: only the files were. Run \`git config --global --add safe.directory "$GITHUB_WORKSPACE"\` before keylint (common in container jobs).`
            : `${root} is not a git repository (${state.reason || 'no .git directory'}), so its commits cannot be scanned: only the files were. In a workflow, check the repository out with actions/checkout and git on the runner, not as a downloaded archive.`,
    });
    return null;
  }

  switch (r.kind) {
    case 'history': {
      const head = resolveCommit(root, 'HEAD');
      if (!head) {
        notices.push({
          level: 'notice',
          message: 'The repository has no commit yet: only the files were scanned.',
        });
        return null;
      }
      const wasShallow = isShallow(root);
      const got = wasShallow ? ensureRange(root, [head], []) : ({ ok: true } as const);
      const describe = (n: number): string => `all ${commits(n)} reachable from HEAD`;
      // Counting a whole history ahead costs git a walk of its own: the scan counts as it reads.
      if (got.ok) return { revs: [head], count: null, describe };
      const p = plan(root, [head], [], describe);
      notices.push({
        level: 'warning',
        message: `This clone is shallow, so its history is incomplete, and keylint could not fetch the rest (${got.reason}): it scanned only the ${commits(p.count)} the clone holds. Set \`fetch-depth: 0\` on actions/checkout to scan the whole history.`,
      });
      return p;
    }
    case 'since': {
      const head = resolveCommit(root, 'HEAD');
      const since = resolveCommit(root, r.since);
      if (!since)
        throw new UserError(
          `--since: unknown revision "${r.since}"${isShallow(root) ? ' (this clone is shallow: fetch more history first, e.g. git fetch --unshallow)' : ''}`,
        );
      if (!head) return null;
      const got = ensureRange(root, [head], [since]);
      if (!got.ok)
        notices.push({
          level: 'warning',
          message: `This clone is shallow and keylint could not fetch the commits since ${r.since} (${got.reason}): the range may be incomplete.`,
        });
      return plan(root, [head], [since], (n) => `the ${commits(n)} after ${r.since}`);
    }
    case 'pr': {
      const what = `pull request${r.number ? ` #${r.number}` : ''}`;
      if (r.base === r.head) {
        notices.push({
          level: 'notice',
          message: `The ${what}'s base and head are the same commit (${short(r.head)}): it adds no commit, so only the tree was scanned.`,
        });
        return null;
      }
      const got = ensureRange(root, [r.head], [r.base]);
      if (!got.ok) {
        notices.push({
          level: 'warning',
          message: `The commits of the ${what} (${short(r.base)}..${short(r.head)}) are not in this clone${isShallow(root) ? ' (it is shallow: actions/checkout fetches one commit by default, `fetch-depth: 1`)' : ''}, and keylint could not fetch them: ${got.reason}. ${SHALLOW_FIX}`,
        });
        return null;
      }
      const p = plan(root, [r.head], [r.base], (n) => `the ${commits(n)} of the ${what}`);
      if (p.count > API_COMMIT_LIMIT)
        notices.push({
          level: 'notice',
          message: `The ${what} has ${p.count} commits, more than the ${API_COMMIT_LIMIT} GitHub's API lists: keylint read them with git, so all ${p.count} were scanned.`,
        });
      return p;
    }
    case 'push': {
      if (r.deleted || ZERO_SHA.test(r.after)) {
        notices.push({
          level: 'notice',
          message: `The push deleted \`${r.branch}\`: there is no commit to scan.`,
        });
        return null;
      }
      const after = FULL_SHA.test(r.after) ? r.after : resolveCommit(root, 'HEAD');
      if (!after) {
        notices.push({
          level: 'warning',
          message:
            'The push event names no pushed commit and this clone has none (no `HEAD`): only the tree was scanned.',
        });
        return null;
      }
      if (fetchCommit(root, after) !== 'present') {
        notices.push({
          level: 'warning',
          message: `The pushed commit ${short(after)} is not in this clone and could not be fetched: only the tree was scanned.`,
        });
        return null;
      }
      if (r.before === after) {
        notices.push({
          level: 'notice',
          message: `The push's before and after are the same commit (${short(after)}): it adds no commit, so only the tree was scanned.`,
        });
        return null;
      }
      if (!FULL_SHA.test(r.before) || ZERO_SHA.test(r.before))
        return newBranchPlan(
          root,
          r,
          after,
          notices,
          `\`${r.branch}\` is a new branch (the push's before is all zeros).`,
        );
      const before = fetchCommit(root, r.before);
      if (typeof before === 'object') {
        notices.push({
          level: 'warning',
          message: `The push's previous tip ${short(r.before)} is not in this clone${isShallow(root) ? ' (it is shallow: actions/checkout fetches one commit by default, `fetch-depth: 1`)' : ''}, and keylint could not fetch it: ${before.unreachable}. ${SHALLOW_FIX}`,
        });
        return null;
      }
      if (before === 'gone')
        return newBranchPlan(
          root,
          r,
          after,
          notices,
          `The push's previous tip ${short(r.before)} no longer exists${r.forced ? ' (a force-push)' : ''}, so the pushed commits cannot be told from it.`,
        );
      const got = ensureRange(root, [after], [r.before]);
      if (!got.ok) {
        notices.push({
          level: 'warning',
          message: `The pushed commits (${short(r.before)}..${short(after)}) are not all in this shallow clone, and keylint could not fetch them: ${got.reason}. ${SHALLOW_FIX}`,
        });
        return null;
      }
      const p = plan(root, [after], [r.before], (n) => `the ${commits(n)} pushed to \`${r.branch}\``);
      if (r.forced)
        notices.push({
          level: 'notice',
          message: `A force-push: keylint scanned the ${commits(p.count)} of ${short(after)} that the previous tip ${short(r.before)} did not have.`,
        });
      return p;
    }
  }
}
