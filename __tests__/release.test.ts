import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { ROOT } from './helpers/run-action.js';
import { VERSION } from '../src/version.js';

const SCRIPT = path.join(ROOT, 'scripts', 'release.mjs');
const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function release(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the release checks, on this repository', () => {
  it('the current version is releasable: package.json, src/version.ts and CHANGELOG.md agree', () => {
    expect(release(ROOT, 'check', `v${VERSION}`)).toMatchObject({ code: 0, stderr: '' });
  });

  it('a tag that disagrees is refused with every reason in one line', () => {
    const r = release(ROOT, 'check', 'v97.0.0');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `release: cannot release v97.0.0: package.json says version ${VERSION}, the tag says 97.0.0; ` +
        `src/version.ts says ${VERSION}, the tag says 97.0.0; CHANGELOG.md has no "## [97.0.0]" section\n`,
    );
    expect(release(ROOT, 'check', '1.2').stderr).toBe(
      'release: "1.2" is not a release tag (vMAJOR.MINOR.PATCH, optionally -PRERELEASE)\n',
    );
  });

  it("the release's text is the changelog's section, without its link lines", () => {
    const notes = release(ROOT, 'notes', `v${VERSION}`).stdout;
    expect(notes).toMatch(/^The first version/);
    expect(notes).toMatch(/### Added\n\n- Leaked keys:/);
    expect(notes).not.toMatch(/^## |^\[/m);
  });

  it('the changelog keeps the Keep a Changelog form, with an Unreleased section on top', () => {
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1]);
    expect(versions[0]).toBe('Unreleased');
    expect(versions).toContain('0.1.0');
    expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)');
    for (const v of versions) expect(changelog).toMatch(new RegExp(`^\\[${v}\\]: https://`, 'm'));
    const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n/);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
  });

  it('npm publish --dry-run accepts the package, offline', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'keylint-npm-cache-'));
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
    const r = spawnSync('npm', ['publish', '--dry-run', '--offline', '--cache', cache], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    rmSync(cache, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).toContain(`keylint@${VERSION}`);
  });

  it('the workflow runs these checks, publishes with provenance and moves the major tag', () => {
    const wf = readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
    for (const step of [
      'node scripts/release.mjs check "$GITHUB_REF_NAME"',
      'npm run package',
      'node scripts/release.mjs notes "$GITHUB_REF_NAME"',
      'gh release create "$GITHUB_REF_NAME" --verify-tag',
      'npm publish --provenance',
      'node scripts/release.mjs move-major "$GITHUB_REF_NAME" --push origin',
    ])
      expect(wf).toContain(step);
    expect(wf).toMatch(/id-token: write/);
  });
});

describe('moving the major tag, on a local repository with a remote', () => {
  let repo: TempRepo;
  let remote: string;
  const commits: Record<string, string> = {};
  const tagAt = (tag: string): string => repo.git('rev-parse', `refs/tags/${tag}^{commit}`);
  const remoteTag = (tag: string): string =>
    repo.git('ls-remote', '--tags', 'origin', `refs/tags/${tag}`).split('\t')[0] ?? '';

  beforeAll(() => {
    remote = mkdtempSync(path.join(tmpdir(), 'keylint-remote-'));
    spawnSync('git', ['init', '-q', '--bare', remote], { env: { ...process.env, ...GIT_ENV } });
    repo = new TempRepo({ prefix: 'keylint-release-' });
    repo.git('remote', 'add', 'origin', remote);
    for (const name of ['one', 'two', 'three', 'four']) {
      repo.write('f.txt', name);
      commits[name] = repo.commit(name);
    }
  });
  afterAll(() => {
    repo.cleanup();
    rmSync(remote, { recursive: true, force: true });
  });

  it('creates v1 at the first release and pushes it', () => {
    repo.git('tag', 'v1.0.0', commits.one!);
    expect(release(repo.dir, 'move-major', 'v1.0.0', '--push', 'origin').stdout).toBe(
      `v1 now points at ${commits.one} (pushed to origin)\n`,
    );
    expect(tagAt('v1')).toBe(commits.one);
    expect(remoteTag('v1')).toBe(commits.one);
  });

  it('moves v1 forward to a later release, here and on the remote', () => {
    repo.git('tag', '-a', '-m', 'v1.1.0', 'v1.1.0', commits.two!);
    expect(release(repo.dir, 'move-major', 'v1.1.0', '--push', 'origin').code).toBe(0);
    expect(tagAt('v1')).toBe(commits.two);
    expect(remoteTag('v1')).toBe(commits.two);
  });

  it('leaves v1 where it is for a patch of an older line and for a pre-release', () => {
    repo.git('tag', 'v1.0.1', commits.three!);
    expect(release(repo.dir, 'move-major', 'v1.0.1', '--push', 'origin').stdout).toBe(
      'v1.1.0 is later than v1.0.1: v1 stays where it is\n',
    );
    repo.git('tag', 'v1.2.0-rc.1', commits.three!);
    expect(release(repo.dir, 'move-major', 'v1.2.0-rc.1').stdout).toBe(
      'v1.2.0-rc.1 is a pre-release: v1 stays where it is\n',
    );
    expect(tagAt('v1')).toBe(commits.two);
    expect(remoteTag('v1')).toBe(commits.two);
    expect(release(repo.dir, 'npm-tag', 'v1.2.0-rc.1').stdout).toBe('next\n');
    expect(release(repo.dir, 'npm-tag', 'v1.2.0').stdout).toBe('latest\n');
  });

  it('a new major gets its own tag and leaves the old one', () => {
    repo.git('tag', 'v2.0.0', commits.four!);
    expect(release(repo.dir, 'move-major', 'v2.0.0').code).toBe(0);
    expect(tagAt('v2')).toBe(commits.four);
    expect(tagAt('v1')).toBe(commits.two);
  });

  it('a tag that does not exist is an error, not a moved tag', () => {
    const r = release(repo.dir, 'move-major', 'v3.0.0');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^release: /);
    expect(repo.git('tag', '--list', 'v3')).toBe('');
  });
});
