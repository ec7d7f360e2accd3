import type { Location } from '../finding.js';
import { analyzeSource, type CodeHit, type SdkCall } from './code.js';
import { lex } from './lexer.js';
import type { Ecosystem } from './manifests.js';
import { looksMocked } from './test-files.js';
import { notebookCode } from './notebook.js';
import { configModelHits } from './config-models.js';
import { isNotebook, lintedConfig, lintedLanguage } from './digest-gate.js';

export { mayDigest } from './digest-gate.js';
import { lineStarts, positionAt } from '../text/positions.js';

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

/** The lint's view of one file; undefined for a file it has nothing to say about. */
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
