import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

// The listing of a directory that is not a git work tree: a walk honouring `.gitignore`. Kept apart
// from the rest of the listing so a scanning thread can walk while the main thread loads keylint.

export interface SkippedFile {
  path: string;
  reason: string;
}

/** A directory's listing: its files, and what could not be read. */
export interface Walked {
  rels: string[];
  skipped: SkippedFile[];
}

export const unreadableDirReason = (code: string): string => `cannot read directory (${code})`;

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}

/** One `.gitignore` and the directory (relative to the root) its patterns are relative to. */
interface IgnoreFile {
  base: string;
  rules: Ignore;
}

function isIgnored(stack: readonly IgnoreFile[], rel: string, isDir: boolean): boolean {
  // Deeper files override shallower ones, and a later `!pattern` re-includes, as git decides.
  let ignored = false;
  for (const { base, rules } of stack) {
    const local = base === '' ? rel : rel.slice(base.length + 1);
    const verdict = rules.test(isDir ? `${local}/` : local);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Every entry below the root, honouring each directory's `.gitignore`, without descending into
 * `.git` or into symbolic links. Directories that cannot be read are reported, not fatal.
 */
export function walkListing(root: string, skipped: SkippedFile[]): string[] {
  const out: string[] = [];
  const pending: Array<{ rel: string; ignores: IgnoreFile[] }> = [{ rel: '', ignores: [] }];
  while (pending.length > 0) {
    const { rel, ignores } = pending.pop()!;
    const dir = path.join(root, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ path: rel || '.', reason: unreadableDirReason(errCode(err)) });
      continue;
    }
    let here = ignores;
    if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      try {
        here = [
          ...ignores,
          { base: rel, rules: ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8')) },
        ];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    for (const e of entries) {
      if (e.name === '.git') continue;
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      const isDir = e.isDirectory();
      if (isIgnored(here, child, isDir)) continue;
      if (isDir) pending.push({ rel: child, ignores: here });
      else out.push(child);
    }
  }
  return out;
}
