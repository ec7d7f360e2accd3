import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { siblingBundle } from '../bundle-path.js';
import type { SkippedFile, Walked } from '../sources/walk.js';

/**
 * Scanning threads, started before anything is known of the scan (not even its configuration): a
 * thread takes ~100 ms to start, which then overlaps loading the rest of keylint and listing the
 * tree. The work, and how to do it, is posted later (`PassThreads`). This module stays light: the CLI
 * loads it before anything else.
 */
export interface Helper {
  worker: Worker;
  ready: Promise<void>;
  /**
   * Walks `root` in the helper (a directory that is not a git work tree), while this thread loads
   * the rest of keylint; null when the helper ended first.
   */
  walk(root: string): Promise<Walked | null>;
  /** Settles when the helper has ended, or died. */
  finished: Promise<void>;
}

export interface Helpers {
  threads: Helper[];
  /** `KEYLINT_THREADS` set the number: every thread takes part, however small the tree. */
  forced: boolean;
  /** Starts the threads now, if they were left for later (a small repository: see `startHelpers`). */
  start(): void;
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
  | { kind: 'walked'; rels: string; skipped: SkippedFile[] }
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
  let walked: (w: Walked | null) => void = () => undefined;
  const helper: Helper = {
    worker,
    ready: new Promise<void>((resolve) => (ready = resolve)),
    finished: new Promise<void>((resolve) => (finished = resolve)),
    walk: (root) => {
      const answer = new Promise<Walked | null>((resolve) => (walked = resolve));
      worker.postMessage({ walk: root } satisfies WalkRequest);
      return answer;
    },
  };
  const end = (): void => {
    ready();
    finished();
    walked(null);
  };
  worker.on('message', (m: HelperMessage) => {
    if (m.kind === 'ready') ready();
    if (m.kind === 'walked') walked({ rels: m.rels === '' ? [] : m.rels.split('\0'), skipped: m.skipped });
  });
  worker.on('error', end);
  worker.on('exit', end);
  return helper;
}

/** What a helper is asked before its work: to walk a directory (see `Helper.walk`). */
export interface WalkRequest {
  walk: string;
}

/**
 * Tracked files below which a repository's helpers wait for its listing: starting a thread costs a
 * core ~50 ms at the moment keylint and git need both, more than such a tree takes to read.
 */
export const EARLY_START_FILES = 1000;

/**
 * The number of entries of the git index at `root` (tracked files), from its header; null when
 * there is none to read (not a work tree's top, a new repository, another index version).
 */
export function trackedFiles(root: string): number | null {
  try {
    let gitDir = path.join(root, '.git');
    if (!statSync(gitDir).isDirectory()) {
      // A linked work tree or a submodule: `.git` is a file naming the directory.
      const named = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(gitDir, 'utf8').slice(0, 4096));
      if (!named) return null;
      gitDir = path.resolve(root, named[1]!);
    }
    const head = Buffer.alloc(12);
    const fd = openSync(path.join(gitDir, 'index'), 'r');
    try {
      if (readSync(fd, head, 0, 12, 0) !== 12) return null;
    } finally {
      closeSync(fd);
    }
    return head.toString('latin1', 0, 4) === 'DIRC' ? head.readUInt32BE(8) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the helper threads `env` asks for (none when the worker bundle is not beside this one):
 * at once, unless `root` is a repository of fewer than EARLY_START_FILES tracked files, whose
 * threads start when its listing proves it large (`start`). A plain directory or a repository with
 * nothing tracked yet may be of any size: their threads start at once.
 */
export function startHelpers(env: Record<string, string | undefined>, root?: string): Helpers {
  const plan = threadPlan(env);
  const file = siblingBundle(import.meta.url, WORKER_BUNDLE);
  const threads: Helper[] = [];
  let started = false;
  const start = (): void => {
    if (started || !file) return;
    started = true;
    for (let i = 0; i < plan.helpers; i++) threads.push(startHelper(file));
  };
  const tracked = plan.forced || root === undefined ? null : trackedFiles(root);
  if (tracked === null || tracked === 0 || tracked >= EARLY_START_FILES) start();
  return {
    threads,
    forced: plan.forced,
    start,
    stop: () => {
      started = true; // stopped: never started later
      threads.forEach((h) => void h.worker.terminate());
    },
  };
}
