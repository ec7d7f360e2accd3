import { spawn } from 'node:child_process';

export interface BoundedRun {
  code: number | null;
  stderr: string;
  stdout: string;
  timedOut: boolean;
}

/**
 * Runs a program with a deadline. It runs in a process group of its own, so the deadline ends git's
 * helpers (`git-remote-https`, `index-pack`) and keylint's threads with it.
 */
export function runBounded(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env: NodeJS.ProcessEnv; deadlineMs: number },
): Promise<BoundedRun> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < 1 << 20) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 1 << 20) stderr += d;
    });
    const kill = (): void => {
      // A spawn that failed has no pid, and `kill(-0)` would signal our own group.
      if (child.pid && child.pid > 0) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    };
    const timer = setTimeout(
      () => {
        timedOut = true;
        kill();
      },
      Math.max(0, opts.deadlineMs),
    );
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
