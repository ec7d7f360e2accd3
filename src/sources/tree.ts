import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';

export interface RepoFile {
  /** Repository-relative, forward slashes. */
  path: string;
  abs: string;
  size: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

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

function gitListing(root: string): string[] | null {
  try {
    const out = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'],
      {
        cwd: root,
        encoding: 'buffer',
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return out
      .toString('utf8')
      .split('\0')
      .filter((p) => p.length > 0);
  } catch {
    return null;
  }
}

function globListing(root: string): string[] {
  const ig = ignore();
  try {
    ig.add(readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    /* no .gitignore */
  }
  const all = fg.sync('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: ['**/.git/**', '**/node_modules/**'],
  });
  return all.filter((p) => !ig.ignores(p));
}

export function listFiles(root: string, ignorePaths: string[] = []): RepoFiles {
  const realRoot = realpathSync(root);
  const listed = gitListing(root);
  const isGit = listed !== null;
  const extra = ignore().add(ignorePaths);
  const files: RepoFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const rel of (listed ?? globListing(root)).sort()) {
    if (seen.has(rel)) continue;
    seen.add(rel);
    if (ignorePaths.length > 0 && extra.ignores(rel)) continue;
    const abs = path.join(root, rel);
    let st;
    try {
      st = lstatSync(abs);
      if (st.isSymbolicLink()) {
        // Follow a link only while it stays inside the scanned root, and only to a file.
        const target = realpathSync(abs);
        if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
          skipped.push({ path: rel, reason: 'symbolic link pointing outside the scanned directory' });
          continue;
        }
        st = statSync(abs);
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // deleted in the working tree
      skipped.push({
        path: rel,
        reason: code === 'ELOOP' ? 'symbolic link loop' : `cannot read (${code ?? 'error'})`,
      });
      continue;
    }
    if (!st.isFile()) continue;
    files.push({ path: rel, abs, size: st.size });
  }
  return {
    root,
    isGit,
    files,
    skipped,
    readText(relPath: string): string | null {
      const f = files.find((x) => x.path === relPath);
      if (!f || f.size > MAX_WHOLE_READ) return null;
      try {
        const buf = readFileSync(f.abs);
        if (buf.subarray(0, 8000).includes(0)) return null;
        return buf.toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
