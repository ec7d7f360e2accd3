import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { RepoFiles } from '../sources/tree.js';

/**
 * What one `run:` script provably runs of the project's code: a file (`python x.py`, `node x.js`,
 * `bash x.sh`), a module (`python -m pkg`), a console script or `bin`, an npm script or Makefile
 * target that does, or a test runner and the test files it collects. Anything else (formatters,
 * linters, builds, tools from elsewhere) runs nothing of the project's that reads a key.
 */
export type Target =
  | { kind: 'file'; path: string; how: string }
  | {
      kind: 'tests';
      runner: 'python' | 'js' | 'go' | 'rust' | 'csharp';
      dirs: string[];
      how: string;
      all: boolean;
      /** Words pytest's `-k 'not a and not b'` deselects: a test file with one in its path does not run. */
      deselect?: string[];
    };

/** The repository as this reader needs it: paths and small texts. */
export interface Tree {
  has(p: string): boolean;
  read(p: string): string | null;
  paths: readonly string[];
}

export function treeOf(files: RepoFiles): Tree {
  const set = new Set(files.files.map((f) => f.path));
  return { has: (p) => set.has(p), read: (p) => (set.has(p) ? files.readText(p) : null), paths: [...set] };
}

const MAX_DEPTH = 4;

/** Splits a script into simple commands: continuations joined, split on `&&`, `||`, `;`, `|`, newlines. */
function commands(script: string): string[] {
  // A here-document is input to its command (`python - <<EOF`), not commands of the script.
  const lines: string[] = [];
  let until: string | undefined;
  for (const line of script.split(/\r?\n/)) {
    if (until !== undefined) {
      if (line.trim() === until) until = undefined;
      continue;
    }
    lines.push(line);
    until = /<<-?\s*['"]?(\w+)['"]?/.exec(line)?.[1];
  }
  return lines
    .join('\n')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n|&&|\|\||;|\|/)
    .map((c) => c.trim())
    .filter((c) => c && !c.startsWith('#'));
}

function tokens(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Drops what only sets up the command: `VAR=x`, `env`, `sudo`, `time`, `exec`, `xvfb-run`. */
function strip(t: string[]): string[] {
  let i = 0;
  while (
    i < t.length &&
    (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t[i]!) || /^(?:env|sudo|time|exec|xvfb-run|nohup)$/.test(t[i]!))
  )
    i++;
  return t.slice(i);
}

const norm = (p: string): string =>
  path.posix
    .normalize(p)
    .replace(/^\.\/|^\.$/, '')
    .replace(/\/$/, '');

function join(cwd: string, p: string): string {
  return norm(path.posix.join(cwd || '.', p));
}

/** Runners whose flags take a value (`uv run --with x`), so the value is not taken for the command. */
const VALUE_FLAGS = new Set([
  '--with',
  '--package',
  '--group',
  '--extra',
  '--python',
  '-p',
  '--project',
  '--directory',
  '--env-file',
  '--index',
  '--index-url',
  '--frozen-with',
  '-n',
  '--name',
  '-e',
  '--env',
  '--prefix',
  '-C',
  '--dir',
  '--cwd',
]);

function skipFlags(t: string[], from: number): { i: number; dir?: string } {
  let i = from;
  let dir: string | undefined;
  while (i < t.length && t[i]!.startsWith('-')) {
    const flag = t[i]!.split('=')[0]!;
    if ((flag === '--directory' || flag === '--project') && !t[i]!.includes('=')) dir = t[i + 1];
    i += VALUE_FLAGS.has(flag) && !t[i]!.includes('=') ? 2 : 1;
  }
  return { i, dir };
}

interface Ctx {
  tree: Tree;
  cwd: string;
  depth: number;
}

function packageJson(
  tree: Tree,
  dir: string,
): { scripts?: Record<string, string>; bin?: unknown } | undefined {
  const text = tree.read(join(dir, 'package.json'));
  if (!text) return undefined;
  try {
    return JSON.parse(text) as { scripts?: Record<string, string>; bin?: unknown };
  } catch {
    return undefined;
  }
}

/** `[project.scripts]` and poetry scripts of every pyproject: console script → `pkg.mod:func`. */
function consoleScripts(tree: Tree): Map<string, { module: string; pyproject: string }> {
  const out = new Map<string, { module: string; pyproject: string }>();
  for (const p of tree.paths) {
    if (path.posix.basename(p) !== 'pyproject.toml' || p.includes('node_modules/')) continue;
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(tree.read(p) ?? '') as Record<string, unknown>;
    } catch {
      continue;
    }
    const project = doc.project as { scripts?: Record<string, unknown> } | undefined;
    const poetry = (doc.tool as { poetry?: { scripts?: Record<string, unknown> } } | undefined)?.poetry;
    for (const table of [project?.scripts, poetry?.scripts])
      for (const [name, v] of Object.entries(table ?? {}))
        if (typeof v === 'string' && !out.has(name))
          out.set(name, { module: v.split(':')[0]!, pyproject: p });
  }
  return out;
}

/** Every `bin` of every package.json: command → file. */
function bins(tree: Tree): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of tree.paths) {
    if (path.posix.basename(p) !== 'package.json' || p.includes('node_modules/')) continue;
    const dir = path.posix.dirname(p);
    const pkg = packageJson(tree, dir === '.' ? '' : dir) as { name?: string; bin?: unknown } | undefined;
    if (typeof pkg?.bin === 'string' && pkg.name)
      out.set(pkg.name.replace(/^@[^/]+\//, ''), join(dir, pkg.bin));
    else if (pkg?.bin && typeof pkg.bin === 'object')
      for (const [name, file] of Object.entries(pkg.bin as Record<string, unknown>))
        if (typeof file === 'string') out.set(name, join(dir, file));
  }
  return out;
}

/** A Python module's file in the tree: `pkg/mod.py`, `pkg/mod/__init__.py` (or `__main__.py` for `-m`). */
export function moduleFile(tree: Tree, module: string, main: boolean, near = ''): string | undefined {
  const rel = module.replace(/\./g, '/');
  const wanted = main ? [`${rel}/__main__.py`, `${rel}.py`] : [`${rel}.py`, `${rel}/__init__.py`];
  for (const w of wanted) {
    for (const base of [near, join(near, 'src'), '', 'src'])
      if (tree.has(join(base, w))) return join(base, w);
    // Deeper in a monorepo only as a package (`lib/x/src/pkg/__main__.py`): a lone `build.py` somewhere
    // is not what `python -m build` runs.
    if (!w.includes('/')) continue;
    const hit = tree.paths.find((p) => p.endsWith(`/${w}`) && !p.includes('node_modules/'));
    if (hit) return hit;
  }
  return undefined;
}

/** Modules of tools, not of the project, that `python -m` commonly runs. */
const TOOL_MODULES =
  /^(?:pip|venv|virtualenv|build|twine|mypy|ruff|black|isort|flake8|pylint|coverage|unittest|http\.server|json\.tool|ensurepip|pre_commit|tox|nox|hatch|poetry|uv|pyright|ipykernel|jupyter|nbconvert|sphinx|mkdocs|pip_audit|bandit|pydoc|compileall|zipfile|tarfile|site|timeit|cProfile)$/;

const TEST_RUNNERS: Record<string, Extract<Target, { kind: 'tests' }>['runner']> = {
  pytest: 'python',
  'py.test': 'python',
  jest: 'js',
  vitest: 'js',
  mocha: 'js',
};

function testTarget(
  runner: Extract<Target, { kind: 'tests' }>['runner'],
  args: string[],
  c: Ctx,
  how: string,
): Target {
  // Arguments that name a file or directory of the tree; others are values of flags (`-k name`).
  const exists = (a: string): boolean => {
    const p = join(c.cwd, a.replace(/::.*$/, '').replace(/\/\.\.\.$/, ''));
    return c.tree.has(p) || c.tree.paths.some((f) => f.startsWith(`${p}/`));
  };
  const paths = args.filter((a) => !a.startsWith('-') && exists(a));
  const dirs = paths.length
    ? paths.map((p) => join(c.cwd, p.replace(/::.*$/, '').replace(/\/\.\.\.$/, '')))
    : [norm(c.cwd)];
  // Integration and end-to-end suites are run on purpose, by name: a plain run leaves them out.
  const all = args.some((a) => /int|e2e|integration|live/i.test(a));
  const deselect = runner === 'python' ? deselected(args) : [];
  return { kind: 'tests', runner, dirs, how, all, ...(deselect.length ? { deselect } : {}) };
}

/**
 * The words of a pytest `-k` that only deselects, `not llm and not openai`. pytest matches them, without
 * case, in the names of a test and of its module and packages: a file whose path holds one runs none of
 * its tests. Any other expression selects in ways not followed here: nothing is deselected.
 */
function deselected(args: string[]): string[] {
  const at = args.findIndex((a) => a === '-k' || a.startsWith('-k'));
  if (at < 0) return [];
  const expr = args[at] === '-k' ? args[at + 1] : args[at]!.slice(2).replace(/^=/, '');
  if (!expr || !/^\s*not\s+\w+(?:\s+and\s+not\s+\w+)*\s*$/i.test(expr)) return [];
  return [...expr.matchAll(/\bnot\s+(\w+)/gi)].map((m) => m[1]!.toLowerCase());
}

function fileTarget(c: Ctx, p: string, how: string): Target[] {
  const file = join(c.cwd, p);
  return c.tree.has(file) ? [{ kind: 'file', path: file, how }] : [];
}

/** Targets of one tokenised command. */
function targetsOf(t0: string[], c: Ctx, how: string): Target[] {
  const t = strip(t0);
  const cmd = t[0];
  // `x = …` is an assignment of some language (a script's text), not a command.
  if (!cmd || c.depth > MAX_DEPTH || t[1] === '=') return [];
  const rest = t.slice(1);
  const base = path.posix.basename(cmd);
  // Wrappers that run the rest of the line in the project's environment.
  if (base === 'bundle' && rest[0] === 'exec') return targetsOf(rest.slice(1), c, how);
  if (base === 'ruby') {
    const { i } = skipFlags(rest, 0);
    return rest[i]?.endsWith('.rb') ? fileTarget(c, rest[i]!, how) : [];
  }
  if (/^(?:uv|poetry|pipenv|pdm|hatch|rye|conda|uvx|pixi)$/.test(base) && rest[0] === 'run') {
    const { i, dir } = skipFlags(rest, 1);
    return targetsOf(rest.slice(i), { ...c, cwd: dir ? join(c.cwd, dir) : c.cwd }, how);
  }
  if (/^python(?:\d(?:\.\d+)?)?$/.test(base)) {
    const { i } = skipFlags(rest, 0);
    const m = rest.findIndex((a) => a === '-m');
    if (m >= 0 && rest[m + 1]) {
      const module = rest[m + 1]!;
      if (TEST_RUNNERS[module]) return [testTarget('python', rest.slice(m + 2), c, how)];
      if (TOOL_MODULES.test(module)) return [];
      const file = moduleFile(c.tree, module, true, c.cwd);
      return file ? [{ kind: 'file', path: file, how }] : [];
    }
    if (rest.includes('-c')) return [];
    return rest[i]?.endsWith('.py') ? fileTarget(c, rest[i]!, how) : [];
  }
  if (TEST_RUNNERS[base]) return [testTarget(TEST_RUNNERS[base]!, rest, c, how)];
  if (/^(?:node|tsx|ts-node|bun|deno)$/.test(base)) {
    const args = base === 'deno' || (base === 'bun' && rest[0] === 'run') ? rest.slice(1) : rest;
    const { i } = skipFlags(args, 0);
    const a = args[i];
    if (a && /\.[cm]?[jt]sx?$/.test(a)) return fileTarget(c, a, how);
    if (a && base === 'bun') return npmScript(c, a, how);
    return [];
  }
  if (
    base === 'npx' ||
    base === 'pnpx' ||
    (base === 'pnpm' && rest[0] === 'exec') ||
    (base === 'yarn' && rest[0] === 'exec')
  ) {
    const args = base === 'npx' || base === 'pnpx' ? rest : rest.slice(1);
    const { i } = skipFlags(args, 0);
    return targetsOf(args.slice(i), c, how);
  }
  if (/^(?:bash|sh|zsh|source|\.)$/.test(base))
    return rest[0] && !rest[0].startsWith('-') ? fileTarget(c, rest[0], how) : [];
  if (base === 'npm' || base === 'pnpm' || base === 'yarn' || base === 'bun') {
    if (rest.some((a) => /^(?:--filter|-F|--workspace|-w|--recursive|-r|workspace|workspaces)$/.test(a)))
      return [];
    const skipped = skipFlags(rest, 0);
    const i = skipped.i;
    let dir = skipped.dir;
    const prefix = rest.findIndex((a) => a === '--prefix' || a === '-C' || a === '--dir' || a === '--cwd');
    if (prefix >= 0) dir = rest[prefix + 1];
    const cc = dir ? { ...c, cwd: join(c.cwd, dir) } : c;
    let sub = rest[i];
    if (sub === 'run' || sub === 'run-script') sub = rest[i + 1];
    else if (sub === 't' || sub === 'tst') sub = 'test';
    if (
      !sub ||
      /^(?:install|ci|i|add|exec|dlx|publish|pack|version|audit|outdated|ls|list|config|cache|link|setup|rebuild|dedupe|prune|update|up)$/.test(
        sub,
      )
    )
      return [];
    return npmScript(cc, sub, how);
  }
  if (base === 'make') {
    const { i } = skipFlags(
      rest.filter((a) => !/^[A-Z_]+=/.test(a)),
      0,
    );
    const dirAt = rest.findIndex((a) => a === '-C');
    const cc = dirAt >= 0 && rest[dirAt + 1] ? { ...c, cwd: join(c.cwd, rest[dirAt + 1]!) } : c;
    return makeTarget(
      cc,
      rest.slice(i).find((a) => !a.startsWith('-') && !a.includes('=')),
      how,
    );
  }
  if (base === 'go') {
    if (rest[0] === 'test') return [testTarget('go', rest.slice(1), c, how)];
    if (rest[0] === 'run' && rest[1]) {
      const p = join(c.cwd, rest[1]);
      if (rest[1].endsWith('.go')) return fileTarget(c, rest[1], how);
      return c.tree.paths
        .filter((f) => path.posix.dirname(f) === p && f.endsWith('.go') && !f.endsWith('_test.go'))
        .map((f) => ({ kind: 'file' as const, path: f, how }));
    }
    return [];
  }
  if (base === 'cargo' && rest[0] === 'test') return [testTarget('rust', rest.slice(1), c, how)];
  if (base === 'dotnet' && rest[0] === 'test') return [testTarget('csharp', rest.slice(1), c, how)];
  // A file run by path (`./scripts/check.sh`, `scripts/run.py`).
  if (/\.(?:py|sh|bash|[cm]?[jt]s|rb)$/.test(cmd) && cmd.includes('/')) return fileTarget(c, cmd, how);
  const script = consoleScripts(c.tree).get(cmd);
  if (script) {
    const file = moduleFile(c.tree, script.module, false, path.posix.dirname(script.pyproject));
    return file ? [{ kind: 'file', path: file, how }] : [];
  }
  const bin = bins(c.tree).get(cmd);
  return bin && c.tree.has(bin) ? [{ kind: 'file', path: bin, how }] : [];
}

function npmScript(c: Ctx, name: string, how: string): Target[] {
  const script = packageJson(c.tree, c.cwd)?.scripts?.[name];
  if (!script) return [];
  return scriptTargets(script, { ...c, depth: c.depth + 1 }, `${how} → \`${name}\`: ${clip(script)}`);
}

/** The recipe of a Makefile target (the first one when none is named), without its `@` and `-`. */
function makeTarget(c: Ctx, name: string | undefined, how: string): Target[] {
  const text = c.tree.read(join(c.cwd, 'Makefile')) ?? c.tree.read(join(c.cwd, 'makefile'));
  if (!text) return [];
  const lines = text.split('\n');
  const head = lines.findIndex((l) =>
    name
      ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:(?!=)`).test(l)
      : /^[A-Za-z0-9_.-]+\s*:(?!=)/.test(l) && !l.startsWith('.'),
  );
  if (head < 0) return [];
  const recipe: string[] = [];
  for (const l of lines.slice(head + 1)) {
    if (!l.startsWith('\t')) break;
    recipe.push(l.slice(1).replace(/^[@-]+/, ''));
  }
  const target = name ?? lines[head]!.split(':')[0]!;
  return scriptTargets(recipe.join('\n'), { ...c, depth: c.depth + 1 }, `${how} → make target \`${target}\``);
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `\`${one.length > 60 ? `${one.slice(0, 57)}…` : one}\``;
}

function scriptTargets(script: string, c: Ctx, how: string): Target[] {
  const out: Target[] = [];
  let cwd = c.cwd;
  for (const command of commands(script)) {
    const t = tokens(command);
    if (t[0] === 'cd' && t[1] && !t[1].includes('$')) {
      cwd = join(cwd, t[1]);
      continue;
    }
    out.push(...targetsOf(t, { ...c, cwd }, how || clip(command)));
  }
  return out;
}

/** What a `run:` script runs of the project, from `cwd` (the step's working directory). */
export function runTargets(tree: Tree, script: string, cwd: string): Target[] {
  return scriptTargets(script, { tree, cwd: norm(cwd), depth: 0 }, '');
}
