import {
  spawn,
  spawnSync,
  type ChildProcessByStdio,
  type SpawnSyncOptions,
  type SpawnSyncReturns,
} from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/**
 * The only place keylint starts git. The scanned repository is untrusted input, and so is its
 * `.git/config` on a self-hosted runner or after a step that wrote it: nothing there may run a
 * program (fsmonitor, hooks) while keylint's process holds a key and a token.
 *
 * `core.excludesFile=/dev/null`: a user's global ignore file (`~/.config/git/ignore`) is about their
 * own machine and does not decide what a repository holds. A `.env` ignored only in someone's home
 * directory is still a file of the repository keylint scans, so the listing leaves it in.
 */
export const GIT_SAFETY_ARGS: readonly string[] = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.excludesFile=/dev/null',
  '-c',
  'protocol.ext.allow=never',
];

/**
 * The variables git is given from keylint's environment: what it needs to find itself, a home
 * directory (the global config holds `safe.directory`), proxies and certificates. Everything else
 * stays out, above all the key names being checked, `GITHUB_TOKEN` and the action's inputs (one of
 * which is the token), and every `GIT_*` override (`GIT_DIR`, `GIT_CONFIG_*`, `GIT_SSH_COMMAND`…)
 * that would change which repository or which program git uses. A fetch authenticates as the
 * checkout set it up, in the repository's own config.
 */
const PASSED_THROUGH = new Set(
  [
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'TMPDIR',
    'TMP',
    'TEMP',
    'XDG_CONFIG_HOME',
    'SSH_AUTH_SOCK',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    // Windows: git for Windows does not start without these.
    'SYSTEMROOT',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
  ].map((n) => n.toUpperCase()),
);

/** The environment of every git process keylint starts, built from `source` (keylint's own). */
export function gitEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(source))
    if (value !== undefined && PASSED_THROUGH.has(name.toUpperCase())) env[name] = value;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    // Never let git wait for a password in CI: a prompt would hang the step until its timeout.
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
  };
}

/** Every git command line keylint runs: the safety settings, then the command. */
export function gitArgs(args: readonly string[]): string[] {
  return [...GIT_SAFETY_ARGS, ...args];
}

type SyncOptions = Omit<SpawnSyncOptions, 'env' | 'cwd'>;

export function spawnGitSync(
  root: string,
  args: readonly string[],
  options: SyncOptions & { encoding: BufferEncoding },
): SpawnSyncReturns<string>;
export function spawnGitSync(
  root: string,
  args: readonly string[],
  options?: SyncOptions,
): SpawnSyncReturns<Buffer>;
export function spawnGitSync(
  root: string,
  args: readonly string[],
  options: SyncOptions = {},
): SpawnSyncReturns<string | Buffer> {
  return spawnSync('git', gitArgs(args), { ...options, cwd: root, env: gitEnv() });
}

/** A git process whose output is read as it comes; its standard input is closed. */
export function spawnGit(
  root: string,
  args: readonly string[],
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn('git', gitArgs(args), { cwd: root, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A git process that reads `input` on its standard input (`--stdin`), its output read as it comes.
 * git may exit before reading all of it (an unreadable object): its exit code says so, not a write
 * error.
 */
export function spawnGitFed(
  root: string,
  args: readonly string[],
  input: string,
): ChildProcessByStdio<Writable, Readable, Readable> {
  const child = spawn('git', gitArgs(args), { cwd: root, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  return child;
}
