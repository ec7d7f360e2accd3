import type { Detector } from '../detect/detectors.js';
import { sourceDigest } from '../lint/source-digest.js';
import { codeReadsIn } from '../wiring/code-names.js';
import { dotenvLoadLine } from '../wiring/dotenv.js';
import { engineWith, type FileAnalyses, type PassEngine, type PassSettings } from './file-read.js';

export * from './file-read.js';

/** The wiring and lint analyses, loaded by the thread that runs the checks. */
export const FILE_ANALYSES: FileAnalyses = { codeReadsIn, dotenvLoadLine, sourceDigest };

/** The engine of the thread that runs the checks: it does the analyses it is not told to defer. */
export function passEngine(settings: PassSettings, detectors?: readonly Detector[]): PassEngine {
  return engineWith(settings, detectors, FILE_ANALYSES);
}
