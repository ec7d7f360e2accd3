import path from 'node:path';
import type { CodeRead } from './code-names.js';
import type { Target, Tree } from './step-runs.js';

/** A read a step provably runs, and through what: the step's target and, for an import, the entry file. */
export interface ReachedRead {
  read: CodeRead;
  target: Target;
  /** The file the step runs, when the read is in a module that file imports. */
  entry?: string;
}

/** How far imports are followed from one entry file: enough for an application, bounded for a monorepo. */
const MAX_MODULES = 300;

/**
 * A test file that mocks the provider, records its HTTP, or sets the variable itself needs no key from
 * the job: its reads do not make the job need one.
 */
const MOCKS =
  /\b(?:respx|httpx_mock|pytest_httpx|requests_mock|responses\.(?:add|activate)|vcr|cassette|mock\.patch|patch\.object|MagicMock|AsyncMock|monkeypatch|mocker|unittest\.mock|nock|msw|setupServer|vi\.mock|jest\.mock|vi\.fn|jest\.fn|vi\.spyOn|jest\.spyOn|vi\.stubEnv|sinon|fetchMock|MockLanguageModel\w*|TestModel|FunctionModel|httptest|Moq|WireMock|mockito|setenv|Setenv|SetEnvironmentVariable)\b|\benviron\[[^\]]+\]\s*=(?!=)|process\.env\.\w+\s*=(?!=)|process\.env\[[^\]]+\]\s*=(?!=)/;

const TEST_FILE: Record<Extract<Target, { kind: 'tests' }>['runner'], RegExp> = {
  python: /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/,
  js: /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$)/,
  go: /_test\.go$/,
  rust: /(?:^|\/)tests?\/.*\.rs$/,
  csharp: /(?:^|\/)[^/]*tests?[^/]*\/.*\.cs$/i,
};

/**
 * Line ranges (1-based, inclusive) of the Python test functions and classes that always skip:
 * decorated `@pytest.mark.skip(…)` or `@unittest.skip(…)`, not `skipif`. Their reads never run.
 */
function alwaysSkipped(text: string): Array<[number, number]> {
  if (!/\.skip\b/.test(text)) return [];
  const lines = text.split('\n');
  const out: Array<[number, number]> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*@(?:pytest\.mark|unittest)\.skip\b(?!if)/.test(lines[i]!)) continue;
    let def = i;
    while (def < lines.length && !/^\s*(?:async\s+def|def|class)\b/.test(lines[def]!)) def++;
    if (def === lines.length) break;
    const indent = /^\s*/.exec(lines[def]!)![0].length;
    let end = def + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || /^\s*/.exec(lines[end]!)![0].length > indent))
      end++;
    out.push([i + 1, end]);
    i = end - 1;
  }
  return out;
}

/** Suites a plain run of the runner leaves out by convention: run by name when wanted. */
const SEPARATE_SUITE = /(?:^|[/._-])(?:int|integration|e2e|live|manual|benchmarks?|examples?)(?:[/._-]|$)/i;

/** A C# file that declares tests, not a helper beside them. */
const CS_TEST = /\[(?:\w*Fact|\w*Theory|Test|TestMethod|TestCase)\b/;

const within = (file: string, dir: string): boolean => !dir || file === dir || file.startsWith(`${dir}/`);

export class Reach {
  private readonly pyModules = new Map<string, string[]>();
  private readonly closures = new Map<string, string[]>();
  private readonly mocked = new Map<string, boolean>();
  private readonly skipped = new Map<string, Array<[number, number]>>();

  constructor(
    private readonly tree: Tree,
    private readonly readsByPath: ReadonlyMap<string, readonly CodeRead[]>,
  ) {
    for (const p of tree.paths) {
      if (!p.endsWith('.py') || p.includes('node_modules/')) continue;
      const last =
        path.posix.basename(p) === '__init__.py'
          ? path.posix.basename(path.posix.dirname(p))
          : path.posix.basename(p, '.py');
      const list = this.pyModules.get(last);
      if (list) list.push(p);
      else this.pyModules.set(last, [p]);
    }
  }

  /**
   * The reads a target provably runs. Optional ones (a default, a guard) are kept for the messages of
   * other rules; a job needs to provide only the others.
   */
  readsOf(target: Target): ReachedRead[] {
    const out: ReachedRead[] = [];
    if (target.kind === 'file') {
      for (const r of this.readsByPath.get(target.path) ?? []) out.push({ read: r, target });
      for (const file of this.imports(target.path))
        for (const r of this.readsByPath.get(file) ?? [])
          if (r.topLevel) out.push({ read: r, target, entry: target.path });
      return out;
    }
    for (const [file, reads] of this.readsByPath) {
      if (!TEST_FILE[target.runner].test(file) || !target.dirs.some((d) => within(file, d))) continue;
      if (!target.all && SEPARATE_SUITE.test(file)) continue;
      if (target.deselect?.some((w) => file.toLowerCase().includes(w))) continue;
      if (target.runner === 'csharp' && !CS_TEST.test(this.tree.read(file) ?? '')) continue;
      if (this.isMocked(file)) continue;
      const skipped = target.runner === 'python' ? this.alwaysSkippedIn(file) : [];
      for (const r of reads)
        if ((r.via === 'code' || r.via === 'sdk') && !skipped.some(([a, b]) => r.line >= a && r.line <= b))
          out.push({ read: r, target });
    }
    return out;
  }

  /** A Python test file's always-skipped lines, found once however many jobs run it. */
  private alwaysSkippedIn(file: string): Array<[number, number]> {
    let ranges = this.skipped.get(file);
    if (ranges === undefined) this.skipped.set(file, (ranges = alwaysSkipped(this.tree.read(file) ?? '')));
    return ranges;
  }

  /** A test file that mocks, or whose `conftest.py` above it does. */
  private isMocked(file: string): boolean {
    const known = this.mocked.get(file);
    if (known !== undefined) return known;
    const texts = [this.tree.read(file) ?? ''];
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      const conftest = this.tree.read(dir === '.' ? 'conftest.py' : `${dir}/conftest.py`);
      if (conftest) texts.push(conftest);
      if (dir === '.' || dir === '/') break;
    }
    const mocked = texts.some((t) => MOCKS.test(t));
    this.mocked.set(file, mocked);
    return mocked;
  }

  /** The project's modules an entry file imports at its top level, transitively (bounded). */
  private imports(entry: string): string[] {
    const cached = this.closures.get(entry);
    if (cached) return cached;
    const seen = new Set([entry]);
    const queue = [entry];
    while (queue.length && seen.size < MAX_MODULES) {
      const file = queue.shift()!;
      const text = this.tree.read(file);
      if (!text) continue;
      const found = file.endsWith('.py') ? this.pythonImports(file, text) : this.jsImports(file, text);
      for (const f of found)
        if (!seen.has(f) && seen.size < MAX_MODULES) {
          seen.add(f);
          queue.push(f);
        }
    }
    seen.delete(entry);
    const out = [...seen];
    this.closures.set(entry, out);
    return out;
  }

  private pyModule(module: string): string | undefined {
    const parts = module.split('.').filter(Boolean);
    const last = parts[parts.length - 1];
    if (!last) return undefined;
    const rel = parts.join('/');
    return this.pyModules
      .get(last)
      ?.filter(
        (p) =>
          p === `${rel}.py` ||
          p === `${rel}/__init__.py` ||
          p.endsWith(`/${rel}.py`) ||
          p.endsWith(`/${rel}/__init__.py`),
      )
      .sort((a, b) => a.length - b.length)[0];
  }

  private pythonImports(file: string, text: string): string[] {
    const out: string[] = [];
    const add = (p: string | undefined): void => {
      if (p) out.push(p);
    };
    for (const line of text.split('\n')) {
      const from = /^from\s+(\.*)([\w.]*)\s+import\s+\(?([\w\s,]*)/.exec(line);
      if (from) {
        const dots = from[1]!.length;
        const names = from[3]!
          .split(',')
          .map((n) => n.trim().split(/\s+/)[0]!)
          .filter(Boolean);
        if (dots > 0) {
          let dir = path.posix.dirname(file);
          for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
          const base = from[2] ? `${dir}/${from[2].replace(/\./g, '/')}` : dir;
          const resolve = (b: string): string | undefined =>
            [`${b}.py`, `${b}/__init__.py`]
              .map((p) => path.posix.normalize(p).replace(/^\.\//, ''))
              .find((p) => this.tree.has(p));
          add(resolve(base));
          for (const n of names) add(resolve(`${base}/${n}`));
        } else {
          add(this.pyModule(from[2]!));
          for (const n of names)
            if (this.tree.has(`${from[2]!.replace(/\./g, '/')}/${n}.py`) || this.pyModules.has(n))
              add(this.pyModule(`${from[2]}.${n}`));
        }
        continue;
      }
      const imp = /^import\s+([\w., ]+)/.exec(line);
      if (imp) for (const part of imp[1]!.split(',')) add(this.pyModule(part.trim().split(/\s+/)[0]!));
    }
    return out;
  }

  private jsImports(file: string, text: string): string[] {
    const out: string[] = [];
    const dir = path.posix.dirname(file);
    const specs = text.matchAll(
      /^(?:import|export)\b[^'"\n]*?(?:from\s*)?['"](\.{1,2}\/[^'"]+)['"]|^[^\s].*?\brequire\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm,
    );
    for (const m of specs) {
      const base = path.posix.normalize(`${dir}/${m[1] ?? m[2]}`);
      const stem = base.replace(/\.[cm]?js$/, '');
      const hit = [
        base,
        ...['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts'].flatMap((e) => [
          `${stem}${e}`,
          `${base}/index${e}`,
        ]),
      ].find((p) => this.tree.has(p));
      if (hit) out.push(hit);
    }
    return out;
  }
}
