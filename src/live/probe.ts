import { MODEL_DATA_AS_OF, modelRetirement } from '../lint/retirements.js';
import { redact, type Redacted } from '../finding.js';
import { VERSION } from '../version.js';
import { callWithRetries, type Budget, type Outcome } from './call.js';
import { baseUrl, requestUrl, statusUrl, type Provider, type ProviderRequest } from './providers.js';
import { fetchStatus } from './status-page.js';
import type { LiveStatus } from './statuses.js';

type Env = Record<string, string | undefined>;

/** One thing wrong with a key, in the provider's words. */
export interface Problem {
  word: Exclude<LiveStatus, 'ok'>;
  /** What happened, without the key. */
  detail: string;
  httpStatus?: number;
  model?: string;
  where?: { path: string; line: number };
  /** A fix more precise than the word's own, from the classifier's rule (it may name the project or variable). */
  fix?: string;
}

/** What the provider said about one key. */
export interface KeyReport {
  variable: string;
  provider: Provider;
  evidence: Redacted;
  base: string;
  problems: Problem[];
  notes: string[];
  /** The useful response headers of the last answer. */
  headers: Record<string, string>;
  requests: number;
}

/** Response headers worth showing: ids, organisation, limits. */
const USEFUL_HEADER =
  /^(x-request-id|request-id|openai-organization|openai-project|anthropic-organization-id|openai-processing-ms|retry-after(-ms)?|x-ratelimit-.*|anthropic-ratelimit-.*)$/;

/** Models asked about one by one; more would be a burst of calls for a lint's job. */
const MAX_MODELS = 20;

export function usefulHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => USEFUL_HEADER.test(k)));
}

export interface ProbeInput {
  provider: Provider;
  variable: string;
  key: string;
  env: Env;
  budget: Budget;
  mode: 'auth' | 'billing' | 'verify';
  models: Map<string, { path: string; line: number }>;
  /** Where to send the key instead of the provider's configured base URL (verify-leaked). */
  base?: string;
}

/** Headers the SDKs add by themselves from the environment: a stale value must show up here too. */
function sdkHeaders(p: Provider, env: Env): Record<string, string> {
  if (p.id !== 'openai') return {};
  const h: Record<string, string> = {};
  if (env.OPENAI_ORG_ID?.trim()) h['OpenAI-Organization'] = env.OPENAI_ORG_ID.trim();
  if (env.OPENAI_PROJECT_ID?.trim()) h['OpenAI-Project'] = env.OPENAI_PROJECT_ID.trim();
  return h;
}

/** Makes a provider's text safe to keep: the key (whole or the half an error message echoes) is redacted. */
export function cleaner(key: string, max = 400): (text: string) => string {
  const shown = redact(key);
  return (text) => {
    let out = text.split(key).join(shown);
    // Some providers echo part of the key ("Incorrect API key provided: sk-abc…"): cut any long run of it.
    if (key.length >= 24)
      for (let i = 0; i + 16 <= key.length; i += 8) out = out.split(key.slice(i, i + 16)).join('…');
    return out.length > max ? `${out.slice(0, max)}…` : out;
  };
}

function shutdownOf(json: unknown): Date | undefined {
  const v = (json as { shutdown_date?: unknown } | undefined)?.shutdown_date;
  if (typeof v === 'number') return new Date(v < 1e12 ? v * 1000 : v);
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
  return undefined;
}

/** Asks the provider about one key: auth first, then the models the code names, then billing. */
export async function probeKey(input: ProbeInput, today: Date): Promise<KeyReport> {
  const { provider, env, budget } = input;
  const report: KeyReport = {
    variable: input.variable,
    provider,
    evidence: redact(input.key),
    base: '',
    problems: [],
    notes: [],
    headers: {},
    requests: 0,
  };
  const base = input.base ?? baseUrl(provider, env);
  if (!base) {
    report.problems.push({
      word: 'connect_error',
      detail:
        input.base === ''
          ? `${provider.name} has no official host: name the endpoint leaked keys may go to with the verify-gateway input (--verify-gateway ${provider.id}=URL)`
          : `no endpoint is set for ${provider.name}: set AZURE_OPENAI_ENDPOINT (or KEYLINT_${provider.envName}_BASE_URL)`,
    });
    return report;
  }
  report.base = withoutCredentials(base);
  const exposed = plainHttpHost(base);
  if (exposed) {
    report.problems.push({
      word: 'insecure_endpoint',
      detail: `keylint did not send the key: the base URL ${report.base} is plain http:// to ${exposed}, which is not a loopback address`,
    });
    return report;
  }
  const clean = cleaner(input.key);
  const fromEnv = sdkHeaders(provider, env);
  if (Object.keys(fromEnv).length)
    report.notes.push(
      `Sent ${Object.entries(fromEnv)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')} from the environment, as the SDKs do.`,
    );
  const headers = {
    accept: 'application/json',
    'user-agent': `keylint/${VERSION}`,
    ...provider.authHeaders(input.key),
    ...fromEnv,
  };
  const call = async (req: ProviderRequest): Promise<Outcome> => {
    const o = await callWithRetries({
      url: requestUrl(provider, base, req, env),
      method: req.method,
      headers,
      body: req.body,
      env,
      budget,
      clean,
      onRequest: () => report.requests++,
    });
    if (o.answer) report.headers = { ...report.headers, ...usefulHeaders(o.answer.headers) };
    return o;
  };
  const fail = async (o: Outcome, extra: Partial<Problem> = {}, modelFrom?: string): Promise<void> => {
    const fix =
      o.rule?.fix && o.facts
        ? cleaner(input.key, Infinity)(o.rule.fix({ facts: o.facts, model: extra.model, modelFrom }))
        : undefined;
    const problem: Problem = {
      word: o.word as Problem['word'],
      detail: o.detail,
      httpStatus: o.answer?.status,
      ...extra,
      ...(fix ? { fix } : {}),
    };
    if (o.errorCode && !problem.detail.includes(o.errorCode)) problem.detail += ` [${o.errorCode}]`;
    if (o.attempts > 1) problem.detail += ` (after ${o.attempts} attempts)`;
    if (['server_error', 'timeout'].includes(o.word) || /overloaded/i.test(o.detail))
      await consultStatusPage(problem);
    report.problems.push(problem);
  };
  const consultStatusPage = async (problem: Problem): Promise<void> => {
    const url = statusUrl(provider, env);
    if (!url) return;
    const s = await fetchStatus(url, provider.statusComponents, env, budget.end);
    if ('error' in s) {
      report.notes.push(s.error);
      return;
    }
    const ongoing = [...s.incidents, ...s.degraded];
    if (ongoing.length) {
      problem.detail += `. The status page reports: ${ongoing.join('; ')}`;
      problem.word = 'outage';
    } else report.notes.push(`The status page reports no incident (${s.description ?? 'no description'}).`);
  };

  const first = await call(input.mode === 'verify' ? verifyCallOf(input) : provider.authCall);
  // A restricted key without the model-read scope may still generate: billing mode goes on to see.
  const canGoOn = first.word === 'missing_scope' && input.mode === 'billing';
  if (first.word !== 'ok') {
    await fail(first);
    if (!canGoOn) return report;
  }
  if (input.mode === 'verify') return report;
  const fromAuth = first.word === 'ok' ? provider.readAuthAnswer?.(first.json) : undefined;
  if (fromAuth) report.problems.push({ ...fromAuth, httpStatus: first.answer?.status });

  const mine = [...input.models].filter(([m]) => provider.ownsModel(m));
  let usable: string | undefined;
  if (provider.modelCall && !canGoOn) {
    for (const [model, where] of mine.slice(0, MAX_MODELS)) {
      const o = await call(provider.modelCall(model));
      if (o.word !== 'ok') {
        await fail(o, { model, where });
        // Anything but an answer about this model (a limit, the network) would repeat for the next one.
        if (o.word === 'model_not_found' || o.word === 'model_retired') continue;
        return report;
      }
      usable ??= model;
      const shutdown = shutdownOf(o.json);
      if (!shutdown) continue;
      const day = shutdown.toISOString().slice(0, 10);
      // Which source decided: the API's shutdown_date, said beside what keylint's own table holds.
      const known = modelRetirement(model);
      const source = known
        ? known.shutdown === day
          ? `GET /v1/models shutdown_date, as keylint's table (${MODEL_DATA_AS_OF})`
          : `GET /v1/models shutdown_date; keylint's table (${MODEL_DATA_AS_OF}) says ${known.shutdown}`
        : `GET /v1/models shutdown_date; keylint's table (${MODEL_DATA_AS_OF}) does not list it`;
      if (shutdown <= today)
        report.problems.push({
          word: 'model_retired',
          detail: `the provider reports ${model} was shut down on ${day} (source: ${source})`,
          model,
          where,
        });
      else report.notes.push(`${model} shuts down on ${day} (source: ${source}).`);
    }
  } else usable = mine[0]?.[0];

  if (input.mode === 'billing' && provider.generationCall) {
    const deployment = provider.id === 'azure-openai' ? env.AZURE_OPENAI_DEPLOYMENT?.trim() : undefined;
    const model =
      provider.id === 'azure-openai'
        ? deployment || usable
        : (usable ?? (mine.length && !canGoOn ? undefined : (mine[0]?.[0] ?? provider.defaultModel)));
    const where = model ? input.models.get(model) : undefined;
    const modelFrom = deployment
      ? 'AZURE_OPENAI_DEPLOYMENT'
      : where
        ? `${where.path}:${where.line}`
        : model === provider.defaultModel
          ? 'keylint’s default model'
          : undefined;
    if (!model) {
      report.notes.push(
        provider.id === 'azure-openai'
          ? 'Billing not checked: set AZURE_OPENAI_DEPLOYMENT to the deployment to call.'
          : 'Billing not checked: no model the code names is usable with this key.',
      );
    } else {
      const o = await call(provider.generationCall(model));
      if (o.word !== 'ok') await fail(o, { model }, modelFrom);
      else report.notes.push(`A 1-token generation with ${model} succeeded: billing is in order.`);
    }
  }
  return report;
}

/** A gateway URL may carry `user:password@`: it is shown without them. */
/**
 * The host a base URL would carry the key to in clear text, or undefined: https, and plain http to
 * a loopback address (a local gateway, a test server), keep the key off the wire.
 */
export function plainHttpHost(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:') return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
  return loopback ? undefined : host;
}

function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Admin keys only work on admin endpoints: verify them there. */
function verifyCallOf(input: ProbeInput): ProviderRequest {
  if (input.provider.id === 'openai' && input.key.startsWith(['sk', 'admin', ''].join('-')))
    return { method: 'GET', path: '/organization/admin_api_keys?limit=1' };
  if (input.provider.id === 'anthropic' && input.key.startsWith(['sk', 'ant', 'admin'].join('-')))
    return { method: 'GET', path: '/v1/organizations/api_keys?limit=1' };
  return input.provider.verifyCall;
}
