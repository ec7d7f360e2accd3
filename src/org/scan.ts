import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { JsonReport } from '../report/json.js';
import { reportFileName, STATUS_WORDS, type RepoScan, type RepoStatus } from './repo-scan.js';
import { runBounded } from './run-bounded.js';

export interface ShardScanOptions {
  repositories: string[];
  /** Where each repository's report is written. */
  outDir: string;
  /** `https://github.com` (from `GITHUB_SERVER_URL`) or, for a mirror or a test, any git URL base. */
  cloneBase: string;
  token?: string;
  history: boolean;
  verifyLeaked: boolean;
  /** Each repository's last scanned commit, from a previous sweep's merged report. */
  previous: Map<string, string>;
  repoTimeoutMs: number;
  shardBudgetMs: number;
  /** The keylint CLI that scans each clone (this very program). */
  cliPath: string;
  env: NodeJS.ProcessEnv;
  say: (line: string) => void;
}

/** Names that carry the sweep's token: no scan of a repository's code runs with them. */
const TOKEN_NAMES = ['GITHUB_TOKEN', 'GH_TOKEN', 'KEYLINT_TOKEN', 'INPUT_TOKEN'];

function withoutToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!TOKEN_NAMES.includes(k) && !k.startsWith('GIT_')) out[k] = v;
  return out;
}

/**
 * git's environment for a clone: no system config, no hooks, no prompt, and the token (when there is
 * one and the remote is https) as the header `actions/checkout` sets, scoped to the server's URL and
 * passed in the environment so it never shows in a process list or a saved config.
 */
function gitEnv(opts: ShardScanOptions, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...withoutToken(opts.env),
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
  };
  if (opts.token && /^https:\/\//i.test(opts.cloneBase)) {
    const basic = Buffer.from(`x-access-token:${opts.token}`).toString('base64');
    env.GIT_CONFIG_COUNT = '1';
    env.GIT_CONFIG_KEY_0 = `http.${opts.cloneBase.replace(/\/+$/, '')}/.extraheader`;
    env.GIT_CONFIG_VALUE_0 = `AUTHORIZATION: basic ${basic}`;
  }
  return env;
}

const SAFE_GIT = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'protocol.file.allow=always',
];

/** git's own reason, for the report: its first `fatal:`/`error:` line, else its last line; never the token. */
function gitReason(text: string, token?: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let line = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.pop() ?? '';
  if (token) line = line.split(token).join('****');
  return line.replace(/^(fatal|error): /, '').slice(0, 300);
}

async function git(args: string[], cwd: string | undefined, env: NodeJS.ProcessEnv, deadlineMs: number) {
  return runBounded('git', [...SAFE_GIT, ...args], { cwd, env, deadlineMs });
}

function writeReport(outDir: string, scan: RepoScan): void {
  const file = path.join(outDir, reportFileName(scan.repository));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(scan, null, 2) + '\n');
  renameSync(tmp, file);
}

async function scanOne(
  repository: string,
  opts: ShardScanOptions,
  work: string,
  deadline: number,
): Promise<RepoScan> {
  const started = Date.now();
  const dir = path.join(work, reportFileName(repository).replace(/\.json$/, ''));
  const env = gitEnv(opts, work);
  const base: Omit<RepoScan, 'status' | 'error' | 'report'> = {
    tool: 'keylint',
    kind: 'repository-scan',
    repository,
    commit: null,
    mode: opts.history ? 'history' : 'tree',
    since: null,
    durationMs: 0,
  };
  const end = (status: RepoStatus, error: string | null, extra: Partial<RepoScan> = {}): RepoScan => ({
    ...base,
    status,
    error,
    report: null,
    ...extra,
    durationMs: Date.now() - started,
  });
  const url = `${opts.cloneBase.replace(/\/+$/, '')}/${repository}.git`;
  // A files-only scan needs one commit; a history scan needs them all, blobs included (a partial
  // clone would fetch every blob again, one request per batch, during `git log -p`).
  const depth = opts.history ? [] : ['--depth', '1'];
  const clone = await git(
    ['clone', '--quiet', '--no-tags', ...depth, '--', url, dir],
    undefined,
    env,
    deadline - Date.now(),
  );
  if (clone.timedOut) return end('timeout', `the clone took longer than the repository's time budget`);
  if (clone.code !== 0)
    return end('clone-failed', gitReason(clone.stderr, opts.token) || `git exited ${clone.code}`);

  const head = await git(['rev-parse', 'HEAD'], dir, env, 30_000);
  const commit = head.code === 0 ? head.stdout.trim() : null;
  base.commit = commit;
  const prev = opts.previous.get(repository.toLowerCase());
  let modeArgs: string[] = [];
  if (opts.history) {
    modeArgs = ['--history'];
    if (prev && /^[0-9a-f]{40,64}$/.test(prev)) {
      const known = await git(['cat-file', '-e', `${prev}^{commit}`], dir, env, 30_000);
      if (known.code === 0) {
        modeArgs = ['--since', prev];
        base.mode = 'since';
        base.since = prev;
      }
    }
  }
  const reportFile = path.join(work, `${path.basename(dir)}.report.json`);
  const scan = await runBounded(
    process.execPath,
    [
      opts.cliPath,
      dir,
      '--format',
      'json',
      '--output',
      reportFile,
      '--fail-on',
      'none',
      ...modeArgs,
      ...(opts.verifyLeaked ? ['--verify-leaked'] : []),
    ],
    { cwd: dir, env: withoutToken(opts.env), deadlineMs: deadline - Date.now() },
  );
  if (scan.timedOut) return end('timeout', "the scan took longer than the repository's time budget");
  if (scan.code !== 0)
    return end('scan-failed', gitReason(scan.stderr, opts.token) || `keylint exited ${scan.code}`);
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  } catch {
    return end('scan-failed', 'the scan wrote no readable report');
  }
  return end('scanned', null, { report });
}

function summaryLine(s: RepoScan): string {
  const secs = (s.durationMs / 1000).toFixed(1);
  if (s.status !== 'scanned' || !s.report)
    return `${s.repository}: ${STATUS_WORDS[s.status]}${s.error ? `: ${s.error}` : ''}`;
  const n = s.report.counts.total;
  const leaked = s.report.counts.leaked;
  return `${s.repository}: scanned (${s.mode}) in ${secs} s, ${n} finding${n === 1 ? '' : 's'}${leaked ? `, ${leaked} leaked key${leaked === 1 ? '' : 's'}` : ''}`;
}

/**
 * Clones and scans each repository of a shard in turn and writes one report per repository. The
 * shard's budget is checked before each clone; what it leaves unscanned is reported as such.
 */
export async function scanShard(opts: ShardScanOptions): Promise<RepoScan[]> {
  if (!opts.repositories.length) throw new UserError('the shard names no repository');
  try {
    mkdirSync(opts.outDir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create ${opts.outDir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const shardEnd = Date.now() + opts.shardBudgetMs;
  const results: RepoScan[] = [];
  for (const repository of opts.repositories) {
    const now = Date.now();
    let scan: RepoScan;
    if (now >= shardEnd) {
      scan = {
        tool: 'keylint',
        kind: 'repository-scan',
        repository,
        status: 'not-started',
        error: null,
        commit: null,
        mode: opts.history ? 'history' : 'tree',
        since: null,
        durationMs: 0,
        report: null,
      };
    } else {
      const work = mkdtempSync(path.join(opts.env.RUNNER_TEMP || tmpdir(), 'keylint-org-'));
      try {
        scan = await scanOne(repository, opts, work, Math.min(now + opts.repoTimeoutMs, shardEnd));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    writeReport(opts.outDir, scan);
    opts.say(summaryLine(scan));
    results.push(scan);
  }
  return results;
}
