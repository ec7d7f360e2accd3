import { NeedleSearch } from '../detect/needles.js';
import type { Location } from '../finding.js';
import { analyzeSource, type CodeHit, type SdkCall } from './code.js';
import { lex, type SourceLanguage } from './lexer.js';
import type { Ecosystem } from './manifests.js';
import { isVendored } from '../sources/vendored.js';
import { looksMocked } from './test-files.js';
import { notebookCode } from './notebook.js';
import { configModelHits, isModelConfig } from './config-models.js';
import { lineStarts, positionAt } from '../text/positions.js';

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
  ipynb: 'python',
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
  /** The file answers its own requests (HTTP mocks, cassettes, a client on localhost). */
  mocked?: true;
}

/** The lint's view of one file; undefined for a file it has nothing to say about. */
/** The language of a source file the lint reads, when it may hold anything for it (a cheap look). */
function lintedLanguage(relPath: string, bytes: Buffer): SourceLanguage | undefined {
  const language = languageOf(relPath);
  if (!language || !namesProvider(bytes)) return undefined;
  // A notebook's outputs (images, long tables) are not its code: only the size of a file read whole bounds it.
  if (isNotebook(relPath)) return bytes.length > MAX_NOTEBOOK_BYTES ? undefined : language;
  if (bytes.length > MAX_SOURCE_BYTES || looksGenerated(bytes)) return undefined;
  return language;
}

const MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024;

function isNotebook(relPath: string): boolean {
  return relPath.toLowerCase().endsWith('.ipynb');
}

/** Whether `sourceDigest` could find anything in this file: no decoding, no lexing. */
export function mayDigest(relPath: string, bytes: Buffer): boolean {
  return lintedLanguage(relPath, bytes) !== undefined || lintedConfig(relPath, bytes);
}

function lintedConfig(relPath: string, bytes: Buffer): boolean {
  return (
    isModelConfig(relPath) && !isVendored(relPath) && bytes.length <= MAX_SOURCE_BYTES && namesProvider(bytes)
  );
}

/** A YAML config's models (promptfoo, LiteLLM, workflow run lines), placed in the file. */
function configDigest(relPath: string, bytes: Buffer, today: Date): SourceDigest | undefined {
  const text = bytes.toString('utf8');
  const { hits, models } = configModelHits(relPath, text, today);
  if (hits.length === 0 && models.length === 0) return undefined;
  let starts: number[] | undefined;
  const at = (offset: number): Location => {
    const p = positionAt((starts ??= lineStarts(text)), offset);
    return { path: relPath, line: p.line, column: p.column };
  };
  return {
    ecosystem: 'python',
    hits: hits.map(({ offset, endOffset, ...hit }) => {
      const location = at(offset);
      if (endOffset !== undefined) location.endColumn = location.column + (endOffset - offset);
      return { ...hit, location };
    }),
    sdkCalls: [],
    models: models.map((m) => ({ name: m.name, line: at(m.offset).line })),
  };
}

export function sourceDigest(relPath: string, bytes: Buffer, today: Date): SourceDigest | undefined {
  if (lintedConfig(relPath, bytes)) return configDigest(relPath, bytes, today);
  const language = lintedLanguage(relPath, bytes);
  if (!language) return undefined;
  const text = isNotebook(relPath) ? notebookCode(bytes.toString('utf8')) : bytes.toString('utf8');
  if (text === undefined) return undefined;
  const src = lex(language, text);
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
    ...(looksMocked(src.code) ? { mocked: true as const } : {}),
  };
}
