import ignore from 'ignore';
import { inlineAllows } from '../config/inline.js';
import type { Detector } from '../detect/detectors.js';
import type { Scanner } from '../detect/scanner.js';
import { secretFingerprint, type CommitRef } from '../finding.js';
import { lineIndexAt } from '../text/positions.js';
import { git } from './git.js';
import { streamLog } from './git-log.js';
import { PatchParser, type FileAdditions } from './patch-parser.js';
import { looksBinary, SNIFF_BYTES } from './read.js';

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
}

export interface HistoryScan {
  secrets: Map<string, SecretInHistory>;
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
 * Reads every commit of `revs` with one streamed `git log -p` and scans only the lines each commit
 * adds. git lists commits newest first, so the last sighting of a secret is where it first appeared.
 */
export async function scanHistory(
  root: string,
  revs: readonly string[],
  scanner: Scanner,
  ignorePaths: readonly string[] = [],
): Promise<HistoryScan> {
  const secrets = new Map<string, SecretInHistory>();
  const skip = ignorePaths.length > 0 ? ignore().add([...ignorePaths]) : null;

  const onFile = (f: FileAdditions): void => {
    if (skip?.ignores(f.path)) return;
    const { text, starts } = join(f);
    // `git log --text` shows every file's lines, whatever `.gitattributes` says; binary content is
    // then told by content, as in the tree.
    if (looksBinary(text.slice(0, SNIFF_BYTES))) return;
    for (const m of scanner.scan(text)) {
      const i = lineIndexAt(starts, m.start);
      const added = f.lines[i]!;
      const column = m.start - starts[i]! + 1;
      // One marker covers the key's `leak/…` and `history/…` rules alike.
      const allowed = inlineAllows(`history/${m.detector.id}`, added.text, added.above);
      const sighting: Sighting = {
        sha: f.commit.sha,
        date: f.commit.date,
        author: f.commit.author,
        path: f.path,
        line: added.line,
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
          commits: allowed ? 0 : 1,
          allowedInline: allowed,
          lastSha: allowed ? '' : f.commit.sha,
        });
        continue;
      }
      if (allowed) {
        if (known.allowedInline) known.first = sighting;
        continue;
      }
      if (known.lastSha !== f.commit.sha) known.commits++;
      known.lastSha = f.commit.sha;
      known.first = sighting;
      known.allowedInline = false;
    }
  };

  const skipped: HistoryScan['skipped'] = [];
  let lastSha: string | undefined;
  const read = async (only?: readonly string[]): Promise<void> => {
    const parser = new PatchParser(onFile);
    lastSha = undefined;
    try {
      await streamLog(
        root,
        revs,
        (line) => {
          if (line.startsWith('\x01')) lastSha = line.slice(1, line.indexOf('\x01', 1));
          parser.line(line);
        },
        only,
      );
    } finally {
      parser.end();
    }
  };
  try {
    await read();
    return { secrets, skipped };
  } catch (err) {
    // One unreadable object must not cost the rest of the history: list the commits, skip the one git
    // stopped at, and read the others one by one (in git's order), as often as git stops.
    const list = git(root, ['rev-list', ...revs]);
    if (!list.ok) throw err;
    let rest = list.stdout.split('\n').filter(Boolean);
    let failure = err as Error;
    for (;;) {
      const at = lastSha ? rest.indexOf(lastSha) : -1;
      // git stops after a commit's header, while reading its diff; with no header read, at the first one.
      const bad = at >= 0 ? at : 0;
      if (rest[bad] === undefined) break;
      skipped.push({ sha: rest[bad]!, reason: failure.message.replace(/^git log failed: /, '') });
      rest = rest.slice(bad + 1);
      if (rest.length === 0) break;
      try {
        await read(rest);
        break;
      } catch (next) {
        failure = next as Error;
      }
    }
    return { secrets, skipped };
  }
}
