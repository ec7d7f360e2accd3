import path from 'node:path';
import ignore from 'ignore';
import { ByteNeedle } from '../detect/needles.js';
import type { Finding } from '../finding.js';
import { spawnGitSync } from '../sources/git-process.js';
import type { RepoFiles } from '../sources/tree.js';
import { isVendored } from '../sources/vendored.js';
import type { CodeRead } from './code-names.js';
import { at, wiringFinding } from './make-finding.js';

/** `.env`, `.env.local`, `.env.production`… but not the templates meant to be committed. */
const ENV_FILE = /^\.env(?:\.[\w-]+)*$/;
const TEMPLATE = /\.(?:example|sample|template|dist|defaults)$/;
/** Code that loads a `.env` file. */
const LOADS_DOTENV = /\b(?:load_dotenv|dotenv|godotenv|Dotenv)\b/;
/** A byte every spelling above contains: files without it are not decoded. */
const DOTENV_BYTES = new ByteNeedle('otenv');
const DOTENV_CODE = /\.(?:py|[cm]?[jt]sx?|go|rb)$/;
const DOTENV_MAX_BYTES = 256 * 1024;

/** Where a code file loads a `.env` file (1-based line), if it does. */
/** Whether `dotenvLoadLine` could find a loader in this file: no decoding. */
export function mayLoadDotenv(relPath: string, bytes: Buffer): boolean {
  return (
    DOTENV_CODE.test(relPath) &&
    !isVendored(relPath) && // the dotenv package itself, and code that is not the project's
    bytes.length <= DOTENV_MAX_BYTES &&
    DOTENV_BYTES.in(bytes)
  );
}

export function dotenvLoadLine(relPath: string, bytes: Buffer): number | undefined {
  if (!mayLoadDotenv(relPath, bytes)) return undefined;
  const text = bytes.toString('utf8');
  const i = text.search(LOADS_DOTENV);
  return i < 0 ? undefined : text.slice(0, i).split('\n').length;
}

/** The first file, in listing order, that loads a `.env` file. */
export interface DotenvLoad {
  path: string;
  line: number;
}

function isEnvFile(p: string): boolean {
  const base = path.posix.basename(p);
  return ENV_FILE.test(base) && !TEMPLATE.test(base);
}

function trackedPaths(root: string, paths: string[]): Set<string> {
  if (paths.length === 0) return new Set();
  try {
    const r = spawnGitSync(root, ['ls-files', '-z', '--cached', '--', ...paths], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (r.status !== 0) return new Set();
    return new Set(r.stdout.split('\0').filter(Boolean));
  } catch {
    return new Set();
  }
}

/**
 * Why this repository should ignore `.env`: it ships a `.env` template or loads a `.env` file. Reading
 * a key from the environment alone is not a reason: CI and most platforms inject variables directly.
 */
function envUse(reads: readonly CodeRead[], load: DotenvLoad | undefined): DotenvLoad | undefined {
  const template = reads.find((r) => r.via === 'template');
  if (template) return { path: template.path, line: 1 };
  return load;
}

export function dotenvFindings(
  files: RepoFiles,
  reads: readonly CodeRead[],
  load: DotenvLoad | undefined,
): Finding[] {
  const out: Finding[] = [];
  const envFiles = files.files.filter((f) => isEnvFile(f.path)).map((f) => f.path);
  const tracked = files.isGit ? trackedPaths(files.root, envFiles) : new Set<string>();
  for (const p of envFiles) {
    if (tracked.has(p))
      out.push(
        wiringFinding('wiring/env-file-tracked', {
          message: `${p} is tracked by git: every clone and every fork gets the values in it.`,
          fix: `Run \`git rm --cached ${p}\`, add \`.env\` to .gitignore, and rotate every key it held.`,
          location: at(p, 1),
          subject: [p],
        }),
      );
  }
  const gitignore = files.readText('.gitignore');
  const ignores = gitignore !== null && ignore().add(gitignore).ignores('.env');
  if (ignores) return out;
  const untracked = envFiles.filter((p) => !tracked.has(p));
  const why = untracked[0] ? { path: untracked[0], line: 1 } : envUse(reads, load);
  if (!why || (envFiles.length > 0 && untracked.length === 0)) return out;
  const place = gitignore === null ? 'The repository has no .gitignore' : '.gitignore does not ignore `.env`';
  const reason = untracked[0]
    ? `${untracked[0]} is not ignored: the next \`git add .\` commits it`
    : `the project uses a \`.env\` file (${why.path}:${why.line}), and a local one would be committed by the next \`git add .\``;
  out.push(
    wiringFinding('wiring/env-not-ignored', {
      message: `${place}: ${reason}.`,
      location: gitignore === null ? at(why.path, why.line) : at('.gitignore', 1),
      subject: ['.gitignore'],
    }),
  );
  return out;
}
