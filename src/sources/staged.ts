import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { StartedListing } from './tree.js';

/**
 * What `git commit` is about to record, below the scanned directory: a copy of each staged blob
 * (added, modified or changed in type against HEAD) in a temp directory, under its path relative
 * to the scanned directory, so the file pass reads exactly the committed bytes and reports staged
 * line numbers. The working tree's own edits, not yet staged, are not in it.
 */
export interface StagedCopy {
  dir: string;
  paths: string[];
  /** The listing of the copy: exactly the staged paths, as git's listing of tracked files. */
  listing(): StartedListing;
  remove(): void;
}

// fsmonitor would run a program named by the repository's config: never needed to read the index.
const GIT_OPTIONS = ['-c', 'core.fsmonitor=false'];
/** Regular files only: a symbolic link's blob is its target's name, a submodule has no blob here. */
const FILE_MODES = new Set(['100644', '100755']);

function git(root: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', [...GIT_OPTIONS, ...args], {
    cwd: root,
    input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (r.error) throw new UserError(`--staged needs git, which could not be run (${r.error.message})`);
  if (r.status !== 0) {
    const why = r.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    if (/not a git repository/i.test(why))
      throw new UserError(`--staged scans a git repository's index: ${root} is not in a git repository`);
    throw new UserError(`git ${args[0]} failed: ${why}`);
  }
  return r.stdout;
}

interface StagedBlob {
  sha: string;
  path: string;
}

/** `git diff --cached --raw -z`: `:oldmode newmode oldsha newsha status\0path\0` per change. */
function stagedBlobs(root: string): StagedBlob[] {
  const out = git(root, [
    'diff',
    '--cached',
    '--raw',
    '-z',
    '--no-renames',
    '--no-abbrev',
    '--relative',
    '--diff-filter=AMT',
  ]).toString('utf8');
  const parts = out.split('\0');
  const blobs: StagedBlob[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!.split(' ');
    const rel = parts[i + 1]!;
    if (meta.length < 5 || !FILE_MODES.has(meta[1]!)) continue;
    blobs.push({ sha: meta[3]!, path: rel });
  }
  return blobs;
}

/** Every blob's bytes in one `git cat-file --batch`: `<sha> blob <size>\n<bytes>\n` each. */
function readBlobs(root: string, shas: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const out = git(root, ['cat-file', '--batch'], `${shas.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const [sha, type, size] = out.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (type !== 'blob' || size === undefined) continue;
    const n = Number(size);
    blobs.set(sha!, out.subarray(at, at + n));
    at += n + 1;
  }
  return blobs;
}

export function copyStaged(root: string): StagedCopy {
  if (!existsSync(root)) throw new UserError(`path does not exist: ${root}`);
  // Outside a repository `git diff` would compare files instead (`--no-index`) and reject `--cached`.
  git(root, ['rev-parse', '--git-dir']);
  const staged = stagedBlobs(root);
  const bytes = readBlobs(root, [...new Set(staged.map((b) => b.sha))]);
  const dir = mkdtempSync(path.join(tmpdir(), 'keylint-staged-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const paths: string[] = [];
  try {
    const made = new Set<string>();
    for (const b of staged) {
      const content = bytes.get(b.sha);
      if (!content) continue;
      const abs = path.join(dir, b.path);
      const parent = path.dirname(abs);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      writeFileSync(abs, content);
      paths.push(b.path);
    }
  } catch (err) {
    remove();
    throw err;
  }
  return {
    dir,
    paths,
    // Tagged as tracked (`H `): a staged `.gitignore` must not hide a file staged with `git add -f`.
    listing: () => ({
      root: dir,
      run: Promise.resolve({
        ok: true,
        stdout: Buffer.from(paths.map((p) => `H ${p}\0`).join('')),
        stderr: '',
      }),
      stop: () => undefined,
    }),
    remove,
  };
}
