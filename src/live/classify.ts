import type { LiveStatus } from './statuses.js';

/** The parts of a provider's error body the classifier reads, whatever the provider's shape. */
export interface ErrorFacts {
  code?: string;
  type?: string;
  message: string;
}

/** One row of the classifier: the first stage that has a matching row decides. */
interface Rule {
  code?: string[];
  type?: string[];
  message?: RegExp;
  status?: number[];
  word: Exclude<LiveStatus, 'ok'>;
}

const BILLING_CODES = [
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
];

/** Stage 1: `error.code` (with a message refinement where one code has two meanings). */
const BY_CODE: Rule[] = [
  { code: ['rate_limit_exceeded'], message: /request too large/i, word: 'request_too_large' },
  { code: ['rate_limit_exceeded', 'rate_limit_error'], word: 'rate_limited' },
  { code: BILLING_CODES, word: 'insufficient_quota' },
  { code: ['invalid_api_key', 'API_KEY_INVALID', 'API_KEY_SERVICE_BLOCKED'], word: 'invalid_key' },
  { code: ['account_deactivated'], word: 'deactivated' },
  { code: ['no_organization'], word: 'no_organization' },
  { code: ['mismatched_organization', 'invalid_organization'], word: 'org_mismatch' },
  { code: ['mismatched_project'], word: 'project_mismatch' },
  { code: ['unsupported_country_region_territory'], word: 'region_unsupported' },
  { code: ['model_not_found'], message: /deprecated|retired|shut ?down/i, word: 'model_retired' },
  { code: ['model_not_found'], word: 'model_not_found' },
];

/** Stage 2: `error.type` (Anthropic's and OpenAI's), or Google's `error.status`. */
const BY_TYPE: Rule[] = [
  { type: ['insufficient_quota'], word: 'insufficient_quota' },
  { type: ['authentication_error'], message: /missing scopes?:/i, word: 'missing_scope' },
  { type: ['authentication_error', 'UNAUTHENTICATED'], word: 'invalid_key' },
  { type: ['permission_error', 'PERMISSION_DENIED'], message: /missing scopes?:/i, word: 'missing_scope' },
  { type: ['permission_error', 'PERMISSION_DENIED'], word: 'missing_scope' },
  { type: ['rate_limit_error'], word: 'rate_limited' },
  {
    type: ['overloaded_error', 'api_error', 'server_error', 'UNAVAILABLE', 'INTERNAL'],
    word: 'server_error',
  },
  { type: ['not_found_error'], word: 'model_not_found' },
  // Anthropic's empty wallet is a 400 invalid_request_error: the message is what tells.
  { type: ['invalid_request_error'], message: /credit balance is too low/i, word: 'insufficient_quota' },
  { type: ['FAILED_PRECONDITION'], message: /location is not supported/i, word: 'region_unsupported' },
  { type: ['RESOURCE_EXHAUSTED'], message: /quota|billing/i, word: 'insufficient_quota' },
  { type: ['RESOURCE_EXHAUSTED'], word: 'rate_limited' },
];

/** Stage 3: the message, for bodies with no usable code or type. */
const BY_MESSAGE: Rule[] = [
  { message: /missing scopes?:/i, word: 'missing_scope' },
  {
    message: /you didn't provide an api key|no api key|missing (an )?api key|x-api-key header is required/i,
    word: 'missing_key',
  },
  { message: /ip (address )?(is )?not (authorized|allowed)|not in the allow ?list/i, word: 'ip_not_allowed' },
  { message: /request too large/i, word: 'request_too_large' },
  {
    message: /credit balance is too low|insufficient (balance|credits?|quota)|exceeded your current quota/i,
    word: 'insufficient_quota',
  },
  {
    message: /(country|region|territory|location) (is )?not supported|unsupported_country/i,
    word: 'region_unsupported',
  },
  {
    message: /incorrect api key|invalid (x-)?api[- ]key|api key not valid|invalid subscription key/i,
    word: 'invalid_key',
  },
  { message: /deactivated/i, word: 'deactivated' },
  { message: /overloaded/i, word: 'server_error' },
  { message: /rate limit/i, word: 'rate_limited' },
];

/** Stage 4: the HTTP status alone. */
const BY_STATUS: Rule[] = [
  { status: [401], word: 'invalid_key' },
  { status: [402], word: 'insufficient_quota' },
  { status: [403], word: 'missing_scope' },
  { status: [404], word: 'model_not_found' },
  { status: [413], word: 'request_too_large' },
  { status: [429], word: 'rate_limited' },
  { status: [500, 502, 503, 504, 529], word: 'server_error' },
];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * OpenAI-style `{error:{message,type,code}}`, Anthropic `{type:"error",error:{type,message}}`, Google
 * `{error:{code:400,status,message,details:[{reason}]}}`, Mistral `{detail}`, OpenRouter
 * `{error:{code:402,message}}`, DeepSeek `{error:{message,type,code}}`.
 */
export function errorFacts(body: unknown): ErrorFacts {
  const root = obj(body) ?? {};
  const err = obj(root.error);
  if (err) {
    const details = Array.isArray(err.details) ? err.details.map(obj) : [];
    const reason = details.map((d) => str(d?.reason)).find(Boolean);
    return {
      code: reason ?? str(err.code),
      type: str(err.type) ?? str(err.status),
      message: str(err.message) ?? '',
    };
  }
  // xAI: `{"code": "<grpc text>", "error": "Incorrect API key provided…"}`.
  if (typeof root.error === 'string') return { code: str(root.code), message: root.error };
  const detail = root.detail;
  const message =
    str(root.message) ?? str(detail) ?? (Array.isArray(detail) ? JSON.stringify(detail) : '') ?? '';
  return { code: str(root.code), type: str(root.type) === 'error' ? undefined : str(root.type), message };
}

function first(rules: Rule[], pick: (r: Rule) => boolean): Rule | undefined {
  return rules.find(pick);
}

/** Classifies a non-2xx answer: `error.code`, then `error.type`, then the message, then the status. */
export function classify(httpStatus: number, facts: ErrorFacts): Exclude<LiveStatus, 'ok'> {
  const msgOk = (r: Rule): boolean => !r.message || r.message.test(facts.message);
  const hit =
    (facts.code ? first(BY_CODE, (r) => !!r.code?.includes(facts.code!) && msgOk(r)) : undefined) ??
    (facts.type ? first(BY_TYPE, (r) => !!r.type?.includes(facts.type!) && msgOk(r)) : undefined) ??
    (facts.message ? first(BY_MESSAGE, (r) => r.message!.test(facts.message)) : undefined) ??
    first(BY_STATUS, (r) => r.status!.includes(httpStatus));
  if (hit) return hit.word;
  if (httpStatus >= 500) return 'server_error';
  return 'unexpected_response';
}
