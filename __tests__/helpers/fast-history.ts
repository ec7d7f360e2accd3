import { execFileSync } from 'node:child_process';
import type { TempRepo } from './git-repo.js';
import { hermeticEnv } from './hermetic.js';

/** One commit for `fastHistory`: files to write (`null` deletes one). */
export interface FastCommit {
  files: Record<string, string | null>;
  message?: string;
}

/**
 * Appends many commits to the current branch in one `git fast-import` run (a commit per process would
 * take minutes for thousands), then checks the result out. Returns the new tip's sha.
 */
export function fastHistory(repo: TempRepo, commits: Iterable<FastCommit>, branch = 'main'): string {
  const parent = (() => {
    try {
      return repo.git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    } catch {
      return '';
    }
  })();
  const chunks: string[] = [];
  let time = 1_700_000_000;
  let n = 0;
  for (const c of commits) {
    n++;
    const msg = c.message ?? `commit ${n}`;
    chunks.push(
      `commit refs/heads/${branch}\n`,
      `author Dev <dev@example.test> ${time} +0000\ncommitter Dev <dev@example.test> ${time} +0000\n`,
      `data ${Buffer.byteLength(msg)}\n${msg}\n`,
    );
    if (n === 1 && parent) chunks.push(`from ${parent}\n`);
    for (const [p, content] of Object.entries(c.files)) {
      if (content === null) chunks.push(`D ${p}\n`);
      else chunks.push(`M 100644 inline ${p}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    }
    chunks.push('\n');
    time += 60;
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], {
    cwd: repo.dir,
    input: chunks.join(''),
    env: { ...process.env, ...hermeticEnv(), GIT_CONFIG_GLOBAL: '/dev/null' },
    maxBuffer: 1024 * 1024 * 1024,
  });
  repo.git('checkout', '-q', '-f', branch);
  repo.git('reset', '-q', '--hard');
  return repo.git('rev-parse', 'HEAD');
}
