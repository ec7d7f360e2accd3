import type { ProviderId } from './providers.js';
import type { LiveStatus } from './statuses.js';

export type FailWord = Exclude<LiveStatus, 'ok'>;

/** The parts of a provider's error body the classifier reads, whatever the provider's shape. */
export interface ErrorFacts {
  /** The provider's own codes, most specific first: Google's `ErrorInfo.reason`, then `error.code`. */
  codes: string[];
  /** `error.type` (OpenAI, Anthropic, Groq, DeepSeek) or Google's `error.status`. */
  type?: string;
  message: string;
  /** Google `QuotaFailure.violations[].quotaId`: which quota ran out. */
  quotaIds: string[];
  /** Google `RetryInfo.retryDelay`, in milliseconds. */
  retryDelayMs?: number;
  /** Google `ErrorInfo.metadata` (the project as `consumer`, the `service`, its `activationUrl`). */
  metadata: Record<string, string>;
}

/**
 * The evidence a rule reads, in the order they decide: the provider's code is the most specific (it
 * is meant for programs), its message says more than its error type (Anthropic's
 * `authentication_error` covers both "invalid x-api-key" and "x-api-key header is required"), and the
 * HTTP status alone says least.
 */
export const EVIDENCE_ORDER = ['code', 'message', 'type', 'status'] as const;
export type Evidence = (typeof EVIDENCE_ORDER)[number];

/** What the call was about, for the fixes that name it (Azure's deployment and where it came from). */
export interface FixContext {
  facts: ErrorFacts;
  model?: string;
  /** Where the model or deployment name came from: a variable, or a place in the code. */
  modelFrom?: string;
}

interface RuleBase {
  word: FailWord;
  /** The providers documented or seen sending this answer (for the docs and the tests; matching is global). */
  seen: readonly (ProviderId | 'any')[];
  /** keylint's reading of the answer, added to the provider's words when they alone do not say it. */
  says?: (facts: ErrorFacts) => string | undefined;
  /** A fix more precise than the word's own. */
  fix?: (c: FixContext) => string;
  /** Further conditions (any evidence may refine a rule; the stage is what decides its rank). */
  when?: { message?: RegExp; status?: readonly number[] };
}

/** One row of the classifier. Each reads one kind of evidence; the first matching row of the first stage decides. */
export type Rule =
  | (RuleBase & { evidence: 'code'; code?: readonly string[]; quota?: RegExp })
  | (RuleBase & { evidence: 'message'; message: RegExp })
  | (RuleBase & { evidence: 'type'; type: readonly string[] })
  | (RuleBase & { evidence: 'status'; status: readonly number[] });

const PER_DAY = /per ?day|\b(tpd|rpd)\b|daily/i;
const perDay = (f: ErrorFacts): string | undefined => {
  const q = f.quotaIds.find((id) => /PerDay|PerMonth/i.test(id));
  return q
    ? `quota ${q} is a per-day (or longer) quota: waiting minutes will not help; it resets later, and a paid tier or billing raises it`
    : 'a per-day limit: waiting minutes will not help; it resets later, and a paid tier raises it';
};
const perMinute = (f: ErrorFacts): string | undefined => {
  const q = f.quotaIds.find((id) => /PerMinute|PerSecond/i.test(id));
  return q ? `quota ${q} is a per-minute quota` : undefined;
};

/** `projects/123` or `123`, from Google's ErrorInfo metadata or its message. */
export function googleProject(f: ErrorFacts): string | undefined {
  const fromMeta = (f.metadata.consumer ?? f.metadata.containerInfo ?? '').replace(/^projects\//, '');
  return fromMeta || /\bproject ([\w-]+)/.exec(f.message)?.[1];
}

const serviceDisabledFix = (c: FixContext): string => {
  const project = googleProject(c.facts);
  const service = c.facts.metadata.service || 'generativelanguage.googleapis.com';
  const title =
    c.facts.metadata.serviceTitle ||
    (service === 'generativelanguage.googleapis.com' ? 'Generative Language API' : service);
  const url =
    c.facts.metadata.activationUrl ||
    `https://console.cloud.google.com/apis/library/${service}${project ? `?project=${project}` : ''}`;
  return `Enable the ${title} (${service}) in ${project ? `project ${project}` : 'the key’s project'}: ${url} (or create the key in a project where it is enabled, as AI Studio does), wait a few minutes, then retry.`;
};

const azureDeploymentFix = (c: FixContext): string =>
  c.model
    ? `The Azure OpenAI resource has no deployment named \`${c.model}\` (the name keylint called, from ${c.modelFrom ?? 'the code'}). Set ${c.modelFrom === 'AZURE_OPENAI_DEPLOYMENT' ? 'AZURE_OPENAI_DEPLOYMENT' : 'the deployment name the code passes (or AZURE_OPENAI_DEPLOYMENT)'} to a deployment listed under the resource’s Deployments (its name, not the model’s), or create it; a new deployment takes a few minutes to answer.`
    : 'The Azure OpenAI resource has no such deployment: set AZURE_OPENAI_DEPLOYMENT (or the deployment name the code passes) to a deployment listed under the resource’s Deployments (its name, not the model’s).';

const BILLING_CODES = [
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  'billing_hard_limit_reached',
  'billing_not_active',
  'InsufficientQuota',
  'BILLING_DISABLED',
];

/** Stage 1: the provider's own codes (`error.code`, Google's ErrorInfo reason and QuotaFailure). */
const BY_CODE: Rule[] = [
  // One code, three causes: the message tells them apart (the SDKs raise one RateLimitError for all).
  {
    evidence: 'code',
    code: ['rate_limit_exceeded'],
    when: { message: /request too large/i },
    word: 'request_too_large',
    seen: ['openai', 'groq', 'azure-openai'],
  },
  {
    evidence: 'code',
    code: ['rate_limit_exceeded'],
    when: { message: PER_DAY },
    word: 'insufficient_quota',
    says: perDay,
    seen: ['openai', 'groq'],
  },
  {
    evidence: 'code',
    code: BILLING_CODES,
    word: 'insufficient_quota',
    seen: ['openai', 'azure-openai', 'gemini'],
  },
  // Google: a per-day quota (or a billing one) is not waited out; a per-minute quota is.
  {
    evidence: 'code',
    quota: /PerDay|PerMonth|Billing|Credit|Prepay/i,
    word: 'insufficient_quota',
    says: perDay,
    seen: ['gemini'],
  },
  {
    evidence: 'code',
    quota: /PerMinute|PerSecond/i,
    word: 'rate_limited',
    says: perMinute,
    seen: ['gemini'],
  },
  {
    evidence: 'code',
    code: ['rate_limit_exceeded', 'rate_limit_error', 'RATE_LIMIT_EXCEEDED', '429'],
    word: 'rate_limited',
    seen: ['openai', 'groq', 'azure-openai', 'gemini'],
  },
  {
    evidence: 'code',
    code: ['invalid_api_key', 'API_KEY_INVALID'],
    word: 'invalid_key',
    seen: ['openai', 'groq', 'gemini'],
  },
  {
    evidence: 'code',
    code: [
      'API_KEY_SERVICE_BLOCKED',
      'API_KEY_HTTP_REFERRER_BLOCKED',
      'API_KEY_ANDROID_APP_BLOCKED',
      'API_KEY_IOS_APP_BLOCKED',
    ],
    word: 'missing_scope',
    says: () => 'the key’s API or application restrictions do not allow this call',
    fix: () =>
      'In Google Cloud’s Credentials page, allow the Generative Language API in the key’s API restrictions and remove application restrictions (HTTP referrers, apps) that a CI runner cannot meet, or use an unrestricted key.',
    seen: ['gemini'],
  },
  { evidence: 'code', code: ['API_KEY_IP_ADDRESS_BLOCKED'], word: 'ip_not_allowed', seen: ['gemini'] },
  {
    evidence: 'code',
    code: ['SERVICE_DISABLED'],
    word: 'service_disabled',
    fix: serviceDisabledFix,
    seen: ['gemini'],
  },
  { evidence: 'code', code: ['CONSUMER_SUSPENDED'], word: 'deactivated', seen: ['gemini'] },
  { evidence: 'code', code: ['account_deactivated'], word: 'deactivated', seen: ['openai'] },
  { evidence: 'code', code: ['organization_restricted'], word: 'deactivated', seen: ['groq'] },
  { evidence: 'code', code: ['no_organization'], word: 'no_organization', seen: ['openai'] },
  {
    evidence: 'code',
    code: ['mismatched_organization', 'invalid_organization'],
    word: 'org_mismatch',
    seen: ['openai'],
  },
  { evidence: 'code', code: ['mismatched_project'], word: 'project_mismatch', seen: ['openai'] },
  {
    evidence: 'code',
    code: ['unsupported_country_region_territory'],
    word: 'region_unsupported',
    seen: ['openai'],
  },
  { evidence: 'code', code: ['model_decommissioned'], word: 'model_retired', seen: ['groq'] },
  {
    evidence: 'code',
    code: ['model_not_found'],
    when: { message: /deprecated|retired|decommissioned|shut ?down/i },
    word: 'model_retired',
    seen: ['openai'],
  },
  { evidence: 'code', code: ['model_not_found'], word: 'model_not_found', seen: ['openai', 'groq'] },
  {
    evidence: 'code',
    code: ['DeploymentNotFound'],
    word: 'model_not_found',
    fix: azureDeploymentFix,
    seen: ['azure-openai'],
  },
  {
    evidence: 'code',
    code: ['OperationNotSupported'],
    word: 'model_not_found',
    says: () => 'the deployment’s model does not support this operation (chat completions)',
    seen: ['azure-openai'],
  },
  {
    evidence: 'code',
    code: ['AuthenticationTypeDisabled'],
    word: 'missing_scope',
    says: () => 'key authentication is disabled on this resource (it takes Microsoft Entra ID tokens only)',
    fix: () =>
      'Enable key-based (local) authentication on the Azure OpenAI resource, or authenticate the job with Microsoft Entra ID instead of a key.',
    seen: ['azure-openai'],
  },
];

/** Stage 2: the message, which often says more than the error type. */
const BY_MESSAGE: Rule[] = [
  { evidence: 'message', message: /missing scopes?:/i, word: 'missing_scope', seen: ['openai'] },
  {
    evidence: 'message',
    message: /reported as leaked|leaked (api )?key|key (was|has been) (exposed|compromised|leaked)/i,
    word: 'key_leaked',
    seen: ['gemini', 'any'],
  },
  {
    evidence: 'message',
    message:
      /you didn't provide an api key|no api key|missing (an )?api key|api key (is )?missing|x-api-key header is required|no auth credentials found|no cookie auth credentials|missing (bearer|authentication)|(no|missing) authorization header|unregistered callers/i,
    word: 'missing_key',
    seen: ['openai', 'anthropic', 'openrouter', 'gemini', 'xai'],
  },
  {
    evidence: 'message',
    message: /API has not been used in project|or it is disabled\. Enable it/i,
    word: 'service_disabled',
    fix: serviceDisabledFix,
    seen: ['gemini'],
  },
  {
    evidence: 'message',
    message: /virtual network|firewall rules|private endpoint|public (network )?access is disabled/i,
    word: 'network_blocked',
    seen: ['azure-openai'],
  },
  {
    evidence: 'message',
    message: /ip (address )?(is )?not (authorized|allowed)|not in the allow ?list/i,
    word: 'ip_not_allowed',
    seen: ['openai'],
  },
  { evidence: 'message', message: /request too large/i, word: 'request_too_large', seen: ['openai', 'groq'] },
  {
    evidence: 'message',
    message: /free-models-per-day|(limit|quota).{0,40}per ?day|per ?day.{0,40}(limit|quota)/i,
    word: 'insufficient_quota',
    says: perDay,
    seen: ['openrouter', 'groq'],
  },
  {
    evidence: 'message',
    message:
      /credit balance is too low|insufficient (balance|credits?|quota|funds)|exceeded your current quota|used all available credits|(spending|spend) limit|(doesn't|does not) have any credits|no credits|out of credits|credits? (are |have been )?(depleted|exhausted)|billing (is )?(not active|disabled)|reached your specified api usage limits|usage limits?.{0,30}(reached|exceeded)|key limit exceeded/i,
    word: 'insufficient_quota',
    seen: ['openai', 'anthropic', 'openrouter', 'deepseek', 'xai', 'gemini'],
  },
  {
    evidence: 'message',
    message:
      /(country|region|territory|location) (is )?not supported|unsupported_country|not available in your (country|region)/i,
    word: 'region_unsupported',
    seen: ['openai', 'gemini'],
  },
  {
    evidence: 'message',
    message:
      /(organi[sz]ation|account|team|workspace|api key)( [\w-]+)? (has been|is) (disabled|restricted|suspended|deactivated|blocked)|deactivated/i,
    word: 'deactivated',
    seen: ['anthropic', 'groq', 'xai', 'openai'],
  },
  {
    evidence: 'message',
    message:
      /incorrect api key|invalid (x-)?api[- ]key|api key not valid|api key (is )?(invalid|expired)|invalid subscription key|authentication fails|user not found/i,
    word: 'invalid_key',
    seen: ['openai', 'anthropic', 'gemini', 'azure-openai', 'deepseek', 'xai', 'groq', 'openrouter'],
  },
  {
    evidence: 'message',
    message: /decommissioned|has been (deprecated|retired)/i,
    word: 'model_retired',
    seen: ['groq', 'openai'],
  },
  {
    evidence: 'message',
    message: /model.{0,80}(does not exist|not found|not exist)|invalid model|not a valid model/i,
    word: 'model_not_found',
    seen: ['openai', 'xai', 'deepseek', 'mistral', 'openrouter', 'gemini'],
  },
  {
    evidence: 'message',
    message: /overloaded|server error|service unavailable/i,
    word: 'server_error',
    seen: ['any'],
  },
  {
    evidence: 'message',
    message: /rate limit|too many requests/i,
    word: 'rate_limited',
    seen: ['mistral', 'any'],
  },
];

/** Stage 3: the error type (Anthropic's and OpenAI's `error.type`), or Google's `error.status`. */
const BY_TYPE: Rule[] = [
  {
    evidence: 'type',
    type: ['insufficient_quota', 'billing_error'],
    word: 'insufficient_quota',
    seen: ['openai', 'anthropic'],
  },
  {
    evidence: 'type',
    type: ['authentication_error', 'UNAUTHENTICATED'],
    word: 'invalid_key',
    seen: ['anthropic', 'deepseek', 'gemini'],
  },
  // Anthropic documents `permission_error` as "the key lacks permission for the resource"; Google's
  // PERMISSION_DENIED means too many things (leaked key, disabled API, restrictions) to guess from.
  { evidence: 'type', type: ['permission_error'], word: 'missing_scope', seen: ['anthropic'] },
  {
    evidence: 'type',
    type: ['rate_limit_error', 'requests', 'tokens'],
    word: 'rate_limited',
    seen: ['anthropic', 'openai', 'groq'],
  },
  {
    evidence: 'type',
    type: [
      'overloaded_error',
      'api_error',
      'server_error',
      'timeout_error',
      'UNAVAILABLE',
      'INTERNAL',
      'DEADLINE_EXCEEDED',
    ],
    word: 'server_error',
    seen: ['anthropic', 'openai', 'gemini'],
  },
  {
    evidence: 'type',
    type: ['not_found_error', 'NOT_FOUND'],
    word: 'model_not_found',
    seen: ['anthropic', 'gemini'],
  },
  {
    evidence: 'type',
    type: ['request_too_large'],
    word: 'request_too_large',
    says: () =>
      'the request body is over Anthropic’s request-size limit (32 MB for the Messages API), not a token limit',
    fix: () =>
      'Send a smaller request body: Anthropic refuses requests over 32 MB on the Messages and token-counting APIs (256 MB for batches); waiting does not help.',
    seen: ['anthropic'],
  },
  {
    evidence: 'type',
    type: ['FAILED_PRECONDITION'],
    word: 'region_unsupported',
    says: () =>
      'Google answers this when the free tier is not offered in the runner’s country and billing is off',
    fix: () =>
      'Enable billing on the key’s project in Google AI Studio (the free tier is not offered in every country), or run the job from a supported region.',
    seen: ['gemini'],
  },
  {
    evidence: 'type',
    type: ['RESOURCE_EXHAUSTED'],
    when: { status: [402] },
    word: 'insufficient_quota',
    seen: ['gemini'],
  },
  { evidence: 'type', type: ['RESOURCE_EXHAUSTED'], word: 'rate_limited', seen: ['gemini'] },
];

/** Stage 4: the HTTP status alone. An unexplained 403 is said as such, not guessed. */
const BY_STATUS: Rule[] = [
  { evidence: 'status', status: [401], word: 'invalid_key', seen: ['any'] },
  {
    evidence: 'status',
    status: [402],
    word: 'insufficient_quota',
    seen: ['openrouter', 'deepseek', 'gemini', 'anthropic'],
  },
  { evidence: 'status', status: [403], word: 'forbidden', seen: ['any'] },
  { evidence: 'status', status: [404], word: 'model_not_found', seen: ['any'] },
  { evidence: 'status', status: [408], word: 'timeout', seen: ['openrouter'] },
  { evidence: 'status', status: [413], word: 'request_too_large', seen: ['groq', 'anthropic'] },
  { evidence: 'status', status: [429], word: 'rate_limited', seen: ['any'] },
  {
    evidence: 'status',
    status: [498],
    word: 'rate_limited',
    says: () => 'Groq’s flex tier has no capacity left for now',
    seen: ['groq'],
  },
  { evidence: 'status', status: [500, 502, 503, 504, 529], word: 'server_error', seen: ['any'] },
];

/** Every rule, stage by stage: the classifier's whole table. */
export const RULES: readonly Rule[] = [...BY_CODE, ...BY_MESSAGE, ...BY_TYPE, ...BY_STATUS];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Google's `Duration` JSON (`"37s"`, `"0.5s"`) in milliseconds. */
function durationMs(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(v.trim()) : null;
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

function googleDetails(details: unknown): Pick<ErrorFacts, 'quotaIds' | 'retryDelayMs' | 'metadata'> & {
  reasons: string[];
} {
  const list = Array.isArray(details) ? details.map(obj).filter((d) => d !== undefined) : [];
  const reasons: string[] = [];
  const quotaIds: string[] = [];
  const metadata: Record<string, string> = {};
  let retryDelayMs: number | undefined;
  for (const d of list) {
    const reason = str(d.reason);
    if (reason) reasons.push(reason);
    for (const [k, v] of Object.entries(obj(d.metadata) ?? {})) if (typeof v === 'string') metadata[k] ??= v;
    for (const v of Array.isArray(d.violations) ? d.violations.map(obj) : []) {
      const id = str(v?.quotaId) ?? str(v?.subject);
      if (id) quotaIds.push(id);
    }
    retryDelayMs ??= durationMs(d.retryDelay);
  }
  return { reasons, quotaIds, retryDelayMs, metadata };
}

const none = (): Pick<ErrorFacts, 'quotaIds' | 'metadata'> => ({ quotaIds: [], metadata: {} });

/**
 * OpenAI-style `{error:{message,type,code}}` (Groq, DeepSeek, Azure), Anthropic
 * `{type:"error",error:{type,message}}`, Google `{error:{code:400,status,message,details:[…]}}`,
 * OpenRouter `{error:{code:402,message}}`, Mistral `{detail}` or `{message,type,code}`, xAI
 * `{code,error:"…"}` or a bare JSON string.
 */
export function errorFacts(body: unknown): ErrorFacts {
  if (typeof body === 'string') return { codes: [], message: body, ...none() };
  const root = obj(body) ?? {};
  const err = obj(root.error);
  if (err) {
    const g = googleDetails(err.details);
    return {
      codes: [...g.reasons, ...[str(err.code)].filter((c): c is string => !!c)],
      type: str(err.type) ?? str(err.status),
      message: str(err.message) ?? (err.message !== undefined ? JSON.stringify(err.message) : ''),
      quotaIds: g.quotaIds,
      retryDelayMs: g.retryDelayMs,
      metadata: g.metadata,
    };
  }
  // xAI: `{"code": "<grpc text>", "error": "Incorrect API key provided…"}`: its code is prose, not a code.
  if (typeof root.error === 'string')
    return { codes: [], type: str(root.code), message: root.error, ...none() };
  const detail = root.detail;
  const message =
    str(root.message) ??
    str(detail) ??
    (detail !== undefined
      ? JSON.stringify(detail)
      : root.message !== undefined
        ? JSON.stringify(root.message)
        : '');
  return {
    codes: [str(root.code)].filter((c): c is string => !!c),
    type: str(root.type) === 'error' ? undefined : str(root.type),
    message,
    ...none(),
  };
}

/** Does the body say anything about an error at all? `{}` or a bare list does not. */
export function saysSomething(f: ErrorFacts): boolean {
  return f.codes.length > 0 || !!f.type || !!f.message.trim() || f.quotaIds.length > 0;
}

function matches(rule: Rule, status: number, f: ErrorFacts): boolean {
  if (rule.when?.message && !rule.when.message.test(f.message)) return false;
  if (rule.when?.status && !rule.when.status.includes(status)) return false;
  switch (rule.evidence) {
    case 'code':
      return (
        (!!rule.code && f.codes.some((c) => rule.code!.includes(c))) ||
        (!!rule.quota && f.quotaIds.some((q) => rule.quota!.test(q)))
      );
    case 'message':
      return !!f.message && rule.message.test(f.message);
    case 'type':
      return !!f.type && rule.type.includes(f.type);
    case 'status':
      return rule.status.includes(status);
  }
}

export interface Classification {
  word: FailWord;
  /** The row that decided, when one did. */
  rule?: Rule;
}

/** Classifies a non-2xx JSON answer: the first rule that matches, stage by stage in `EVIDENCE_ORDER`. */
export function classify(httpStatus: number, facts: ErrorFacts): Classification {
  for (const stage of EVIDENCE_ORDER) {
    const rule = RULES.find((r) => r.evidence === stage && matches(r, httpStatus, facts));
    if (rule) return { word: rule.word, rule };
  }
  if (httpStatus >= 500) return { word: 'server_error' };
  return { word: saysSomething(facts) ? 'unknown_error' : 'unexpected_response' };
}
