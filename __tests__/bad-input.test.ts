import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import {
  copyWorldReadable,
  hermeticEnv,
  isReachableByOthers,
  worldReadableTempDir,
  type WorldReadable,
} from './helpers/hermetic.js';
import { keys } from './helpers/keys.js';
import { CLI, everything, runAction, runCli, type CliRun } from './helpers/run-action.js';

const STACK = /\n\s+at .+:\d+:\d+/;
const isRoot = process.getuid?.() === 0;
const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.cleanup()));
function repo(git = true): TempRepo {
  const r = new TempRepo({ git });
  repos.push(r);
  return r;
}

function json(run: CliRun): {
  findings: Array<{ ruleId: string; location: { path: string; line: number; column: number } }>;
  notices: Array<{ level: string; message: string; path?: string }>;
} {
  return JSON.parse(run.stdout);
}

/** A user mistake: exit 2 and one line on stderr, no stack trace. */
function expectUsageError(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stdout + run.stderr).not.toMatch(STACK);
}

/**
 * Permission bits do not hold for root: a root run drops to nobody (65534), which must reach what it
 * runs. The checkout or TMPDIR may be private (0700), so the CLI and the tree are copied to a temporary
 * directory every user can reach; where there is none, the permission tests are skipped, saying why.
 */
const shared: WorldReadable | undefined = isRoot ? worldReadableTempDir() : undefined;
if (shared?.ok) afterAll(() => rmSync(shared.dir, { recursive: true, force: true }));
const nodeReachable = !isRoot || isReachableByOthers(process.execPath);
const lockSkip =
  !shared || shared.ok ? (nodeReachable ? undefined : `${process.execPath} is private`) : shared.reason;
let sharedCli: string | undefined;

/** A fresh directory for a permission test, where the user that runs the CLI can reach it. */
function lockedTree(): string {
  if (!shared?.ok) return repo(false).dir;
  const dir = mkdtempSync(path.join(shared.dir, 'tree-'));
  chmodSync(dir, 0o755);
  return dir;
}

function write(dir: string, rel: string, content: string): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content, { mode: 0o644 });
  chmodSync(path.dirname(abs), 0o755);
}

/** The CLI on `dir` (JSON report), as a user the permission bits hold for. */
function runLocked(dir: string): SpawnSyncReturns<string> {
  if (!shared?.ok) {
    return spawnSync(process.execPath, [CLI, dir, '--format', 'json'], {
      env: { PATH: process.env.PATH, ...hermeticEnv() },
      encoding: 'utf8',
      timeout: 60000,
    });
  }
  sharedCli ??= path.join(copyWorldReadable(path.dirname(CLI), shared.dir), path.basename(CLI));
  const home = path.join(shared.dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o755 });
  return spawnSync(process.execPath, [sharedCli, dir, '--format', 'json'], {
    uid: 65534,
    gid: 65534,
    cwd: shared.dir,
    env: { PATH: process.env.PATH, ...hermeticEnv(), HOME: home, XDG_CONFIG_HOME: home },
    encoding: 'utf8',
    timeout: 60000,
  });
}

const lockTest = lockSkip === undefined ? test : test.skip;
const lockTitle = (title: string): string =>
  lockSkip === undefined ? title : `${title} (skipped: ${lockSkip})`;

describe('paths that cannot be scanned', () => {
  test('a path that does not exist', () => {
    expectUsageError(runCli(['/no/such/dir']), /^keylint: path does not exist: \/no\/such\/dir$/m);
    const r = repo();
    const action = runAction({ workspace: r.dir, inputs: { path: 'missing' } });
    expect(action.code).toBe(1);
    const errors = action.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/path does not exist: .*missing/);
    expect(action.stdout + action.stderr).not.toMatch(STACK);
  });

  test('a file instead of a directory', () => {
    const r = repo();
    r.write('a.txt', 'x');
    expectUsageError(runCli([path.join(r.dir, 'a.txt')]), /path is not a directory/);
  });

  test('a malformed config file', () => {
    const r = repo();
    r.write('.keylint.yml', 'ignore: [unclosed\nrules:\n  - : :\n');
    r.commit();
    expectUsageError(runCli([r.dir]), /^keylint: \.keylint\.yml(:\d+)?: /m);
    const action = runAction({ workspace: r.dir });
    expect(action.code).toBe(1);
    expect(action.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    expect(action.stdout + action.stderr).not.toMatch(STACK);
  });

  test('a mistyped KEYLINT_TODAY is an error, not the real today in silence', () => {
    const r = repo();
    for (const bad of ['2026-13-01', '27/11/2026', '2026-02-30', 'tomorrow'])
      expectUsageError(
        runCli([r.dir], { env: { KEYLINT_TODAY: bad } }),
        new RegExp(`^keylint: KEYLINT_TODAY must be a date as YYYY-MM-DD, not "${bad}"$`, 'm'),
      );
    const action = runAction({ workspace: r.dir, env: { KEYLINT_TODAY: 'tomorrow' } });
    expect(action.code).toBe(1);
    expect(action.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    expect(runCli([r.dir], { env: { KEYLINT_TODAY: '2026-11-27' } }).code).toBe(0);
  });

  test('a config file given with --config that does not exist', () => {
    const r = repo();
    expectUsageError(runCli([r.dir, '--config', path.join(r.dir, 'nope.yml')]), /config file not found/);
  });
});

describe('trees that are odd but scannable', () => {
  test('an empty repository (no commit, no file) passes', () => {
    const r = repo();
    const run = runCli([r.dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/PASS: 0 findings.*0 files scanned/);
    const action = runAction({ workspace: r.dir });
    expect(action.code).toBe(0);
    expect(action.outputs).toMatchObject({ findings: '0', verdict: 'pass' });
  });

  test('a binary file is skipped, whatever its name', () => {
    const r = repo();
    const secret = keys.openaiProject();
    r.write('notes.txt', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`key=${secret}\n`)]));
    r.commit();
    const run = runCli([r.dir, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(json(run).findings).toEqual([]);
    expect(everything(run)).not.toContain(secret);
  });

  test('invalid UTF-8 does not stop the scan, and positions stay right', () => {
    const r = repo();
    const secret = keys.anthropic();
    r.write(
      'data.csv',
      Buffer.concat([Buffer.from([0x78, 0xff, 0xfd, 0x0a, 0xc3, 0x28]), Buffer.from(`,${secret}\n`)]),
    );
    r.commit();
    const run = runCli([r.dir, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(json(run).findings.map((f) => f.location)).toEqual([
      { path: 'data.csv', line: 2, column: 4, endColumn: 4 + secret.length },
    ]);
    expect(everything(run)).not.toContain(secret);
  });

  test('symbolic link loops and links to /etc are reported and not followed, without hanging', () => {
    const r = repo();
    const secret = keys.google();
    r.write('app.js', `const k = "${secret}";\n`);
    symlinkSync('/etc', path.join(r.dir, 'etc'));
    symlinkSync('/etc/passwd', path.join(r.dir, 'passwd'));
    symlinkSync('b', path.join(r.dir, 'a'));
    symlinkSync('a', path.join(r.dir, 'b'));
    symlinkSync('.', path.join(r.dir, 'self'));
    const run = runCli([r.dir, '--format', 'json'], { timeoutMs: 30000 });
    expect(run.code).toBe(1);
    const report = json(run);
    expect(report.findings.map((f) => f.location.path)).toEqual(['app.js']);
    const notices = Object.fromEntries(report.notices.map((n) => [n.path, n.message]));
    expect(notices).toMatchObject({
      etc: 'skipped: symbolic link pointing outside the scanned directory',
      passwd: 'skipped: symbolic link pointing outside the scanned directory',
      a: 'skipped: symbolic link loop',
      b: 'skipped: symbolic link loop',
    });
    const text = runCli([r.dir]);
    expect(text.stdout).toMatch(/warning: etc: skipped: symbolic link pointing outside/);
    expect(text.stdout).toMatch(/1 file scanned/);
  });

  const hasMkfifo = spawnSync('mkfifo', ['--version']).error === undefined;
  (hasMkfifo ? test : test.skip)(
    `a named pipe in the tree is not opened (it would block forever)${hasMkfifo ? '' : ' (skipped: no mkfifo here)'}`,
    () => {
      const r = repo(false);
      r.write('ok.txt', 'x\n');
      expect(spawnSync('mkfifo', [path.join(r.dir, 'pipe')]).status).toBe(0);
      const run = runCli([r.dir], { timeoutMs: 20000 });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/1 file scanned/);
    },
  );

  lockTest(lockTitle('a directory without read permission is reported and the rest is scanned'), () => {
    const dir = lockedTree();
    write(dir, 'visible.env', `GROQ_API_KEY=${keys.groq()}\n`);
    write(dir, 'locked/inner.env', `GROQ_API_KEY=${keys.groq()}\n`);
    chmodSync(path.join(dir, 'locked'), 0o000);
    const run = runLocked(dir);
    chmodSync(path.join(dir, 'locked'), 0o755);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as ReturnType<typeof json>;
    expect(report.findings.map((f) => f.location.path)).toEqual(['visible.env']);
    expect(report.notices).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: 'skipped: cannot read directory (EACCES)',
        path: 'locked',
      }),
    );
  });

  lockTest(lockTitle('a file without read permission is reported and the rest is scanned'), () => {
    const dir = lockedTree();
    write(dir, 'a.txt', 'x\n');
    write(dir, 'b.txt', 'x\n');
    chmodSync(path.join(dir, 'b.txt'), 0o000);
    const run = runLocked(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as ReturnType<typeof json>).notices).toContainEqual({
      level: 'warning',
      message: 'skipped: cannot read (EACCES)',
      path: 'b.txt',
      line: null,
    });
  });
});

describe('a 100 MiB file', () => {
  let r: TempRepo;
  let secrets: string[];
  let lines: number;
  beforeAll(() => {
    r = repo();
    secrets = [keys.openaiProject(), keys.xai(), keys.huggingface()];
    const file = path.join(r.dir, 'dump.sql');
    const line = Buffer.from("INSERT INTO t VALUES (1, 'just some ordinary row data ✓');\n");
    const block = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / line.length) }, () => line));
    lines = block.toString('utf8').split('\n').length - 1;
    const fd = openSync(file, 'w');
    writeSync(fd, `-- ${secrets[0]}\n`);
    for (let i = 0; i < 100; i++) {
      writeSync(fd, block);
      if (i === 49) writeSync(fd, `token: ${secrets[1]}\n`);
    }
    writeSync(fd, `last ${secrets[2]}`); // no newline at the end
    closeSync(fd);
  });

  test('is scanned whole in bounded memory, keys found at the right lines', () => {
    // A heap far smaller than the file: reading it whole into a string would crash.
    const run = runCli([r.dir, '--format', 'json'], {
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      timeoutMs: 120000,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(json(run).findings.map((f) => [f.location.line, f.location.column])).toEqual([
      [1, 4],
      [2 + 50 * lines, 8],
      [2 + 100 * lines + 1, 6],
    ]);
    expect(everything(run)).not.toContain(secrets[0]);
  });
});
