import { meetsThreshold, SEVERITIES, type Severity } from '../finding.js';
import { cell, code } from '../report/markdown.js';
import { SARIF_LEVEL, sarifLog, sarifTool } from '../report/sarif.js';
import { terminalText } from '../report/terminal.js';
import { plural } from '../report/verdict.js';
import { allRules, type RuleMeta } from '../rules.js';
import type { KeyPlace, MergedKey, MergedReport } from './merge.js';
import { STATUS_WORDS } from './repo-scan.js';

export type MergedFormat = 'text' | 'json' | 'markdown' | 'sarif';

/** Places listed per key in the human reports; the count stays exact. */
const PLACES_SHOWN = 10;
/** Non-key findings listed in the human reports, most severe first; the counts stay exact. */
const FINDINGS_SHOWN = 50;

function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 12) : '';
}

function placeText(p: KeyPlace): string {
  return `${p.repository}:${p.path}:${p.line}${p.commit ? ` @${shortSha(p.commit)}` : ''}${p.commit && p.inTree === false ? ' (history only)' : ''}`;
}

function liveWord(k: MergedKey): string {
  return k.verified === 'live'
    ? 'LIVE'
    : k.verified === 'dead'
      ? 'revoked'
      : k.verified === 'unknown'
        ? 'unknown'
        : 'not checked';
}

function countsLine(c: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

function headline(m: MergedReport): string {
  const t = m.totals;
  const notScanned = t.notScanned ? `, ${t.notScanned} not scanned` : '';
  const live = t.liveKeys ? ` (${t.liveKeys} still live)` : '';
  return `${plural(t.repositories, 'repository', 'repositories')} (${t.scanned} scanned${notScanned}): ${plural(t.keys, 'distinct leaked key')}${live}, ${plural(t.findings, 'other finding')}`;
}

export function renderMergedText(m: MergedReport): string {
  const out: string[] = [
    `keylint org sweep: ${headline(m)}${m.baseline ? `, new since ${m.baseline}` : ''}`,
    '',
  ];
  if (m.keys.length) {
    out.push('Leaked keys (revoke each once, then clean every place):');
    for (const k of m.keys) {
      out.push(
        `  ${k.severity.toUpperCase()} ${k.provider ?? k.ruleId} ${k.evidence ?? ''} [${liveWord(k)}] in ${plural(k.repositories.length, 'repository', 'repositories')}, ${plural(k.places.length, 'place')}`,
      );
      for (const p of k.places.slice(0, PLACES_SHOWN)) out.push(`      ${terminalText(placeText(p))}`);
      if (k.places.length > PLACES_SHOWN) out.push(`      … and ${k.places.length - PLACES_SHOWN} more`);
      if (k.helpUri) out.push(`      revoke: ${k.helpUri}`);
    }
    out.push('');
  }
  out.push('Repositories:');
  for (const r of m.repositories) {
    const status =
      r.status === 'scanned'
        ? countsLine(r.counts)
        : `${STATUS_WORDS[r.status]}${r.error ? `: ${r.error}` : ''}`;
    out.push(`  ${terminalText(r.repository)}: ${terminalText(status)}`);
  }
  out.push('', `keylint: ${m.verdict === 'fail' ? 'FAIL' : 'PASS'} (fail-on: ${m.failOn})`);
  return out.join('\n') + '\n';
}

function keyRow(k: MergedKey): string {
  const places = k.places.slice(0, PLACES_SHOWN).map((p) => code(placeText(p)));
  if (k.places.length > PLACES_SHOWN) places.push(`and ${k.places.length - PLACES_SHOWN} more`);
  const revoke = k.helpUri ? cell(k.helpUri) : cell(k.fix);
  return `| ${code(k.evidence ?? '')} | ${cell(k.provider ?? k.ruleId)} | ${k.severity} | ${liveWord(k)} | ${places.join('<br>')} | ${revoke} |`;
}

export function renderMergedMarkdown(m: MergedReport): string {
  const out: string[] = [
    `## ${m.verdict === 'fail' ? '❌' : '✅'} keylint org sweep: ${m.verdict}`,
    '',
    `${cell(headline(m))}${m.baseline ? ` — only what is new since ${code(m.baseline)}` : ''}. Fail-on: ${m.failOn}.`,
    '',
  ];
  if (m.keys.length) {
    out.push(
      `### Leaked keys (${m.keys.length})`,
      '',
      'One row per key, wherever it is: revoke it once at the provider, then remove it from every place listed (a key in history stays usable until revoked).',
      '',
      '| Key | Provider | Severity | Live | Where | Revoke |',
      '|---|---|---|---|---|---|',
      ...m.keys.map(keyRow),
      '',
    );
  }
  out.push(
    '### Repositories',
    '',
    '| Repository | Status | Critical | High | Medium | Low | Leaked keys |',
    '|---|---|---|---|---|---|---|',
    ...m.repositories.map((r) => {
      const status =
        r.status === 'scanned' ? `scanned${r.mode ? ` (${r.mode})` : ''}` : STATUS_WORDS[r.status];
      const why = r.error ? `: ${r.error}` : '';
      const c = r.counts;
      return `| ${code(r.repository)} | ${cell(status + why)} | ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.leaked} |`;
    }),
    '',
  );
  if (m.findings.length) {
    const shown = m.findings.slice(0, FINDINGS_SHOWN);
    out.push(
      `### Other findings (${m.findings.length})`,
      '',
      '| Repository | Rule | Where | What |',
      '|---|---|---|---|',
      ...shown.map(
        (f) =>
          `| ${code(f.repository)} | ${code(f.ruleId)} | ${f.location ? code(`${f.location.path}:${f.location.line}`) : 'environment'} | ${cell(f.message)} |`,
      ),
      ...(m.findings.length > shown.length
        ? ['', `… and ${m.findings.length - shown.length} more in the JSON report.`]
        : []),
      '',
    );
  }
  const failing = m.keys.filter((k) => meetsThreshold(k.severity, m.failOn));
  out.push(
    '### What to do',
    '',
    failing.length
      ? `1. Revoke the ${plural(failing.length, 'key')} above at each provider's page, live ones first.\n2. Remove each from the files listed; for places in history only, revoking is the fix (rewriting history does not un-leak a key).\n3. Add keylint to each repository's own workflow so the next key is stopped at the pull request.`
      : 'Nothing at or above the fail-on level. Repositories not scanned are listed above with the reason.',
    '',
  );
  return out.join('\n');
}

/** One SARIF run for the whole sweep: each repository is a base URI, each place a result. */
export function buildMergedSarif(m: MergedReport, serverUrl: string): Record<string, unknown> {
  const rules: Pick<RuleMeta, 'id' | 'short' | 'severity'>[] = [...allRules()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const ruleIndex = (id: string, title: string, severity: Severity): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = rules.length;
      index.set(id, i);
      rules.push({ id, short: title, severity });
    }
    return i;
  };
  const baseIds: Record<string, { uri: string }> = {};
  const commitOf = new Map(m.repositories.map((r) => [r.repository, r.commit]));
  const baseId = (repo: string, commit: string | null): string => {
    const id = `${repo}@${commit ?? 'HEAD'}`;
    baseIds[id] ??= {
      uri: `${serverUrl.replace(/\/+$/, '')}/${repo}/blob/${commit ?? 'HEAD'}/`,
    };
    return id;
  };
  const location = (
    repo: string,
    path: string,
    line: number,
    commit: string | null,
  ): Record<string, unknown> => ({
    physicalLocation: {
      artifactLocation: {
        uri: path.split('/').map(encodeURIComponent).join('/'),
        uriBaseId: baseId(repo, commit),
      },
      region: { startLine: Math.max(1, line) },
    },
  });
  const results: Record<string, unknown>[] = [];
  for (const k of m.keys)
    for (const p of k.places)
      results.push({
        ruleId: k.ruleId,
        ruleIndex: ruleIndex(k.ruleId, k.title, k.severity),
        level: SARIF_LEVEL[k.severity],
        message: {
          text: `${k.title} (${k.evidence ?? 'redacted'}, ${liveWord(k)}) in ${p.repository}. Fix: ${k.fix}`,
        },
        locations: [location(p.repository, p.path, p.line, p.commit ?? commitOf.get(p.repository) ?? null)],
        partialFingerprints: { 'keylint/v1': k.fingerprint },
        properties: {
          repository: p.repository,
          severity: k.severity,
          ...(k.verified ? { verified: k.verified } : {}),
        },
      });
  for (const f of m.findings)
    results.push({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex(f.ruleId, f.title, f.severity),
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.message} Fix: ${f.fix}` },
      ...(f.location
        ? {
            locations: [
              location(f.repository, f.location.path, f.location.line, commitOf.get(f.repository) ?? null),
            ],
          }
        : {}),
      partialFingerprints: { 'keylint/v1': f.fingerprint },
      properties: { repository: f.repository, severity: f.severity },
    });
  return sarifLog({
    tool: sarifTool(
      rules.map((r) => ({
        id: r.id,
        shortDescription: { text: r.short },
        defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
      })),
    ),
    automationDetails: { id: 'keylint/org-sweep/' },
    originalUriBaseIds: baseIds,
    results,
  });
}

export function renderMerged(m: MergedReport, format: MergedFormat, serverUrl: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(m, null, 2) + '\n';
    case 'markdown':
      return renderMergedMarkdown(m);
    case 'sarif':
      return JSON.stringify(buildMergedSarif(m, serverUrl), null, 2) + '\n';
    default:
      return renderMergedText(m);
  }
}
