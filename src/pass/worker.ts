// A scanning thread (bundled as dist/scan-worker.js): claims batches of files from the shared counter
// until it runs dry, and answers each batch with what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { DETECTORS } from '../detect/detectors.js';
import { passEngine, passFile } from './file.js';
import { BATCH_FILES, jobsOf, toWire, type HelperMessage, type PassWork, type WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const detectors = setup.detectors ?? DETECTORS;
const engine = passEngine(setup.settings, detectors);
const say = (m: HelperMessage): void => parentPort?.postMessage(m);

parentPort?.once('message', (work: PassWork) => {
  const jobs = jobsOf(work);
  const counter = new Int32Array(work.next);
  for (;;) {
    const first = Atomics.add(counter, 0, 1) * BATCH_FILES;
    if (first >= jobs.length) break;
    const reports = jobs
      .slice(first, first + BATCH_FILES)
      .map((job) => toWire(passFile(job.path, job.abs, engine), detectors));
    say({ kind: 'batch', first, reports });
  }
  say({ kind: 'done' });
  parentPort?.close();
});
say({ kind: 'ready' });
