// A scanning thread (bundled as dist/scan-worker.js): takes batches of files, answers with what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { DETECTORS } from '../detect/detectors.js';
import { passEngine, passFile } from './file.js';
import { toWire, type PassBatch, type WorkerSetup } from './pool.js';

const setup = workerData as WorkerSetup;
const detectors = setup.detectors ?? DETECTORS;
const engine = passEngine(setup.settings, detectors);

parentPort?.on('message', (batch: PassBatch) => {
  parentPort?.postMessage(
    batch.map((job) => toWire(job.index, passFile(job.path, job.abs, engine), detectors)),
  );
});
