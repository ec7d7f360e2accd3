import { NeedleSearch } from '../detect/needles.js';
import { isVendored } from '../sources/vendored.js';

// Whether a file may load a `.env` file, from its name and bytes alone: kept apart from the loader's
// reading (dotenv.ts) so the scanning threads need not load it.

/** A byte every spelling of a `.env` loader contains (see dotenv.ts): files without it are not decoded. */
const DOTENV_LITERALS: readonly string[] = ['otenv'];
const DOTENV_BYTES = new NeedleSearch([{ text: DOTENV_LITERALS[0]!, caseless: false }]);
const DOTENV_CODE = /\.(?:py|[cm]?[jt]sx?|go|rb)$/;
const DOTENV_MAX_BYTES = 256 * 1024;

/** Whether `dotenvLoadLine` could find a loader in this file: no decoding. */
export function mayLoadDotenv(relPath: string, bytes: Buffer): boolean {
  return (
    DOTENV_CODE.test(relPath) &&
    !isVendored(relPath) && // the dotenv package itself, and code that is not the project's
    bytes.length <= DOTENV_MAX_BYTES &&
    DOTENV_BYTES.in(bytes)
  );
}

/** The literal a file at `relPath` must hold to load a `.env` file; undefined when its name rules it out. */
export function dotenvLiteralsFor(relPath: string): readonly string[] | undefined {
  return DOTENV_CODE.test(relPath) && !isVendored(relPath) ? DOTENV_LITERALS : undefined;
}
