import { passEngine, passFile } from '../../src/pass/file.js';
import { listFiles } from '../../src/sources/tree.js';
import type { CodeRead } from '../../src/wiring/code-names.js';

/** The variable names the code of a directory reads, as the file pass finds them for the wiring check. */
export async function codeReadsOf(dir: string): Promise<CodeRead[]> {
  const engine = passEngine({ leaks: false, wiring: true, lintDay: null });
  return (await listFiles(dir)).files.flatMap((f) => {
    const report = passFile(f.path, f.abs, engine);
    return report.status === 'text' ? (report.reads ?? []) : [];
  });
}
