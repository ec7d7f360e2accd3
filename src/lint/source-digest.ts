import { NeedleSearch } from '../detect/needles.js';
import type { Location } from '../finding.js';
import { analyzeSource, type CodeHit, type SdkCall } from './code.js';
import { lex, type SourceLanguage } from './lexer.js';
import type { Ecosystem } from './manifests.js';
import { isVendored } from '../sources/vendored.js';

const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  py: 'python',
  pyw: 'python',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'js',
  ts: 'js',
  mts: 'js',
  cts: 'js',
  tsx: 'js',
};

/** Source files bigger than this are generated or bundled: not where a model name is chosen. */
const MAX_SOURCE_BYTES = 1024 * 1024;
/**
 * Cheap gate before decoding and lexing: a file that never names a provider has nothing for the
 * lint. Byte searches cover openai/OpenAI/OPENAI and anthropic/Anthropic/ANTHROPIC.
 */
const PREFILTER = new NeedleSearch(
  ['penai', 'PENAI', 'nthropic', 'NTHROPIC'].map((text) => ({ text, caseless: false })),
);

function namesProvider(buf: Buffer): boolean {
  return PREFILTER.in(buf);
}

/** Longest line a person writes; a longer one in the first 64 KiB marks a bundle or minified output. */
const MAX_HANDWRITTEN_LINE = 2000;

function looksGenerated(buf: Buffer): boolean {
  const head = buf.subarray(0, 64 * 1024);
  let start = 0;
  for (let nl = head.indexOf(10); ; nl = head.indexOf(10, start)) {
    const end = nl === -1 ? head.length : nl;
    if (end - start > MAX_HANDWRITTEN_LINE) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

function languageOf(rel: string): SourceLanguage | undefined {
  const dot = rel.lastIndexOf('.');
  // Vendored code is not where the project chooses its models or builds its headers.
  if (dot === -1 || isVendored(rel)) return undefined;
  return LANGUAGES[rel.slice(dot + 1).toLowerCase()];
}

/** A problem found in a source file, placed in it. */
export interface LocatedHit extends Omit<CodeHit, 'offset' | 'endOffset'> {
  location: Location;
}

/** A call written for one major of the openai SDK, placed in its file. */
export interface LocatedSdkCall extends Omit<SdkCall, 'offset'> {
  location: Location;
}

/**
 * What the code lint needs of one source file, as plain data: computed by the file pass (in a
 * scanning thread, on the bytes it read for the leak scan), turned into findings by the lint check,
 * which alone knows the manifests that govern the file.
 */
export interface SourceDigest {
  ecosystem: Ecosystem;
  hits: LocatedHit[];
  sdkCalls: LocatedSdkCall[];
  /** Model-shaped literals in the order they appear. */
  models: Array<{ name: string; line: number }>;
}

/** The lint's view of one file; undefined for a file it has nothing to say about. */
/** The language of a source file the lint reads, when it may hold anything for it (a cheap look). */
function lintedLanguage(relPath: string, bytes: Buffer): SourceLanguage | undefined {
  const language = languageOf(relPath);
  if (!language || bytes.length > MAX_SOURCE_BYTES || !namesProvider(bytes) || looksGenerated(bytes))
    return undefined;
  return language;
}

/** Whether `sourceDigest` could find anything in this file: no decoding, no lexing. */
export function mayDigest(relPath: string, bytes: Buffer): boolean {
  return lintedLanguage(relPath, bytes) !== undefined;
}

export function sourceDigest(relPath: string, bytes: Buffer, today: Date): SourceDigest | undefined {
  const language = lintedLanguage(relPath, bytes);
  if (!language) return undefined;
  const src = lex(language, bytes.toString('utf8'));
  const analysis = analyzeSource(language, src, today);
  if (analysis.providers.size === 0) return undefined;
  const at = (offset: number): Location => {
    const p = src.position(offset);
    return { path: relPath, line: p.line, column: p.column };
  };
  return {
    ecosystem: language === 'python' ? 'python' : 'node',
    hits: analysis.hits.map(({ offset, endOffset, ...hit }) => {
      const location = at(offset);
      if (endOffset !== undefined) {
        const end = src.position(endOffset);
        if (end.line === location.line) location.endColumn = end.column;
      }
      return { ...hit, location };
    }),
    sdkCalls: analysis.sdkCalls.map(({ offset, ...call }) => ({ ...call, location: at(offset) })),
    models: analysis.models.map((m) => ({ name: m.name, line: src.position(m.offset).line })),
  };
}
