import { git, haveMergeBase, isShallow, pickRemote, resolveCommit } from './git.js';

export type FetchOutcome = { ok: true; fetched: boolean } | { ok: false; reason: string };

/** Deepening steps: about 2,000 commits in six rounds, then the whole history. */
const DEEPEN_STEPS = [50, 100, 200, 400, 600, 800];

/**
 * `--upload-pack`: the program git starts on the other side of a local or ssh remote is git's own,
 * not one a repository's `remote.<name>.uploadpack` names (it would run here, for a local path).
 */
function fetchArgs(remote: string, extra: string[], shas: readonly string[]): string[] {
  return [
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-recurse-submodules',
    '--upload-pack=git-upload-pack',
    ...extra,
    remote,
    ...shas,
  ];
}

function why(error: string): string {
  if (/could not read Username|terminal prompts disabled|Authentication failed|403|401/i.test(error))
    return `the remote refused the credentials (${error}); actions/checkout keeps them only with persist-credentials: true`;
  return error || 'git fetch failed';
}

/**
 * Makes sure this clone holds `tips`, `bases`, and the commits between them, fetching with git when a
 * shallow clone (actions/checkout's default `fetch-depth: 1`) lacks them: first the missing commits
 * by sha, then deeper history until the two sides meet, and at worst the whole history.
 */
export function ensureRange(root: string, tips: readonly string[], bases: readonly string[]): FetchOutcome {
  const all = [...tips, ...bases];
  const missing = (): string[] => all.filter((s) => resolveCommit(root, s) === null);
  // A remote-tracking ref is a name only here: the remote is asked for the commit it points at.
  const asShas = (): string[] => all.map((s) => resolveCommit(root, s) ?? s);
  const connected = (): boolean =>
    bases.length === 0 ? !isShallow(root) : tips.every((t) => bases.some((b) => haveMergeBase(root, t, b)));
  if (missing().length === 0 && (!isShallow(root) || connected())) return { ok: true, fetched: false };

  const remote = pickRemote(root);
  if (!remote) return { ok: false, reason: 'the repository has no remote to fetch from' };
  const shallow = isShallow(root);
  const lacking = missing();
  if (lacking.length > 0) {
    const r = git(root, fetchArgs(remote, shallow ? ['--depth=50'] : [], lacking));
    if (!r.ok) return { ok: false, reason: why(r.error) };
    const still = missing();
    if (still.length > 0)
      return { ok: false, reason: `the remote does not have commit ${still[0]!.slice(0, 12)}` };
  }
  // With no base to meet, only the whole history will do.
  for (const step of bases.length > 0 ? DEEPEN_STEPS : []) {
    if (!isShallow(root) || connected()) return { ok: true, fetched: true };
    const r = git(root, fetchArgs(remote, [`--deepen=${step}`], asShas()));
    if (!r.ok) return { ok: false, reason: why(r.error) };
  }
  if (isShallow(root) && !connected()) {
    const r = git(root, fetchArgs(remote, ['--unshallow'], asShas()), 600_000);
    if (!r.ok) return { ok: false, reason: why(r.error) };
  }
  return { ok: true, fetched: true };
}

export type CommitFetch = 'present' | 'gone' | { unreachable: string };

/**
 * Fetches one commit by sha. `gone` when the remote answered but no longer has it (a force-push
 * dropped it); `unreachable` when there is no remote or it could not be asked.
 */
export function fetchCommit(root: string, sha: string): CommitFetch {
  if (resolveCommit(root, sha)) return 'present';
  const remote = pickRemote(root);
  if (!remote) return { unreachable: 'the repository has no remote to fetch from' };
  const r = git(root, fetchArgs(remote, isShallow(root) ? ['--depth=50'] : [], [sha]));
  if (resolveCommit(root, sha)) return 'present';
  if (
    /not our ref|unadvertised object|couldn't find remote ref|no such remote ref|not a valid object/i.test(
      r.error,
    )
  )
    return 'gone';
  return { unreachable: why(r.error) };
}

/** Fetches a branch of the remote into its remote-tracking ref; returns that ref, or null. */
export function fetchBranch(root: string, branch: string): string | null {
  const remote = pickRemote(root);
  if (!remote || !/^[A-Za-z0-9._/-]+$/.test(branch)) return null;
  const ref = `refs/remotes/${remote}/${branch}`;
  if (resolveCommit(root, ref)) return ref;
  const extra = isShallow(root) ? ['--depth=50'] : [];
  const r = git(root, fetchArgs(remote, extra, [`+refs/heads/${branch}:${ref}`]));
  return r.ok && resolveCommit(root, ref) ? ref : null;
}
