// A scanning thread (bundled as dist/scan-worker.js): started before the scan is known, it gets the
// work and how to read it in one message, then claims large files' parts and batches of files from
// the shared counters until both run dry, and answers each with what it found.
import { parentPort } from 'node:worker_threads';
import { DETECTORS } from '../detect/detectors.js';
import { kernel } from '../kernel/kernel.js';
import type { HelperMessage, WalkRequest } from './helpers.js';
import { walkListing, type SkippedFile } from '../sources/walk.js';
import { engineWith, passFile } from './file-read.js';
import { PartQueue, scanPart } from './parts.js';
import {
  BATCH_FILES,
  partToWire,
  PostedJobs,
  splitter,
  toWire,
  type PassWork,
  type WirePart,
  type WireReport,
} from './pool.js';

/** The work, once it comes: the files to read, claimed in batches (and parts of large ones). */
function runWork(work: PassWork): void {
  const answer = (m: HelperMessage<WireReport, WirePart>): void => work.port?.postMessage(m);
  const detectors = work.setup.detectors ?? DETECTORS;
  const engine = engineWith(work.setup.settings, detectors, null);
  const jobs = new PostedJobs(work);
  const counter = new Int32Array(work.next);
  const queue = new PartQueue(work.parts);
  for (;;) {
    const claimed = queue.claim();
    if (claimed) {
      const report = scanPart(jobs.abs(claimed.job), claimed, engine);
      answer({ kind: 'part', job: claimed.job, part: claimed.part, report: partToWire(report, detectors) });
      continue;
    }
    const first = Atomics.add(counter, 0, 1) * BATCH_FILES;
    if (first >= jobs.length) break;
    const reports: WireReport[] = [];
    for (let i = first; i < Math.min(first + BATCH_FILES, jobs.length); i++)
      reports.push(
        toWire(passFile(jobs.path(i), jobs.abs(i), engine, undefined, splitter(queue, i)), detectors),
      );
    answer({ kind: 'batch', first, reports });
  }
  answer({ kind: 'done' });
  work.port?.close();
  parentPort?.close();
}

parentPort?.on('message', (m: PassWork | WalkRequest) => {
  if ('walk' in m) {
    // A directory that is not a git work tree, walked here while the main thread loads keylint.
    const skipped: SkippedFile[] = [];
    const rels = walkListing(m.walk, skipped);
    parentPort?.postMessage({ kind: 'walked', rels: rels.join('\0'), skipped } satisfies HelperMessage);
  } else runWork(m);
});
// Compiled while this thread waits for work: it does not depend on the scan.
kernel();
parentPort?.postMessage({ kind: 'ready' } satisfies HelperMessage);
