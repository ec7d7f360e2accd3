import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hermeticEnv } from './hermetic.js';

/** A real git repository in a temp dir, with an identity and no global config leaking in. */
export class TempRepo {
  readonly dir: string;

  constructor(opts: { git?: boolean; prefix?: string } = {}) {
    this.dir = mkdtempSync(path.join(tmpdir(), opts.prefix ?? 'keylint-test-'));
    if (opts.git !== false) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.email', 'dev@example.test');
      this.git('config', 'user.name', 'Dev');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  git(...args: string[]): string {
    return this.gitWithEnv({}, ...args);
  }

  gitWithEnv(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...hermeticEnv(), GIT_CONFIG_GLOBAL: '/dev/null', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(rel: string, content: string | Buffer): string {
    const abs = path.join(this.dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  commit(message = 'change', date?: string): string {
    this.git('add', '-A');
    const env: Record<string, string> = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
    this.gitWithEnv(env, 'commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
