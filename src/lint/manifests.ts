import path from 'node:path/posix';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { lockedVersion, npmSpecToRange, pep440ToRange, poetryToRange } from './versions.js';
import { escapeRegExp } from '../text/regexp.js';

export type Ecosystem = 'python' | 'node';

/** One statement of the openai SDK's version in a manifest or lockfile. */
export interface SdkPin {
  ecosystem: Ecosystem;
  /** Manifest path, repository-relative. */
  path: string;
  /** Directory of the manifest ('' for the root): the code below it is governed by it. */
  dir: string;
  line: number;
  /** As written (`>=0.27,<1`, `^3.2.1`, `0.28.1`). */
  spec: string;
  /** A semver range; for lockfiles the exact version. */
  range: string;
  locked: boolean;
}

const SDK = 'openai';
/** Any mention of it, in any case: a manifest without one pins nothing. */
const SDK_NAMED = new RegExp(SDK, 'i');

/** `line` when the reader knows it; otherwise the first uncommented line `needle` matches. */
type ManifestReader = (
  text: string,
) => Array<{ spec: string; range: string | null; locked: boolean; needle: RegExp; line?: number }>;

/** A PEP 508 requirement: name, extras, version specifiers (bare or in parentheses), markers. */
export function parsePep508(line: string): { name: string; spec: string } | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(\(?)\s*([^;@()]*)\)?\s*(?:;.*)?$/.exec(
    line,
  );
  if (!m) return null;
  return { name: pypiName(m[1]!), spec: m[3]!.trim() };
}

/** A Python package's name as pip compares it (PEP 503): `OpenAI` and `openai` are one; `-`, `_` and `.` alike. */
function pypiName(name: string): string {
  return name.toLowerCase().replace(/[._-]+/g, '-');
}

// Case-blind: pip's names are (`OpenAI==0.28` pins the SDK); npm's are lower-case anyway.
const OPENAI_LINE = (name: string): RegExp =>
  new RegExp(`(^|[\\s"'\\[{/,])${name}(?=$|[\\s"'\\]=<>~!^;:,\\[(@])`, 'mi');

function requirementsTxt(text: string): ReturnType<ManifestReader> {
  const out: ReturnType<ManifestReader> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let logical = lines[i]!;
    while (logical.endsWith('\\') && i + 1 < lines.length) logical = logical.slice(0, -1) + ' ' + lines[++i];
    const line = logical.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const req = parsePep508(line);
    if (req?.name === SDK)
      out.push({
        spec: req.spec,
        range: pep440ToRange(req.spec),
        locked: false,
        needle: OPENAI_LINE(SDK),
        line: first + 1,
      });
  }
  return out;
}

function pep508List(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function fromPep508Strings(reqs: string[]): ReturnType<ManifestReader> {
  const out: ReturnType<ManifestReader> = [];
  for (const r of reqs) {
    const req = parsePep508(r);
    if (req?.name === SDK)
      out.push({
        spec: req.spec,
        range: pep440ToRange(req.spec),
        locked: false,
        // The requirement as written, quoted or not: a manifest may name the SDK more than once (an
        // extra's `openai<1` after a bare `openai`), and each pin is reported at its own line.
        needle: new RegExp(`(^|[\\s"'\\[,])${escapeRegExp(r.trim())}(?=$|[\\s"',\\]#])`, 'mi'),
      });
  }
  return out;
}

/** Poetry and Pipfile tables: `openai = "^0.28"` or `openai = { version = "…" }`. */
function fromNameTable(table: unknown, convert: (s: string) => string | null): ReturnType<ManifestReader> {
  const entry = Object.entries(asRecord(table)).find(([name]) => pypiName(name) === SDK)?.[1];
  const spec = typeof entry === 'string' ? entry : asRecord(entry).version;
  if (typeof spec !== 'string') return [];
  return [
    { spec, range: convert(spec), locked: false, needle: new RegExp(`^\\s*["']?${SDK}["']?\\s*=`, 'mi') },
  ];
}

function pyproject(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(parseToml(text));
  const project = asRecord(doc.project);
  const out = fromPep508Strings(pep508List(project.dependencies));
  for (const list of Object.values(asRecord(project['optional-dependencies'])))
    out.push(...fromPep508Strings(pep508List(list)));
  for (const list of Object.values(asRecord(doc['dependency-groups'])))
    out.push(...fromPep508Strings(pep508List(list)));
  const poetry = asRecord(asRecord(doc.tool).poetry);
  out.push(...fromNameTable(poetry.dependencies, poetryToRange));
  out.push(...fromNameTable(poetry['dev-dependencies'], poetryToRange));
  for (const group of Object.values(asRecord(poetry.group)))
    out.push(...fromNameTable(asRecord(group).dependencies, poetryToRange));
  return out;
}

function pipfile(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(parseToml(text));
  return [
    ...fromNameTable(doc.packages, pep440ToRange),
    ...fromNameTable(doc['dev-packages'], pep440ToRange),
  ];
}

function pipfileLock(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(JSON.parse(text));
  const out: ReturnType<ManifestReader> = [];
  for (const section of ['default', 'develop']) {
    const v = asRecord(asRecord(doc[section])[SDK]).version;
    if (typeof v === 'string') {
      const version = lockedVersion(v.replace(/^==/, ''));
      out.push({ spec: v, range: version, locked: true, needle: new RegExp(`"${SDK}"\\s*:`) });
    }
  }
  return out;
}

/** poetry.lock and uv.lock: `[[package]]` tables with `name` and `version`. */
function tomlLock(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(parseToml(text));
  const pkgs = Array.isArray(doc.package) ? doc.package : [];
  const out: ReturnType<ManifestReader> = [];
  for (const p of pkgs) {
    const rec = asRecord(p);
    if (rec.name === SDK && typeof rec.version === 'string') {
      out.push({
        spec: rec.version,
        range: lockedVersion(rec.version),
        locked: true,
        needle: new RegExp(`^name\\s*=\\s*"${SDK}"`, 'm'),
      });
    }
  }
  return out;
}

/** setup.cfg: `install_requires` in `[options]`, one requirement per continuation line. */
function setupCfg(text: string): ReturnType<ManifestReader> {
  let section = '';
  let inList = false;
  const reqs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (sec) {
      section = sec[1]!.trim();
      inList = false;
      continue;
    }
    if (/^\s*[#;]/.test(raw)) continue;
    const kv = /^([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv) {
      inList = section === 'options' && kv[1] === 'install_requires';
      if (inList && kv[2]!.trim()) reqs.push(kv[2]!.trim());
      continue;
    }
    if (inList && /^\s+\S/.test(raw)) reqs.push(raw.trim());
    else if (raw.trim() !== '') inList = false;
  }
  return fromPep508Strings(reqs);
}

/** conda `environment.yml`: the `pip:` list under `dependencies` (conda's own `openai` entries are `openai=1.2`). */
function condaEnvironment(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(parseYaml(text));
  const reqs: string[] = [];
  for (const dep of Array.isArray(doc.dependencies) ? doc.dependencies : []) {
    if (typeof dep === 'string') {
      // conda's match spec: `openai=0.28` means 0.28.*, `openai==0.28.1` exact.
      const m = /^\s*(?:[\w-]+::)?openai\s*(=|==|>=|<=|<|>)?\s*([\w.*]+)?/i.exec(dep);
      if (m && /^openai\b/i.test(dep.replace(/^[\w-]+::/, '').trim()))
        reqs.push(m[1] === '=' ? `openai==${m[2]!.replace(/\.?\*$/, '')}.*` : dep.replace(/^[\w-]+::/, ''));
    } else {
      reqs.push(...pep508List(asRecord(dep).pip));
    }
  }
  return fromPep508Strings(reqs);
}

/** setup.py: the string literals of `install_requires=[…]` (read as text, never run). */
function setupPy(text: string): ReturnType<ManifestReader> {
  const m = /\binstall_requires\s*=\s*\[([^\]]*)\]/.exec(text);
  if (!m) return [];
  const reqs = [...m[1]!.matchAll(/["']([^"'\n]+)["']/g)].map((x) => x[1]!);
  return fromPep508Strings(reqs);
}

function packageJson(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(JSON.parse(text));
  const out: ReturnType<ManifestReader> = [];
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const spec = asRecord(doc[field])[SDK];
    if (typeof spec === 'string')
      out.push({ spec, range: npmSpecToRange(spec), locked: false, needle: new RegExp(`"${SDK}"\\s*:`) });
  }
  return out;
}

function packageLock(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(JSON.parse(text));
  const v2 = asRecord(asRecord(doc.packages)[`node_modules/${SDK}`]).version;
  const v1 = asRecord(asRecord(doc.dependencies)[SDK]).version;
  const v = typeof v2 === 'string' ? v2 : v1;
  if (typeof v !== 'string') return [];
  const needle =
    typeof v2 === 'string' ? new RegExp(`"node_modules/${SDK}"\\s*:`) : new RegExp(`"${SDK}"\\s*:`);
  return [{ spec: v, range: lockedVersion(v), locked: true, needle }];
}

function pnpmLock(text: string): ReturnType<ManifestReader> {
  const doc = asRecord(parseYaml(text));
  const root = asRecord(asRecord(doc.importers)['.']);
  const scopes = [root, doc];
  for (const scope of scopes) {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      const entry = asRecord(scope[field])[SDK];
      const v = typeof entry === 'string' ? entry : asRecord(entry).version;
      if (typeof v === 'string') {
        return [
          {
            spec: v,
            range: lockedVersion(v),
            locked: true,
            needle: new RegExp(`^\\s+["']?${SDK}["']?:`, 'm'),
          },
        ];
      }
    }
  }
  return [];
}

/** yarn.lock: v1's own text format, or Berry's YAML (recognised by `__metadata`). */
function yarnLock(text: string): ReturnType<ManifestReader> {
  if (/^__metadata:/m.test(text)) {
    const doc = asRecord(parseYaml(text));
    for (const [key, value] of Object.entries(doc)) {
      const selectors = key.split(',').map((s) => s.trim());
      if (selectors.some((s) => s.startsWith(`${SDK}@`))) {
        const v = asRecord(value).version;
        if (typeof v === 'string')
          return [{ spec: v, range: lockedVersion(v), locked: true, needle: new RegExp(`^"?${SDK}@`, 'm') }];
      }
    }
    return [];
  }
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = line
        .replace(/:\s*$/, '')
        .split(',')
        .map((s) => s.trim().replace(/^"|"$/g, ''));
      continue;
    }
    const v = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
    if (v && current.some((s) => s.startsWith(`${SDK}@`))) {
      return [
        { spec: v[1]!, range: lockedVersion(v[1]!), locked: true, needle: new RegExp(`^"?${SDK}@`, 'm') },
      ];
    }
  }
  return [];
}

interface ManifestKind {
  ecosystem: Ecosystem;
  matches(base: string, rel: string): boolean;
  read: ManifestReader;
}

export const MANIFESTS: readonly ManifestKind[] = [
  {
    ecosystem: 'python',
    matches: (b, rel) => /^requirements.*\.(txt|in)$/.test(b) || /(^|\/)requirements\/[^/]+\.txt$/.test(rel),
    read: requirementsTxt,
  },
  { ecosystem: 'python', matches: (b) => b === 'pyproject.toml', read: pyproject },
  { ecosystem: 'python', matches: (b) => b === 'Pipfile', read: pipfile },
  { ecosystem: 'python', matches: (b) => b === 'Pipfile.lock', read: pipfileLock },
  { ecosystem: 'python', matches: (b) => b === 'poetry.lock' || b === 'uv.lock', read: tomlLock },
  { ecosystem: 'python', matches: (b) => b === 'setup.cfg', read: setupCfg },
  { ecosystem: 'python', matches: (b) => b === 'setup.py', read: setupPy },
  { ecosystem: 'python', matches: (b) => /^environment[\w.-]*\.ya?ml$/.test(b), read: condaEnvironment },
  { ecosystem: 'node', matches: (b) => b === 'package.json', read: packageJson },
  {
    ecosystem: 'node',
    matches: (b) => b === 'package-lock.json' || b === 'npm-shrinkwrap.json',
    read: packageLock,
  },
  { ecosystem: 'node', matches: (b) => b === 'pnpm-lock.yaml', read: pnpmLock },
  { ecosystem: 'node', matches: (b) => b === 'yarn.lock', read: yarnLock },
];

export function manifestKind(rel: string): ManifestKind | undefined {
  if (rel.includes('node_modules/')) return undefined;
  const base = path.basename(rel);
  return MANIFESTS.find((k) => k.matches(base, rel));
}

function lineOf(text: string, needle: RegExp): number | undefined {
  const re = new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
  for (const m of text.matchAll(re)) {
    const at = m.index + (m[0].length - m[0].trimStart().length);
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(lineStart, at).includes('#')) continue; // commented out
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
    return line;
  }
  return undefined;
}

/** The openai pins of one manifest; throws on a file its format's parser rejects. */
export function readManifest(rel: string, text: string): SdkPin[] {
  const kind = manifestKind(rel);
  if (!kind || !SDK_NAMED.test(text)) return [];
  const dir = path.dirname(rel) === '.' ? '' : path.dirname(rel);
  return kind
    .read(text)
    .filter((e): e is typeof e & { range: string } => e.range !== null)
    .map((e) => ({
      ecosystem: kind.ecosystem,
      path: rel,
      dir,
      line: e.line ?? lineOf(text, e.needle) ?? lineOf(text, OPENAI_LINE(SDK)) ?? 1,
      spec: e.spec,
      range: e.range,
      locked: e.locked,
    }));
}
