/** The first line of each commit in keylint's `git log` output: a byte no diff line starts with. */
export const COMMIT_MARK = '\u0001';
/** `--format` for `git log`: mark, sha, author date (strict ISO 8601), author name. */
export const COMMIT_FORMAT = '%x01%H%x01%aI%x01%an';

export interface CommitMeta {
  sha: string;
  /** ISO 8601 author date. */
  date: string;
  author: string;
}

export interface AddedLine {
  /** 1-based line number in the file at that commit. */
  line: number;
  text: string;
  /** The line just above it at that commit, when the diff shows it (for `…-next-line` markers). */
  above?: string;
}

/** An added line too long to hold, announced before its bytes stream to the scanner. */
export interface LongAddedLine {
  commit: CommitMeta;
  path: string;
  /** 1-based line number in the file at that commit. */
  line: number;
  above?: string;
  /** Bytes of the diff's column prefix (`+`, or one per parent of a merge) before the file's text. */
  prefix: number;
}

/** The lines one commit adds to one file, in order (a large file comes in several parts). */
export interface FileAdditions {
  commit: CommitMeta;
  /** The path at that commit. */
  path: string;
  lines: AddedLine[];
}

const HUNK = /^@@(@*) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@/;

/**
 * A push parser for `git log -p --format=COMMIT_FORMAT` output. It keeps only added lines: removed
 * lines, binary notices, mode changes and pure renames carry nothing a commit adds. A merge comes as a
 * diff against git's re-merge, or, from a git older than 2.36, as a dense combined diff, where a line
 * is new only when every parent column is `+` (a key typed into a conflict resolution); lines taken
 * from one side were added by that side's own commits.
 */
export class PatchParser {
  private commit: CommitMeta | null = null;
  private path: string | null = null;
  private inHunk = false;
  /** Parent columns of the current hunk: 1 for a plain diff, the parent count for a merge. */
  private columns = 1;
  private next = 0;
  private above: string | undefined;
  private lines: AddedLine[] = [];
  private chars = 0;

  constructor(
    private readonly onFile: (f: FileAdditions) => void,
    /**
     * Takes an added line too long to hold (see `longLine`): returns where its bytes go, or null.
     * Without it, such lines are dropped.
     */
    private readonly onLongLine:
      ((l: LongAddedLine) => ((piece: Buffer | null) => void) | null) | null = null,
    /** A file's added lines are handed over in parts of about this many characters. */
    private readonly maxChars = 1 << 20,
  ) {}

  line(l: string): void {
    if (this.inHunk) {
      const c = l.charCodeAt(0);
      // ' ', '+', '-': content; '\': "No newline at end of file".
      if (c === 32 || c === 43 || c === 45) return this.content(l);
      if (c === 92) return;
      this.inHunk = false;
    }
    if (l.startsWith(COMMIT_MARK)) return this.startCommit(l);
    if (l.startsWith('diff ')) return this.startFile();
    if (l.startsWith('+++ ')) {
      this.path = parsePath(l.slice(4));
      return;
    }
    if (l.startsWith('@@')) {
      const m = HUNK.exec(l);
      if (!m || this.path === null) return;
      this.columns = (m[1]?.length ?? 0) + 1;
      this.next = Number(m[2]);
      this.above = undefined;
      this.inHunk = true;
    }
  }

  /**
   * A line too long to hold, known by its head: an added line streams to `onLongLine`; any other
   * (a removed or context line) keeps the hunk's count right and its bytes are dropped.
   */
  longLine(head: string): ((piece: Buffer | null) => void) | null {
    const c = head.charCodeAt(0);
    if (!this.inHunk || !(c === 32 || c === 43 || c === 45)) {
      this.inHunk = false;
      return null;
    }
    const cols = head.slice(0, this.columns);
    if (cols.includes('-')) return null;
    const line = this.next++;
    const above = this.above;
    // Only the line's end can hold a marker for the next line: a head is what is at hand.
    this.above = head.slice(this.columns);
    if (cols.includes(' ') || !this.commit || this.path === null || !this.onLongLine) return null;
    // What came before it is handed over first, so sightings keep the diff's order.
    this.flush();
    return this.onLongLine({ commit: this.commit, path: this.path, line, above, prefix: this.columns });
  }

  end(): void {
    this.flush();
    this.commit = null;
  }

  private startCommit(l: string): void {
    this.end();
    const [sha = '', date = '', author = ''] = l.slice(1).split(COMMIT_MARK);
    this.commit = { sha, date, author };
  }

  private startFile(): void {
    this.flush();
    this.path = null;
    this.inHunk = false;
  }

  private content(l: string): void {
    const cols = l.slice(0, this.columns);
    if (cols.includes('-')) return;
    const text = l.slice(this.columns);
    if (!cols.includes(' ')) {
      this.lines.push({ line: this.next, text, above: this.above });
      this.chars += text.length + 1;
      if (this.chars >= this.maxChars) this.flush();
    }
    this.above = text;
    this.next++;
  }

  private flush(): void {
    if (this.lines.length > 0 && this.commit && this.path !== null)
      this.onFile({ commit: this.commit, path: this.path, lines: this.lines });
    this.lines = [];
    this.chars = 0;
  }
}

/** `b/path`, `"b/p\"ath"` or `/dev/null` (a deleted file: nothing added). */
export function parsePath(raw: string): string | null {
  let p = raw.replace(/\t$/, '');
  if (p === '/dev/null') return null;
  if (p.startsWith('"') && p.endsWith('"')) p = unquoteC(p.slice(1, -1));
  return p.startsWith('b/') ? p.slice(2) : p;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git quotes unusual paths C-style, with octal escapes for each byte of a UTF-8 name. */
export function unquoteC(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const nx = s[i + 1] ?? '';
    if (/[0-7]/.test(nx)) {
      bytes.push(parseInt(s.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[nx] ?? nx.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
