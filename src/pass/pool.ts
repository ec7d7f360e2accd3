import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Detector } from '../detect/detectors.js';
import { analyzeAgain, passFile, type FileReport, type PassEngine, type PassSettings } from './file.js';

export interface PassJob {
  path: string;
  abs: string;
}

/** What a scanning thread is started with. */
export interface WorkerSetup {
  /** Null: the built-in table, which the thread imports itself. */
  detectors: Detector[] | null;
  settings: PassSettings;
}

/**
 * The work, posted once to each helper: the jobs, and the counter every thread claims batches from
 * (`Atomics.add`), so that no thread ever waits on another to be handed its next batch. The paths
 * travel as two NUL-joined strings: one string is copied at memory speed, thousands of objects
 * are cloned one by one.
 */
export interface PassWork {
  paths: string;
  absolutes: string;
  next: SharedArrayBuffer;
}

/** The jobs of posted work (paths never hold a NUL). */
export function jobsOf(work: PassWork): PassJob[] {
  if (work.paths === '') return [];
  const paths = work.paths.split('\0');
  const absolutes = work.absolutes.split('\0');
  return paths.map((p, i) => ({ path: p, abs: absolutes[i]! }));
}

/** What a helper says: it is ready, a batch's reports, or that the counter ran dry. */
export type HelperMessage =
  { kind: 'ready' } | { kind: 'batch'; first: number; reports: WireReport[] } | { kind: 'done' };

type TextReport = Extract<FileReport, { status: 'text' }>;
/** A match as it crosses from a scanning thread: its detector by index in the shared table. */
type WireMatch = Omit<TextReport['matches'][number], 'detector'> & { detector: number };

/** A report as it crosses from a scanning thread (the detector objects stay behind). */
export type WireReport =
  Exclude<FileReport, TextReport> | (Omit<TextReport, 'matches'> & { matches: WireMatch[] });

export function toWire(report: FileReport, detectors: readonly Detector[]): WireReport {
  if (report.status !== 'text' || report.matches.length === 0) return report as WireReport;
  return {
    ...report,
    matches: report.matches.map((m) => ({ ...m, detector: detectors.indexOf(m.detector) })),
  };
}

function fromWire(report: WireReport, detectors: readonly Detector[]): FileReport {
  if (report.status !== 'text' || report.matches.length === 0) return report as FileReport;
  return { ...report, matches: report.matches.map((m) => ({ ...m, detector: detectors[m.detector]! })) };
}

/**
 * Files a thread claims at a time: enough that a message per batch costs nothing, few enough that
 * the threads finish together. Sizes are not known before reading (the listing stats nothing).
 */
export const BATCH_FILES = 32;
/** Below this many files, the pass is over before a helper thread could help. */
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
 * How many threads to run beside this one: one per further core, up to four threads in all.
 * `KEYLINT_THREADS` sets the total (1: this thread alone) and makes every thread take part.
 */
function threadPlan(env: Record<string, string | undefined>): { helpers: number; forced: boolean } {
  const forced = Number(env.KEYLINT_THREADS);
  if (Number.isInteger(forced) && forced >= 1)
    return { helpers: Math.min(forced, 2 * MAX_THREADS) - 1, forced: true };
  return { helpers: Math.min(availableParallelism(), MAX_THREADS) - 1, forced: false };
}

/** How the work was shared, for `--debug`. */
export interface PoolStats {
  threads: number;
  /** Files the helper threads read. */
  helperFiles: number;
  /** Time this thread spent reading its batches. */
  ownMs: number;
  /** Then taking in the helpers' last batches, and analysing what they left to it. */
  waitMs: number;
}

interface Helper {
  worker: Worker;
  ready: Promise<void>;
  /** Settles when the helper has said `done`, or died. */
  finished: Promise<void>;
}

/**
 * Helper threads, started before the listing so that their start-up overlaps it. Each reads the
 * same kind of report `passFile` returns on this thread.
 */
export class PassThreads {
  private readonly helpers: Helper[] = [];
  private readonly forced: boolean;

  constructor(setup: WorkerSetup, env: Record<string, string | undefined>) {
    const plan = threadPlan(env);
    this.forced = plan.forced;
    if (!WORKER_FILE) return;
    const helperSetup = { ...setup, settings: { ...setup.settings, deferAnalysis: true } };
    for (let i = 0; i < plan.helpers; i++) this.helpers.push(startHelper(WORKER_FILE, helperSetup));
  }

  /**
   * Reads every job, with the helpers for a tree large enough to need them. This thread claims
   * batches like they do; their reports are taken in after its own share.
   */
  async run(
    jobs: readonly PassJob[],
    engine: PassEngine,
    detectors: readonly Detector[],
  ): Promise<{ reports: FileReport[]; stats: PoolStats }> {
    const results: Array<FileReport | undefined> = new Array(jobs.length);
    const stats: PoolStats = { threads: 1, helperFiles: 0, ownMs: 0, waitMs: 0 };
    const helpers = this.forced || jobs.length >= MIN_PARALLEL_FILES ? this.helpers : [];
    if (helpers.length < this.helpers.length) this.stop();
    const next = new SharedArrayBuffer(4);
    const counter = new Int32Array(next);
    const work: PassWork = {
      paths: jobs.map((j) => j.path).join('\0'),
      absolutes: jobs.map((j) => j.abs).join('\0'),
      next,
    };
    // This thread waits only for batches a helper took: one still starting up, when this thread
    // has done everything, holds none, and is not waited for.
    let unanswered = Math.ceil(jobs.length / BATCH_FILES);
    let working = helpers.length;
    let answered: () => void = () => undefined;
    const allAnswered = new Promise<void>((resolve) => (answered = resolve));
    const settle = (): void => {
      if (unanswered === 0 || working === 0) answered();
    };
    for (const h of helpers) {
      stats.threads++;
      h.worker.on('message', (m: HelperMessage) => {
        if (m.kind !== 'batch') return;
        stats.helperFiles += m.reports.length;
        m.reports.forEach((r, i) => {
          const report = fromWire(r, detectors);
          const job = jobs[m.first + i]!;
          // Taken in while the helpers go on: this thread's analyses overlap their reading.
          if (report.status === 'text' && report.analyzeLater)
            analyzeAgain(report, job.path, job.abs, engine);
          results[m.first + i] = report;
        });
        unanswered--;
        settle();
      });
      // Done or dead: a helper that died with a batch leaves it unanswered, read below.
      void h.finished.then(() => {
        working--;
        settle();
      });
      h.worker.postMessage(work);
    }
    // Asked for N threads, the user sees N take part, however small the tree.
    if (this.forced) await Promise.all(helpers.map((h) => h.ready));
    const started = performance.now();
    for (;;) {
      const first = Atomics.add(counter, 0, 1) * BATCH_FILES;
      if (first >= jobs.length) break;
      for (let i = first; i < Math.min(first + BATCH_FILES, jobs.length); i++)
        results[i] = passFile(jobs[i]!.path, jobs[i]!.abs, engine);
      unanswered--;
    }
    const own = performance.now();
    settle();
    await allAnswered;
    stats.ownMs = Math.round(own - started);
    stats.waitMs = Math.round(performance.now() - own);
    this.stop();
    // A helper that died took its batch with it: read what is missing here.
    const reports = jobs.map((job, i) => results[i] ?? passFile(job.path, job.abs, engine));
    return { reports, stats };
  }

  stop(): void {
    for (const h of this.helpers) void h.worker.terminate();
  }
}

function startHelper(file: string, setup: WorkerSetup): Helper {
  const worker = new Worker(file, { workerData: setup });
  // A helper never keeps the process alive: the pass waits for what it needs.
  worker.unref();
  let ready: () => void = () => undefined;
  let finished: () => void = () => undefined;
  const helper: Helper = {
    worker,
    ready: new Promise<void>((resolve) => (ready = resolve)),
    finished: new Promise<void>((resolve) => (finished = resolve)),
  };
  const end = (): void => {
    ready();
    finished();
  };
  worker.on('message', (m: HelperMessage) => {
    if (m.kind === 'ready') ready();
    else if (m.kind === 'done') finished();
  });
  worker.on('error', end);
  worker.on('exit', end);
  return helper;
}
