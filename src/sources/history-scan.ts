import ignore from 'ignore';
import { inlineAllows } from '../config/inline.js';
import type { Detector } from '../detect/detectors.js';
import type { ScanEngine } from '../detect/scan-file.js';
import type { KeyMatch } from '../detect/scanner.js';
import { secretFingerprint, type CommitRef } from '../finding.js';
import { lineIndexAt } from '../text/positions.js';
import { git } from './git.js';
import { streamLog } from './git-log.js';
import { spawnGit } from './git-process.js';
import { looksBinary, SNIFF_BYTES } from './read.js';
import { StreamedLine } from './long-line.js';
import { PatchParser, type FileAdditions, type LongAddedLine } from './patch-parser.js';

export interface Sighting extends CommitRef {
  column: number;
  endColumn: number;
}

/** One secret across every commit that adds it. Held per distinct secret only: memory stays bounded. */
export interface SecretInHistory {
  detector: Detector;
  secret: string;
  fingerprint: string;
  /** The oldest sighting without a suppression marker (else the oldest marked one). */
  first: Sighting;
  /** Commits that add it without a marker. */
  commits: number;
  /** True when every line that adds it carries an inline marker. */
  allowedInline: boolean;
  /** The last commit counted, so a key on two lines of one commit counts once. */
  lastSha: string;
  /** At its first sighting, where its provider publishes it by design (`KeyMatch.published`). */
  published?: true;
}

export interface HistoryScan {
  secrets: Map<string, SecretInHistory>;
  /** Commits read (with those skipped). */
  commits: number;
  /** Commits git could not read (a missing or corrupt object): scanned around, named in the report. */
  skipped: { sha: string; reason: string }[];
}

/** Text of a file's added lines joined by `\n`, and where each line starts in it. */
function join(f: FileAdditions): { text: string; starts: number[] } {
  const starts: number[] = [];
  let pos = 0;
  for (const l of f.lines) {
    starts.push(pos);
    pos += l.text.length + 1;
  }
  return { text: f.lines.map((l) => l.text).join('\n'), starts };
}

/**
 * The number of commits of `revs`, counted by git beside the log, which leaves out a commit that adds
 * nothing it shows (a clean merge, a commit that only deletes): null when git cannot say.
 */
function countCommits(root: string, revs: readonly string[]): Promise<number | null> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawnGit(root, ['rev-list', '--count', ...revs]);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.stderr.resume();
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 && /^\d+\s*$/.test(out) ? Number(out) : null));
  });
}

/**
 * Reads every commit of `revs` with one streamed `git log -p` and scans only the lines each commit
 * adds. git lists commits newest first, so the last sighting of a secret is where it first appeared.
 */
export async function scanHistory(
  root: string,
  revs: readonly string[],
  engine: ScanEngine,
  ignorePaths: readonly string[] = [],
): Promise<HistoryScan> {
  const secrets = new Map<string, SecretInHistory>();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an `ignore()` of no paths ignores nothing; the test only spares asking it
  const skip = ignorePaths.length > 0 ? ignore().add([...ignorePaths]) : null;

  /** The current commit's paths already scanned as text: a key used as a file or directory name is a sighting too. */
  let paths = new Set<string>();
  let pathsOf = '';
  const scanPath = (f: { commit: FileAdditions['commit']; path: string }): void => {
    if (pathsOf !== f.commit.sha) {
      paths = new Set();
      pathsOf = f.commit.sha;
    }
    if (paths.has(f.path)) return;
    paths.add(f.path);
    for (const m of engine.scanner.scan(f.path)) sighted(f, 1, 1, m, false);
  };

  const onFile = (f: FileAdditions): void => {
    if (skip?.ignores(f.path)) return;
    scanPath(f);
    const { text, starts } = join(f);
    // `git log --text` shows every file's lines, whatever `.gitattributes` says; binary content is
    // then told by content, as in the tree.
    if (looksBinary(text.slice(0, SNIFF_BYTES))) return;
    for (const m of engine.scanner.scan(text)) {
      const i = lineIndexAt(starts, m.start);
      const added = f.lines[i]!;
      // One marker covers the key's `leak/…` and `history/…` rules alike.
      const allowed = inlineAllows(`history/${m.detector.id}`, added.text, added.above);
      sighted(f, added.line, m.start - starts[i]! + 1, m, allowed);
    }
  };

  /** A long added line streams through the tree's windowed scan: never held whole. */
  const onLongLine = (l: LongAddedLine): ((piece: Buffer | null) => void) | null => {
    if (skip?.ignores(l.path)) return null;
    scanPath(l);
    const scan = new StreamedLine(engine, l.prefix);
    return (piece) => {
      if (piece) return scan.write(piece);
      for (const m of scan.end()) {
        const allowed = inlineAllows(`history/${m.detector.id}`, m.markers?.line ?? '', l.above);
        sighted(l, l.line, m.column, m, allowed);
      }
    };
  };

  const sighted = (
    f: { commit: FileAdditions['commit']; path: string },
    line: number,
    column: number,
    m: KeyMatch,
    allowed: boolean,
  ): void => {
    const sighting: Sighting = {
      sha: f.commit.sha,
      date: f.commit.date,
      author: f.commit.author,
      path: f.path,
      line,
      column,
      endColumn: column + m.secret.length,
    };
    const fingerprint = secretFingerprint(m.secret);
    const known = secrets.get(fingerprint);
    if (!known) {
      secrets.set(fingerprint, {
        detector: m.detector,
        secret: m.secret,
        fingerprint,
        first: sighting,
        ...(m.published && { published: true }),
        commits: allowed ? 0 : 1,
        allowedInline: allowed,
        // Stryker disable next-line StringLiteral: no commit id equals a constant that is not one
        lastSha: allowed ? '' : f.commit.sha,
      });
      return;
    }
    const seenAt = (): void => {
      known.first = sighting;
      if (m.published) known.published = true;
      else delete known.published;
    };
    if (allowed) {
      if (known.allowedInline) seenAt();
      return;
    }
    if (known.lastSha !== f.commit.sha) known.commits++;
    known.lastSha = f.commit.sha;
    seenAt();
    known.allowedInline = false;
  };

  const skipped: HistoryScan['skipped'] = [];
  let lastSha: string | undefined;
  /** Commit headers read: the range's size when git cannot count it (`countCommits`). */
  let headers = 0;
  const read = async (only?: readonly string[]): Promise<void> => {
    const parser = new PatchParser(onFile, onLongLine);
    lastSha = undefined;
    try {
      await streamLog(
        root,
        revs,
        {
          line: (line) => {
            if (line.startsWith('\x01')) {
              lastSha = line.slice(1, line.indexOf('\x01', 1));
              headers++;
            }
            parser.line(line);
          },
          longLine: (head) => parser.longLine(head),
        },
        only,
      );
    } finally {
      parser.end();
    }
  };
  // Counted while the log is read, on another core: a walk of commits alone is quick.
  const counted = countCommits(root, revs);
  try {
    await read();
    return { secrets, skipped, commits: (await counted) ?? headers };
  } catch (err) {
    // One unreadable object must not cost the rest of the history: list the commits, skip the one git
    // stopped at, and read the others one by one (in git's order), as often as git stops.
    const list = git(root, ['rev-list', ...revs]);
    if (!list.ok) throw err;
    let rest = list.stdout.split('\n').filter(Boolean);
    const all = rest.length;
    let failure = err as Error;
    for (;;) {
      // git prints a commit's header before it reads the commit's diff, and a commit it cannot read at
      // all fails `rev-list` above too: with no header read, `at` is -1 and the first commit is blamed,
      // a case no test can make git reach.
      // Stryker disable next-line ConditionalExpression,UnaryOperator: see above
      const at = lastSha ? rest.indexOf(lastSha) : -1;
      // Stryker disable next-line EqualityOperator: at 0, both choices are 0
      const bad = at >= 0 ? at : 0;
      if (rest[bad] === undefined) break;
      // Stryker disable next-line Regex: the words only ever start the message
      skipped.push({ sha: rest[bad]!, reason: failure.message.replace(/^git log failed: /, '') });
      rest = rest.slice(bad + 1);
      // Stryker disable next-line ConditionalExpression: reading an empty list reads nothing
      if (rest.length === 0) break;
      try {
        await read(rest);
        break;
      } catch (next) {
        failure = next as Error;
      }
    }
    return { secrets, skipped, commits: all };
  }
}
