import type { ChildProcess } from 'node:child_process';
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { spawnGit, spawnGitSync } from './git-process.js';
import { readSmallText } from './read.js';
import { unreadableDirReason, walkListing, type SkippedFile, type Walked } from './walk.js';

export interface RepoFile {
  /** Repository-relative, forward slashes. */
  path: string;
  abs: string;
  /** Bytes, once the file pass has read the file (0 in a bare listing, and for binary files). */
  size: number;
}

export type { SkippedFile } from './walk.js';

/** The files of the scanned tree, listed once and shared by every check. */
export interface RepoFiles {
  root: string;
  isGit: boolean;
  files: RepoFile[];
  skipped: SkippedFile[];
  /** Small text files (manifests, workflows, source) for checks that parse whole files; null when unreadable or binary. */
  readText(relPath: string): string | null;
}

const MAX_WHOLE_READ = 8 * 1024 * 1024;

/** Why an entry is left out: the words users see in a notice. */
const REASONS = {
  outside: 'symbolic link pointing outside the scanned directory',
  loop: 'symbolic link loop',
  unreadable: (code: string): string => `cannot read (${code})`,
  unreadableDir: unreadableDirReason,
};

interface GitRun {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

const LS_FILES = ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard', '--', '.'];

function git(root: string, args: string[]): GitRun {
  const r = spawnGitSync(root, args, {
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: r.stderr?.toString('utf8') ?? '',
  };
}

/**
 * A listing under way: git walks the tree while keylint loads and starts its threads (the CLI
 * starts it first thing). `stop` ends it when the scan fails before it is read.
 */
export interface StartedListing {
  root: string;
  run: Promise<GitRun>;
  /** Where the directory is not a work tree: its walk, done elsewhere (null: walk it here). */
  walked?: Promise<Walked | null>;
  stop(): void;
}

const NO_LISTING: GitRun = { ok: false, stdout: Buffer.alloc(0), stderr: '' };

export function startListing(root: string): StartedListing {
  let child: ChildProcess;
  try {
    child = spawnGit(root, LS_FILES);
  } catch {
    // A root that is not a directory: the scan says so before it reads the listing.
    return { root, run: Promise.resolve(NO_LISTING), stop: () => undefined };
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d));
  child.stderr?.on('data', (d: Buffer) => err.push(d));
  let ended = false;
  const run = new Promise<GitRun>((resolve) => {
    // No git, or no such directory: not a work tree.
    child.on('error', () => {
      ended = true;
      resolve(NO_LISTING);
    });
    child.on('close', (code) => {
      ended = true;
      resolve({ ok: code === 0, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
  return {
    root,
    run,
    // Only a running git: a spawn that failed has pid 0, and signalling pid 0 is signalling our
    // own process group.
    stop: () => {
      if (!ended && child.pid) child.kill();
    },
  };
}

/** git lists what it can and warns about directories it cannot open: those become skipped entries. */
function unreadableDirs(stderr: string): SkippedFile[] {
  const out: SkippedFile[] = [];
  for (const m of stderr.matchAll(/could not open directory '(.+?)\/?': (.+)$/gm))
    out.push({ path: m[1]!, reason: REASONS.unreadableDir(m[2]!.trim()) });
  return out;
}

/**
 * Listed paths and, for each, whether git found it by walking the work tree (an untracked file).
 * Two arrays rather than an object per path: a listing of 20,000 paths lives through the whole
 * scan, and every object that does is copied by the young-generation collector on its way out.
 */
interface Listed {
  rels: string[];
  walked: boolean[];
}

/**
 * Tracked files plus untracked ones that are not ignored, relative to `root`. `-z` prints names
 * verbatim whatever `core.quotePath` says; `-t` tags untracked ones `?`. Null outside a work tree
 * (or without git), and for a directory git ignores as a whole, so that it is still scanned as a
 * plain directory.
 */
function gitListing(root: string, run: GitRun, skipped: SkippedFile[]): Listed | null {
  if (!run.ok) return null;
  const listed: Listed = { rels: [], walked: [] };
  // Each path cut straight out of the output after its two-character tag (`H `, `? `).
  const out = run.stdout.toString('utf8');
  for (let at = 0; at < out.length;) {
    const nul = out.indexOf('\0', at);
    const end = nul === -1 ? out.length : nul;
    if (end - at > 2) {
      listed.rels.push(out.slice(at + 2, end));
      listed.walked.push(out[at] === '?');
    }
    at = end + 1;
  }
  if (listed.rels.length === 0 && git(root, ['check-ignore', '-q', '--', '.']).ok) return null;
  skipped.push(...unreadableDirs(run.stderr));
  return listed;
}

/** The order that sorts `rels`, or null when they are sorted already (git lists in order). */
function sortOrder(rels: readonly string[]): number[] | null {
  let sorted = true;
  for (let i = 1; i < rels.length && sorted; i++) sorted = rels[i - 1]! <= rels[i]!;
  if (sorted) return null;
  return rels.map((_, i) => i).sort((a, b) => (rels[a]! < rels[b]! ? -1 : rels[a]! > rels[b]! ? 1 : 0));
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}

function inside(realRoot: string, target: string): boolean {
  return target === realRoot || target.startsWith(realRoot + path.sep);
}

/**
 * The directories of the listing that stay inside the root. A file's own kind (a symbolic link, a
 * directory) is decided when it is opened (see `openText`), which never follows a link: the listing
 * itself reads nothing per file, and one `lstat` per directory (a link among them is resolved).
 */
class DirGuard {
  /** By repository-relative directory; the root itself is inside. */
  private readonly verdicts = new Map<string, boolean>([['', true]]);

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
  ) {}

  /** False when a directory on the way is a link that leaves the root (or cannot be resolved). */
  inside(relDir: string): boolean {
    const known = this.verdicts.get(relDir);
    if (known !== undefined) return known;
    const cut = relDir.lastIndexOf('/');
    let ok = this.inside(cut < 0 ? '' : relDir.slice(0, cut));
    if (ok) {
      const abs = path.join(this.root, relDir);
      try {
        // A directory deleted since the listing is not a way out: its files are dropped when opened.
        if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink())
          ok = inside(this.realRoot, realpathSync.native(abs));
      } catch {
        ok = false;
      }
    }
    this.verdicts.set(relDir, ok);
    return ok;
  }
}

/**
 * What to say of a listed path that is a symbolic link: nothing when it points inside the root (its
 * target is listed under its own name) or nowhere, else why it was skipped. Never followed.
 */
export function linkSkipReason(root: string, abs: string): string | null {
  try {
    return inside(realpathSync.native(root), realpathSync.native(abs)) ? null : REASONS.outside;
  } catch (err) {
    const code = errCode(err);
    return code === 'ELOOP' ? REASONS.loop : code === 'ENOENT' ? null : REASONS.unreadable(code);
  }
}

/** Why a listed file could not be read, for the notice; null for a file deleted since the listing. */
export function unreadableReason(code: string): string | null {
  return code === 'ENOENT' ? null : REASONS.unreadable(code);
}

/** The listing as the checks see it, with a lookup by path. */
export function repoFiles(
  root: string,
  isGit: boolean,
  files: RepoFile[],
  skipped: SkippedFile[],
): RepoFiles {
  // Built on the first lookup: most scans look up a few manifests, some none.
  let byPath: Map<string, RepoFile> | undefined;
  return {
    root,
    isGit,
    files,
    skipped,
    readText(relPath: string): string | null {
      byPath ??= new Map(files.map((f) => [f.path, f]));
      const f = byPath.get(relPath);
      return f ? readSmallText(f.abs, MAX_WHOLE_READ) : null;
    },
  };
}

/**
 * The paths to scan: git's list in a work tree, else a walk honouring `.gitignore`. Sizes are not
 * known yet (`size` is 0): the file pass reads each file once and tells its size and kind.
 * `started`: the listing of `root`, when it was started earlier.
 */
export async function listFiles(
  root: string,
  ignorePaths: string[] = [],
  started: StartedListing = startListing(root),
): Promise<RepoFiles> {
  const run = await started.run;
  const realRoot = realpathSync.native(root);
  const skipped: SkippedFile[] = [];
  const listed = gitListing(root, run, skipped);
  const isGit = listed !== null;
  const extra = ignore().add(ignorePaths);
  const guard = new DirGuard(root, realRoot);
  // Joined by hand: the listing's paths are already normal, and path.join costs per file.
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  const files: RepoFile[] = [];
  let rels: string[];
  let walked: boolean[] | null = null;
  if (listed) ({ rels, walked } = listed);
  else {
    const elsewhere = await started.walked;
    if (elsewhere) skipped.push(...elsewhere.skipped);
    rels = elsewhere?.rels ?? walkListing(root, skipped);
  }
  // Tracked and untracked paths come as two sorted runs; a path in conflict is listed per stage.
  const order = sortOrder(rels);
  let previous: string | undefined;
  for (let k = 0; k < rels.length; k++) {
    const i = order ? order[k]! : k;
    const rel = rels[i]!;
    if (rel === previous) continue;
    previous = rel;
    if (ignorePaths.length > 0 && extra.ignores(rel)) continue;
    // A walk (git's or ours) never enters a linked directory; the index may name a file below one.
    const cut = rel.lastIndexOf('/');
    if (!walked || walked[i] || guard.inside(cut < 0 ? '' : rel.slice(0, cut)))
      files.push({ path: rel, abs: base + rel, size: 0 });
    else skipped.push({ path: rel, reason: REASONS.outside });
  }
  return repoFiles(root, isGit, files, skipped);
}
