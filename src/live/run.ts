import type { ScanContext } from '../check.js';
import { asRedacted, factFingerprint, type Finding } from '../finding.js';
import { registerSecret } from '../secrets.js';
import { cell } from '../report/markdown.js';
import { makeBudget, type Budget } from './call.js';
import { codeModels } from './models.js';
import { probeKey, type KeyReport } from './probe.js';
import { PROVIDERS } from './providers.js';
import { liveSection, overallStatus, problemFinding } from './report.js';
import { chooseProvider, keyVariables, unsendable } from './select.js';
import { ruleIdOf, STATUS_INFO } from './statuses.js';
import { verifyLeaked } from './verify.js';

/** The key names when neither `key-env` nor the wiring check named any: what the OpenAI SDKs read. */
const DEFAULT_KEY_ENV = ['OPENAI_API_KEY'];

function missingKeyFinding(names: string[]): Finding {
  const info = STATUS_INFO.missing_key;
  return {
    ruleId: ruleIdOf('missing_key'),
    category: 'live',
    severity: info.severity,
    title: info.title,
    message: asRedacted(
      `${info.title} (missing_key): ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not set or empty in this step's environment, so there is no key to check.`,
    ),
    fix: info.fix,
    fingerprint: factFingerprint(ruleIdOf('missing_key'), ...names),
    helpUri: PROVIDERS.openai.dashboards.keys,
    facts: { liveStatus: 'missing_key', variables: names.join(',') },
  };
}

async function checkKeys(ctx: ScanContext, budget: Budget): Promise<Finding[]> {
  const { options } = ctx;
  const mode = options.live === 'billing' ? 'billing' : 'auth';
  const names = ctx.keyEnv.length ? ctx.keyEnv : DEFAULT_KEY_ENV;
  const { present, shadowed } = keyVariables(names, options.env);
  const extra: string[] = shadowed.map(
    (n) => `${n} not checked: GOOGLE_API_KEY is also set and the SDK uses it first.`,
  );
  const models = codeModels(ctx);
  const reports: KeyReport[] = [];
  const findings: Finding[] = [];
  if (!present.length) findings.push(missingKeyFinding(names));
  for (const { variable, value } of present) {
    registerSecret(value);
    const malformed = unsendable(value);
    if (malformed) {
      extra.push(`${variable} not checked: ${malformed} (see its key-status word); fix the secret first.`);
      continue;
    }
    const choice = chooseProvider(variable, value);
    if (!choice.provider) {
      extra.push(`${variable} not checked: ${choice.reason}.`);
      continue;
    }
    const r = await probeKey(
      { provider: choice.provider, variable, key: value, env: options.env, budget, mode, models },
      options.today,
    );
    r.notes.unshift(`Provider chosen by ${choice.reason}.`);
    reports.push(r);
    for (const p of r.problems) findings.push(problemFinding(p, r, options.env));
  }
  if (present.length && !reports.length) {
    // Nothing was asked: no word would be true, so none is set.
    ctx.notices.push({
      level: 'warning',
      message: `live check: no key could be checked (${extra.join(' ')})`,
    });
    ctx.sections.push({ title: 'Live check', markdown: extra.map((e) => `- ${cell(e)}`).join('\n') });
    return findings;
  }
  const status = present.length ? overallStatus(reports) : 'missing_key';
  ctx.outputs['live-status'] = status;
  // Said once in the log too, so the CLI (which prints no summary) shows an `ok` as well.
  ctx.notices.push({
    level: 'notice',
    message: `live-status: ${status} (${reports.map((r) => `${r.variable}: ${r.provider.name}`).join(', ') || names.join(', ')})`,
  });
  ctx.sections.push({
    title: 'Live check',
    markdown: liveSection(status, reports, Date.now() - budget.start, options.liveTimeoutSec, extra),
  });
  return findings;
}

/** The live check, once it is known to be asked for: see `liveCheck`. */
export async function runLiveCheck(ctx: ScanContext): Promise<Finding[]> {
  const { options } = ctx;
  // One budget for everything the live check does: it is the step's promise to the workflow.
  const budget = makeBudget(options.liveTimeoutSec * 1000);
  const findings = options.live === 'off' ? [] : await checkKeys(ctx, budget);
  if (options.verifyLeaked) {
    const live = await verifyLeaked(ctx, budget);
    if (live)
      ctx.notices.push({
        level: 'warning',
        message: `${live} leaked key(s) are live: revoke them first.`,
      });
  }
  return findings;
}
