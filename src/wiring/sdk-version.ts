import path from 'node:path';
import semver from 'semver';
import { parse as parseToml } from 'smol-toml';
import { namesNoSdk, type FileReport } from '../pass/file.js';
import type { RepoFiles } from '../sources/tree.js';

/**
 * The lowest `openai` version a manifest allows, per ecosystem. A deliberately small reader: the code
 * lint owns full manifest parsing (src/lint/); this only answers "is the SDK 1.x (Python) / 4.x (Node)".
 */
export interface OpenAiSdk {
  ecosystem: 'python' | 'node';
  version: string;
  /** Where the dependency is declared. */
  path: string;
}

/** The first release that reads `OPENAI_BASE_URL` / `OPENAI_ORG_ID` and ignores the 0.x names. */
export const MODERN_OPENAI: Record<OpenAiSdk['ecosystem'], string> = { python: '1.0.0', node: '4.0.0' };

/** `openai==1.3.0`, `openai>=1.0,<2`, `openai~=1.2`, poetry `^1.3`: the lowest version allowed. */
export function lowestPythonVersion(spec: string): string | undefined {
  const floor =
    /(?:===?|>=?|~=|\^|~(?!=))\s*v?(\d+(?:\.\d+){0,2})/.exec(spec) ??
    /^\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(spec);
  return floor ? semver.coerce(floor[1])?.version : undefined;
}

function fromRequirements(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /^\s*openai(?:\[[^\]]*\])?\s*([=<>~!^][^#;]*)?/i.exec(line);
    if (!m || /^\s*openai[\w-]/i.test(line)) continue;
    return m[1] ? lowestPythonVersion(m[1]) : undefined;
  }
  return undefined;
}

function fromPyproject(text: string): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const project = doc.project as { dependencies?: unknown } | undefined;
  for (const dep of Array.isArray(project?.dependencies) ? project.dependencies : []) {
    if (typeof dep === 'string') {
      const v = fromRequirements(dep);
      if (v) return v;
    }
  }
  const poetry = (doc.tool as { poetry?: { dependencies?: Record<string, unknown> } } | undefined)?.poetry;
  const spec = poetry?.dependencies?.openai;
  const text2 = typeof spec === 'string' ? spec : (spec as { version?: string } | undefined)?.version;
  return text2 ? lowestPythonVersion(text2) : undefined;
}

function fromPackageJson(text: string): string | undefined {
  try {
    const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
    const range = pkg.dependencies?.openai ?? pkg.devDependencies?.openai;
    if (!range) return undefined;
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

const READERS: readonly {
  file: RegExp;
  ecosystem: OpenAiSdk['ecosystem'];
  read: (t: string) => string | undefined;
}[] = [
  { file: /^requirements[\w.-]*\.(?:txt|in)$/, ecosystem: 'python', read: fromRequirements },
  { file: /^pyproject\.toml$/, ecosystem: 'python', read: fromPyproject },
  { file: /^package\.json$/, ecosystem: 'node', read: fromPackageJson },
];

function readerOf(relPath: string): (typeof READERS)[number] | undefined {
  if (relPath.includes('node_modules/')) return undefined;
  const base = path.posix.basename(relPath);
  return READERS.find((r) => r.file.test(base));
}

/** A file this module reads for the `openai` dependency. */
export function isSdkManifest(relPath: string): boolean {
  return readerOf(relPath) !== undefined;
}

/**
 * The `openai` dependencies the manifests declare. `reports` (the file pass's, aligned with the
 * files) lets a manifest that never names openai go unread.
 */
export function findOpenAiSdks(files: RepoFiles, reports?: readonly FileReport[]): OpenAiSdk[] {
  const out: OpenAiSdk[] = [];
  for (const [i, f] of files.files.entries()) {
    const reader = readerOf(f.path);
    if (!reader || namesNoSdk(reports?.[i])) continue;
    const text = files.readText(f.path);
    const version = text === null ? undefined : reader.read(text);
    if (version) out.push({ ecosystem: reader.ecosystem, version, path: f.path });
  }
  return out;
}

export function isModern(sdk: OpenAiSdk): boolean {
  return semver.gte(sdk.version, MODERN_OPENAI[sdk.ecosystem]);
}
