import type { Finding, Severity } from '../finding.js';
import type { ScanResult } from '../pipeline.js';
import { allRules, type RuleMeta } from '../rules.js';
import { scrub } from '../secrets.js';
import { INFORMATION_URI, VERSION } from '../version.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub ranks alerts by this number: 9.0 and above is critical. */
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
    help: { text: r.help, markdown: r.help },
    ...(r.helpUri ? { helpUri: r.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: r.tags, precision: 'high' },
  };
}

/** Rules a finding uses that the static table does not know (custom detectors). */
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

function sarifResult(f: Finding, ruleIndex: number): Record<string, unknown> {
  const loc = f.location ?? { path: '.github', line: 1, column: 1 };
  const region: Record<string, number> = { startLine: loc.line, startColumn: loc.column };
  if (loc.endLine) region.endLine = loc.endLine;
  if (loc.endColumn) region.endColumn = loc.endColumn;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.message} ${f.fix}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: encodeURI(loc.path), uriBaseId: '%SRCROOT%' }, region },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint, 'keylint/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      ...(f.provider ? { provider: f.provider } : {}),
      ...(f.keyKind ? { keyKind: f.keyKind } : {}),
      ...(f.evidence ? { evidence: f.evidence } : {}),
      ...(f.commit ? { commit: f.commit.sha, commitDate: f.commit.date } : {}),
    },
  };
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
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keylint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map(sarifRule),
          },
        },
        automationDetails: { id: 'keylint/' },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: 'file:///' + result.options.root.replace(/^\/+/, '').replace(/\/?$/, '/') },
        },
        results: result.findings.map((f) => sarifResult(f, index.get(f.ruleId) ?? 0)),
      },
    ],
  };
}

export function renderSarif(result: ScanResult): string {
  return scrub(JSON.stringify(buildSarif(result), null, 2)) + '\n';
}
