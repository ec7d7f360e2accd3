import { SDK_READS, type Language, type SdkRead } from './sdk-reads.js';
import { NEEDLES, needleOf, READ_LITERALS, readerKind } from './code-gate.js';

export { mayReadNames } from './code-gate.js';
import { getIn, itemsOf, pairsOf, parseYaml, scalarText } from './yaml-doc.js';
import { lex } from '../lint/lexer.js';
import { lineIndexAt, lineStarts, positionAt } from '../text/positions.js';

/** A variable name the repository reads, and where. */
export interface CodeRead {
  name: string;
  path: string;
  line: number;
  column: number;
  /** `code`: an explicit read; `sdk`: a client that reads it by itself; `template`: `.env.example`; `compose`: docker-compose. */
  via: 'code' | 'sdk' | 'template' | 'compose';
  /** For SDK reads: the constructor, and names any one of which would do. */
  client?: string;
  alternatives?: readonly string[];
  /**
   * Read when present, not required: an SDK's organisation or base URL, a read with a default or a
   * fallback (`os.getenv("X", "")`, `process.env.X ?? ""`), or one the file guards (`if os.getenv("X")`,
   * `skipif(not os.getenv("X"))`).
   */
  optional?: boolean;
  /** At the file's top level (no indentation): runs when the module is imported, not only when called. */
  topLevel?: boolean;
}

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const Q = `["'\`]`;

/** Each pattern captures the variable name in group 1. */
const READS: Record<Language, readonly RegExp[]> = {
  python: [
    new RegExp(`\\b(?:os\\.)?environ\\[\\s*${Q}${NAME}${Q}\\s*\\]`, 'g'),
    new RegExp(`\\b(?:os\\.)?environ\\.(?:get|setdefault|pop)\\(\\s*${Q}${NAME}${Q}`, 'g'),
    new RegExp(`\\b(?:os\\.)?getenv\\(\\s*${Q}${NAME}${Q}`, 'g'),
  ],
  javascript: [
    new RegExp(`\\bprocess\\.env\\.${NAME}`, 'g'),
    new RegExp(`\\bprocess\\.env\\[\\s*${Q}${NAME}${Q}\\s*\\]`, 'g'),
    new RegExp(`\\bimport\\.meta\\.env\\.${NAME}`, 'g'),
    new RegExp(`\\bDeno\\.env\\.get\\(\\s*${Q}${NAME}${Q}`, 'g'),
  ],
  go: [new RegExp(`\\bos\\.(?:Getenv|LookupEnv)\\(\\s*"${NAME}"`, 'g')],
  ruby: [
    new RegExp(`\\bENV\\[\\s*["']${NAME}["']\\s*\\]`, 'g'),
    new RegExp(`\\bENV\\.fetch\\(\\s*["']${NAME}["']`, 'g'),
  ],
  // Upper-case only: lower-case shell variables are locals, not the environment.
  shell: [/(?<!\$)\$\{?([A-Z_][A-Z0-9_]*)/g],
  csharp: [new RegExp(`\\bEnvironment\\.GetEnvironmentVariable\\(\\s*"${NAME}"`, 'g')],
  // Java and Kotlin alike.
  java: [
    new RegExp(`\\bSystem\\.getenv\\(\\s*"${NAME}"`, 'g'),
    new RegExp(`\\bSystem\\.getenv\\(\\)\\s*\\[\\s*"${NAME}"`, 'g'),
  ],
  rust: [
    new RegExp(`\\b(?:std::)?env::var(?:_os)?\\(\\s*"${NAME}"`, 'g'),
    new RegExp(`\\b(?:std::)?env!\\(\\s*"${NAME}"`, 'g'),
  ],
};

const COMMENT: Record<Language, RegExp> = {
  python: /^\s*#/,
  javascript: /^\s*(?:\/\/|\/?\*)/,
  go: /^\s*(?:\/\/|\/?\*)/,
  ruby: /^\s*#/,
  shell: /^\s*#/,
  csharp: /^\s*(?:\/\/|\/?\*)/,
  java: /^\s*(?:\/\/|\/?\*)/,
  rust: /^\s*(?:\/\/|\/?\*)/,
};

/** `const { OPENAI_API_KEY, X: y } = process.env` */
const JS_DESTRUCTURE = /\{([^{}]*)\}\s*=\s*process\.env\b/g;
const JS_ENV_WHOLE = /\bprocess\.env(?![\w.[])/;

/** Shell's own variables: read by every script, never a wiring question. */
const SHELL_BUILTINS = new Set([
  'HOME',
  'PATH',
  'PWD',
  'USER',
  'SHELL',
  'IFS',
  'OLDPWD',
  'RANDOM',
  'LINENO',
  'TMPDIR',
]);

/**
 * True when `index` falls inside a quoted string that opens earlier on the same line: such a match is
 * text about code (a fixture, a message), not code. Multi-line strings are not followed: cheap and
 * good enough.
 */
function insideString(line: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const ch = line[i]!;
    if (ch === '\\') i++;
    else if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
  }
  return quote !== undefined;
}

/** The text between a call's parentheses (balanced, bounded), from just after the `(`. */
function callArguments(text: string, from: number): string {
  let depth = 1;
  const end = Math.min(text.length, from + 4000);
  for (let i = from; i < end; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return text.slice(from, i);
  }
  return text.slice(from, end);
}

/**
 * Python and JavaScript/TypeScript are lexed (the code lint's lexer): comments and docstrings are
 * blanked, and a match inside a string literal is text, not a read, unless the literal is an f-string
 * or a template literal whose interpolations are code. Other languages: one line at a time.
 */
interface CodeView {
  /** Same length as the file: comments and docstrings blanked where the language is lexed. */
  source: string;
  /** True when `offset` (in `source`) is inside a string's text rather than code. */
  inString(offset: number, line: string, column0: number): boolean;
}

function codeView(text: string, language: Language): CodeView {
  if (language !== 'python' && language !== 'javascript')
    return { source: text, inString: (_o, line, column0) => insideString(line, column0) };
  const lexed = lex(language === 'python' ? 'python' : 'js', text);
  const strings = lexed.strings;
  return {
    source: lexed.code,
    inString(offset) {
      let lo = 0;
      let hi = strings.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = strings[mid]!;
        if (offset < s.start) hi = mid - 1;
        else if (offset >= s.end) lo = mid + 1;
        else return !s.interpolated && offset >= s.bodyStart && offset < s.bodyEnd;
      }
      return false;
    },
  };
}

/**
 * Whether the raw text holds a read at all. Lexing is most of a file's cost, and most files that
 * hold a needle (`.env` in `options.env`, `environ` in prose) read nothing. A read found after
 * lexing shows in the raw text too, but for one whose `\s*` spans a comment: an index into
 * `process.env` is lexed whatever follows it (`process.env[ /* the key *\/ "K" ]`).
 */
function mayRead(text: string, language: Language): boolean {
  const found = READS[language].some((re) => {
    re.lastIndex = 0;
    const hit = re.test(text);
    re.lastIndex = 0;
    return hit;
  });
  // `process.env` taken whole (`const { A } = process.env`, whatever comments sit in the braces).
  return found || (language === 'javascript' && (JS_ENV_WHOLE.test(text) || text.includes('process.env[')));
}

/** Room after a read's literal for the rest of it: a call's arguments are read this far. */
const READ_TAIL = 4000;

/**
 * Where the last possible read ends (at a line end): lexing stops there, since nothing after it is
 * asked about, and the lexer's view of a prefix is the same as of the whole up to its end.
 */
function readsEnd(text: string, language: Language, sdks: readonly SdkRead[]): number {
  let last = -1;
  for (const literal of READ_LITERALS[language]) last = Math.max(last, text.lastIndexOf(literal));
  // A client's call takes more forms than its literal (`cohere.AsyncClient(`): find the calls.
  for (const { call } of sdks) {
    call.lastIndex = 0;
    for (let m = call.exec(text); m; m = call.exec(text)) last = Math.max(last, m.index);
    call.lastIndex = 0;
  }
  const newline = text.indexOf('\n', last + READ_TAIL);
  return newline === -1 ? text.length : newline;
}

/**
 * Indexes of the lines holding one of `needles`, ascending: a read is looked for on those alone,
 * without cutting a file of a hundred thousand lines into as many strings.
 */
function linesHolding(source: string, starts: readonly number[], needles: readonly string[]): number[] {
  const found = new Set<number>();
  for (const needle of needles)
    for (let at = source.indexOf(needle); at !== -1; at = source.indexOf(needle, at + needle.length))
      found.add(lineIndexAt(starts, at));
  return [...found].sort((a, b) => a - b);
}

/** A second argument to the read call: `os.getenv("X", "")`, `ENV.fetch("X", nil)`, `environ.get("X", d)`. */
const DEFAULT_ARG = /^["'`]?\s*,/;
/** What may close the read itself before what follows it: a quote and a bracket or parenthesis. */
const READ_CLOSE = /^(?:["'`]?\s*[\])])?/;
/** After a read: a fallback or a test of whether it is there. */
const FALLBACK_AFTER =
  /^\s*(?:\bor\b|\|\|(?!\s*throw\b)|\?\?(?!\s*throw\b)|\?(?![.?])|\bif\b|\bis\s+(?:not\s+)?None\b|[!=]==?|\.is_none\(|\.is_err\(|\.unwrap_or|\.ok\(\)|:-|:=|-(?=[^-\s]))/;
/** Before a read, on its line: it is inside a condition or is itself a fallback. */
const GUARD_BEFORE =
  /(?:\b(?:if|elif|while|unless|not|and|or|skipif|skipIf|skip_if|runIf|assume)\b|&&|\|\||\?\?|!|-[zn]\s+"?)[^=;{]*$/;

function guardedHere(before: string, after: string, re: RegExp): boolean {
  // Call reads (`getenv("X", d)`) may take a default; index and property reads take none.
  if (re.source.includes('\\(') && !re.source.includes('\\[') && DEFAULT_ARG.test(after)) return true;
  const rest = after.replace(READ_CLOSE, '');
  return FALLBACK_AFTER.test(rest) || GUARD_BEFORE.test(before);
}

/** Names the file tests for presence somewhere: every read of them in it is optional. */
function presenceTests(source: string, names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const tests = new RegExp(
      `["']${name}["']\\s+(?:not\\s+)?in\\s+(?:os\\.)?environ|skip\\w*\\([^)]*\\b${name}\\b|\\b${name}\\b[^\\n]*\\.skip\\b|\\.(?:skip|run)If\\([^)]*\\b${name}\\b|` +
        // A test attribute that skips without the variable: `[ApiKeyFact("X")]`, `@EnabledIfEnvironmentVariable`.
        `\\b\\w*(?:Fact|Theory|Skip|Requires|Enabled|Disabled|If)\\w*\\(\\s*(?:named\\s*=\\s*)?[^)]*["']${name}["']`,
    );
    if (tests.test(source)) out.add(name);
  }
  return out;
}

function readsInCode(relPath: string, text: string, language: Language): CodeRead[] {
  const out: CodeRead[] = [];
  const needles = NEEDLES[language];
  const sdks = SDK_READS.filter((sdk) => sdk.language === language && text.includes(needleOf(sdk.client)));
  if (!needles.some((n) => text.includes(n)) && sdks.length === 0) return out;
  if (sdks.length === 0 && !mayRead(text, language)) return out;
  const view = codeView(text.slice(0, readsEnd(text, language, sdks)), language);
  const source = view.source;
  const starts = lineStarts(source);
  const lineAt = (i: number): string =>
    source.slice(starts[i], i + 1 < starts.length ? starts[i + 1]! - 1 : source.length);
  const comment = COMMENT[language];
  for (const i of linesHolding(source, starts, needles)) {
    const line = lineAt(i);
    if (comment.test(line)) continue;
    for (const re of READS[language]) {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const name = m[1]!;
        if (
          language === 'shell' ? SHELL_BUILTINS.has(name) : view.inString(starts[i]! + m.index, line, m.index)
        )
          continue;
        const read: CodeRead = { name, path: relPath, line: i + 1, column: m.index + 1, via: 'code' };
        if (guardedHere(line.slice(0, m.index), line.slice(m.index + m[0].length), re)) read.optional = true;
        if (!/^\s/.test(line)) read.topLevel = true;
        out.push(read);
      }
    }
  }
  if (language === 'javascript' && source.includes('process.env')) {
    JS_DESTRUCTURE.lastIndex = 0;
    for (let m = JS_DESTRUCTURE.exec(source); m; m = JS_DESTRUCTURE.exec(source)) {
      const pos = positionAt(starts, m.index);
      if (view.inString(m.index, lineAt(pos.line - 1), pos.column - 1)) continue;
      for (const part of m[1]!.split(',')) {
        const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(part)?.[1];
        if (!name) continue;
        const read: CodeRead = { name, path: relPath, ...pos, via: 'code' };
        if (part.includes('=')) read.optional = true;
        if (pos.column === 1 || !/^\s/.test(lineAt(pos.line - 1))) read.topLevel = true;
        out.push(read);
      }
    }
  }
  for (const sdk of sdks) {
    sdk.call.lastIndex = 0;
    for (let m = sdk.call.exec(source); m; m = sdk.call.exec(source)) {
      const pos = positionAt(starts, m.index);
      const line = lineAt(pos.line - 1);
      if (comment.test(line) || view.inString(m.index, line, pos.column - 1)) continue;
      // `class OpenAI(SyncAPIClient):` defines the client; it does not build one.
      if (/\b(?:class|def|function|interface|type)\s+$/.test(line.slice(0, pos.column - 1))) continue;
      const args = callArguments(source, m.index + m[0].length);
      const at = {
        path: relPath,
        ...pos,
        via: 'sdk' as const,
        client: sdk.client,
        ...(/^\s/.test(line) ? {} : { topLevel: true }),
      };
      if (!sdk.keyArg.test(args)) out.push({ name: sdk.key[0]!, ...at, alternatives: sdk.key });
      for (const name of sdk.optional) out.push({ name, ...at, optional: true });
    }
  }
  // A file that handles a name's absence in one place expects it may be absent everywhere.
  const guarded = presenceTests(source, new Set(out.map((r) => r.name)));
  for (const r of out) if (r.optional && r.via === 'code') guarded.add(r.name);
  for (const r of out) if (guarded.has(r.name)) r.optional = true;
  return out;
}

function readsInTemplate(relPath: string, text: string): CodeRead[] {
  const out: CodeRead[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (m)
      out.push({ name: m[1]!, path: relPath, line: i + 1, column: line.indexOf(m[1]!) + 1, via: 'template' });
  });
  return out;
}

function readsInCompose(relPath: string, text: string): CodeRead[] {
  const parsed = parseYaml(text);
  if (!parsed.ok) return [];
  const out: CodeRead[] = [];
  for (const service of pairsOf(getIn(parsed.doc.contents, 'services'))) {
    const env = getIn(service.value, 'environment');
    for (const p of pairsOf(env))
      out.push({ name: p.key, path: relPath, line: parsed.lineOf(p.keyNode), column: 1, via: 'compose' });
    for (const item of itemsOf(env)) {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(scalarText(item) ?? '')?.[1];
      if (name) out.push({ name, path: relPath, line: parsed.lineOf(item), column: 1, via: 'compose' });
    }
  }
  return out;
}

/**
 * Every variable name one file reads, with where; SDK reads included. Run by the file pass on the
 * bytes it read for the leak scan, so no file is read twice.
 */
export function codeReadsIn(relPath: string, bytes: Buffer): CodeRead[] {
  const kind = readerKind(relPath, bytes);
  if (!kind) return [];
  const text = bytes.toString('utf8');
  if (kind === 'template') return readsInTemplate(relPath, text);
  if (kind === 'compose') return readsInCompose(relPath, text);
  return readsInCode(relPath, text, kind);
}
