import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ACTION,
  CLI,
  parseAnnotations,
  parseOutputFile,
  ROOT,
  type ActionRun,
  type CliRun,
} from './run-action.js';

/**
 * `runAction` / `runCli` without blocking: the provider servers of the live tests run in this same
 * process, and `spawnSync` would stop them from answering. Same runner environment as `runAction`.
 */
export interface LiveRunOptions {
  inputs?: Record<string, string>;
  workspace: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export interface TimedRun extends ActionRun {
  /** Wall-clock time of the whole child process, start-up included. */
  wallMs: number;
}

function spawnAsync(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, wallMs: Date.now() - started });
    });
  });
}

export async function runActionAsync(opts: LiveRunOptions): Promise<TimedRun> {
  const runner = mkdtempSync(path.join(tmpdir(), 'keylint-runner-'));
  const outputFile = path.join(runner, 'output');
  const summaryFile = path.join(runner, 'summary.md');
  const eventFile = path.join(runner, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, '{}');
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.inputs ?? {}))
    inputs[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '1',
    RUNNER_TEMP: runner,
    INPUT_PATH: '.',
    'INPUT_FAIL-ON': 'high',
    'INPUT_SARIF-FILE': path.join(runner, 'keylint.sarif'),
    INPUT_COMMENT: 'false',
    ...inputs,
    ...opts.env,
  };
  const r = await spawnAsync([ACTION], opts.workspace, env, opts.timeoutMs ?? 60000);
  const read = (f: string): string => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const sarif = read(path.join(runner, 'keylint.sarif'));
  const report = read(path.join(runner, 'keylint-report.json'));
  const run: TimedRun = {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    annotations: parseAnnotations(r.stdout),
    outputs: parseOutputFile(read(outputFile)),
    summary: read(summaryFile),
    masked: r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length)),
    filesText: [read(outputFile), read(summaryFile), sarif, report].join('\n'),
    sarif,
    report,
    failed: r.code !== 0,
    wallMs: r.wallMs,
  };
  rmSync(runner, { recursive: true, force: true });
  return run;
}

export async function runCliAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<CliRun> {
  const r = await spawnAsync(
    [CLI, ...args],
    opts.cwd ?? ROOT,
    { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env },
    opts.timeoutMs ?? 60000,
  );
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}
