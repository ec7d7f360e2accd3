// A scanning thread (bundled as dist/scan-worker.js): takes batches of files, answers with what it found.
import { parentPort, workerData } from 'node:worker_threads';
import type { Detector } from './detectors.js';
import { scanEngine, scanFile } from './scan-file.js';
import { toWire, type ScanBatch } from './scan-pool.js';

const engine = scanEngine((workerData as { detectors: Detector[] | null }).detectors ?? undefined);

parentPort?.on('message', (batch: ScanBatch) => {
  parentPort?.postMessage(batch.map((job) => toWire(job.index, scanFile(job.abs, engine), engine.detectors)));
});
