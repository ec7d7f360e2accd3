import { NeedleSearch } from '../detect/needles.js';
import { isVendored } from '../sources/vendored.js';
import type { SourceLanguage } from './lexer.js';

// Whether the lint may find anything in a file, from its name and bytes alone: what the scanning
// threads ask of every file, kept apart from the lint itself so they need not load it.

export function isModelConfig(relPath: string): boolean {
  return (
    /\.ya?ml$/i.test(relPath) &&
    !/(?:^|\/)(?:pnpm-lock|yarn|conda-lock)\.ya?ml$|\.lock\.ya?ml$/i.test(relPath)
  );
}

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
const PROVIDER_LITERALS: readonly string[] = ['penai', 'PENAI', 'nthropic', 'NTHROPIC'];
const PREFILTER = new NeedleSearch(PROVIDER_LITERALS.map((text) => ({ text, caseless: false })));

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

/** The language of a source file the lint reads, when it may hold anything for it (a cheap look). */
export function lintedLanguage(relPath: string, bytes: Buffer): SourceLanguage | undefined {
  const language = languageOf(relPath);
  if (!language || !namesProvider(bytes)) return undefined;
  // A notebook's outputs (images, long tables) are not its code: only the size of a file read whole bounds it.
  if (isNotebook(relPath)) return bytes.length > MAX_NOTEBOOK_BYTES ? undefined : language;
  if (bytes.length > MAX_SOURCE_BYTES || looksGenerated(bytes)) return undefined;
  return language;
}

const MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024;

export function isNotebook(relPath: string): boolean {
  return relPath.toLowerCase().endsWith('.ipynb');
}

/** Whether `sourceDigest` could find anything in this file: no decoding, no lexing. */
export function mayDigest(relPath: string, bytes: Buffer): boolean {
  return lintedLanguage(relPath, bytes) !== undefined || lintedConfig(relPath, bytes);
}

export function lintedConfig(relPath: string, bytes: Buffer): boolean {
  return (
    isModelConfig(relPath) && !isVendored(relPath) && bytes.length <= MAX_SOURCE_BYTES && namesProvider(bytes)
  );
}

/** The literals one of which a file at `relPath` must hold for the lint; undefined when its name rules it out. */
export function lintLiteralsFor(relPath: string): readonly string[] | undefined {
  return languageOf(relPath) || (isModelConfig(relPath) && !isVendored(relPath))
    ? PROVIDER_LITERALS
    : undefined;
}
