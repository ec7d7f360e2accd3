import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  hermeticEnvironment,
  holdRefusingPort,
  TEST_BACKOFF_SCALE,
  TEST_TODAY,
  type HeldPort,
} from './hermetic-env.js';

export { TEST_BACKOFF_SCALE, TEST_TODAY, type HeldPort };

/**
 * Jest's global setup makes the whole run hermetic (see hermetic-env.js). When a test file is run
 * some other way, the first use of these helpers does the same for this process.
 */
function ensureHermetic(): void {
  if (process.env.KEYLINT_TEST_HOME) return;
  const { env, cleanup } = hermeticEnvironment(process.env);
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env);
  process.once('exit', cleanup);
}

/** Variables every child process a test starts gets, whatever else it is given. */
const HERMETIC_KEYS = [
  'HOME',
  'USERPROFILE',
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CEILING_DIRECTORIES',
  'KEYLINT_TODAY',
  'KEYLINT_TEST_BACKOFF_SCALE',
] as const;

/**
 * The hermetic part of a child's environment: an empty temporary HOME and XDG_CONFIG_HOME (no
 * global git config or ignore file), no system git config, git never searching above the temporary
 * directory for a repository, a fixed `KEYLINT_TODAY` (date tests set their own), and waits between
 * attempts shortened to `TEST_BACKOFF_SCALE` of a real run's.
 */
export function hermeticEnv(): Record<string, string> {
  ensureHermetic();
  const out: Record<string, string> = {};
  for (const k of HERMETIC_KEYS) {
    const v = process.env[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The temporary HOME of this run (empty: no git config, no ignore file). */
export function testHome(): string {
  return hermeticEnv().HOME!;
}

/**
 * A port on 127.0.0.1 where nothing listens, that stays unusable by anyone else until `close`. Binding
 * a port, releasing it and connecting later races with every other process picking ports; a fixed
 * port such as 9 may well be open on some machine.
 */
export function refusingPort(): Promise<HeldPort> {
  return holdRefusingPort();
}

/**
 * A port held refused for the whole run (by Jest's global setup), for defaults such as a
 * GITHUB_API_URL that must never be reached.
 */
export function runRefusedPort(): number | undefined {
  const port = Number(process.env.KEYLINT_TEST_REFUSED_PORT);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** True when other users may run or enter `p` (o+x), and pass through every directory above it. */
export function isReachableByOthers(p: string): boolean {
  try {
    return othersCanReach(p);
  } catch {
    return false;
  }
}

/** True when every directory from the root down to `dir` lets other users through (o+x). */
function othersCanReach(dir: string): boolean {
  let d = realpathSync(dir);
  for (;;) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    const up = path.dirname(d);
    if (up === d) return true;
    d = up;
  }
}

export type WorldReadable = { ok: true; dir: string } | { ok: false; reason: string };

/**
 * A new temporary directory (mode 0755) that another user can reach, for running something as an
 * unprivileged user: the checkout or `TMPDIR` may sit under a private (0700) directory. Tried in
 * order: the temporary directory, /tmp, /var/tmp, /dev/shm.
 */
export function worldReadableTempDir(prefix = 'keylint-shared-'): WorldReadable {
  const tried: string[] = [];
  for (const base of [...new Set([tmpdir(), '/tmp', '/var/tmp', '/dev/shm'])]) {
    try {
      accessSync(base, constants.W_OK | constants.X_OK);
      if (!othersCanReach(base)) {
        tried.push(`${base} (not reachable by other users)`);
        continue;
      }
      const dir = mkdtempSync(path.join(base, prefix));
      chmodSync(dir, 0o755);
      return { ok: true, dir };
    } catch (e) {
      tried.push(`${base} (${(e as NodeJS.ErrnoException).code ?? 'unusable'})`);
    }
  }
  return { ok: false, reason: `no temporary directory other users can reach: ${tried.join(', ')}` };
}

/** Copies `src` (a file or a directory) into `dir`, readable by everyone. */
export function copyWorldReadable(src: string, dir: string): string {
  const dest = path.join(dir, path.basename(src));
  cpSync(src, dest, { recursive: true });
  openUp(dest);
  return dest;
}

/** A private umask may have made the copies 0600: others read every file and enter every directory. */
function openUp(p: string): void {
  if (statSync(p).isDirectory()) {
    chmodSync(p, 0o755);
    for (const name of readdirSync(p)) openUp(path.join(p, name));
  } else {
    chmodSync(p, 0o644);
  }
}
