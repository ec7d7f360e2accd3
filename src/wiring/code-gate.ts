import path from 'node:path';
import { innermost, NeedleSearch } from '../detect/needles.js';
import { isGeneratedCode } from '../sources/generated.js';
import { isVendored } from '../sources/vendored.js';
import { SDK_READS, type Language } from './sdk-reads.js';

// Whether a file may read a variable, from its name and bytes alone: what the scanning threads ask
// of every file, kept apart from the reader itself (its lexer and YAML) so they need not load it.

const LANGUAGE_BY_EXT: Record<string, Language> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'javascript',
  '.mts': 'javascript',
  '.cts': 'javascript',
  '.tsx': 'javascript',
  '.go': 'go',
  '.rb': 'ruby',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.cs': 'csharp',
  '.java': 'java',
  '.kt': 'java',
  '.kts': 'java',
  '.rs': 'rust',
};

/** A line holds a read only if it holds one of these: the regexes run only on such lines. */
export const NEEDLES: Record<Language, readonly string[]> = {
  python: ['environ', 'getenv'],
  javascript: ['.env'],
  go: ['Getenv', 'LookupEnv'],
  ruby: ['ENV'],
  shell: ['$'],
  csharp: ['GetEnvironmentVariable'],
  java: ['getenv'],
  rust: ['env::var', 'env!'],
};

/** The literal core of a client constructor (`OpenAI`, `genai.Client`), to skip files that never name it. */
export function needleOf(client: string): string {
  return client.replace(/^new\s+/, '').replace(/\(\)$/, '');
}

/**
 * The literal part of every read pattern, where it is narrower than the line needle: `.env` is
 * everywhere in JavaScript (`options.env`), the objects it reads from are not.
 */
export const READ_LITERALS: Record<Language, readonly string[]> = {
  ...NEEDLES,
  javascript: ['process.env', 'import.meta.env', 'Deno.env'],
};

/** One value per language, in the order `NEEDLES` lists them. */
function byLanguage<T>(value: (language: Language) => T): Record<Language, T> {
  const out = {} as Record<Language, T>;
  for (const language of Object.keys(NEEDLES) as Language[]) out[language] = value(language);
  return out;
}

/**
 * Per language, the bytes a file must hold to read a variable: a read's literal or an SDK client's,
 * all looked for in one pass.
 */
const BYTE_LITERALS: Record<Language, readonly string[]> = byLanguage((language) =>
  innermost([
    ...READ_LITERALS[language],
    ...SDK_READS.filter((sdk) => sdk.language === language).map((sdk) => needleOf(sdk.client)),
  ]),
);

const BYTE_NEEDLES = byLanguage(
  (language) => new NeedleSearch(BYTE_LITERALS[language].map((text) => ({ text, caseless: false }))),
);

const TEMPLATE_FILE =
  /^(?:\.env(?:\.[\w-]+)*\.(?:example|sample|template|dist|defaults)|(?:example|sample)\.env)$/;
const COMPOSE_FILE = /^(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/;

/** Code files bigger than this are bundles or generated: not where a person wrote an env read. */
const MAX_CODE_BYTES = 1024 * 1024;

function kindByName(relPath: string): Language | 'template' | 'compose' | undefined {
  const base = path.posix.basename(relPath);
  const language = LANGUAGE_BY_EXT[path.posix.extname(relPath).toLowerCase()];
  return TEMPLATE_FILE.test(base) ? 'template' : COMPOSE_FILE.test(base) ? 'compose' : language;
}

/**
 * The literals one of which a file at `relPath` must hold to read a variable: undefined when its
 * name rules it out, null when its name alone makes it a reader (a `.env` template, a compose file).
 */
export function readLiteralsFor(relPath: string): readonly string[] | null | undefined {
  const kind = kindByName(relPath);
  if (!kind) return undefined;
  return kind === 'template' || kind === 'compose' ? null : BYTE_LITERALS[kind];
}

/** What a file is to this reader, when it may read a variable at all (a cheap look at name and bytes). */
export function readerKind(relPath: string, bytes: Buffer): Language | 'template' | 'compose' | undefined {
  const kind = kindByName(relPath);
  // Vendored code reads what its authors chose, not what the project must be given.
  if (!kind || bytes.length > MAX_CODE_BYTES || isVendored(relPath)) return undefined;
  if (kind === 'template' || kind === 'compose') return kind;
  // Most code reads no variable: it is not decoded at all. A build's output (a bundle, transpiled
  // CommonJS) reads what its source reads: it is not lexed either.
  if (!BYTE_NEEDLES[kind].in(bytes) || isGeneratedCode(relPath, bytes)) return undefined;
  return kind;
}

/** Whether `codeReadsIn` could find anything in this file: no decoding, no lexing. */
export function mayReadNames(relPath: string, bytes: Buffer): boolean {
  return readerKind(relPath, bytes) !== undefined;
}
