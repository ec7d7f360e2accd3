import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { meetsThreshold, SEVERITIES, severityRank, type FailOn, type Severity } from '../finding.js';
import type { JsonFinding, JsonReport } from '../report/json.js';
import { VERSION } from '../version.js';
import type { RepoScan, RepoStatus } from './repo-scan.js';

/** Bumped on an incompatible change, as the JSON report's own schema version is. */
export const MERGED_SCHEMA_VERSION = 1;

export type Counts = Record<Severity, number> & { total: number; leaked: number };

export interface MergedRepo {
  repository: string;
  status: RepoStatus;
  error: string | null;
  commit: string | null;
  mode: RepoScan['mode'] | null;
  durationMs: number | null;
  counts: Counts;
}

/** One place a key was seen: a file of the tree, or a commit of the history. */
export interface KeyPlace {
  repository: string;
  path: string;
  line: number;
  /** The commit that added it (history scans), else `null`: the place is in the scanned tree. */
  commit: string | null;
  inTree: boolean | null;
}

/** One leaked key, wherever it is: revoke once, clean every place. */
export interface MergedKey {
  fingerprint: string;
  ruleId: string;
  provider: string | null;
  keyKind: string | null;
  severity: Severity;
  verified: 'live' | 'dead' | 'unknown' | null;
  /** Redacted as the repository's report had it. */
  evidence: string | null;
  title: string;
  fix: string;
  helpUri: string | null;
  repositories: string[];
  places: KeyPlace[];
}

export type MergedFinding = JsonFinding & { repository: string };

export interface MergedReport {
  tool: 'keylint';
  kind: 'merged';
  version: string;
  schemaVersion: number;
  failOn: FailOn;
  verdict: 'pass' | 'fail';
  /** Set when a baseline was applied: only what it did not hold is listed. */
  baseline: string | null;
  totals: {
    repositories: number;
    scanned: number;
    notScanned: number;
    keys: number;
    liveKeys: number;
    findings: number;
  };
  repositories: MergedRepo[];
  keys: MergedKey[];
  /** Every finding that is not a leaked key (wiring, lint, config), with its repository. */
  findings: MergedFinding[];
}

/** A finding with the repository it belongs to: the one shape every input is read into. */
interface Item {
  repository: string;
  finding: JsonFinding;
}

interface Loaded {
  repos: Map<string, Omit<MergedRepo, 'counts'>>;
  items: Item[];
}

function emptyCounts(): Counts {
  return {
    ...(Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>),
    total: 0,
    leaked: 0,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function addRepo(into: Loaded, repo: Omit<MergedRepo, 'counts'>): void {
  // A repository met twice (a shard retried, two sweeps merged) keeps its latest scanned state.
  const had = into.repos.get(repo.repository);
  if (!had || had.status !== 'scanned' || repo.status === 'scanned') into.repos.set(repo.repository, repo);
}

function fromRepoScan(into: Loaded, s: RepoScan): void {
  addRepo(into, {
    repository: s.repository,
    status: s.status,
    error: s.error,
    commit: s.commit,
    mode: s.mode,
    durationMs: s.durationMs,
  });
  for (const f of s.report?.findings ?? []) into.items.push({ repository: s.repository, finding: f });
}

function fromJsonReport(into: Loaded, r: JsonReport, file: string): void {
  const repository = r.github?.repository || path.basename(file).replace(/\.json$/i, '');
  addRepo(into, {
    repository,
    status: 'scanned',
    error: null,
    commit: r.github?.sha || null,
    mode: null,
    durationMs: r.scan?.durationMs ?? null,
  });
  for (const f of r.findings) into.items.push({ repository, finding: f });
}

/** A merged report read back as findings: each key place becomes the finding it came from. */
function fromMerged(into: Loaded, m: MergedReport): void {
  for (const r of m.repositories) addRepo(into, { ...r });
  for (const f of m.findings) {
    const { repository, ...finding } = f;
    into.items.push({ repository, finding });
  }
  for (const k of m.keys)
    for (const p of k.places)
      into.items.push({
        repository: p.repository,
        finding: {
          ruleId: k.ruleId,
          category: 'leak',
          severity: k.severity,
          title: k.title,
          message: '',
          fix: k.fix,
          location: { path: p.path, line: p.line, column: 1 },
          evidence: k.evidence,
          fingerprint: k.fingerprint,
          helpUri: k.helpUri,
          provider: k.provider,
          keyKind: k.keyKind,
          commit: p.commit ? { sha: p.commit, date: '', path: p.path, line: p.line } : null,
          commitCount: null,
          inTree: p.inTree,
          verified: k.verified,
          facts: {},
          suppressed: null,
        },
      });
}

/** Reads one input file into `into`, by what it says it is. */
function loadFile(into: Loaded, file: string): void {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code ? `cannot read ${file} (${code})` : `${file} is not JSON`);
  }
  if (!isObject(data) || data.tool !== 'keylint')
    throw new UserError(`${file} is not a keylint report (no "tool": "keylint")`);
  if (data.kind === 'repository-scan') return fromRepoScan(into, data as unknown as RepoScan);
  if (data.kind === 'merged') return fromMerged(into, data as unknown as MergedReport);
  if (data.kind === 'org-plan') return;
  if (Array.isArray(data.findings)) return fromJsonReport(into, data as unknown as JsonReport, file);
  throw new UserError(`${file} is a keylint file of an unknown kind`);
}

/** Files named on the command line, and every `*.json` below a directory named there. */
export function expandInputs(inputs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) files.push(p);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      throw new UserError(`report not found: ${input}`);
    }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return files;
}

export function loadReports(files: readonly string[]): Loaded {
  const loaded: Loaded = { repos: new Map(), items: [] };
  for (const f of files) loadFile(loaded, f);
  return loaded;
}

function placeKey(repository: string, f: JsonFinding): string {
  return [f.fingerprint, repository, f.commit?.path ?? f.location?.path ?? '', f.commit?.sha ?? ''].join(
    '\0',
  );
}

function otherKey(repository: string, f: JsonFinding): string {
  return [f.ruleId, f.fingerprint, repository].join('\0');
}

/** Places and findings a baseline already holds: a nightly sweep lists only what is new. */
function baselineKeys(baseline: Loaded): Set<string> {
  const keys = new Set<string>();
  for (const { repository, finding } of baseline.items)
    keys.add(finding.category === 'leak' ? placeKey(repository, finding) : otherKey(repository, finding));
  return keys;
}

function verifiedOf(a: MergedKey['verified'], b: MergedKey['verified']): MergedKey['verified'] {
  const rank = { live: 0, unknown: 1, dead: 2 } as const;
  if (!a) return b;
  if (!b) return a;
  return rank[a] <= rank[b] ? a : b;
}

const LIVE_RANK = { live: 0, unknown: 1, dead: 3 } as const;

function compareKeys(a: MergedKey, b: MergedKey): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.verified ? LIVE_RANK[a.verified] : 2) - (b.verified ? LIVE_RANK[b.verified] : 2) ||
    b.places.length - a.places.length ||
    (a.fingerprint < b.fingerprint ? -1 : 1)
  );
}

export function mergeReports(
  inputs: Loaded,
  opts: { failOn: FailOn; baseline?: { file: string; loaded: Loaded } },
): MergedReport {
  const known = opts.baseline ? baselineKeys(opts.baseline.loaded) : new Set<string>();
  const keys = new Map<string, MergedKey>();
  const findings: MergedFinding[] = [];
  const counts = new Map<string, Counts>();
  const countFor = (repo: string): Counts => {
    let c = counts.get(repo);
    if (!c) counts.set(repo, (c = emptyCounts()));
    return c;
  };
  const seenPlaces = new Set<string>();
  const leakedIn = new Map<string, Set<string>>();

  for (const { repository, finding: f } of inputs.items) {
    if (f.category === 'leak') {
      const pk = placeKey(repository, f);
      if (known.has(pk) || seenPlaces.has(pk)) continue;
      seenPlaces.add(pk);
      let k = keys.get(f.fingerprint);
      if (!k) {
        k = {
          fingerprint: f.fingerprint,
          ruleId: f.ruleId,
          provider: f.provider,
          keyKind: f.keyKind,
          severity: f.severity,
          verified: f.verified,
          evidence: f.evidence,
          title: f.title,
          fix: f.fix,
          helpUri: f.helpUri,
          repositories: [],
          places: [],
        };
        keys.set(f.fingerprint, k);
      }
      if (severityRank(f.severity) < severityRank(k.severity)) k.severity = f.severity;
      k.verified = verifiedOf(k.verified, f.verified);
      if (!k.repositories.includes(repository)) k.repositories.push(repository);
      k.places.push({
        repository,
        path: f.commit?.path ?? f.location?.path ?? '',
        line: f.commit?.line ?? f.location?.line ?? 0,
        commit: f.commit?.sha ?? null,
        inTree: f.inTree,
      });
      const c = countFor(repository);
      c[f.severity]++;
      c.total++;
      let set = leakedIn.get(repository);
      if (!set) leakedIn.set(repository, (set = new Set()));
      set.add(f.fingerprint);
    } else {
      if (known.has(otherKey(repository, f))) continue;
      findings.push({ repository, ...f });
      const c = countFor(repository);
      c[f.severity]++;
      c.total++;
    }
  }
  for (const [repo, set] of leakedIn) countFor(repo).leaked = set.size;

  const repositories: MergedRepo[] = [...inputs.repos.values()]
    .map((r) => ({ ...r, counts: counts.get(r.repository) ?? emptyCounts() }))
    .sort((a, b) => (a.repository.toLowerCase() < b.repository.toLowerCase() ? -1 : 1));
  const keyList = [...keys.values()];
  for (const k of keyList) {
    k.repositories.sort();
    k.places.sort(
      (a, b) =>
        (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        a.line - b.line,
    );
  }
  keyList.sort(compareKeys);
  findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0) ||
      ((a.location?.path ?? '') < (b.location?.path ?? '') ? -1 : 1),
  );
  const failing =
    keyList.some((k) => meetsThreshold(k.severity, opts.failOn)) ||
    findings.some((f) => meetsThreshold(f.severity, opts.failOn));
  const scanned = repositories.filter((r) => r.status === 'scanned').length;
  return {
    tool: 'keylint',
    kind: 'merged',
    version: VERSION,
    schemaVersion: MERGED_SCHEMA_VERSION,
    failOn: opts.failOn,
    verdict: failing ? 'fail' : 'pass',
    baseline: opts.baseline ? path.basename(opts.baseline.file) : null,
    totals: {
      repositories: repositories.length,
      scanned,
      notScanned: repositories.length - scanned,
      keys: keyList.length,
      liveKeys: keyList.filter((k) => k.verified === 'live').length,
      findings: findings.length,
    },
    repositories,
    keys: keyList,
    findings,
  };
}

/** Each repository's last scanned commit, for `org scan --state`: the next sweep scans only what came after. */
export function scannedCommits(loaded: Loaded): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of loaded.repos.values())
    if (r.status === 'scanned' && r.commit) out.set(r.repository.toLowerCase(), r.commit);
  return out;
}
