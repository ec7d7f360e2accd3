import { asRedacted, factFingerprint, type Finding } from '../finding.js';
import { cell, code } from '../report/markdown.js';
import type { KeyReport, Problem } from './probe.js';
import { ruleIdOf, STATUS_INFO, type LiveStatus } from './statuses.js';

type Env = Record<string, string | undefined>;

/** Ends a sentence with a full stop unless the provider's own text already ends one. */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?…]["')\]]*$/.test(t) ? t : `${t}.`;
}

/** Facts only some statuses have, said in the message. */
function extraFacts(p: Problem, r: KeyReport, env: Env): string {
  const h = r.headers;
  switch (p.word) {
    case 'org_mismatch':
      return env.OPENAI_ORG_ID
        ? ` keylint sent OpenAI-Organization: ${env.OPENAI_ORG_ID} from OPENAI_ORG_ID, as the SDKs do.`
        : '';
    case 'project_mismatch':
      return env.OPENAI_PROJECT_ID
        ? ` keylint sent OpenAI-Project: ${env.OPENAI_PROJECT_ID} from OPENAI_PROJECT_ID, as the SDKs do.`
        : '';
    case 'rate_limited':
    case 'request_too_large': {
      const parts = ['requests', 'tokens']
        .filter((k) => h[`x-ratelimit-limit-${k}`])
        .map(
          (k) =>
            `${k}: limit ${h[`x-ratelimit-limit-${k}`]}, remaining ${h[`x-ratelimit-remaining-${k}`] ?? '?'}, reset in ${h[`x-ratelimit-reset-${k}`] ?? '?'}`,
        );
      const wait = h['retry-after-ms']
        ? `${h['retry-after-ms']} ms`
        : h['retry-after']
          ? `${h['retry-after']} s`
          : '';
      return `${parts.length ? ` Limits (${parts.join('; ')}).` : ''}${wait ? ` The provider asks to retry after ${wait}.` : ''}`;
    }
    default:
      return '';
  }
}

export function problemFinding(p: Problem, r: KeyReport, env: Env): Finding {
  const info = STATUS_INFO[p.word];
  const dashboard = r.provider.dashboards[info.dashboard];
  const subject = p.model ? `model ${p.model} with the ${r.provider.name} key` : `the ${r.provider.name} key`;
  const said = p.httpStatus ? `${r.provider.name} answered HTTP ${p.httpStatus}: ${p.detail}` : p.detail;
  const requestId = r.headers['x-request-id'] ?? r.headers['request-id'];
  const facts: Record<string, string | number | boolean> = {
    liveStatus: p.word,
    variable: r.variable,
    requests: r.requests,
  };
  if (p.httpStatus) facts.httpStatus = p.httpStatus;
  if (requestId) facts.requestId = requestId;
  if (p.model) facts.model = p.model;
  return {
    ruleId: ruleIdOf(p.word),
    category: 'live',
    severity: info.severity,
    title: info.title,
    message: asRedacted(
      `${info.title} (${p.word}): ${subject} in ${r.variable} (${r.evidence}). ${sentence(said)}${extraFacts(p, r, env)}` +
        (requestId ? ` Request id: ${requestId}.` : ''),
    ),
    fix: `${p.fix ?? info.fix} ${r.provider.name}: ${dashboard}`,
    location: p.where ? { path: p.where.path, line: p.where.line, column: 1 } : undefined,
    evidence: r.evidence,
    fingerprint: factFingerprint(ruleIdOf(p.word), r.variable, r.provider.id, p.model ?? ''),
    helpUri: dashboard,
    provider: r.provider.name,
    facts,
  };
}

/** The one word for the step: the first problem of the first key that has one, else `ok`. */
export function overallStatus(reports: readonly KeyReport[]): LiveStatus {
  for (const r of reports) if (r.problems[0]) return r.problems[0].word;
  return 'ok';
}

export function liveSection(
  status: LiveStatus,
  reports: readonly KeyReport[],
  elapsedMs: number,
  budgetSec: number,
  extra: string[],
): string {
  const requests = reports.reduce((n, r) => n + r.requests, 0);
  const lines = [
    `**live-status: \`${status}\`**: ${reports.length} key(s) checked in ${(elapsedMs / 1000).toFixed(2)} s of the ${budgetSec} s budget, ${requests} request(s).`,
    '',
  ];
  if (reports.length) {
    lines.push('| Variable | Provider | Key | Endpoint | Result | Requests |', '|---|---|---|---|---|---|');
    for (const r of reports) {
      const result = r.problems.length
        ? r.problems.map((p) => `\`${p.word}\`${p.model ? ` (${p.model})` : ''}: ${p.detail}`).join('<br>')
        : '`ok`';
      lines.push(
        `| ${cell(r.variable)} | ${cell(r.provider.name)} | ${code(r.evidence)} | ${cell(r.base || '—')} | ${cell(result).replace(/&lt;br>/g, '<br>')} | ${r.requests} |`,
      );
    }
    lines.push('');
  }
  for (const r of reports) {
    const h = Object.entries(r.headers);
    if (h.length)
      lines.push(
        `Response headers for ${r.variable}: ${h.map(([k, v]) => code(`${k}: ${v}`)).join(', ')}`,
        '',
      );
    for (const n of r.notes) lines.push(`- ${code(r.variable)}: ${cell(n)}`);
    if (r.notes.length) lines.push('');
  }
  for (const e of extra) lines.push(`- ${cell(e)}`);
  return lines.join('\n');
}
