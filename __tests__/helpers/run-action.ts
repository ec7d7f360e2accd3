import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hermeticEnv, runRefusedPort } from './hermetic.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ACTION = path.join(ROOT, 'dist', 'index.js');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  col?: number;
  endColumn?: number;
  title?: string;
  message: string;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  outputs: Record<string, string>;
  summary: string;
  /** Values registered with `::add-mask::`. */
  masked: string[];
  /** Every file the run wrote to the runner (outputs, summary, SARIF, report), concatenated. */
  filesText: string;
  /** The SARIF file and the JSON report the run wrote ('' when none). */
  sarif: string;
  report: string;
  failed: boolean;
}

export interface ActionRunOptions {
  /** `INPUT_*` values by input name, as in `with:`. */
  inputs?: Record<string, string>;
  workspace: string;
  eventName?: string;
  event?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProp(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const a: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3] ?? '') };
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      const k = kv.slice(0, i);
      const v = unescapeProp(kv.slice(i + 1));
      if (k === 'file') a.file = v;
      else if (k === 'line') a.line = Number(v);
      else if (k === 'col') a.col = Number(v);
      else if (k === 'endColumn') a.endColumn = Number(v);
      else if (k === 'title') a.title = v;
    }
    out.push(a);
  }
  return out;
}

/** Parses a `GITHUB_OUTPUT` file (`name<<DELIM` … `DELIM` blocks, or `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

interface PreparedRun {
  runner: string;
  env: NodeJS.ProcessEnv;
  outputFile: string;
  summaryFile: string;
}

/** Where GitHub's API is said to be when a test does not start one: a port that refuses, held for the run. */
function unreachableApiUrl(): string {
  // Port 0 when the run holds none (Jest's global setup did not run): nothing can listen there.
  return `http://127.0.0.1:${runRefusedPort() ?? 0}`;
}

/** The runner's files and environment: only what a runner provides, plus PATH and a hermetic HOME. */
function prepareRun(opts: ActionRunOptions): PreparedRun {
  const runner = mkdtempSync(path.join(tmpdir(), 'keylint-runner-'));
  const outputFile = path.join(runner, 'output');
  const summaryFile = path.join(runner, 'summary.md');
  const eventFile = path.join(runner, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(opts.event ?? {}));
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.inputs ?? {}))
    inputs[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const base: Record<string, string | undefined> = {};
  for (const k of ['PATH', 'LANG', 'SYSTEMROOT']) base[k] = process.env[k];
  const env = cleanEnv({
    ...base,
    ...hermeticEnv(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: unreachableApiUrl(),
    GITHUB_RUN_ID: '1',
    RUNNER_TEMP: runner,
    INPUT_PATH: '.',
    'INPUT_FAIL-ON': 'high',
    'INPUT_SARIF-FILE': path.join(runner, 'keylint.sarif'),
    ...inputs,
    ...opts.env,
  });
  return { runner, env, outputFile, summaryFile };
}

function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/** Reads what the run wrote to the runner, then removes the runner's directory. */
function collectRun(p: PreparedRun, code: number, stdout: string, stderr: string): ActionRun {
  const read = (f: string): string => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const sarif = read(path.join(p.runner, 'keylint.sarif'));
  const report = read(path.join(p.runner, 'keylint-report.json'));
  const summary = read(p.summaryFile);
  const outputText = read(p.outputFile);
  rmSync(p.runner, { recursive: true, force: true });
  return {
    code,
    stdout,
    stderr,
    annotations: parseAnnotations(stdout),
    outputs: parseOutputFile(outputText),
    summary,
    masked: stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => unescapeData(l.slice('::add-mask::'.length))),
    filesText: [outputText, summary, sarif, report].join('\n'),
    sarif,
    report,
    failed: code !== 0,
  };
}

/**
 * Each run gets a process group of its own: a run that signalled its group (as `kill` of pid 0
 * does) then shows as a killed run in its test, instead of killing the test runner.
 */
const OWN_GROUP = { detached: true } as const;

/** Runs the built action exactly as a runner does: a child process with the runner's environment. */
export function runAction(opts: ActionRunOptions): ActionRun {
  const p = prepareRun(opts);
  const r = spawnSync(process.execPath, [ACTION], {
    ...OWN_GROUP,
    cwd: opts.workspace,
    env: p.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return collectRun(p, r.status ?? -1, r.stdout ?? '', r.stderr ?? '');
}

export interface TimedRun extends ActionRun {
  /** Wall-clock time of the whole child process, start-up included. */
  wallMs: number;
}

function spawnAsync(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { ...OWN_GROUP, cwd, env });
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

/**
 * `runAction` without blocking this process: for tests whose HTTP servers run in this same process
 * (a `spawnSync` would stop them from answering).
 */
export async function runActionAsync(opts: ActionRunOptions): Promise<TimedRun> {
  const p = prepareRun(opts);
  const r = await spawnAsync([ACTION], opts.workspace, p.env, opts.timeoutMs ?? 60000);
  return { ...collectRun(p, r.code, r.stdout, r.stderr), wallMs: r.wallMs };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface CliRunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

function cliEnv(opts: CliRunOptions): NodeJS.ProcessEnv {
  return cleanEnv({ PATH: process.env.PATH, ...hermeticEnv(), ...opts.env });
}

export function runCli(args: string[], opts: CliRunOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    ...OWN_GROUP,
    cwd: opts.cwd ?? ROOT,
    env: cliEnv(opts),
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export async function runCliAsync(args: string[], opts: CliRunOptions = {}): Promise<CliRun> {
  const r = await spawnAsync([CLI, ...args], opts.cwd ?? ROOT, cliEnv(opts), opts.timeoutMs ?? 60000);
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

/** Every place a raw secret could escape to, joined, for `expect(...).not.toContain(secret)`. */
export function everything(run: ActionRun | CliRun): string {
  return 'annotations' in run
    ? [run.stdout, run.stderr, run.summary, run.filesText].join('\n')
    : run.stdout + run.stderr;
}
