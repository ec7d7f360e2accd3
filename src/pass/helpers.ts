import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { siblingBundle } from '../bundle-path.js';

/**
 * Scanning threads, started before anything is known of the scan (not even its configuration): a
 * thread takes ~100 ms to start, which then overlaps loading the rest of keylint and listing the
 * tree. The work, and how to do it, is posted later (`PassThreads`). This module stays light: the CLI
 * loads it before anything else.
 */
export interface Helper {
  worker: Worker;
  ready: Promise<void>;
  /** Settles when the helper has ended, or died. */
  finished: Promise<void>;
}

export interface Helpers {
  threads: Helper[];
  /** `KEYLINT_THREADS` set the number: every thread takes part, however small the tree. */
  forced: boolean;
  stop(): void;
}

/**
 * What a helper says: that it is ready (to its parent), then a batch's reports or a large file's
 * part, and that there is nothing left to claim (on the port the work came with).
 */
export type HelperMessage<Report = unknown, Part = unknown> =
  | { kind: 'ready' }
  | { kind: 'batch'; first: number; reports: Report[] }
  | { kind: 'part'; job: number; part: number; report: Part }
  | { kind: 'done' };

const MAX_THREADS = 4;

/** The bundled scanning thread, built beside the action and CLI bundles (scripts/package.mjs). */
const WORKER_BUNDLE = 'scan-worker.js';

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

function startHelper(file: string): Helper {
  const worker = new Worker(file);
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
  });
  worker.on('error', end);
  worker.on('exit', end);
  return helper;
}

/** Starts the helper threads `env` asks for (none when the worker bundle is not beside this one). */
export function startHelpers(env: Record<string, string | undefined>): Helpers {
  const plan = threadPlan(env);
  const file = siblingBundle(import.meta.url, WORKER_BUNDLE);
  const threads = file ? Array.from({ length: plan.helpers }, () => startHelper(file)) : [];
  return {
    threads,
    forced: plan.forced,
    stop: () => threads.forEach((h) => void h.worker.terminate()),
  };
}
