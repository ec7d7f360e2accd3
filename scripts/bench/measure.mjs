// Runs a command to completion and measures its wall time and peak resident memory, the two numbers
// every benchmark section prints. Peak memory comes from GNU time when installed, else from polling
// the child's high-water mark in /proc; a process that writes its own (`OWN_PEAK_MARK`, see
// keylint.mjs) is measured apart from the processes it starts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const GNU_TIME = '/usr/bin/time';
/** Written last on standard error by a measured process: its own high-water mark, in KiB. */
export const OWN_PEAK_MARK = 'KEYLINT_BENCH_MAXRSS_KB=';

/** Rounds of each comparison (after a warm-up run); `KEYLINT_BENCH_RUNS` sets it (at least 1). */
export function rounds(fallback = 5) {
  const n = Number(process.env.KEYLINT_BENCH_RUNS);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

function vmHwmKiB(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * `peakMiB` is the largest process's high-water mark, or the measured process's own when it says it;
 * `treePeakMiB` is always the largest process's (GNU time's, which includes the children).
 * @returns {Promise<{ seconds: number, peakMiB: number, treePeakMiB: number, cpuSeconds: number, code: number, stdout: string, stderr: string }>}
 */
export async function measure(cmd, args, opts = {}) {
  const useTime = existsSync(GNU_TIME);
  const tmp = mkdtempSync(path.join(tmpdir(), 'keylint-bench-'));
  const timeFile = path.join(tmp, 'time.txt');
  const argv = useTime ? ['-v', '-o', timeFile, cmd, ...args] : args;
  const started = performance.now();
  const child = spawn(useTime ? GNU_TIME : cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peakKiB = 0;
  const poll = useTime ? null : setInterval(() => (peakKiB = Math.max(peakKiB, vmHwmKiB(child.pid))), 20);
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let cpuSeconds = NaN;
  if (useTime && existsSync(timeFile)) {
    const report = readFileSync(timeFile, 'utf8');
    const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? NaN);
    peakKiB = field('Maximum resident set size \\(kbytes\\)') || peakKiB;
    cpuSeconds = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  }
  rmSync(tmp, { recursive: true, force: true });
  const stderr = Buffer.concat(err).toString('utf8');
  const own = new RegExp(`${OWN_PEAK_MARK}(\\d+)`).exec(stderr);
  return {
    seconds,
    peakMiB: (own ? Number(own[1]) : peakKiB) / 1024,
    treePeakMiB: peakKiB / 1024,
    /** User plus system time of the process and its threads (NaN without GNU time). */
    cpuSeconds,
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr,
  };
}

/**
 * Runs each named command once to warm the page cache, then `n` rounds of one run of each in turn,
 * and returns each one's median run (with the highest peak memory seen). Taking turns keeps a
 * machine whose speed drifts from favouring whichever tool happened to run in its fast minutes.
 */
export async function mediansInTurn(n, commands) {
  const names = Object.keys(commands);
  for (const name of names) await commands[name]();
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < n; i++) for (const name of names) runs[name].push(await commands[name]());
  return Object.fromEntries(
    names.map((name) => {
      const sorted = runs[name].sort((a, b) => a.seconds - b.seconds);
      const mid = sorted[Math.floor(sorted.length / 2)];
      const most = (key) => Math.max(...sorted.map((r) => r[key]));
      return [name, { ...mid, peakMiB: most('peakMiB'), treePeakMiB: most('treePeakMiB') }];
    }),
  );
}

export const mib = (bytes) => bytes / (1024 * 1024);

/** How the numbers of `n` rounds were taken, for the line above a table. */
export const inTurn = (n) =>
  n === 1 ? 'one round (after a warm-up run):' : `medians of ${n} rounds in turn:`;
