import { performance } from 'node:perf_hooks';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Detector } from '../detect/detectors.js';
import { analyzeAgain, passFile, type FileReport, type PassEngine, type PassSettings } from './file-read.js';
import { EARLY_START_FILES, type HelperMessage, type Helpers } from './helpers.js';
import { mergeParts, PartQueue, scanPart, SPLIT_BYTES, type ClaimedPart, type PartReport } from './parts.js';

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
  /** The parts of large files, claimed before the next batch (see parts.ts). */
  parts: SharedArrayBuffer;
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
    parts: new PartQueue().buffer,
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
type Match = TextReport['matches'][number];
/** A match as it crosses from a scanning thread: its detector by index in the shared table. */
type WireMatch = Omit<Match, 'detector'> & { detector: number };

/** A report as it crosses from a scanning thread (the detector objects stay behind). */
export type WireReport =
  Exclude<FileReport, TextReport> | (Omit<TextReport, 'matches'> & { matches: WireMatch[] });
export type WirePart = Omit<PartReport, 'matches'> & { matches: WireMatch[] };

const matchesToWire = (matches: readonly Match[], detectors: readonly Detector[]): WireMatch[] =>
  matches.map((m) => ({ ...m, detector: detectors.indexOf(m.detector) }));
const matchesFromWire = (matches: readonly WireMatch[], detectors: readonly Detector[]): Match[] =>
  matches.map((m) => ({ ...m, detector: detectors[m.detector]! }));

export function toWire(report: FileReport, detectors: readonly Detector[]): WireReport {
  if (report.status !== 'text' || report.matches.length === 0) return report as WireReport;
  return { ...report, matches: matchesToWire(report.matches, detectors) };
}

function fromWire(report: WireReport, detectors: readonly Detector[]): FileReport {
  if (report.status !== 'text' || report.matches.length === 0) return report as FileReport;
  return { ...report, matches: matchesFromWire(report.matches, detectors) };
}

export function partToWire(report: PartReport, detectors: readonly Detector[]): WirePart {
  return { ...report, matches: matchesToWire(report.matches, detectors) };
}

/**
 * How a thread offers a large file's parts to the others: posts them when the file is large enough
 * to share, and says how many (0: the thread reads it whole).
 */
export function splitter(queue: PartQueue, job: number): (size: number, start: number) => number {
  return (size, start) => (size >= SPLIT_BYTES ? queue.post(job, size, start) : 0);
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
  /** Parts of large files shared among the threads (see parts.ts). */
  parts: number;
}

/**
 * The pass shared between this thread and the helpers (started earlier, see `startHelpers`). Each
 * helper reads the same kind of report `passFile` returns on this thread.
 */
export class PassThreads {
  constructor(private readonly helpers: Helpers) {}

  /**
   * Reads every job, with the helpers for a tree large enough to need them. This thread claims
   * batches like they do; their reports are taken in after its own share. A large file's parts are
   * claimed before the next batch, by whichever thread comes first (see parts.ts).
   */
  async run(
    jobs: readonly PassJob[],
    engine: PassEngine,
    setup: WorkerSetup,
    detectors: readonly Detector[],
  ): Promise<{ reports: FileReport[]; stats: PoolStats }> {
    const results: Array<FileReport | undefined> = new Array(jobs.length);
    const stats: PoolStats = { threads: 1, helperFiles: 0, ownMs: 0, waitMs: 0, readAgain: 0, parts: 0 };
    const { forced } = this.helpers;
    // Left for later in a small repository, the helpers start now only for a tree that needs them.
    if (jobs.length >= EARLY_START_FILES) this.helpers.start();
    const helpers = forced || jobs.length >= MIN_PARALLEL_FILES ? this.helpers.threads : [];
    if (helpers.length === 0) this.helpers.stop();
    // Helpers leave the wiring and lint analyses to this thread (see `deferAnalysis`).
    const work = postedWork(jobs, { ...setup, settings: { ...setup.settings, deferAnalysis: true } });
    const counter = new Int32Array(work.next);
    const queue = new PartQueue(work.parts);
    /** The parts of split files, by job, as they come in from any thread. */
    const parts = new Map<number, PartReport[]>();
    let partsDue = 0;
    let partsIn = 0;
    const takePart = (job: number, part: number, report: PartReport): void => {
      const list = parts.get(job) ?? [];
      if (list[part] === undefined) partsIn++;
      list[part] = report;
      parts.set(job, list);
    };
    const take = (i: number, report: FileReport): void => {
      if (report.status === 'split') partsDue += report.parts;
      stats.parts = partsDue;
      results[i] = report;
    };
    let unanswered = Math.ceil(jobs.length / BATCH_FILES);
    let working = helpers.length;
    /** Wakes this thread when a helper has said something or ended. */
    let wake: () => void = () => undefined;
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
      // Done, or dead: a helper that died with a batch or a part leaves it unanswered, read below.
      const end = (): void => {
        if (over) return;
        over = true;
        working--;
        wake();
      };
      port1.on('message', (m: HelperMessage<WireReport, WirePart>) => {
        if (m.kind === 'done') return end();
        if (m.kind === 'part') {
          takePart(m.job, m.part, { ...m.report, matches: matchesFromWire(m.report.matches, detectors) });
          return wake();
        }
        if (m.kind !== 'batch') return;
        stats.helperFiles += m.reports.length;
        m.reports.forEach((r, i) => {
          const report = fromWire(r, detectors);
          const job = jobs[m.first + i]!;
          if (report.status === 'text' && report.analyzeLater)
            analyzeAgain(report, job.path, job.abs, engine);
          take(m.first + i, report);
        });
        unanswered--;
        wake();
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
    /** A part claimed here: read now. */
    const readPart = (claimed: ClaimedPart): void =>
      takePart(claimed.job, claimed.part, scanPart(jobs[claimed.job]!.abs, claimed, engine));
    try {
      // Asked for N threads, the user sees N take part, however small the tree.
      if (forced) await Promise.all(helpers.map((h) => h.ready));
      const started = performance.now();
      for (;;) {
        const claimed = queue.claim();
        if (claimed) {
          readPart(claimed);
          continue;
        }
        const first = Atomics.add(counter, 0, 1) * BATCH_FILES;
        if (first >= jobs.length) break;
        for (let i = first; i < Math.min(first + BATCH_FILES, jobs.length); i++) {
          const split = helpers.length > 0 ? splitter(queue, i) : undefined;
          take(i, passFile(jobs[i]!.path, jobs[i]!.abs, engine, undefined, split));
        }
        unanswered--;
        // The helpers' batches, taken in between this thread's own: the analyses they leave it
        // share its time with its reading, and the counter gives the helpers more reading in return.
        ports.forEach(drain);
      }
      const own = performance.now();
      // Then the helpers' last batches, and the parts of large files they split meanwhile.
      for (;;) {
        ports.forEach(drain);
        const claimed = queue.claim();
        if (claimed) {
          readPart(claimed);
          continue;
        }
        if ((unanswered === 0 && partsIn >= partsDue) || working === 0) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      ports.forEach(drain);
      stats.ownMs = Math.round(own - started);
      stats.waitMs = Math.round(performance.now() - own);
    } finally {
      for (const port of ports) port.close();
      this.helpers.stop();
    }
    // A helper that died took its batch or its part with it: read what is missing here.
    const reports = jobs.map((job, i): FileReport => {
      let report = results[i];
      if (!report) {
        stats.readAgain++;
        report = passFile(job.path, job.abs, engine);
      }
      if (report.status !== 'split') return report;
      const list = parts.get(i) ?? [];
      for (let k = 0; k < report.parts; k++)
        if (list[k] === undefined) {
          stats.readAgain++;
          list[k] = scanPart(job.abs, { job: i, part: k, parts: report.parts, start: report.start }, engine);
        }
      return { status: 'text', ...mergeParts(list) };
    });
    return { reports, stats };
  }
}
