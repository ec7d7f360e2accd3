import { spawnGitSync } from './git-process.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** The first line git wrote to standard error (for messages), '' when none. */
  error: string;
}

/** Runs one short git command in `root`; never throws. */
export function git(root: string, args: string[], timeoutMs = 120_000): GitResult {
  const r = spawnGitSync(root, args, {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = r.error ? r.error.message : (r.stderr ?? '');
  const error =
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? '';
  return { ok: r.status === 0, stdout: (r.stdout ?? '').trim(), error };
}

export const ZERO_SHA = /^0{40}$|^0{64}$/;
export const FULL_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

/** The commit a revision names, or null when git does not have it. */
export function resolveCommit(root: string, rev: string): string | null {
  const r = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  return r.ok && r.stdout ? r.stdout : null;
}

export function isShallow(root: string): boolean {
  return git(root, ['rev-parse', '--is-shallow-repository']).stdout === 'true';
}

/** True when `a` and `b` share an ancestor among the commits this clone holds. */
export function haveMergeBase(root: string, a: string, b: string): boolean {
  return git(root, ['merge-base', a, b]).ok;
}

export function countCommits(root: string, revs: readonly string[]): number {
  const r = git(root, ['rev-list', '--count', ...revs]);
  return r.ok ? Number(r.stdout) || 0 : 0;
}

export type RepoState =
  { kind: 'git' } | { kind: 'not-git'; reason: string } | { kind: 'no-git'; reason: string };

/** Whether `root` is inside a git work tree, and if not, git's own reason. */
export function repoState(root: string): RepoState {
  const r = git(root, ['rev-parse', '--is-inside-work-tree']);
  if (r.ok && r.stdout === 'true') return { kind: 'git' };
  if (/ENOENT/.test(r.error)) return { kind: 'no-git', reason: 'git is not installed on this runner' };
  return { kind: 'not-git', reason: r.error };
}

/** The remote to fetch from: `origin` when it exists (actions/checkout names it so), else the first one. */
export function pickRemote(root: string): string | null {
  const r = git(root, ['remote']);
  if (!r.ok || !r.stdout) return null;
  const remotes = r.stdout.split('\n').map((s) => s.trim());
  return remotes.includes('origin') ? 'origin' : (remotes[0] ?? null);
}
