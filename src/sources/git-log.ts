import { spawnGit, spawnGitFed, spawnGitSync } from './git-process.js';
import { COMMIT_FORMAT } from './patch-parser.js';

/**
 * How merges are diffed. A dense combined diff (`--cc`) of a merge whose parents both differ from it
 * by tens of thousands of lines (a regenerated lockfile) makes git match the lines each parent lost
 * against the other's, in memory that grows with their product: 24 GiB and a killed process on
 * Continue's history. `--remerge-diff` (git 2.36) diffs the merge against git's own re-merge instead:
 * the same lines are new (a conflict's resolution, an edit made in the merge), in linear memory.
 */
let mergeDiff: readonly string[] | undefined;

function mergeDiffArgs(root: string): readonly string[] {
  if (mergeDiff) return mergeDiff;
  const version = /git version (\d+)\.(\d+)/.exec(
    spawnGitSync(root, ['version'], { encoding: 'utf8' }).stdout ?? '',
  );
  const [major, minor] = version ? [Number(version[1]), Number(version[2])] : [0, 0];
  const remerge = major > 2 || (major === 2 && minor >= 36);
  return (mergeDiff = remerge ? ['-p', '--diff-merges=remerge'] : ['--cc']);
}

/**
 * The one `git log` keylint runs: every commit of `revs` with its patch. User config that would change
 * the patch's shape (colour, external diff tools, textconv, prefixes, quoting) is overridden.
 * Merges are diffed so that a line typed into a conflict resolution is seen (`mergeDiffArgs`);
 * `--diff-filter=d` spares git from printing every line of a deleted file; `--relative` keeps paths
 * relative to the scanned directory, and only files under it.
 */
export function logArgs(revs: readonly string[], merges: readonly string[] = ['--cc']): string[] {
  return [
    '-c',
    'core.quotepath=true',
    '-c',
    'log.showSignature=false',
    '-c',
    'i18n.logOutputEncoding=UTF-8',
    'log',
    `--format=${COMMIT_FORMAT}`,
    ...merges,
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

/** Where the lines of `git log` go. */
export interface LogSink {
  line(line: string): void;
  /**
   * A line longer than `LONG_LINE_BYTES`, known by its head: a function that takes the rest of its
   * bytes as they arrive (the head's too; null at its end), or null to drop them unread.
   */
  longLine?(head: string): ((piece: Buffer | null) => void) | null;
}

/** A line longer than this is not held whole: its bytes stream to the sink, or are dropped. */
export const LONG_LINE_BYTES = 1 << 20;
/** How much of a long line its sink is asked about by. */
const HEAD_BYTES = 256;

/**
 * Streams `git log` line by line into `sink`. The stream is read with back-pressure and lines are
 * cut from each chunk alone (never by searching a growing string), so memory and time stay linear
 * and bounded whatever the history's size or the length of one line.
 */
export async function streamLog(
  root: string,
  revs: readonly string[],
  sink: LogSink,
  /** Commits to read one by one (`--no-walk --stdin`), instead of walking `revs`. */
  only?: readonly string[],
): Promise<void> {
  const merges = mergeDiffArgs(root);
  const child = only
    ? spawnGitFed(root, logArgs(['--no-walk=unsorted', '--stdin'], merges), `${only.join('\n')}\n`)
    : spawnGit(root, logArgs(revs, merges));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  // The start of the current line (pieces of earlier chunks), and, past LONG_LINE_BYTES, where its
  // bytes go instead (a function, or null to drop them).
  let parts: Buffer[] = [];
  let held = 0;
  let long: ((piece: Buffer | null) => void) | null | undefined;
  const more = (piece: Buffer): void => {
    if (long !== undefined) return long?.(piece);
    parts.push(piece);
    held += piece.length;
    if (held <= LONG_LINE_BYTES) return;
    const whole = Buffer.concat(parts);
    parts = [];
    held = 0;
    // A character cut at the head's end decodes as U+FFFD: the head only says what kind of line it is.
    long = sink.longLine?.(whole.toString('utf8', 0, HEAD_BYTES)) ?? null;
    long?.(whole);
  };
  const endLine = (): void => {
    if (long !== undefined) long?.(null);
    else sink.line(parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8'));
    parts = [];
    held = 0;
    long = undefined;
  };
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      // Most lines lie whole in one chunk: decoded straight from it, no piece kept.
      if (held === 0 && long === undefined && nl - start <= LONG_LINE_BYTES)
        sink.line(chunk.toString('utf8', start, nl));
      else {
        more(chunk.subarray(start, nl));
        endLine();
      }
      start = nl + 1;
    }
    if (start < chunk.length) more(chunk.subarray(start));
  }
  if (held > 0 || long !== undefined) endLine();
  const code = await exited;
  if (code !== 0)
    throw new Error(`git log failed: ${stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`}`);
}
