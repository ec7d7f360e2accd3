import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { Finding } from '../finding.js';
import { isPlaceholder } from '../detect/placeholders.js';
import { git } from '../sources/git.js';
import type { RepoFiles } from '../sources/tree.js';
import type { CodeRead } from './code-names.js';
import { at, wiringFinding } from './make-finding.js';
import { isSecretLikeName } from './names.js';
import { mayLoadDotenv } from './dotenv-gate.js';

export { mayLoadDotenv } from './dotenv-gate.js';

/** `.env`, `.env.local`, `.env.production`… but not the templates meant to be committed. */
const ENV_FILE = /^\.env(?:\.[\w-]+)*$/;
const TEMPLATE = /\.(?:example|sample|template|tmpl|tpl|dist|default|defaults)$/;
/**
 * Code that loads a `.env` file: the loaders' calls and the `dotenv` package by its exact name. A
 * module of the project's own that happens to be called `dotenv.ts` (`./dotenv`) is not one, nor is
 * the word in a string.
 */
const LOADS_DOTENV =
  /\b(?:load_dotenv|dotenv_values|find_dotenv)\s*\(|^\s*(?:from\s+dotenv\s+import|import\s+dotenv\b)|(?:from\s*|require\s*\(\s*|import\s*\(?\s*)['"]dotenv(?:\/config)?['"]|\bdotenv\.config\s*\(|\bgodotenv\.(?:Load|Overload|Read)\s*\(|\bDotenv\.(?:load|overload)\b|^\s*require\s+['"]dotenv/m;
/** Where a code file loads a `.env` file (1-based line), if it does. */
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
  // In the index, or in the commit checked out: a file HEAD holds is committed whatever the index says.
  const index = git(root, ['ls-files', '-z', '--cached', '--', ...paths]);
  const head = git(root, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', ...paths]);
  return new Set([index, head].flatMap((r) => (r.ok ? r.stdout.split('\0').filter(Boolean) : [])));
}

/** What a `.env` file holds, by name: secrets set to a value, and everything else. */
function envContents(text: string): { secrets: string[]; settings: string[] } {
  const secrets: string[] = [];
  const settings: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2]!
      .replace(/\s+#.*$/, '')
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2');
    if (!value) continue;
    const secret =
      isSecretLikeName(m[1]!) && !isPlaceholder(value) && !/^(?:https?:|\/|\d+$|true$|false$)/i.test(value);
    (secret ? secrets : settings).push(m[1]!);
  }
  return { secrets, settings };
}

function listed(names: string[]): string {
  const shown = names.slice(0, 6).map((n) => `\`${n}\``);
  return names.length > 6 ? `${shown.join(', ')} and ${names.length - 6} more` : shown.join(', ');
}

/**
 * Whether `.gitignore` rules ignore `rel` (relative to the scanned root). In a git work tree git
 * itself answers (every `.gitignore` up to the repository's root, `info/exclude`; not a user's
 * global excludes, which keylint's git never reads); elsewhere, the `.gitignore` files from the scanned root down to the file's directory.
 */
function isIgnored(files: RepoFiles, rel: string): { ignored: boolean; anyRules: boolean } {
  if (files.isGit) {
    const r = git(files.root, ['check-ignore', '-q', '--no-index', '--', rel]);
    if (r.ok) return { ignored: true, anyRules: true };
    if (!r.error)
      return {
        ignored: false,
        anyRules: files.files.some((f) => path.posix.basename(f.path) === '.gitignore'),
      };
  }
  let anyRules = false;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    let text: string;
    try {
      text = readFileSync(path.join(files.root, dir, '.gitignore'), 'utf8');
    } catch {
      continue;
    }
    anyRules = true;
    if (ignore().add(text).ignores(parts.slice(i).join('/'))) return { ignored: true, anyRules };
  }
  return { ignored: false, anyRules };
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
    if (!tracked.has(p)) continue;
    // An empty file, or one of settings only, holds nothing to rotate.
    const held = envContents(files.readText(p) ?? '');
    if (held.secrets.length === 0) continue;
    const also = held.settings.length ? `, besides settings (${listed(held.settings)})` : '';
    out.push(
      wiringFinding('wiring/env-file-tracked', {
        message: `${p} is tracked by git and sets ${listed(held.secrets)}${also}: every clone and every fork gets those values.`,
        fix: `Run \`git rm --cached ${p}\`, add \`.env\` to .gitignore, and rotate ${held.secrets.length > 1 ? 'the keys' : 'the key'} it holds (${listed(held.secrets)}).`,
        location: at(p, 1),
        subject: [p],
        facts: { names: held.secrets.join(',') },
      }),
    );
  }
  const untracked = envFiles.filter((p) => !tracked.has(p));
  const why = untracked[0] ? { path: untracked[0], line: 1 } : envUse(reads, load);
  if (!why || (envFiles.length > 0 && untracked.length === 0)) return out;
  // The file a `git add .` would pick up: the untracked one, or a `.env` beside the template, or at the root.
  const probe =
    untracked[0] ??
    (why.path !== load?.path ? path.posix.join(path.posix.dirname(why.path), '.env') : '.env');
  const { ignored, anyRules } = isIgnored(files, probe);
  if (ignored) return out;
  const place = anyRules ? `.gitignore does not ignore \`${probe}\`` : 'The repository has no .gitignore';
  const reason = untracked[0]
    ? `${untracked[0]} is not ignored: the next \`git add .\` commits it`
    : `the project uses a \`.env\` file (${why.path}:${why.line}), and a local one would be committed by the next \`git add .\``;
  const hasRoot = files.readText('.gitignore') !== null;
  out.push(
    wiringFinding('wiring/env-not-ignored', {
      message: `${place}: ${reason}.`,
      location: hasRoot ? at('.gitignore', 1) : at(why.path, why.line),
      subject: ['.gitignore'],
    }),
  );
  return out;
}
