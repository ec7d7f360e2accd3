import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

/** No configuration, ignore file or baseline is this large; a larger one is a mistake or an attack. */
export const POLICY_FILE_LIMIT = 1024 * 1024;

export type SafeRead = { ok: true; text: string } | { ok: false; code: string; reason: string };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/**
 * Reads a file that the scanned repository may have put in place. A path inside `root` must stay
 * inside it once links are resolved (a committed `.keylint.yml` → `/proc/self/environ` is refused),
 * the file must be a regular file (not `/dev/zero`, a FIFO that blocks, a directory), and at most
 * `limit` bytes are read whatever size the file claims. A path outside `root` was named by whoever
 * runs keylint, and only the last two rules apply to it. Never throws.
 */
export function readInsideRoot(root: string, file: string, limit: number): SafeRead {
  const abs = path.resolve(root, file);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      code,
      reason: code === 'ENOENT' ? 'not found (or a link to nothing)' : `cannot be read (${code})`,
    };
  }
  if (isInside(path.resolve(root), abs) && !isInside(realRoot(root), real))
    return {
      ok: false,
      code: 'EOUTSIDE',
      reason: 'is a symbolic link to a file outside the repository',
    };
  let fd: number;
  try {
    // Non-blocking: a FIFO must not hold the scan until someone writes to it.
    fd = openSync(real, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, code, reason: `cannot be read (${code})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'ENOTFILE', reason: 'is not a regular file' };
    if (st.size > limit)
      return { ok: false, code: 'ETOOBIG', reason: `is larger than ${Math.round(limit / 1024)} KiB` };
    // Up to one byte past the limit: a file whose size lies (under /proc) is caught while reading.
    const buf = Buffer.alloc(Math.min(limit + 1, Math.max(st.size, 64 * 1024)));
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > limit)
      return { ok: false, code: 'ETOOBIG', reason: `is larger than ${Math.round(limit / 1024)} KiB` };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, code, reason: `cannot be read (${code})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * A configuration, ignore or baseline file: its text, or a `UserError` that names the file and what
 * is wrong with it (never a stack trace, never a read that runs out of memory).
 */
export function readPolicyFile(root: string, file: string, shown: string, what: string): string {
  const r = readInsideRoot(root, file, POLICY_FILE_LIMIT);
  if (r.ok) return r.text;
  throw new UserError(
    r.code === 'ENOENT'
      ? `${what} not found: ${shown}`
      : `${what} ${shown} ${r.reason}; keylint did not use it`,
  );
}

/**
 * True when something is at `file`, even a link to nothing: a dangling `.keylint.yml` link is an
 * error to report, not a file to pretend is absent.
 */
export function entryExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
