import { StringDecoder } from 'node:string_decoder';
import { spawnGit, spawnGitFed } from './git-process.js';
import { COMMIT_FORMAT } from './patch-parser.js';

/**
 * The one `git log` keylint runs: every commit of `revs` with its patch. User config that would change
 * the patch's shape (colour, external diff tools, textconv, prefixes, quoting) is overridden.
 * `--cc` gives merges a dense combined diff, so a line typed into a conflict resolution is seen;
 * `--diff-filter=d` spares git from printing every line of a deleted file; `--relative` keeps paths
 * relative to the scanned directory, and only files under it.
 */
export function logArgs(revs: readonly string[]): string[] {
  return [
    '-c',
    'core.quotepath=true',
    '-c',
    'log.showSignature=false',
    '-c',
    'i18n.logOutputEncoding=UTF-8',
    'log',
    `--format=${COMMIT_FORMAT}`,
    '--cc',
    '-M',
    '--unified=1',
    '--diff-filter=d',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    // A `.gitattributes` of the scanned commits (`* binary`, `-diff`) must not hide a line from the scan.
    '--text',
    '--no-notes',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '--relative',
    ...revs,
    '--',
  ];
}

/**
 * Streams `git log` line by line into `onLine`. The stream is read with back-pressure, so memory
 * stays bounded whatever the history's size.
 */
export async function streamLog(
  root: string,
  revs: readonly string[],
  onLine: (line: string) => void,
  /** Commits to read one by one (`--no-walk --stdin`), instead of walking `revs`. */
  only?: readonly string[],
): Promise<void> {
  const child = only
    ? spawnGitFed(root, logArgs(['--no-walk=unsorted', '--stdin']), `${only.join('\n')}\n`)
    : spawnGit(root, logArgs(revs));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) onLine(rest);
  const code = await exited;
  if (code !== 0)
    throw new Error(`git log failed: ${stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`}`);
}
