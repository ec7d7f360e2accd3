import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { RepoFiles } from '../src/sources/tree.js';
import { TempRepo } from './helpers/git-repo.js';
import { scannedTree } from './helpers/tree.js';

const paths = async (root: string, ignore: string[] = []): Promise<string[]> =>
  (await scannedTree(root, ignore)).files.map((f) => f.path);

describe('listing a git repository', () => {
  let repo: TempRepo;
  let listed: RepoFiles;
  beforeAll(async () => {
    repo = new TempRepo();
    repo.write('src/app.py', 'print(1)\n');
    repo.write('.env', 'A=1\n');
    repo.write('.github/workflows/ci.yml', 'on: push\n');
    repo.write('.gitignore', 'build/\n*.log\n');
    repo.write('pkg/.gitignore', 'local.txt\n');
    repo.write('docs/with space.md', 'x\n');
    repo.write('docs/ünïcødé ✓.md', 'x\n');
    repo.write('tracked-then-deleted.txt', 'x\n');
    repo.write('tracked-but-ignored.log', 'x\n');
    repo.git('add', '-f', 'tracked-but-ignored.log');
    repo.git('config', 'core.quotePath', 'true');
    repo.commit('init');
    rmSync(path.join(repo.dir, 'tracked-then-deleted.txt'));
    repo.write('untracked.txt', 'x\n');
    repo.write('build/out.js', 'x\n');
    repo.write('debug.log', 'x\n');
    repo.write('pkg/local.txt', 'x\n');
    repo.write('pkg/kept.txt', 'x\n');
    listed = await scannedTree(repo.dir);
  });
  afterAll(() => repo.cleanup());

  test('lists tracked files and untracked files that are not ignored, dot-files included', async () => {
    expect(listed.isGit).toBe(true);
    expect(listed.files.map((f) => f.path)).toEqual([
      '.env',
      '.github/workflows/ci.yml',
      '.gitignore',
      'docs/with space.md',
      'docs/ünïcødé ✓.md',
      'pkg/.gitignore',
      'pkg/kept.txt',
      'src/app.py',
      'tracked-but-ignored.log',
      'untracked.txt',
    ]);
  });

  test('a tracked file deleted from the working tree is neither listed nor reported', async () => {
    expect(listed.skipped).toEqual([]);
  });

  test('sizes and absolute paths point at the real files', async () => {
    const env = listed.files.find((f) => f.path === '.env');
    expect(env).toMatchObject({ abs: path.join(repo.dir, '.env'), size: 4 });
    expect(listed.readText('docs/ünïcødé ✓.md')).toBe('x\n');
  });

  test('a file in a merge conflict, which the index holds once per side, is listed once', async () => {
    const conflicted = new TempRepo();
    conflicted.write('a.txt', 'base\n');
    conflicted.write('b.txt', 'b\n');
    conflicted.commit('base');
    conflicted.git('checkout', '-q', '-b', 'other');
    conflicted.write('a.txt', 'theirs\n');
    conflicted.commit('theirs');
    conflicted.git('checkout', '-q', 'main');
    conflicted.write('a.txt', 'ours\n');
    conflicted.commit('ours');
    expect(() => conflicted.git('merge', '-q', 'other')).toThrow();
    expect(conflicted.git('ls-files', '--stage', 'a.txt').trim().split('\n')).toHaveLength(3);
    expect(await paths(conflicted.dir)).toEqual(['a.txt', 'b.txt']);
    conflicted.cleanup();
  });

  test('a subdirectory of a repository lists paths relative to itself', async () => {
    expect(await paths(path.join(repo.dir, 'pkg'))).toEqual(['.gitignore', 'kept.txt']);
  });

  test('config ignore patterns apply on top', async () => {
    const all = listed.files.map((f) => f.path);
    expect(all).toEqual(expect.arrayContaining(['pkg/kept.txt', 'untracked.txt', 'docs/with space.md']));
    // Exactly what the patterns name drops out; everything else stays.
    expect(await paths(repo.dir, ['docs/', '*.txt'])).toEqual(
      all.filter((p) => !p.startsWith('docs/') && !p.endsWith('.txt')),
    );
    expect(await paths(repo.dir, ['docs/'])).toEqual(all.filter((p) => !p.startsWith('docs/')));
  });
});

describe('symbolic links never lead out of the scanned directory', () => {
  const withLinks = (t: TempRepo): TempRepo => {
    t.write('real/config.txt', 'x\n');
    symlinkSync('/etc', path.join(t.dir, 'etc-link'));
    symlinkSync('/etc/hostname', path.join(t.dir, 'hostname-link'));
    symlinkSync('loop-b', path.join(t.dir, 'loop-a'));
    symlinkSync('loop-a', path.join(t.dir, 'loop-b'));
    symlinkSync('real/config.txt', path.join(t.dir, 'inside-link'));
    symlinkSync('does-not-exist', path.join(t.dir, 'dangling'));
    return t;
  };
  const trees = {
    'a git repository': withLinks(new TempRepo()),
    'a plain directory': withLinks(new TempRepo({ git: false })),
  };
  afterAll(() => Object.values(trees).forEach((t) => t.cleanup()));

  for (const [name, t] of Object.entries(trees)) {
    test(`in ${name}: links out and loops are reported, a link inside is not listed twice`, async () => {
      const listed = await scannedTree(t.dir);
      // The target inside the root is listed under its own name, once.
      expect(listed.files.map((f) => f.path)).toEqual(['real/config.txt']);
      expect(Object.fromEntries(listed.skipped.map((s) => [s.path, s.reason]))).toEqual({
        'etc-link': 'symbolic link pointing outside the scanned directory',
        'hostname-link': 'symbolic link pointing outside the scanned directory',
        'loop-a': 'symbolic link loop',
        'loop-b': 'symbolic link loop',
      });
    });
  }

  test('a tracked file reached through a directory replaced by a link to /etc is not read', async () => {
    const r = new TempRepo();
    r.write('conf/hostname', 'x\n');
    r.commit('init');
    rmSync(path.join(r.dir, 'conf'), { recursive: true });
    symlinkSync('/etc', path.join(r.dir, 'conf'));
    const listed = await scannedTree(r.dir);
    r.cleanup();
    expect(listed.files).toEqual([]);
    expect(listed.skipped).toContainEqual({
      path: 'conf/hostname',
      reason: 'symbolic link pointing outside the scanned directory',
    });
  });

  test('a tracked directory replaced by a link inside the repository is read; a deleted one drops out', async () => {
    const r = new TempRepo();
    r.write('conf/app.txt', 'x\n');
    r.write('real/app.txt', 'y\n');
    r.write('gone/old.txt', 'z\n');
    r.commit('init');
    rmSync(path.join(r.dir, 'conf'), { recursive: true });
    rmSync(path.join(r.dir, 'gone'), { recursive: true });
    symlinkSync('real', path.join(r.dir, 'conf'));
    const listed = await scannedTree(r.dir);
    r.cleanup();
    expect(listed.files.map((f) => f.path)).toEqual(['conf/app.txt', 'real/app.txt']);
    expect(listed.skipped).toEqual([]);
  });
});

describe('listing a plain directory', () => {
  let dir: TempRepo;
  beforeAll(() => {
    dir = new TempRepo({ git: false });
    dir.write('.gitignore', '*.tmp\n/top-only.txt\nlogs/\n');
    dir.write('a.txt', 'x');
    dir.write('b.tmp', 'x');
    dir.write('top-only.txt', 'x');
    dir.write('sub/top-only.txt', 'x');
    dir.write('logs/x.txt', 'x');
    dir.write('sub/.gitignore', '!keep.tmp\nsecret-*.txt\n');
    dir.write('sub/keep.tmp', 'x');
    dir.write('sub/drop.tmp', 'x');
    dir.write('sub/secret-1.txt', 'x');
    dir.write('sub/deeper/secret-2.txt', 'x');
    dir.write('.env', 'x');
    dir.write('.github/workflows/ci.yml', 'x');
    dir.write('.git/config', 'x');
    dir.write('node_modules/pkg/index.js', 'x');
  });
  afterAll(() => dir.cleanup());

  test('honours every .gitignore, nested ones relative to their directory, negations included', async () => {
    const listed = await scannedTree(dir.dir);
    expect(listed.isGit).toBe(false);
    expect(listed.files.map((f) => f.path)).toEqual([
      '.env',
      '.github/workflows/ci.yml',
      '.gitignore',
      'a.txt',
      'node_modules/pkg/index.js',
      'sub/.gitignore',
      'sub/keep.tmp',
      'sub/top-only.txt',
    ]);
  });

  test('a directory git ignores as a whole is scanned as a plain directory', async () => {
    const repo = new TempRepo();
    repo.write('.gitignore', 'vendor/\n');
    repo.write('vendor/lib/a.js', 'x');
    const listed = await scannedTree(path.join(repo.dir, 'vendor'));
    repo.cleanup();
    expect(listed.files.map((f) => f.path)).toEqual(['lib/a.js']);
  });
});
