import { DETECTORS } from '../../src/detect/detectors.js';
import { runFilePass } from '../../src/pass/run.js';
import { listFiles, type RepoFiles } from '../../src/sources/tree.js';

/** The files the checks see: the listing, after the file pass has opened each entry (links, pipes, deleted files drop out). */
export async function scannedTree(root: string, ignore: string[] = []): Promise<RepoFiles> {
  const settings = { leaks: false, wiring: false, lintDay: null };
  return (await runFilePass(await listFiles(root, ignore), settings, DETECTORS)).files;
}
