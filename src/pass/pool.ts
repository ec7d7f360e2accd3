import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Detector } from '../detect/detectors.js';
import { analyzeAgain, passFile, type FileReport, type PassEngine, type PassSettings } from './file.js';
import type { HelperMessage, Helpers } from './helpers.js';

export interface PassJob {
  path: string;
  abs: string;
}

/** How a scanning thread is to read: posted with the work, so that threads start before it is known. */
export interface WorkerSetup {
  /** Null: the built-in table, which the thread imports itself. */
  detectors: Detector[] | null;
  settings: PassSettings;
}

/**
 * The work, posted once to each helper: the jobs, and the counter every thread claims batches from
 * (`Atomics.add`), so that no thread ever waits on another to be handed its next batch. The paths
 * travel as two NUL-joined strings (one string is copied at memory speed, thousands of objects are
 * cloned one by one) with, shared, where each one ends: a helper cuts out only the paths it claims.
 */
export interface PassWork {
  setup: WorkerSetup;
  paths: string;
  absolutes: string;
  /** For job i: the end of its path at [2i], of its absolute path at [2i + 1]. */
  ends: Int32Array;
  next: SharedArrayBuffer;
  /** Where the helper answers: its batches' reports, then `done`. */
  port?: MessagePort;
}

function postedWork(jobs: readonly PassJob[], setup: WorkerSetup): PassWork {
  const ends = new Int32Array(new SharedArrayBuffer(8 * jobs.length));
  // Each end counts the NUL before the next path.
  let path = -1;
  let abs = -1;
  jobs.forEach((job, i) => {
    ends[2 * i] = path += 1 + job.path.length;
    ends[2 * i + 1] = abs += 1 + job.abs.length;
  });
  return {
    setup,
    paths: jobs.map((j) => j.path).join('\0'),
    absolutes: jobs.map((j) => j.abs).join('\0'),
    ends,
    next: new SharedArrayBuffer(4),
  };
}

/** The jobs of posted work, each cut out of the joined strings when it is claimed. */
export class PostedJobs {
  readonly length: number;

  constructor(private readonly work: PassWork) {
    this.length = work.ends.length / 2;
  }

  path(i: number): string {
    return this.cut(this.work.paths, i, 0);
  }

  abs(i: number): string {
    return this.cut(this.work.absolutes, i, 1);
  }

  private cut(joined: string, i: number, which: number): string {
    const { ends } = this.work;
    return joined.slice(i === 0 ? 0 : ends[2 * (i - 1) + which]! + 1, ends[2 * i + which]);
  }
}

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
/** How the work was shared, for `--debug`. */
export interface PoolStats {
  threads: number;
  /** Files the helper threads read. */
  helperFiles: number;
  /** Time this thread spent reading its batches. */
  ownMs: number;
  /** Then taking in the helpers' last batches, and analysing what they left to it. */
  waitMs: number;
  /** Files read here again because the helper that took them ended without answering for them. */
  readAgain: number;
}

/**
 * The pass shared between this thread and the helpers (started earlier, see `startHelpers`). Each
 * helper reads the same kind of report `passFile` returns on this thread.
 */
export class PassThreads {
  constructor(private readonly helpers: Helpers) {}

  /**
   * Reads every job, with the helpers for a tree large enough to need them. This thread claims
   * batches like they do; their reports are taken in after its own share.
   */
  async run(
    jobs: readonly PassJob[],
    engine: PassEngine,
    setup: WorkerSetup,
    detectors: readonly Detector[],
  ): Promise<{ reports: FileReport[]; stats: PoolStats }> {
    const results: Array<FileReport | undefined> = new Array(jobs.length);
    const stats: PoolStats = { threads: 1, helperFiles: 0, ownMs: 0, waitMs: 0, readAgain: 0 };
    const { forced } = this.helpers;
    const helpers = forced || jobs.length >= MIN_PARALLEL_FILES ? this.helpers.threads : [];
    if (helpers.length === 0) this.helpers.stop();
    // Helpers leave the wiring and lint analyses to this thread (see `deferAnalysis`).
    const work = postedWork(jobs, { ...setup, settings: { ...setup.settings, deferAnalysis: true } });
    const counter = new Int32Array(work.next);
    // This thread waits only for batches a helper took: one still starting up, when this thread
    // has done everything, holds none, and is not waited for.
    let unanswered = Math.ceil(jobs.length / BATCH_FILES);
    let working = helpers.length;
    let answered: () => void = () => undefined;
    const allAnswered = new Promise<void>((resolve) => (answered = resolve));
    const settle = (): void => {
      if (unanswered === 0 || working === 0) answered();
    };
    const ports: MessagePort[] = [];
    /** Every message already on a helper's port, taken in now: the loop never yields to deliver them. */
    const drain = (port: MessagePort): void => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port))
        port.emit('message', m.message);
    };
    for (const h of helpers) {
      stats.threads++;
      let over = false;
      const { port1, port2 } = new MessageChannel();
      // Done, or dead: a helper that died with a batch leaves it unanswered, read below.
      const end = (): void => {
        if (over) return;
        over = true;
        working--;
        settle();
      };
      port1.on('message', (m: HelperMessage<WireReport>) => {
        if (m.kind === 'done') return end();
        if (m.kind !== 'batch') return;
        stats.helperFiles += m.reports.length;
        m.reports.forEach((r, i) => {
          const report = fromWire(r, detectors);
          const job = jobs[m.first + i]!;
          if (report.status === 'text' && report.analyzeLater)
            analyzeAgain(report, job.path, job.abs, engine);
          results[m.first + i] = report;
        });
        unanswered--;
        settle();
      });
      ports.push(port1);
      // A helper's exit can be told before the batches it answered on its own port are delivered:
      // those are taken in first, or they would be read again here.
      void h.finished.then(() => {
        if (!over) drain(port1);
        end();
      });
      // Referenced while the pass waits on it: a helper that exits mid-batch is then still heard of.
      h.worker.ref();
      h.worker.postMessage({ ...work, port: port2 }, [port2]);
    }
    try {
      // Asked for N threads, the user sees N take part, however small the tree.
      if (forced) await Promise.all(helpers.map((h) => h.ready));
      const started = performance.now();
      for (;;) {
        const first = Atomics.add(counter, 0, 1) * BATCH_FILES;
        if (first >= jobs.length) break;
        for (let i = first; i < Math.min(first + BATCH_FILES, jobs.length); i++)
          results[i] = passFile(jobs[i]!.path, jobs[i]!.abs, engine);
        unanswered--;
        // The helpers' batches, taken in between this thread's own: the analyses they leave it
        // share its time with its reading, and the counter gives the helpers more reading in return.
        ports.forEach(drain);
      }
      const own = performance.now();
      settle();
      await allAnswered;
      ports.forEach(drain);
      stats.ownMs = Math.round(own - started);
      stats.waitMs = Math.round(performance.now() - own);
    } finally {
      for (const port of ports) port.close();
      this.helpers.stop();
    }
    // A helper that died took its batch with it: read what is missing here.
    const reports = jobs.map((job, i) => {
      const report = results[i];
      if (report) return report;
      stats.readAgain++;
      return passFile(job.path, job.abs, engine);
    });
    return { reports, stats };
  }
}
