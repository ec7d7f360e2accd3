import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Detector } from '../detect/detectors.js';
import { passFile, type FileReport, type PassEngine, type PassSettings } from './file.js';

export interface PassJob {
  index: number;
  path: string;
  abs: string;
}

export type PassBatch = PassJob[];

/** What a scanning thread is started with. */
export interface WorkerSetup {
  /** Null: the built-in table, which the thread imports itself. */
  detectors: Detector[] | null;
  settings: PassSettings;
}

type TextReport = Extract<FileReport, { status: 'text' }>;
/** A match as it crosses from a scanning thread: its detector by index in the shared table. */
type WireMatch = Omit<TextReport['matches'][number], 'detector'> & { detector: number };

/** A report as it crosses from a scanning thread (the detector objects stay behind). */
export type WireReport = {
  index: number;
  report: Exclude<FileReport, TextReport> | (Omit<TextReport, 'matches'> & { matches: WireMatch[] });
};

export function toWire(index: number, report: FileReport, detectors: readonly Detector[]): WireReport {
  if (report.status !== 'text') return { index, report };
  const matches = report.matches.map((m) => ({ ...m, detector: detectors.indexOf(m.detector) }));
  return { index, report: { ...report, matches } };
}

function fromWire({ report }: WireReport, detectors: readonly Detector[]): FileReport {
  if (report.status !== 'text') return report;
  return { ...report, matches: report.matches.map((m) => ({ ...m, detector: detectors[m.detector]! })) };
}

/**
 * Files a thread takes at a time: enough that messages cost nothing, few enough that the threads
 * finish together. Sizes are not known before reading (the listing stats nothing).
 */
const BATCH_FILES = 64;
/** Batches a helper holds at once: it starts the next while this thread, busy with its own, answers. */
const IN_FLIGHT = 4;
/** Below this many files, a helper thread would start after the work is done. */
const MIN_PARALLEL_FILES = 256;
const MAX_THREADS = 4;

/** The bundled scanning thread, built beside the action and CLI bundles (scripts/package.mjs). */
export const WORKER_BUNDLE = 'scan-worker.js';

/** The worker beside the running bundle; absent when running from source (tests), so scans stay in-thread. */
function workerFile(bundleUrl: string, name: string): string | null {
  try {
    // Built from a variable so the bundler leaves it alone: it would copy the TypeScript source instead.
    const file = path.join(path.dirname(fileURLToPath(bundleUrl)), name);
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

const WORKER_FILE = workerFile(import.meta.url, WORKER_BUNDLE);

/**
 * Helper threads to start beside this one: one per further core up to four threads in all, none for
 * a small tree. `KEYLINT_THREADS` sets the total (1: this thread alone).
 */
export function helperCount(files: number, env: Record<string, string | undefined>): number {
  const forced = Number(env.KEYLINT_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 2 * MAX_THREADS) - 1;
  const cores = availableParallelism();
  return files < MIN_PARALLEL_FILES ? 0 : Math.min(cores, MAX_THREADS) - 1;
}

function batches(jobs: readonly PassJob[]): PassBatch[] {
  const out: PassBatch[] = [];
  for (let i = 0; i < jobs.length; i += BATCH_FILES) out.push(jobs.slice(i, i + BATCH_FILES));
  return out;
}

/**
 * Runs every job, filling `results` by index: this thread takes batches from the queue like the
 * helpers do, yielding between batches so their answers are taken in. A helper that fails costs
 * only time: its batch goes back on the queue.
 */
async function runQueue(
  jobs: readonly PassJob[],
  engine: PassEngine,
  detectors: readonly Detector[],
  setup: WorkerSetup,
  helpers: number,
  results: Array<FileReport | undefined>,
): Promise<PoolStats> {
  const stats: PoolStats = { threads: 1, helperFiles: 0 };
  const queue = batches(jobs);
  const workers: Worker[] = [];
  /** The batches each helper holds, oldest first: it answers them in order. */
  const pending = new Map<Worker, PassBatch[]>();
  const held = (): number => [...pending.values()].reduce((n, b) => n + b.length, 0);
  const feed = (w: Worker): void => {
    const mine = pending.get(w) ?? [];
    while (mine.length < IN_FLIGHT) {
      const next = queue.shift();
      if (!next) break;
      mine.push(next);
      w.postMessage(next);
    }
    if (mine.length > 0) pending.set(w, mine);
    else pending.delete(w);
  };
  const retire = (w: Worker): void => {
    for (const lost of pending.get(w) ?? []) queue.push(lost.filter((j) => results[j.index] === undefined));
    pending.delete(w);
    void w.terminate();
  };
  let mainDone = false;
  let allDone: () => void = () => undefined;
  const helpersDone = new Promise<void>((resolve) => (allDone = resolve));
  // Once this thread has run out of batches, it waits only for the batches the helpers hold.
  const settle = (): void => {
    if (mainDone && held() === 0) allDone();
  };
  if (WORKER_FILE) {
    for (let i = 0; i < Math.min(helpers, queue.length - 1); i++) {
      const w = new Worker(WORKER_FILE, { workerData: setup });
      workers.push(w);
      stats.threads++;
      w.on('message', (answers: WireReport[]) => {
        stats.helperFiles += answers.length;
        for (const a of answers) results[a.index] = fromWire(a, detectors);
        pending.get(w)?.shift();
        feed(w);
        settle();
      });
      w.on('error', () => {
        retire(w);
        settle();
      });
      w.on('exit', () => {
        retire(w);
        settle();
      });
      feed(w);
    }
  }
  for (let batch = queue.shift(); batch; batch = queue.shift()) {
    for (const job of batch) results[job.index] ??= passFile(job.path, job.abs, engine);
    await setImmediate();
  }
  mainDone = true;
  settle();
  if (held() > 0) await helpersDone;
  // A helper that died after the queue ran dry left its batch behind: finish it here.
  for (let batch = queue.shift(); batch; batch = queue.shift())
    for (const job of batch) results[job.index] ??= passFile(job.path, job.abs, engine);
  for (const w of workers) void w.terminate();
  return stats;
}

/** How the work was shared, for `--debug`. */
export interface PoolStats {
  threads: number;
  /** Files the helper threads read. */
  helperFiles: number;
}

/** Reads every file once, with helper threads when the tree is large enough and the bundle has them. */
export async function passFiles(
  jobs: readonly PassJob[],
  engine: PassEngine,
  detectors: readonly Detector[],
  setup: WorkerSetup,
  helpers: number,
): Promise<{ reports: FileReport[]; stats: PoolStats }> {
  const results: Array<FileReport | undefined> = new Array(jobs.length);
  const stats = await runQueue(jobs, engine, detectors, setup, helpers, results);
  return { reports: jobs.map((job, i) => results[i] ?? passFile(job.path, job.abs, engine)), stats };
}
