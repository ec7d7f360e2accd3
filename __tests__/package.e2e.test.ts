import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { ROOT } from './helpers/run-action.js';
import { VERSION } from '../src/version.js';

/**
 * The npm package as a user gets it: packed, installed into a project with no registry reachable,
 * run with `npx`, and wired as the husky recipe wires it (a pre-commit hook running
 * `npx keylint --staged`) through real `git commit`s.
 */

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** npm without the settings of the `npm test` that runs these tests, offline, with its own cache. */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  private?: boolean;
  files?: string[];
  bin?: Record<string, string>;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  version: string;
};

describe('package.json', () => {
  it('is publishable, with a bin, the engines CI tests and nothing to install beside the bundle', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ keylint: 'dist/cli.js' });
    expect(pkg.engines?.node).toBe('>=20');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.version).toBe(VERSION);
    const ci = readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
    expect(ci).toMatch(/node: \[20, 22, 24\]/);
  });

  it('packs the bundle, action.yml and the user documents only, never a tarball packed before', () => {
    const stale = path.join(ROOT, 'keylint-0.0.0-stale.tgz');
    writeFileSync(stale, 'an earlier npm pack');
    try {
      const cache = mkdtempSync(path.join(tmpdir(), 'keylint-npm-cache-'));
      const r = run('npm', ['pack', '--dry-run', '--json'], ROOT, npmEnv(cache));
      rmSync(cache, { recursive: true, force: true });
      expect(r.code).toBe(0);
      const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map(
        (f) => f.path,
      );
      expect(files.sort()).toEqual(
        [
          'CHANGELOG.md',
          'LICENSE',
          'README.md',
          'action.yml',
          'dist/action-main.js',
          'dist/cli-main.js',
          'dist/cli.js',
          'dist/index.js',
          'dist/licenses.txt',
          'dist/package.json',
          'dist/scan-worker.js',
          'dist/source-hash.txt',
          'package.json',
        ].sort(),
      );
    } finally {
      rmSync(stale, { force: true });
    }
  });
});

describe('the packed tarball, installed offline', () => {
  let work: string;
  let project: TempRepo;
  let env: NodeJS.ProcessEnv;
  let install: Run;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'keylint-pack-'));
    env = npmEnv(path.join(work, 'cache'));
    const packed = run('npm', ['pack', '--pack-destination', work], ROOT, env);
    expect(packed.code).toBe(0);
    const tarball = path.join(work, `keylint-${VERSION}.tgz`);
    project = new TempRepo({ prefix: 'keylint-project-' });
    project.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    project.write('.gitignore', 'node_modules/\n');
    install = run('npm', ['install', '--save-dev', tarball], project.dir, env);
    // The husky recipe: .husky/pre-commit holds `npx keylint --staged`; git runs it as a hook.
    const hook = project.write(
      '.git/hooks/pre-commit',
      '#!/bin/sh\nexec npx --no-install keylint --staged\n',
    );
    chmodSync(hook, 0o755);
  });

  afterAll(() => {
    project.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  /** git hands a hook's standard output to its own standard error: both are the hook's report. */
  const commit = (message: string): { code: number; out: string } => {
    const r = run('git', ['commit', '-q', '-m', message], project.dir, { ...env, FORCE_COLOR: '0' });
    return { code: r.code, out: r.stdout + r.stderr };
  };
  const head = (): string => project.git('rev-list', '--count', '--all');

  it('installs with no registry and nothing but keylint itself', () => {
    expect(install.code).toBe(0);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    expect(install.stdout).toMatch(/added 1 package/);
    expect(existsSync(path.join(project.dir, 'node_modules', 'keylint', 'dist', 'cli.js'))).toBe(true);
  });

  it('runs as npx keylint: the version, and a scan that finds a key', () => {
    const version = run('npx', ['--no-install', 'keylint', '--version'], project.dir, env);
    expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const key = keys.openaiProject();
    project.write('scan-me/settings.py', `OPENAI_API_KEY = "${key}"\n`);
    const scan = run('npx', ['--no-install', 'keylint', 'scan-me'], project.dir, env);
    rmSync(path.join(project.dir, 'scan-me'), { recursive: true });
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/^settings\.py$/m);
    expect(scan.stdout).toMatch(/1:19 {2}CRITICAL {2}leak\/openai-project-key/);
    expect(scan.stdout).not.toContain(key);
  });

  it('the pre-commit hook passes a commit without a key', () => {
    project.write('app.py', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n');
    project.git('add', '-A');
    const before = head();
    const r = commit('clean');
    expect(r.code).toBe(0);
    expect(Number(head())).toBe(Number(before) + 1);
  });

  it('blocks a commit that adds a key, at the staged line, and the commit is not made', () => {
    const key = keys.anthropic();
    project.write('config.py', `# settings\n\nANTHROPIC_API_KEY = "${key}"\n`);
    project.git('add', 'config.py');
    // Lines added to the working tree after staging move nothing: the index is what is scanned.
    project.write('config.py', `# settings\n# more\n# and more\n\nANTHROPIC_API_KEY = "${key}"\n`);
    const before = head();
    const r = commit('add a key');
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    expect(r.out).toMatch(/^config\.py$/m);
    expect(r.out).toMatch(/^ {2}3:22 {2}CRITICAL {2}leak\/anthropic-api-key$/m);
    expect(r.out).toMatch(/keylint: FAIL: 1 finding in 1 file/);
    expect(r.out).not.toContain(key);
    project.git('reset', '-q', 'config.py');
    rmSync(path.join(project.dir, 'config.py'));
  });

  it('passes the same key marked keylint:allow, and counts it as suppressed', () => {
    const key = keys.anthropic();
    project.write('fixture.py', `ANTHROPIC_API_KEY = "${key}"  # keylint:allow\n`);
    project.git('add', 'fixture.py');
    const before = head();
    const r = commit('a revoked key in a fixture');
    expect(r.code).toBe(0);
    expect(Number(head())).toBe(Number(before) + 1);
    expect(r.out).toMatch(/1 finding suppressed: 1 inline/);
  });
});
