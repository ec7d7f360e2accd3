import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../finding.js';
import { sha256Hex } from '../sha256.js';
import type { ScanResult } from '../pipeline.js';
import { allRules, type RuleMeta } from '../rules.js';
import { INFORMATION_URI, VERSION } from '../version.js';
import { repoPrefix } from './links.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning reads at most this many results per run. */
export const MAX_SARIF_RESULTS = 25000;

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub ranks alerts by this number: 9.0 and above is critical, 7.0 high, 4.0 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

function sarifRule(r: RuleMeta): Record<string, unknown> {
  return {
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.short },
    fullDescription: { text: r.full },
    help: { text: r.help, markdown: r.helpUri ? `${r.help}\n\n[More](${r.helpUri})` : r.help },
    ...(r.helpUri ? { helpUri: r.helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[r.severity],
      tags: [...new Set(r.tags)],
      precision: 'high',
    },
  };
}

/** Rules a finding uses that the static table does not know (custom detectors from the configuration). */
function adHocRule(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    category: f.category,
    severity: f.severity,
    short: f.title,
    full: f.title,
    help: f.fix,
    tags: ['security'],
  };
}

/**
 * Findings about the step's environment have no place in the code; code scanning needs one, so they
 * point at the workflow that runs the step (line 1), or at the repository root's `.github` folder.
 */
function workflowPath(env: Record<string, string | undefined>): string {
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/file.yml@refs/heads/main
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  const m = /^[^/]+\/[^/]+\/(.+?)@/.exec(ref);
  return m?.[1] ?? '.github/workflows';
}

function sha16(...parts: string[]): string {
  return sha256Hex(parts.join('\0')).slice(0, 16);
}

export function buildSarif(result: ScanResult): Record<string, unknown> {
  const rules: RuleMeta[] = [...allRules()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of result.findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, rules.length);
      rules.push(adHocRule(f));
    }
  }
  const prefix = repoPrefix(result.options);
  const ws = result.options.env.GITHUB_WORKSPACE;
  const srcRoot = prefix && ws ? path.resolve(ws) : (result.options.sourceRoot ?? result.options.root);
  const envPath = workflowPath(result.options.env);
  // Two places holding the same key are two alerts: the line hash adds the path and the occurrence.
  const seen = new Map<string, number>();

  const sarifResult = (f: Finding): Record<string, unknown> => {
    const file = f.location ? prefix + f.location.path : envPath;
    const region: Record<string, number> = f.location
      ? { startLine: f.location.line, startColumn: f.location.column }
      : { startLine: 1 };
    if (f.location?.endLine && f.location.endLine >= f.location.line) region.endLine = f.location.endLine;
    if (f.location?.endColumn && f.location.endColumn > f.location.column)
      region.endColumn = f.location.endColumn;
    const key = `${f.ruleId}\0${f.fingerprint}\0${file}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.message} Fix: ${f.fix}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: file.split('/').map(encodeURIComponent).join('/'),
              uriBaseId: '%SRCROOT%',
            },
            region,
          },
        },
      ],
      // The same finding at other lines of the file (the lint reports one per file and rule).
      ...(f.relatedLocations?.length
        ? {
            relatedLocations: f.relatedLocations.map((l, i) => ({
              id: i + 1,
              physicalLocation: {
                artifactLocation: {
                  uri: (prefix + l.path).split('/').map(encodeURIComponent).join('/'),
                  uriBaseId: '%SRCROOT%',
                },
                region: { startLine: l.line, startColumn: l.column },
              },
              message: { text: `The same at line ${l.line}.` },
            })),
          }
        : {}),
      partialFingerprints: {
        primaryLocationLineHash: `${sha16(f.ruleId, f.fingerprint, file)}:${n}`,
        'keylint/v1': f.fingerprint,
      },
      properties: {
        severity: f.severity,
        ...(f.provider ? { provider: f.provider } : {}),
        ...(f.keyKind ? { keyKind: f.keyKind } : {}),
        ...(f.evidence ? { evidence: f.evidence } : {}),
        ...(f.verified ? { verified: f.verified } : {}),
        ...(f.commit ? { commit: f.commit.sha, commitDate: f.commit.date } : {}),
        ...(f.location ? {} : { environment: true }),
      },
    };
  };

  const findings = result.findings.slice(0, MAX_SARIF_RESULTS);
  return sarifLog({
    tool: sarifTool(rules.map(sarifRule)),
    automationDetails: { id: 'keylint/' },
    originalUriBaseIds: {
      '%SRCROOT%': { uri: pathToFileURL(srcRoot).href.replace(/\/?$/, '/') },
    },
    columnKind: 'utf16CodeUnits',
    results: findings.map(sarifResult),
    ...(result.findings.length > findings.length
      ? { properties: { truncated: true, totalResults: result.findings.length } }
      : {}),
  });
}

/** keylint as a SARIF tool, with the rules its results point to. */
export function sarifTool(rules: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    driver: {
      name: 'keylint',
      version: VERSION,
      semanticVersion: VERSION,
      informationUri: INFORMATION_URI,
      rules,
    },
  };
}

/** A SARIF 2.1.0 log of one run. */
export function sarifLog(run: Record<string, unknown>): Record<string, unknown> {
  return { $schema: SCHEMA, version: '2.1.0', runs: [run] };
}

export function renderSarif(result: ScanResult): string {
  return JSON.stringify(buildSarif(result), null, 2) + '\n';
}
