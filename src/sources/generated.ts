import { kernel } from '../kernel/kernel.js';

/** A source map comment at the end of a file: the file was built from another. */
const SOURCE_MAP = /[#@] sourceMappingURL=\S+\s*$/;
/** What TypeScript and Babel put first in the CommonJS they emit. */
const TRANSPILED =
  /^(?:\s*(?:"use strict"|'use strict');?)?\s*(?:Object\.defineProperty\(exports, ["']__esModule["']|exports\.__esModule = )/;
/** Bytes per line above which a file is a bundle or a minified build, not code a person edits. */
const MINIFIED_LINE = 400;
/** Smaller files are judged on their markers only: one long line is not yet a bundle. */
const MINIFIED_MIN_BYTES = 16 * 1024;

/**
 * Whether a source file is the output of a build (a bundle, minified code, transpiled CommonJS)
 * rather than code a person writes, judged from its bytes alone: what it reads, its source reads too,
 * and where there is no source the build came from a package the project installs.
 */
export function isGeneratedCode(relPath: string, bytes: Buffer): boolean {
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 512));
  if (SOURCE_MAP.test(tail)) return true;
  if (/\.[cm]?js$/.test(relPath) && TRANSPILED.test(bytes.toString('latin1', 0, 512))) return true;
  return bytes.length >= MINIFIED_MIN_BYTES && bytes.length / (kernel().count(bytes, 10) + 1) > MINIFIED_LINE;
}
