import { innermost, NeedleSearch } from '../detect/needles.js';
import { lintLiteralsFor, mayDigest } from '../lint/digest-gate.js';
import { mayReadNames, readLiteralsFor } from '../wiring/code-gate.js';
import { dotenvLiteralsFor, mayLoadDotenv } from '../wiring/dotenv-gate.js';

/**
 * One search for the literals of every analysis a kind of file may need, made once per set. The
 * gates hand out the same arrays for the same kind of file: a set is known by theirs.
 */
const searches = new Map<number, NeedleSearch>();
const ids = new Map<readonly string[], number>();

function idOf(literals: readonly string[] | undefined): number {
  if (!literals) return 0;
  let id = ids.get(literals);
  if (id === undefined) ids.set(literals, (id = ids.size + 1));
  return id;
}

function searchFor(...sets: Array<readonly string[] | undefined>): NeedleSearch {
  // Few distinct arrays exist (one per language, and two more): ten bits each keep keys apart.
  const key = sets.reduce((k: number, set) => k * 1024 + idOf(set), 0);
  let search = searches.get(key);
  if (search === undefined) {
    const literals = innermost(sets.flatMap((set) => set ?? []));
    search = new NeedleSearch(literals.map((text) => ({ text, caseless: false })));
    searches.set(key, search);
  }
  return search;
}

/**
 * Whether the wiring or lint analyses may find anything in a file. Each analysis's gate searches the
 * bytes for literals of its own; most code holds none of them, and is searched once for all of them
 * together, not once per gate: only a file that holds one is put to the gates themselves.
 */
export function mayAnalyze(relPath: string, bytes: Buffer, wiring: boolean, lint: boolean): boolean {
  const gates = (): boolean =>
    (wiring && (mayReadNames(relPath, bytes) || mayLoadDotenv(relPath, bytes))) ||
    (lint && mayDigest(relPath, bytes));
  let reads: readonly string[] | undefined;
  let dotenv: readonly string[] | undefined;
  if (wiring) {
    const byName = readLiteralsFor(relPath);
    // A `.env` template or a compose file is read for its name, not for a literal.
    if (byName === null) return gates();
    reads = byName;
    dotenv = dotenvLiteralsFor(relPath);
  }
  const provider = lint ? lintLiteralsFor(relPath) : undefined;
  if (!reads && !dotenv && !provider) return false;
  return searchFor(reads, dotenv, provider).in(bytes) && gates();
}
