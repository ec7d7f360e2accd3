import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Writes a report file (SARIF, JSON, the CLI's `--output`) where the scanned repository may have put
 * something first. A committed `keylint.sarif` link to `~/.bashrc` or `.git/config` must not get
 * that file overwritten, so:
 * - the directory, once its links are resolved, must lie inside one of `roots` (the workspace and the
 *   runner's temp directory in the action); with no roots, anywhere will do;
 * - whatever already sits at the name must be a regular file: a link, a directory, a FIFO or a
 *   device is left alone and named in the reason;
 * - the content goes to a new file in the same directory (created exclusively, so never through a
 *   link) which is then renamed over the name: a link put there meanwhile is replaced, not followed.
 */
export function writeReportFile(file: string, content: string, roots: readonly string[] = []): WriteOutcome {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  try {
    // One level only: a recursive mkdir can spin forever on special file systems such as /proc.
    if (!existsSync(dir)) mkdirSync(dir);
  } catch (err) {
    return { ok: false, reason: `its directory cannot be created (${errCode(err)})` };
  }
  const realDir = real(dir);
  if (roots.length > 0 && !roots.some((r) => isInside(real(r), realDir)))
    return { ok: false, reason: 'it resolves outside the workspace and the runner temporary directory' };
  const target = path.join(realDir, path.basename(abs));
  try {
    const st = lstatSync(target);
    if (st.isSymbolicLink()) return { ok: false, reason: 'a symbolic link is in its place' };
    if (!st.isFile()) return { ok: false, reason: 'something other than a regular file is in its place' };
  } catch (err) {
    if (errCode(err) !== 'ENOENT') return { ok: false, reason: `it cannot be checked (${errCode(err)})` };
  }
  const temp = path.join(
    realDir,
    `.${path.basename(abs)}.${`${process.pid}-${process.hrtime.bigint()}`}.tmp`,
  );
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      const bytes = Buffer.from(content, 'utf8');
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    return { ok: true };
  } catch (err) {
    rmSync(temp, { force: true });
    return { ok: false, reason: errCode(err) };
  }
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}
