import type { Answer } from './provider-server.js';

/**
 * Error answers in each provider's documented shape (status, headers, body), written from the
 * providers' API references and from the bodies users posted in public issue threads, with the word
 * keylint must name for each. Both the classifier's unit tests and the end-to-end tables (the built
 * action against a provider server on 127.0.0.1) read them.
 */
export interface ErrorCase {
  name: string;
  answer: Answer;
  word: string;
  /** Words the finding's message must hold. */
  says: RegExp;
  /** Words the finding's fix must hold. */
  fix?: RegExp;
  /** `gen`: the free auth call succeeds and the 1-token generation call gets the answer. */
  on?: 'auth' | 'gen';
  /** Requests the provider must see for this key (auth and generation calls, retries included). */
  requests: number;
}

/** Headers that keep the retries of a test free of real waits: the provider asks for none. */
const NOW = { 'retry-after': '0' };

const anthropic = (
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): Answer => ({
  status,
  headers: { 'request-id': 'req_011test', ...headers },
  json: { type: 'error', error: { type, message }, request_id: 'req_011test' },
});

const google = (
  status: number,
  gstatus: string,
  message: string,
  details: unknown[] = [],
  headers?: Record<string, string>,
): Answer => ({ status, headers, json: { error: { code: status, message, status: gstatus, details } } });

const errorInfo = (reason: string, metadata: Record<string, string> = {}): unknown => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com', ...metadata },
});

const quotaFailure = (...quotaIds: string[]): unknown => ({
  '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
  violations: quotaIds.map((quotaId) => ({
    quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
    quotaId,
    quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' },
  })),
});

const retryInfo = (delay: string): unknown => ({
  '@type': 'type.googleapis.com/google.rpc.RetryInfo',
  retryDelay: delay,
});

const azure = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  headers: { 'apim-request-id': 'c85f3b15-test', ...headers },
  json: { error: { code, message } },
});

const openrouter = (
  status: number,
  message: string,
  metadata?: unknown,
  headers?: Record<string, string>,
): Answer => ({
  status,
  headers,
  json: { error: { code: status, message, ...(metadata ? { metadata } : {}) } },
});

/** OpenAI's shape, which Groq and DeepSeek share. */
const oai = (
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers?: Record<string, string>,
): Answer => ({ status, headers, json: { error: { message, type, param: null, code } } });

/** xAI's gRPC-gateway shape: `code` is the gRPC status text, `error` the message. */
const xai = (status: number, code: string, error: string, headers?: Record<string, string>): Answer => ({
  status,
  headers,
  json: { code, error },
});

export const ANTHROPIC_CASES: ErrorCase[] = [
  {
    name: 'invalid key',
    answer: anthropic(401, 'authentication_error', 'invalid x-api-key'),
    word: 'invalid_key',
    says: /invalid x-api-key/,
    requests: 1,
  },
  {
    name: 'no key sent: the message beats the type',
    answer: anthropic(401, 'authentication_error', 'x-api-key header is required'),
    word: 'missing_key',
    says: /x-api-key header is required/,
    requests: 1,
  },
  {
    name: 'no credit (a 400)',
    on: 'gen',
    answer: anthropic(
      400,
      'invalid_request_error',
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      NOW,
    ),
    word: 'insufficient_quota',
    says: /credit balance is too low/,
    requests: 2,
  },
  {
    name: 'spend limit reached',
    on: 'gen',
    answer: anthropic(
      400,
      'invalid_request_error',
      'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.',
    ),
    word: 'insufficient_quota',
    says: /specified API usage limits/,
    requests: 2,
  },
  {
    name: 'billing error type (402)',
    on: 'gen',
    answer: anthropic(402, 'billing_error', 'Your organization is out of prepaid credits.', NOW),
    word: 'insufficient_quota',
    says: /out of prepaid credits/,
    requests: 2,
  },
  {
    name: 'organization disabled',
    answer: anthropic(400, 'invalid_request_error', 'This organization has been disabled.'),
    word: 'deactivated',
    says: /This organization has been disabled\.(?!\.)/,
    requests: 1,
  },
  {
    name: 'permission error',
    answer: anthropic(
      403,
      'permission_error',
      'Your API key does not have permission to use the specified resource.',
    ),
    word: 'missing_scope',
    says: /does not have permission/,
    // A key without a read permission may still generate: billing mode asks that too.
    requests: 2,
  },
  {
    name: 'model not found',
    on: 'gen',
    answer: anthropic(404, 'not_found_error', 'model: claude-3-sonnet-20240229'),
    word: 'model_not_found',
    says: /model: claude-3-sonnet-20240229/,
    requests: 2,
  },
  {
    name: 'request too large (413, 32 MB)',
    on: 'gen',
    answer: anthropic(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.'),
    word: 'request_too_large',
    says: /request-size limit \(32 MB/,
    fix: /over 32 MB/,
    requests: 2,
  },
  {
    name: 'rate limit, retried',
    answer: anthropic(
      429,
      'rate_limit_error',
      'This request would exceed the rate limit for your organization of 50 requests per minute.',
      NOW,
    ),
    word: 'rate_limited',
    says: /rate limit for your organization/,
    requests: 4,
  },
  {
    name: 'overloaded (529)',
    answer: anthropic(529, 'overloaded_error', 'Overloaded', NOW),
    word: 'server_error',
    says: /Overloaded/,
    requests: 4,
  },
];

export const GEMINI_CASES: ErrorCase[] = [
  {
    name: 'invalid key',
    answer: google(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      errorInfo('API_KEY_INVALID'),
    ]),
    word: 'invalid_key',
    says: /API key not valid\. Please pass a valid API key\. \[API_KEY_INVALID\]/,
    requests: 1,
  },
  {
    name: 'Generative Language API disabled in the project',
    answer: google(
      403,
      'PERMISSION_DENIED',
      'Generative Language API has not been used in project 580640415319 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=580640415319 then retry.',
      [
        errorInfo('SERVICE_DISABLED', {
          consumer: 'projects/580640415319',
          serviceTitle: 'Generative Language API',
          activationUrl:
            'https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=580640415319',
        }),
      ],
    ),
    word: 'service_disabled',
    says: /has not been used in project 580640415319/,
    fix: /Enable the Generative Language API \(generativelanguage\.googleapis\.com\) in project 580640415319/,
    requests: 1,
  },
  {
    name: 'key reported as leaked',
    answer: google(
      403,
      'PERMISSION_DENIED',
      'Your API key was reported as leaked. Please use another API key.',
    ),
    word: 'key_leaked',
    says: /reported as leaked/,
    requests: 1,
  },
  {
    name: 'key restricted to other APIs',
    on: 'gen',
    answer: google(
      403,
      'PERMISSION_DENIED',
      'Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent are blocked.',
      [errorInfo('API_KEY_SERVICE_BLOCKED')],
    ),
    word: 'missing_scope',
    says: /API or application restrictions/,
    fix: /API restrictions/,
    requests: 2,
  },
  {
    name: 'no key sent',
    answer: google(
      403,
      'PERMISSION_DENIED',
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    ),
    word: 'missing_key',
    says: /unregistered callers/,
    requests: 1,
  },
  {
    name: 'per-minute quota: a rate limit, retried after RetryInfo',
    on: 'gen',
    answer: google(
      429,
      'RESOURCE_EXHAUSTED',
      'You exceeded your current quota, please check your plan and billing details.',
      [quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo('0.01s')],
    ),
    word: 'rate_limited',
    says: /GenerateRequestsPerMinutePerProjectPerModel-FreeTier is a per-minute quota/,
    requests: 5,
  },
  {
    name: 'per-day quota: not a rate limit, not retried',
    on: 'gen',
    answer: google(
      429,
      'RESOURCE_EXHAUSTED',
      'You exceeded your current quota, please check your plan and billing details.',
      [
        quotaFailure(
          'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
          'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
        ),
        retryInfo('0.01s'),
      ],
    ),
    word: 'insufficient_quota',
    says: /GenerateRequestsPerDayPerProjectPerModel-FreeTier is a per-day/,
    requests: 2,
  },
  {
    name: 'RESOURCE_EXHAUSTED alone is a rate limit',
    answer: google(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [], NOW),
    word: 'rate_limited',
    says: /Resource has been exhausted/,
    requests: 4,
  },
  {
    name: 'prepaid credit used up (402)',
    on: 'gen',
    answer: google(
      402,
      'RESOURCE_EXHAUSTED',
      'Your prepayment credits are depleted. Please add credits to continue.',
    ),
    word: 'insufficient_quota',
    says: /prepayment credits are depleted/,
    requests: 2,
  },
  {
    name: 'region not supported',
    answer: google(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.'),
    word: 'region_unsupported',
    says: /User location is not supported/,
    requests: 1,
  },
  {
    name: 'model not found',
    on: 'gen',
    answer: google(
      404,
      'NOT_FOUND',
      'models/gemini-2.5-flash is not found for API version v1beta, or is not supported for generateContent.',
    ),
    word: 'model_not_found',
    says: /is not found for API version v1beta/,
    requests: 2,
  },
  {
    name: 'overloaded',
    answer: google(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', [], NOW),
    word: 'server_error',
    says: /The model is overloaded/,
    requests: 4,
  },
  {
    name: 'an unexplained 403 is quoted, not guessed',
    answer: google(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
    word: 'forbidden',
    says: /forbidden: The caller does not have permission/,
    requests: 1,
  },
];

export const AZURE_CASES: ErrorCase[] = [
  {
    name: 'invalid key or wrong endpoint',
    answer: azure(
      401,
      '401',
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    ),
    word: 'invalid_key',
    says: /invalid subscription key/,
    requests: 1,
  },
  {
    name: 'virtual network / firewall rule',
    answer: {
      ...azure(403, '403', 'Access denied due to Virtual Network/Firewall rules.'),
      headers: { 'policy-id': 'ThrowExceptionDueToTrafficDenied' },
    },
    word: 'network_blocked',
    says: /Virtual Network\/Firewall rules\.(?!\.)/,
    requests: 1,
  },
  {
    name: 'private endpoint only',
    answer: azure(403, '403', 'Traffic is not from an approved private endpoint.'),
    word: 'network_blocked',
    says: /approved private endpoint/,
    requests: 1,
  },
  {
    name: 'key authentication disabled',
    answer: azure(
      403,
      'AuthenticationTypeDisabled',
      'Key based authentication is disabled for this resource.',
    ),
    word: 'missing_scope',
    says: /Key based authentication is disabled/,
    fix: /Entra ID/,
    requests: 2,
  },
  {
    name: 'deployment not found: names the variable',
    on: 'gen',
    answer: azure(
      404,
      'DeploymentNotFound',
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
    ),
    word: 'model_not_found',
    says: /API deployment for this resource does not exist/,
    fix: /no deployment named `dep-1` .*from AZURE_OPENAI_DEPLOYMENT.*Set AZURE_OPENAI_DEPLOYMENT/,
    requests: 2,
  },
  {
    name: 'model without chat completions',
    on: 'gen',
    answer: azure(
      400,
      'OperationNotSupported',
      'The chatCompletion operation does not work with the specified model, text-embedding-ada-002. Please choose different model and try again.',
    ),
    word: 'model_not_found',
    says: /does not support this operation/,
    requests: 2,
  },
  {
    name: 'token rate limit, retried',
    on: 'gen',
    answer: azure(
      429,
      '429',
      'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second.',
      NOW,
    ),
    word: 'rate_limited',
    says: /exceeded token rate limit/,
    requests: 5,
  },
];

export const OPENROUTER_CASES: ErrorCase[] = [
  {
    name: 'no key sent: the message beats the 401',
    answer: openrouter(401, 'No auth credentials found'),
    word: 'missing_key',
    says: /No auth credentials found/,
    requests: 1,
  },
  {
    name: 'deleted key',
    answer: openrouter(401, 'User not found.'),
    word: 'invalid_key',
    says: /User not found/,
    requests: 1,
  },
  {
    name: 'no credit (402)',
    on: 'gen',
    answer: openrouter(
      402,
      'Insufficient credits. This account never purchased credits. Make sure your key is on the correct account or org, and if so, purchase more at https://openrouter.ai/settings/credits',
    ),
    word: 'insufficient_quota',
    says: /Insufficient credits/,
    requests: 2,
  },
  {
    name: "the key's own credit limit (403)",
    on: 'gen',
    answer: openrouter(403, 'Key limit exceeded. Manage it using https://openrouter.ai/settings/keys'),
    word: 'insufficient_quota',
    says: /Key limit exceeded/,
    requests: 2,
  },
  {
    name: 'free models per day: not a rate limit',
    on: 'gen',
    answer: openrouter(
      429,
      'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day',
      undefined,
      NOW,
    ),
    word: 'insufficient_quota',
    says: /free-models-per-day.*per-day limit/,
    requests: 2,
  },
  {
    name: 'rate limit, retried',
    on: 'gen',
    answer: openrouter(429, 'Rate limit exceeded: limit_rpm/openai/gpt-4o-mini', undefined, NOW),
    word: 'rate_limited',
    says: /Rate limit exceeded/,
    requests: 5,
  },
  {
    name: 'not a valid model',
    on: 'gen',
    answer: openrouter(400, 'openai/gpt-4o-mini is not a valid model ID'),
    word: 'model_not_found',
    says: /not a valid model ID/,
    requests: 2,
  },
  {
    name: 'moderation flag: an unexplained 403',
    on: 'gen',
    answer: openrouter(
      403,
      'openai/gpt-4o-mini requires moderation on OpenRouter. Your input was flagged for "harassment".',
      {
        reasons: ['harassment'],
        flagged_input: 'hi',
        provider_name: 'OpenAI',
        model_slug: 'openai/gpt-4o-mini',
      },
    ),
    word: 'forbidden',
    says: /forbidden: openai\/gpt-4o-mini requires moderation/,
    requests: 2,
  },
  {
    name: 'request timed out (408)',
    answer: openrouter(408, 'Request timed out'),
    word: 'timeout',
    says: /Request timed out/,
    requests: 1,
  },
];

export const GROQ_CASES: ErrorCase[] = [
  {
    name: 'invalid key',
    answer: oai(401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key'),
    word: 'invalid_key',
    says: /Invalid API Key/,
    requests: 1,
  },
  {
    name: 'decommissioned model',
    on: 'gen',
    answer: oai(
      400,
      'The model `llama3-70b-8192` has been decommissioned and is no longer supported. Please refer to https://console.groq.com/docs/deprecations for a recommendation on which model to use instead.',
      'invalid_request_error',
      'model_decommissioned',
    ),
    word: 'model_retired',
    says: /has been decommissioned/,
    requests: 2,
  },
  {
    name: 'organization restricted',
    answer: oai(
      400,
      'Organization has been restricted. Please reach out to support if you believe this was in error.',
      'invalid_request_error',
      'organization_restricted',
    ),
    word: 'deactivated',
    says: /Organization has been restricted/,
    requests: 1,
  },
  {
    name: 'model not found',
    on: 'gen',
    answer: oai(
      404,
      'The model `llama-9-instant` does not exist or you do not have access to it.',
      'invalid_request_error',
      'model_not_found',
    ),
    word: 'model_not_found',
    says: /does not exist or you do not have access/,
    requests: 2,
  },
  {
    name: 'tokens per minute: retried',
    on: 'gen',
    answer: oai(
      429,
      'Rate limit reached for model `llama-3.1-8b-instant` in organization `org_01test` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5900, Requested 200. Please try again in 1s.',
      'tokens',
      'rate_limit_exceeded',
      NOW,
    ),
    word: 'rate_limited',
    says: /tokens per minute/,
    requests: 5,
  },
  {
    name: 'tokens per day: not waited out',
    on: 'gen',
    answer: oai(
      429,
      'Rate limit reached for model `llama-3.1-8b-instant` in organization `org_01test` service tier `on_demand` on tokens per day (TPD): Limit 500000, Used 499990, Requested 200. Please try again in 1m2s.',
      'tokens',
      'rate_limit_exceeded',
      NOW,
    ),
    word: 'insufficient_quota',
    says: /tokens per day.*per-day limit/,
    requests: 2,
  },
  {
    name: 'request larger than the TPM limit (413)',
    on: 'gen',
    answer: oai(
      413,
      'Request too large for model `llama-3.1-8b-instant` in organization `org_01test` on tokens per minute (TPM): Limit 6000, Requested 9000, please reduce your message size and try again.',
      'tokens',
      'rate_limit_exceeded',
    ),
    word: 'request_too_large',
    says: /Request too large/,
    requests: 2,
  },
  {
    name: 'flex tier without capacity (498), retried',
    answer: oai(498, 'Flex tier capacity exceeded. Please try again later.', 'capacity_exceeded', null, NOW),
    word: 'rate_limited',
    says: /flex tier has no capacity/,
    requests: 4,
  },
  {
    name: 'blocked by Cloudflare: an HTML page',
    answer: {
      status: 403,
      text: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>Sorry, you have been blocked</body></html>',
    },
    word: 'unexpected_response',
    says: /HTML page titled "Attention Required! \| Cloudflare"/,
    requests: 1,
  },
];

export const MISTRAL_CASES: ErrorCase[] = [
  {
    name: 'invalid key (detail)',
    answer: { status: 401, json: { detail: 'Unauthorized' } },
    word: 'invalid_key',
    says: /Unauthorized/,
    requests: 1,
  },
  {
    name: 'invalid key (message)',
    answer: { status: 401, json: { message: 'Unauthorized', request_id: '933f2339test' } },
    word: 'invalid_key',
    says: /Unauthorized/,
    requests: 1,
  },
  {
    name: 'rate limit, retried',
    answer: { status: 429, headers: NOW, json: { message: 'Requests rate limit exceeded' } },
    word: 'rate_limited',
    says: /Requests rate limit exceeded/,
    requests: 4,
  },
  {
    name: 'invalid model',
    on: 'gen',
    answer: {
      status: 400,
      json: {
        object: 'error',
        message: 'Invalid model: mistral-small-latest',
        type: 'invalid_model',
        param: null,
        code: '1500',
      },
    },
    word: 'model_not_found',
    says: /Invalid model/,
    requests: 2,
  },
  {
    name: 'an unknown JSON error is quoted with its code',
    on: 'gen',
    answer: {
      status: 422,
      json: {
        object: 'error',
        message: { detail: [{ type: 'missing', loc: ['body', 'messages'], msg: 'Field required' }] },
        type: 'invalid_request_message_error',
        param: null,
        code: null,
      },
    },
    word: 'unknown_error',
    says: /does not know \(unknown_error\).*HTTP 422: type invalid_request_message_error: ".*Field required/,
    requests: 2,
  },
  {
    name: 'an empty body is unreadable',
    answer: { status: 401, text: '', headers: { 'content-type': 'text/plain' } },
    word: 'unexpected_response',
    says: /an empty body/,
    requests: 1,
  },
];

export const DEEPSEEK_CASES: ErrorCase[] = [
  {
    name: 'invalid key',
    answer: oai(
      401,
      'Authentication Fails, Your api key: ****abcd is invalid',
      'authentication_error',
      'invalid_request_error',
    ),
    word: 'invalid_key',
    says: /Authentication Fails/,
    requests: 1,
  },
  {
    name: 'no balance (402)',
    on: 'gen',
    answer: oai(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error'),
    word: 'insufficient_quota',
    says: /Insufficient Balance/,
    requests: 2,
  },
  {
    name: 'model does not exist',
    on: 'gen',
    answer: oai(400, 'Model Not Exist', 'invalid_request_error', 'invalid_request_error'),
    word: 'model_not_found',
    says: /Model Not Exist/,
    requests: 2,
  },
  {
    name: 'rate limit, retried',
    on: 'gen',
    answer: oai(429, 'Rate Limit Reached', 'rate_limit_error', 'rate_limit_error', NOW),
    word: 'rate_limited',
    says: /Rate Limit Reached/,
    requests: 5,
  },
  {
    name: 'server overloaded',
    on: 'gen',
    answer: oai(503, 'Server overloaded, please try again later', 'server_error', 'server_error', NOW),
    word: 'server_error',
    says: /Server overloaded/,
    requests: 5,
  },
  {
    name: 'invalid parameters: unknown, quoted',
    on: 'gen',
    answer: oai(
      422,
      'Invalid Parameters: max_tokens must be positive',
      'invalid_request_error',
      'invalid_parameter',
    ),
    word: 'unknown_error',
    says: /HTTP 422: code invalid_parameter, type invalid_request_error: "Invalid Parameters/,
    requests: 2,
  },
];

export const XAI_CASES: ErrorCase[] = [
  {
    name: 'invalid key (a 400)',
    answer: xai(
      400,
      'Client specified an invalid argument',
      'Incorrect API key provided: xa***bc. You can obtain an API key from https://console.x.ai.',
    ),
    word: 'invalid_key',
    says: /Incorrect API key provided/,
    requests: 1,
  },
  {
    name: 'no credit left (403)',
    on: 'gen',
    answer: xai(
      403,
      'The caller does not have permission to execute the specified operation',
      'Your team 0f3c2a1b-test has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.',
    ),
    word: 'insufficient_quota',
    says: /used all available credits/,
    requests: 2,
  },
  {
    name: 'no credit left (429): billing is never retried',
    on: 'gen',
    answer: xai(
      429,
      'Some resource has been exhausted',
      'Your team 0f3c2a1b-test has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.',
      NOW,
    ),
    word: 'insufficient_quota',
    says: /monthly spending limit/,
    requests: 2,
  },
  {
    name: 'a new team without credits',
    on: 'gen',
    answer: xai(
      403,
      'The caller does not have permission to execute the specified operation',
      "Your newly created team doesn't have any credits yet. You can purchase credits on https://console.x.ai/team/0f3c2a1b-test.",
    ),
    word: 'insufficient_quota',
    says: /doesn't have any credits/,
    requests: 2,
  },
  {
    name: 'model not found',
    on: 'gen',
    answer: xai(
      404,
      'Some requested entity was not found',
      'The model grok-3-mini does not exist or your team 0f3c2a1b-test does not have access to it.',
    ),
    word: 'model_not_found',
    says: /does not exist or your team/,
    requests: 2,
  },
  {
    name: 'rate limit, retried',
    answer: xai(
      429,
      'Some resource has been exhausted',
      'Too many requests: rate limit of 8 requests per second reached.',
      NOW,
    ),
    word: 'rate_limited',
    says: /Too many requests/,
    requests: 4,
  },
  {
    name: 'no key sent (401)',
    answer: xai(401, 'Unauthenticated', 'No authorization header was provided.'),
    word: 'missing_key',
    says: /No authorization header/,
    requests: 1,
  },
  {
    name: 'a blocked key (403)',
    answer: xai(
      403,
      'The caller does not have permission to execute the specified operation',
      'Your API key 3f2a1b0c is blocked. Ask your team admin for help.',
    ),
    word: 'deactivated',
    says: /is blocked/,
    requests: 1,
  },
  {
    name: 'an unexplained 403 in the provider’s words',
    answer: xai(
      403,
      'The caller does not have permission to execute the specified operation',
      'Access to /v1/models is not allowed for this API key.',
    ),
    word: 'forbidden',
    says: /forbidden: Access to \/v1\/models is not allowed/,
    requests: 1,
  },
];
