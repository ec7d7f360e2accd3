import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DETECTORS, type Detector } from './detectors.js';
import { scanFile, type FileScan, type ScanEngine } from './scan-file.js';

export interface ScanJob {
  index: number;
  abs: string;
  size: number;
}

export type ScanBatch = Array<{ index: number; abs: string }>;

/** A match as it crosses from a scanning thread: the detector by its index in the shared table. */
interface WireMatch {
  detector: number;
  secret: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

export type WireScan = { index: number } & (
  { status: 'scanned'; matches: WireMatch[] } | { status: 'binary' } | { status: 'unreadable'; code: string }
);

export function toWire(index: number, scan: FileScan, detectors: readonly Detector[]): WireScan {
  if (scan.status !== 'scanned') return { index, ...scan };
  const matches = scan.matches.map((m) => ({
    detector: detectors.indexOf(m.detector),
    secret: m.secret,
    start: m.start,
    end: m.end,
    line: m.line,
    column: m.column,
  }));
  return { index, status: 'scanned', matches };
}

function fromWire(wire: WireScan, detectors: readonly Detector[]): FileScan {
  if (wire.status === 'binary') return { status: 'binary' };
  if (wire.status === 'unreadable') return { status: 'unreadable', code: wire.code };
  return {
    status: 'scanned',
    matches: wire.matches.map(({ detector, ...m }) => ({ ...m, detector: detectors[detector]! })),
  };
}

/** Below this much text, starting threads costs more than it saves. */
const MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
/** A thread asks for the next batch when it is done: small enough to share the work evenly at the end. */
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 256;
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

/** Scanning threads to start: one per core up to four, none for a small tree; `KEYLINT_THREADS` overrides. */
export function threadCount(totalBytes: number, env: Record<string, string | undefined>): number {
  const forced = Number(env.KEYLINT_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return forced === 1 ? 0 : Math.min(forced, 2 * MAX_THREADS);
  const cores = availableParallelism();
  return totalBytes < MIN_PARALLEL_BYTES || cores < 2 ? 0 : Math.min(cores, MAX_THREADS);
}

function batches(jobs: readonly ScanJob[]): ScanBatch[] {
  const out: ScanBatch[] = [];
  let current: ScanBatch = [];
  let bytes = 0;
  for (const job of jobs) {
    current.push({ index: job.index, abs: job.abs });
    bytes += job.size;
    if (bytes >= BATCH_BYTES || current.length >= BATCH_FILES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Scans in `threads` worker threads, filling `results` by job index. Rejects if a thread fails; what
 * it had not answered yet is then still missing from `results`.
 */
function runPool(
  file: string,
  jobs: readonly ScanJob[],
  engine: ScanEngine,
  threads: number,
  results: Array<FileScan | undefined>,
): Promise<void> {
  const queue = batches(jobs);
  // The default table is the worker's own import; a custom one is copied over.
  const detectors = engine.detectors === DETECTORS ? null : engine.detectors;
  const workers: Worker[] = [];
  return new Promise<void>((resolve, reject) => {
    let busy = 0;
    const finish = (err?: unknown): void => {
      for (const w of workers) void w.terminate();
      if (err === undefined) resolve();
      else reject(err instanceof Error ? err : new Error(String(err)));
    };
    const feed = (w: Worker): void => {
      const next = queue.shift();
      if (next) {
        busy++;
        w.postMessage(next);
      } else if (busy === 0) finish();
    };
    for (let i = 0; i < Math.min(threads, queue.length); i++) {
      const w = new Worker(file, { workerData: { detectors } });
      workers.push(w);
      w.on('message', (answers: WireScan[]) => {
        busy--;
        for (const a of answers) results[a.index] = fromWire(a, engine.detectors);
        feed(w);
      });
      w.on('error', finish);
      w.on('exit', (code) => {
        if (code !== 0) finish(new Error(`a scanning thread exited with code ${code}`));
      });
    }
    for (const w of workers) feed(w);
    if (workers.length === 0) finish();
  });
}

/**
 * Scans every file, in worker threads when the tree is large enough and the bundle has them, else
 * in this thread. A thread that fails costs only time: whatever it left is scanned here.
 */
export async function scanFiles(
  jobs: readonly ScanJob[],
  engine: ScanEngine,
  threads: number,
): Promise<FileScan[]> {
  const results: Array<FileScan | undefined> = new Array(jobs.length);
  if (threads > 0 && WORKER_FILE) {
    try {
      await runPool(WORKER_FILE, jobs, engine, threads, results);
    } catch {
      /* scanned below */
    }
  }
  return jobs.map((job, i) => results[i] ?? scanFile(job.abs, engine));
}
