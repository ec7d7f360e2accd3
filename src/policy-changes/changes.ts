import path from 'node:path';
import ignore from 'ignore';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { baselineKey } from '../config/baseline.js';
import { IGNORE_FILE, ignoreFileMatches, parseIgnoreFile } from '../config/ignore-file.js';
import { inlineAllows, markersIn } from '../config/inline.js';
import { readInsideRoot, POLICY_FILE_LIMIT } from '../config/read-file.js';
import type { KeylintConfig } from '../config/types.js';
import {
  factFingerprint,
  meetsThreshold,
  severityRank,
  type FailOn,
  type Finding,
  type Location,
  type Severity,
} from '../finding.js';
import type { ScanOptions } from '../options.js';
import type { PolicyResult, Suppressor } from '../policy.js';
import { ruleMeta } from '../rules.js';
import { git } from '../sources/git.js';
import { fileAtCommit, type BasePolicy } from './base-policy.js';

/** What the range's own policy edits did: each edit as a finding, and what they silenced. */
export interface PolicyChanges {
  findings: Finding[];
  /** Findings the base's policy would report at or above `fail-on` and this change's does not. */
  silenced: Finding[];
}

const covers = (id: string, ruleId: string): boolean => ruleId === id || ruleId.split('/')[0] === id;
const findingPaths = (f: Finding): string[] =>
  [f.location?.path, f.commit?.path].filter((p): p is string => !!p && !p.startsWith('..'));

/** What the scan runs with: the head's config, except that it cannot switch off what the base ran. */
export function configToScan(head: KeylintConfig, base: BasePolicy): KeylintConfig {
  if (base.config.policyChanges === 'allow') return head;
  const rules: KeylintConfig['rules'] = {};
  for (const [id, o] of Object.entries(head.rules)) {
    const turnedOff = o.enabled === false && base.config.rules[id]?.enabled !== false;
    rules[id] = turnedOff ? { ...o, enabled: true } : o;
  }
  return {
    ...head,
    rules,
    ignorePaths: head.ignorePaths.filter((p) => base.config.ignorePaths.includes(p)),
  };
}

/** The head's `ignore` entries the base lacks: not left out of the scan, silenced after it. */
export function addedIgnoreSuppressor(head: KeylintConfig, base: BasePolicy): Suppressor | null {
  if (base.config.policyChanges === 'allow') return null;
  const added = head.ignorePaths.filter((p) => !base.config.ignorePaths.includes(p));
  if (added.length === 0) return null;
  const ig = ignore().add(added);
  return {
    kind: 'config',
    matches: (f) =>
      findingPaths(f).some((p) => {
        try {
          return ig.ignores(p);
        } catch {
          return false;
        }
      }),
  };
}

/** Lines of the keys and list entries of a config file, by `rules.<id>`, `ignore.<entry>`, top key. */
function configLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineOf = (n: Node | null | undefined): number => (n?.range ? counter.linePos(n.range[0]).line : 1);
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    lines.set(key, lineOf(pair.key as Node));
    const v = pair.value as Node | null;
    if (key === 'rules' && isMap(v))
      for (const p of v.items) if (isScalar(p.key)) lines.set(`rules.${String(p.key.value)}`, lineOf(p.key));
    if (key === 'ignore' && isSeq(v))
      for (const item of v.items) if (isScalar(item)) lines.set(`ignore.${String(item.value)}`, lineOf(item));
    if (key === 'detectors' && isSeq(v))
      for (const item of v.items)
        if (isMap(item)) {
          const id = item.get('id');
          if (typeof id === 'string') lines.set(`detectors.${id}`, lineOf(item));
        }
  }
  return lines;
}

const worst = (fs: readonly Finding[]): Severity | undefined =>
  fs.map((f) => f.severity).sort((a, b) => severityRank(a) - severityRank(b))[0];

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function changeFinding(what: string, location: Location | undefined, silenced: readonly Finding[]): Finding {
  // High, or as severe as the worst finding it silences: under `fail-on: critical`, silencing a
  // critical key must still fail.
  const top = worst(silenced);
  const severity: Severity = top && severityRank(top) < severityRank('high') ? top : 'high';
  const hidden = silenced.length
    ? ` It silences ${plural(silenced.length, 'finding')} that the base commit's policy reports (listed in the summary).`
    : '';
  return {
    ruleId: 'config/policy-change',
    category: 'config',
    severity,
    title: 'This change weakens keylint’s policy',
    message: `This change ${what}.${hidden} A change does not decide its own verdict: the base commit's policy judges it.`,
    fix: 'Have a maintainer review the policy change. To accept policy changes on purpose, set `policy-changes: allow` in `.keylint.yml` on the base branch first.',
    ...(location ? { location } : {}),
    fingerprint: factFingerprint('config/policy-change', location?.path ?? '', what),
  };
}

const at = (file: string, line: number): Location => ({ path: file, line, column: 1 });

interface Inputs {
  options: ScanOptions;
  /** The head's config, as loaded. */
  config: KeylintConfig;
  base: BasePolicy;
  /** Every finding the checks returned, before the policy. */
  raw: readonly Finding[];
  policy: PolicyResult;
}

/**
 * Compares the head's policy with the base's, and reports each edit that weakens it: a check or rule
 * turned off, a severity lowered below `fail-on`, a custom detector removed or changed, and new
 * `ignore` entries, `.keylintignore` lines, baseline entries and inline markers that silence a
 * finding. `policy-changes: allow` in the base's config turns this off; added in the change, it is
 * one more such edit.
 */
export function policyChanges({ options, config, base, raw, policy }: Inputs): PolicyChanges {
  const out: PolicyChanges = { findings: [], silenced: [] };
  if (base.config.policyChanges === 'allow') return out;
  const root = options.root;
  const failOn: FailOn = options.failOn;
  const source = config.source;
  const headText = source ? readInsideRoot(root, source, POLICY_FILE_LIMIT) : null;
  const lines = headText?.ok ? configLines(headText.text) : new Map<string, number>();
  const configAt = (key: string): Location | undefined =>
    source ? at(source, lines.get(key) ?? 1) : undefined;
  const silencedSet = new Set<Finding>();
  const report = (what: string, where: Location | undefined, silenced: Finding[]): void => {
    out.findings.push(changeFinding(what, where, silenced));
    for (const f of silenced) silencedSet.add(f);
  };
  const suppressedBy = (kind: Finding['suppressed']): Finding[] =>
    policy.suppressed.filter((f) => f.suppressed === kind);

  for (const [id, o] of Object.entries(config.rules)) {
    const baseRule = base.config.rules[id];
    if (o.enabled === false && baseRule?.enabled !== false) {
      const silenced = suppressedBy('config').filter(
        (f) => covers(id, f.ruleId) && meetsThreshold(f.severity, failOn),
      );
      report(`turns off \`${id}\``, configAt(`rules.${id}`), silenced);
      continue;
    }
    if (o.severity && !meetsThreshold(o.severity, failOn) && o.severity !== baseRule?.severity) {
      const before = baseRule?.severity ?? ruleMeta(id)?.severity;
      if (before && !meetsThreshold(before, failOn)) continue;
      const failedAtBase = new Set(
        raw
          .filter((r) => covers(id, r.ruleId) && meetsThreshold(baseRule?.severity ?? r.severity, failOn))
          .map((r) => `${r.ruleId}\0${r.fingerprint}`),
      );
      const silenced = policy.findings.filter((f) => failedAtBase.has(`${f.ruleId}\0${f.fingerprint}`));
      report(
        `lowers \`${id}\` to ${o.severity}, below \`fail-on: ${failOn}\``,
        configAt(`rules.${id}`),
        silenced,
      );
    }
  }

  for (const d of base.config.detectors) {
    const now = config.detectors.find((h) => h.id === d.id);
    if (!now) report(`removes the custom detector \`${d.id}\``, configAt('detectors'), []);
    else if (now.pattern.source !== d.pattern.source)
      report(`changes the pattern of the custom detector \`${d.id}\``, configAt(`detectors.${d.id}`), []);
  }

  if (config.policyChanges === 'allow')
    report('sets `policy-changes: allow`', configAt('policy-changes'), []);

  const meets = (f: Finding): boolean => meetsThreshold(f.severity, failOn);
  for (const entry of config.ignorePaths.filter((p) => !base.config.ignorePaths.includes(p))) {
    const ig = ignore().add(entry);
    const silenced = suppressedBy('config').filter(
      (f) =>
        meets(f) &&
        findingPaths(f).some((p) => {
          try {
            return ig.ignores(p);
          } catch {
            return false;
          }
        }),
    );
    if (silenced.length) report(`ignores \`${entry}\``, configAt(`ignore.${entry}`), silenced);
  }

  ignoreFileChanges(root, base, suppressedBy('ignore-file').filter(meets), report);

  if (base.baseline && options.baselinePath) {
    const added = suppressedBy('baseline').filter((f) => meets(f) && !base.baseline!.has(baselineKey(f)));
    if (added.length) {
      const rel = path.relative(root, options.baselinePath).split(path.sep).join('/');
      // At the first entry that silences one: the line that names its fingerprint.
      const text = readInsideRoot(root, rel, POLICY_FILE_LIMIT);
      const i = text.ok ? text.text.indexOf(added[0]!.fingerprint) : -1;
      const line = i < 0 || !text.ok ? 1 : text.text.slice(0, i).split('\n').length;
      report('adds entries to the baseline', at(rel, line), added);
    }
  }

  inlineChanges(root, base, suppressedBy('inline').filter(meets), report);

  out.silenced = [...silencedSet];
  return out;
}

type Report = (what: string, where: Location | undefined, silenced: Finding[]) => void;

/** `.keylintignore` lines the base lacks, each with the findings it alone silences. */
function ignoreFileChanges(root: string, base: BasePolicy, suppressed: Finding[], report: Report): void {
  if (suppressed.length === 0) return;
  const head = readInsideRoot(root, IGNORE_FILE, POLICY_FILE_LIMIT);
  if (!head.ok) return;
  head.text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || base.ignoreLines.has(line)) return;
    const one = parseIgnoreFile(line);
    const silenced = suppressed.filter(
      (f) => ignoreFileMatches(one, f) && !(base.ignore && ignoreFileMatches(base.ignore, f)),
    );
    if (silenced.length) report(`adds \`${line}\` to ${IGNORE_FILE}`, at(IGNORE_FILE, i + 1), silenced);
  });
}

/** Inline markers that silence a finding and that the base did not have. */
function inlineChanges(root: string, base: BasePolicy, suppressed: Finding[], report: Report): void {
  const baseLines = new Map<string, Set<string> | null>();
  const baseHas = (file: string, text: string): boolean => {
    if (!baseLines.has(file)) {
      const t = fileAtCommit(root, base.sha, file);
      baseLines.set(file, t === null ? null : new Set(t.split(/\r?\n/)));
    }
    return baseLines.get(file)?.has(text) ?? false;
  };
  const headLines = new Map<string, string[] | null>();
  const linesOf = (file: string): string[] | null => {
    if (!headLines.has(file)) {
      const r = readInsideRoot(root, file, 8 * 1024 * 1024);
      headLines.set(file, r.ok ? r.text.split(/\r?\n/) : null);
    }
    return headLines.get(file)!;
  };
  const olderThanBase = new Map<string, boolean>();
  const predates = (sha: string): boolean => {
    if (!olderThanBase.has(sha))
      olderThanBase.set(sha, git(root, ['merge-base', '--is-ancestor', sha, base.sha]).ok);
    return olderThanBase.get(sha)!;
  };
  const byMarker = new Map<string, { where: Location; silenced: Finding[] }>();
  for (const f of suppressed) {
    let where: Location | undefined;
    if (f.inTree === false && f.commit) {
      // Judged on the line a commit added: a commit the base already holds is not this change's.
      if (predates(f.commit.sha)) continue;
      where = at(f.commit.path, f.commit.line);
    } else if (f.location) {
      const lines = linesOf(f.location.path);
      const line = lines?.[f.location.line - 1];
      if (line === undefined) continue;
      const onLine = inlineAllows(f.ruleId, markersIn(line));
      const markerLine = onLine ? f.location.line : f.location.line - 1;
      const text = lines![markerLine - 1] ?? '';
      if (baseHas(f.location.path, text)) continue;
      where = at(f.location.path, markerLine);
    }
    if (!where) continue;
    const key = `${where.path}\0${where.line}`;
    const entry = byMarker.get(key) ?? { where, silenced: [] };
    entry.silenced.push(f);
    byMarker.set(key, entry);
  }
  for (const { where, silenced } of byMarker.values())
    report('adds an inline marker that silences a finding', where, silenced);
}
