import { describe, expect, test } from '@jest/globals';
import {
  classify,
  errorFacts,
  googleProject,
  RULES,
  saysSomething,
  type ErrorFacts,
} from '../src/live/classify.js';
import { PROVIDERS } from '../src/live/providers.js';

/** What the classifier says of an answer: the word, and its own reading when it adds one. */
const word = (status: number, body: unknown): string => classify(status, errorFacts(body)).word;
const facts = (over: Partial<ErrorFacts>): ErrorFacts => ({
  codes: [],
  message: '',
  quotaIds: [],
  metadata: {},
  ...over,
});

describe('messages, each way providers word them', () => {
  // Status 400 and no code or type: the message alone decides.
  test.each([
    ['Missing scopes: api.responses.write', 'missing_scope'],
    ['Missing scope: model.request', 'missing_scope'],
    ['Your API key was reported as leaked. Please use another API key.', 'key_leaked'],
    ['This is a leaked key.', 'key_leaked'],
    ['leaked api key detected', 'key_leaked'],
    ['The key was exposed on GitHub', 'key_leaked'],
    ['The key has been compromised', 'key_leaked'],
    ['key has been leaked', 'key_leaked'],
    ["You didn't provide an API key.", 'missing_key'],
    ['No API key found in request', 'missing_key'],
    ['missing api key', 'missing_key'],
    ['missing an API key', 'missing_key'],
    ['API key missing', 'missing_key'],
    ['API key is missing', 'missing_key'],
    ['x-api-key header is required', 'missing_key'],
    ['No auth credentials found', 'missing_key'],
    ['No cookie auth credentials found', 'missing_key'],
    ['Missing bearer token', 'missing_key'],
    ['missing authentication', 'missing_key'],
    ['No authorization header', 'missing_key'],
    ['missing authorization header', 'missing_key'],
    ['Method doesn\u2019t allow unregistered callers', 'missing_key'],
    ['Generative Language API has not been used in project 12 before', 'service_disabled'],
    ['It is used in project 12 or it is disabled. Enable it by visiting', 'service_disabled'],
    ['Access denied due to Virtual Network/Firewall rules.', 'network_blocked'],
    ['blocked by firewall rules', 'network_blocked'],
    ['Traffic is not from an approved private endpoint.', 'network_blocked'],
    ['Public access is disabled.', 'network_blocked'],
    ['Public network access is disabled', 'network_blocked'],
    ['IP address not authorized', 'ip_not_allowed'],
    ['Your IP is not allowed', 'ip_not_allowed'],
    ['IP is not authorized to access', 'ip_not_allowed'],
    ['The address is not in the allowlist', 'ip_not_allowed'],
    ['not in the allow list', 'ip_not_allowed'],
    ['Request too large for gpt-4', 'request_too_large'],
    ['Rate limit exceeded: free-models-per-day', 'insufficient_quota'],
    ['You reached the limit of tokens per day', 'insufficient_quota'],
    ['quota per day', 'insufficient_quota'],
    ['perday usage over the quota', 'insufficient_quota'],
    ['quota of 50 requests perday', 'insufficient_quota'],
    ['Your credit balance is too low to access the API', 'insufficient_quota'],
    ['Insufficient Balance', 'insufficient_quota'],
    ['insufficient credits', 'insufficient_quota'],
    ['insufficient credit', 'insufficient_quota'],
    ['insufficient quota', 'insufficient_quota'],
    ['insufficient funds', 'insufficient_quota'],
    ['You exceeded your current quota, please check your plan', 'insufficient_quota'],
    ['You have used all available credits', 'insufficient_quota'],
    ['monthly spending limit reached', 'insufficient_quota'],
    ['spend limit reached', 'insufficient_quota'],
    ["Your team doesn't have any credits", 'insufficient_quota'],
    ['The team does not have any credits', 'insufficient_quota'],
    ['no credits left', 'insufficient_quota'],
    ['You are out of credits', 'insufficient_quota'],
    ['credits depleted', 'insufficient_quota'],
    ['credit are exhausted', 'insufficient_quota'],
    ['credits have been exhausted', 'insufficient_quota'],
    ['billing is not active', 'insufficient_quota'],
    ['billing disabled', 'insufficient_quota'],
    ['You have reached your specified API usage limits', 'insufficient_quota'],
    ['usage limit has been reached', 'insufficient_quota'],
    ['usage limits exceeded', 'insufficient_quota'],
    ['Key limit exceeded', 'insufficient_quota'],
    ['Country, region, or territory not supported', 'region_unsupported'],
    ['User location is not supported for the API use.', 'region_unsupported'],
    ['region not supported', 'region_unsupported'],
    ['unsupported_country', 'region_unsupported'],
    ['This model is not available in your region', 'region_unsupported'],
    ['not available in your country', 'region_unsupported'],
    ['This organization has been disabled.', 'deactivated'],
    ['Your account is suspended', 'deactivated'],
    ['Organization org-abc has been restricted', 'deactivated'],
    ['The workspace is deactivated', 'deactivated'],
    ['team has been blocked', 'deactivated'],
    ['API key is disabled', 'deactivated'],
    ['organisation is disabled', 'deactivated'],
    ['user deactivated', 'deactivated'],
    ['Incorrect API key provided: sk-abc', 'invalid_key'],
    ['invalid x-api-key', 'invalid_key'],
    ['Invalid API-key', 'invalid_key'],
    ['invalid api key', 'invalid_key'],
    ['API key not valid. Please pass a valid API key.', 'invalid_key'],
    ['API key expired', 'invalid_key'],
    ['api key is invalid', 'invalid_key'],
    ['Access denied due to invalid subscription key', 'invalid_key'],
    ['Authentication Fails (no such user)', 'invalid_key'],
    ['User not found.', 'invalid_key'],
    ['The model has been decommissioned', 'model_retired'],
    ['This model has been deprecated', 'model_retired'],
    ['This model has been retired', 'model_retired'],
    ['The model `gpt-9` does not exist or you do not have access to it.', 'model_not_found'],
    ['model foo not found', 'model_not_found'],
    ['model foo does not exist', 'model_not_found'],
    ['Model does not exist', 'model_not_found'],
    ['model bar not exist', 'model_not_found'],
    ['Invalid model: foo', 'model_not_found'],
    ['foo is not a valid model ID', 'model_not_found'],
    ['Overloaded', 'server_error'],
    ['Internal server error', 'server_error'],
    ['Service Unavailable', 'server_error'],
    ['Rate limit reached for requests', 'rate_limited'],
    ['Too Many Requests', 'rate_limited'],
  ])('%j: %s', (message, expected) => {
    expect(word(400, { error: { message } })).toBe(expected);
  });

  test('ordinary words near the patterns are not enough', () => {
    for (const message of [
      'scope of the request',
      'key rotation done',
      'models listed',
      'day of the week',
      'the credits page',
      'authorization succeeded',
      'invalid request: temperature',
      'api key rotated',
    ])
      expect({ message, word: word(400, { error: { message } }) }).toEqual({
        message,
        word: 'unknown_error',
      });
  });
});

describe("the provider's codes", () => {
  test.each([
    ['insufficient_quota', 'insufficient_quota'],
    ['credit_balance_exhausted', 'insufficient_quota'],
    ['organization_spend_limit_exceeded', 'insufficient_quota'],
    ['project_spend_limit_exceeded', 'insufficient_quota'],
    ['organization_usage_limit_exceeded', 'insufficient_quota'],
    ['billing_hard_limit_reached', 'insufficient_quota'],
    ['billing_not_active', 'insufficient_quota'],
    ['InsufficientQuota', 'insufficient_quota'],
    ['BILLING_DISABLED', 'insufficient_quota'],
    ['rate_limit_exceeded', 'rate_limited'],
    ['rate_limit_error', 'rate_limited'],
    ['RATE_LIMIT_EXCEEDED', 'rate_limited'],
    ['429', 'rate_limited'],
    ['invalid_api_key', 'invalid_key'],
    ['API_KEY_INVALID', 'invalid_key'],
    ['API_KEY_SERVICE_BLOCKED', 'missing_scope'],
    ['API_KEY_HTTP_REFERRER_BLOCKED', 'missing_scope'],
    ['API_KEY_ANDROID_APP_BLOCKED', 'missing_scope'],
    ['API_KEY_IOS_APP_BLOCKED', 'missing_scope'],
    ['API_KEY_IP_ADDRESS_BLOCKED', 'ip_not_allowed'],
    ['SERVICE_DISABLED', 'service_disabled'],
    ['CONSUMER_SUSPENDED', 'deactivated'],
    ['account_deactivated', 'deactivated'],
    ['organization_restricted', 'deactivated'],
    ['no_organization', 'no_organization'],
    ['mismatched_organization', 'org_mismatch'],
    ['invalid_organization', 'org_mismatch'],
    ['mismatched_project', 'project_mismatch'],
    ['unsupported_country_region_territory', 'region_unsupported'],
    ['model_decommissioned', 'model_retired'],
    ['model_not_found', 'model_not_found'],
    ['DeploymentNotFound', 'model_not_found'],
    ['OperationNotSupported', 'model_not_found'],
    ['AuthenticationTypeDisabled', 'missing_scope'],
  ])('%s: %s', (code, expected) => {
    // A message that says nothing the message stage knows: the code alone decides.
    expect(word(400, { error: { code, message: 'See the documentation.' } })).toBe(expected);
  });

  test('one code, three causes: the message tells them apart', () => {
    const rl = (message: string): string => word(429, { error: { code: 'rate_limit_exceeded', message } });
    expect(rl('Request too large for model')).toBe('request_too_large');
    expect(rl('Rate limit reached on tokens per day (TPD)')).toBe('insufficient_quota');
    expect(rl('Limit 100, used 100, requests per day')).toBe('insufficient_quota');
    expect(rl('RPD exceeded')).toBe('insufficient_quota');
    expect(rl('daily limit')).toBe('insufficient_quota');
    expect(rl('perday limit')).toBe('insufficient_quota');
    expect(rl('Rate limit reached for requests per min')).toBe('rate_limited');
    expect(word(404, { error: { code: 'model_not_found', message: 'The model was shut down' } })).toBe(
      'model_retired',
    );
    expect(word(404, { error: { code: 'model_not_found', message: 'The model is deprecated' } })).toBe(
      'model_retired',
    );
    expect(word(404, { error: { code: 'model_not_found', message: 'Model shutdown on June 1' } })).toBe(
      'model_retired',
    );
  });

  test("Google's ErrorInfo reason comes before its numeric code, and quotas say how long", () => {
    const google = (quotaId: string): ErrorFacts =>
      errorFacts({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'Quota exceeded.',
          details: [{ violations: [{ quotaId }] }],
        },
      });
    for (const id of [
      'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
      'TokensPerMonth',
      'BillingQuota',
      'FreeCredit',
      'PrepayQuota',
    ]) {
      const f = google(id);
      const c = classify(429, f);
      expect([id, c.word]).toEqual([id, 'insufficient_quota']);
    }
    const day = google('GenerateRequestsPerDayPerProjectPerModel-FreeTier');
    expect(classify(429, day).rule?.says?.(day)).toBe(
      'quota GenerateRequestsPerDayPerProjectPerModel-FreeTier is a per-day (or longer) quota: waiting minutes will not help; it resets later, and a paid tier or billing raises it',
    );
    const billing = google('BillingQuota');
    expect(classify(429, billing).rule?.says?.(billing)).toBe(
      'a per-day limit: waiting minutes will not help; it resets later, and a paid tier raises it',
    );
    for (const id of ['GenerateRequestsPerMinutePerProjectPerModel', 'RequestsPerSecond']) {
      const f = google(id);
      const c = classify(429, f);
      expect(c.word).toBe('rate_limited');
      expect(c.rule?.says?.(f)).toBe(`quota ${id} is a per-minute quota`);
    }
    const other = google('SomethingElse');
    expect(classify(429, other).word).toBe('rate_limited');
    const reason = errorFacts({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'x',
        details: [{ reason: 'API_KEY_INVALID' }],
      },
    });
    expect(reason.codes).toEqual(['API_KEY_INVALID']);
    expect(classify(400, reason).word).toBe('invalid_key');
  });

  test('a per-day message without a quota id says so in general words', () => {
    const f = errorFacts({ error: { message: 'Rate limit exceeded: free-models-per-day' } });
    expect(classify(429, f).rule?.says?.(f)).toBe(
      'a per-day limit: waiting minutes will not help; it resets later, and a paid tier raises it',
    );
  });
});

describe('error types and statuses', () => {
  test.each([
    ['insufficient_quota', 400, 'insufficient_quota'],
    ['billing_error', 400, 'insufficient_quota'],
    ['authentication_error', 400, 'invalid_key'],
    ['UNAUTHENTICATED', 400, 'invalid_key'],
    ['permission_error', 400, 'missing_scope'],
    ['rate_limit_error', 400, 'rate_limited'],
    ['requests', 400, 'rate_limited'],
    ['tokens', 400, 'rate_limited'],
    ['overloaded_error', 400, 'server_error'],
    ['api_error', 400, 'server_error'],
    ['server_error', 400, 'server_error'],
    ['timeout_error', 400, 'server_error'],
    ['UNAVAILABLE', 400, 'server_error'],
    ['INTERNAL', 400, 'server_error'],
    ['DEADLINE_EXCEEDED', 400, 'server_error'],
    ['not_found_error', 400, 'model_not_found'],
    ['NOT_FOUND', 400, 'model_not_found'],
    ['request_too_large', 400, 'request_too_large'],
    ['FAILED_PRECONDITION', 400, 'region_unsupported'],
    ['RESOURCE_EXHAUSTED', 402, 'insufficient_quota'],
    ['RESOURCE_EXHAUSTED', 429, 'rate_limited'],
    ['RESOURCE_EXHAUSTED', 400, 'rate_limited'],
  ])('type %s at %d: %s', (type, status, expected) => {
    expect(word(status, { error: { type, message: 'See the documentation.' } })).toBe(expected);
  });

  test.each([
    [401, 'invalid_key'],
    [402, 'insufficient_quota'],
    [403, 'forbidden'],
    [404, 'model_not_found'],
    [408, 'timeout'],
    [413, 'request_too_large'],
    [429, 'rate_limited'],
    [498, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [504, 'server_error'],
    [529, 'server_error'],
    [501, 'server_error'],
    [499, 'unknown_error'],
    [400, 'unknown_error'],
  ])('status %d with an unknown message: %s', (status, expected) => {
    expect(word(status, { error: { message: 'See the documentation.' } })).toBe(expected);
  });

  test('a server error status is a row of the table', () => {
    for (const status of [500, 502, 503, 504, 529]) {
      const c = classify(status, errorFacts({ error: { message: 'See the documentation.' } }));
      expect([status, c.word, c.rule?.evidence]).toEqual([status, 'server_error', 'status']);
    }
  });

  test('an answer that says nothing is unexpected, below 500', () => {
    expect(word(400, {})).toBe('unexpected_response');
    expect(word(418, [])).toBe('unexpected_response');
    expect(word(418, { error: { message: '   ' } })).toBe('unexpected_response');
    expect(word(500, {})).toBe('server_error');
  });

  test("the readings keylint adds to the provider's words", () => {
    const says = (status: number, body: unknown): string | undefined => {
      const f = errorFacts(body);
      return classify(status, f).rule?.says?.(f);
    };
    expect(says(498, { error: { message: 'x' } })).toBe('Groq’s flex tier has no capacity left for now');
    expect(says(413, { error: { type: 'request_too_large', message: 'x' } })).toMatch(
      /32 MB for the Messages API/,
    );
    expect(says(400, { error: { type: 'FAILED_PRECONDITION', message: 'x' } })).toMatch(
      /free tier is not offered/,
    );
    expect(says(403, { error: { code: 'API_KEY_SERVICE_BLOCKED', message: 'x' } })).toBe(
      'the key’s API or application restrictions do not allow this call',
    );
    expect(says(400, { error: { code: 'OperationNotSupported', message: 'x' } })).toMatch(
      /does not support this operation/,
    );
    expect(says(401, { error: { code: 'AuthenticationTypeDisabled', message: 'x' } })).toMatch(
      /Entra ID tokens only/,
    );
    const fix = (status: number, body: unknown): string | undefined => {
      const f = errorFacts(body);
      return classify(status, f).rule?.fix?.({ facts: f });
    };
    expect(fix(403, { error: { code: 'API_KEY_SERVICE_BLOCKED', message: 'x' } })).toMatch(
      /^In Google Cloud’s Credentials page/,
    );
    expect(fix(401, { error: { code: 'AuthenticationTypeDisabled', message: 'x' } })).toMatch(
      /^Enable key-based \(local\) authentication/,
    );
    expect(fix(413, { error: { type: 'request_too_large', message: 'x' } })).toMatch(
      /^Send a smaller request body/,
    );
    expect(fix(400, { error: { type: 'FAILED_PRECONDITION', message: 'x' } })).toMatch(
      /^Enable billing on the key’s project/,
    );
  });
});

describe('Google: enabling the API', () => {
  const disabled = (metadata: Record<string, string>, message = 'Service disabled.'): string => {
    const f = errorFacts({
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message,
        details: [{ reason: 'SERVICE_DISABLED', metadata }],
      },
    });
    return classify(403, f).rule!.fix!({ facts: f });
  };

  test('the project and the activation page from the details', () => {
    expect(
      disabled({
        consumer: 'projects/123456',
        service: 'generativelanguage.googleapis.com',
        activationUrl:
          'https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456',
      }),
    ).toBe(
      'Enable the Generative Language API (generativelanguage.googleapis.com) in project 123456: https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456 (or create the key in a project where it is enabled, as AI Studio does), wait a few minutes, then retry.',
    );
  });

  test('without details: the default service, a page built for the project, or none', () => {
    expect(disabled({ containerInfo: '42' })).toBe(
      'Enable the Generative Language API (generativelanguage.googleapis.com) in project 42: https://console.cloud.google.com/apis/library/generativelanguage.googleapis.com?project=42 (or create the key in a project where it is enabled, as AI Studio does), wait a few minutes, then retry.',
    );
    expect(disabled({})).toBe(
      'Enable the Generative Language API (generativelanguage.googleapis.com) in the key’s project: https://console.cloud.google.com/apis/library/generativelanguage.googleapis.com (or create the key in a project where it is enabled, as AI Studio does), wait a few minutes, then retry.',
    );
    expect(
      disabled(
        { service: 'aiplatform.googleapis.com', serviceTitle: 'Vertex AI API' },
        'project my-p is off',
      ),
    ).toBe(
      'Enable the Vertex AI API (aiplatform.googleapis.com) in project my-p: https://console.cloud.google.com/apis/library/aiplatform.googleapis.com?project=my-p (or create the key in a project where it is enabled, as AI Studio does), wait a few minutes, then retry.',
    );
    expect(disabled({ service: 'aiplatform.googleapis.com' })).toMatch(
      /^Enable the aiplatform\.googleapis\.com \(aiplatform\.googleapis\.com\) in the key’s project/,
    );
  });

  test('the project: details first, then the message', () => {
    expect(googleProject(facts({ metadata: { consumer: 'projects/7' }, message: 'project 9' }))).toBe('7');
    expect(googleProject(facts({ metadata: { containerInfo: '8' } }))).toBe('8');
    expect(googleProject(facts({ message: 'used in project my-proj-2 before' }))).toBe('my-proj-2');
    expect(googleProject(facts({ message: 'no such thing' }))).toBeUndefined();
    expect(googleProject(facts({ message: 'subproject 5' }))).toBeUndefined();
  });
});

describe('Azure: a deployment that does not exist', () => {
  const fix = (model?: string, modelFrom?: string): string => {
    const f = errorFacts({ error: { code: 'DeploymentNotFound', message: 'x' } });
    return classify(404, f).rule!.fix!({ facts: f, model, modelFrom });
  };

  test('named from the variable, from the code, or not named', () => {
    expect(fix('prod-gpt4o', 'AZURE_OPENAI_DEPLOYMENT')).toBe(
      'The Azure OpenAI resource has no deployment named `prod-gpt4o` (the name keylint called, from AZURE_OPENAI_DEPLOYMENT). Set AZURE_OPENAI_DEPLOYMENT to a deployment listed under the resource’s Deployments (its name, not the model’s), or create it; a new deployment takes a few minutes to answer.',
    );
    expect(fix('gpt-4o')).toMatch(
      /\(the name keylint called, from the code\)\. Set the deployment name the code passes \(or AZURE_OPENAI_DEPLOYMENT\)/,
    );
    expect(fix()).toBe(
      'The Azure OpenAI resource has no such deployment: set AZURE_OPENAI_DEPLOYMENT (or the deployment name the code passes) to a deployment listed under the resource’s Deployments (its name, not the model’s).',
    );
  });
});

describe('reading error bodies of every shape', () => {
  test('a bare string is the message', () => {
    expect(errorFacts('Unauthorized')).toEqual({
      codes: [],
      message: 'Unauthorized',
      quotaIds: [],
      metadata: {},
    });
  });

  test('OpenAI style: code, type and message; a numeric code is not a code', () => {
    expect(
      errorFacts({ error: { message: 'm', type: 'invalid_request_error', code: 'invalid_api_key' } }),
    ).toEqual({
      codes: ['invalid_api_key'],
      type: 'invalid_request_error',
      message: 'm',
      quotaIds: [],
      retryDelayMs: undefined,
      metadata: {},
    });
    expect(errorFacts({ error: { code: 401, message: 'm' } }).codes).toEqual([]);
    expect(errorFacts({ error: { code: '', message: 'm' } }).codes).toEqual([]);
  });

  test('Google style: status as the type, details read for reasons, metadata, quotas and retry', () => {
    const f = errorFacts({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'm',
        details: [
          null,
          'text',
          { reason: 'RATE_LIMIT_EXCEEDED', metadata: { consumer: 'projects/1', n: 3 } },
          { reason: 'OTHER', metadata: { consumer: 'projects/2', service: 's' } },
          { violations: [{ quotaId: 'Q1' }, { subject: 'S1' }, {}, null] },
          { retryDelay: '0.5s' },
          { retryDelay: '9s' },
        ],
      },
    });
    expect(f).toEqual({
      codes: ['RATE_LIMIT_EXCEEDED', 'OTHER'],
      type: 'RESOURCE_EXHAUSTED',
      message: 'm',
      quotaIds: ['Q1', 'S1'],
      retryDelayMs: 500,
      metadata: { consumer: 'projects/1', service: 's' },
    });
    expect(errorFacts({ error: { message: 'm', details: [{ retryDelay: ' 12s ' }] } }).retryDelayMs).toBe(
      12000,
    );
    expect(
      errorFacts({ error: { message: 'm', details: [{ retryDelay: '12' }] } }).retryDelayMs,
    ).toBeUndefined();
    expect(
      errorFacts({ error: { message: 'm', details: [{ retryDelay: 'x12s' }] } }).retryDelayMs,
    ).toBeUndefined();
    expect(
      errorFacts({ error: { message: 'm', details: [{ retryDelay: 12 }] } }).retryDelayMs,
    ).toBeUndefined();
    const delay = (retryDelay: string): number | undefined =>
      errorFacts({ error: { message: 'm', details: [{ retryDelay }] } }).retryDelayMs;
    expect(delay('12sx')).toBeUndefined();
    expect(delay('0.25s')).toBe(250);
    expect(errorFacts({ error: { message: 'm', details: {} } }).codes).toEqual([]);
  });

  test('a message that is not a string is quoted as JSON; none is empty', () => {
    expect(errorFacts({ error: { message: { text: 'x' } } }).message).toBe('{"text":"x"}');
    expect(errorFacts({ error: { code: 'c' } }).message).toBe('');
  });

  test('xAI: a prose code is the type, the error string the message', () => {
    expect(
      errorFacts({ code: 'Client specified an invalid argument', error: 'Incorrect API key provided' }),
    ).toEqual({
      codes: [],
      type: 'Client specified an invalid argument',
      message: 'Incorrect API key provided',
      quotaIds: [],
      metadata: {},
    });
  });

  test('Mistral: detail or message at the root, and a type of "error" says nothing', () => {
    expect(errorFacts({ detail: 'Unauthorized' }).message).toBe('Unauthorized');
    expect(errorFacts({ detail: [{ msg: 'bad' }] }).message).toBe('[{"msg":"bad"}]');
    expect(errorFacts({ message: { a: 1 } }).message).toBe('{"a":1}');
    expect(errorFacts({ message: 'm', detail: 'd' }).message).toBe('m');
    expect(errorFacts({ type: 'error', message: 'm' }).type).toBeUndefined();
    expect(errorFacts({ type: 'invalid_request_error', code: '1001', message: 'm' })).toEqual({
      codes: ['1001'],
      type: 'invalid_request_error',
      message: 'm',
      quotaIds: [],
      metadata: {},
    });
    expect(errorFacts(null)).toEqual({ codes: [], type: undefined, message: '', quotaIds: [], metadata: {} });
    expect(errorFacts(42).message).toBe('');
  });

  test('whether an answer says anything at all', () => {
    expect(saysSomething(facts({}))).toBe(false);
    expect(saysSomething(facts({ message: '  ' }))).toBe(false);
    expect(saysSomething(facts({ codes: ['x'] }))).toBe(true);
    expect(saysSomething(facts({ type: 't' }))).toBe(true);
    expect(saysSomething(facts({ message: 'm' }))).toBe(true);
    expect(saysSomething(facts({ quotaIds: ['q'] }))).toBe(true);
  });
});

describe('the table says where each answer comes from', () => {
  test('every row names the providers documented or seen sending it (or any)', () => {
    const known = new Set<string>([...Object.keys(PROVIDERS), 'any']);
    for (const [i, r] of RULES.entries()) {
      expect({ row: i, word: r.word, seen: r.seen.length > 0 }).toEqual({ row: i, word: r.word, seen: true });
      for (const id of r.seen)
        expect({ row: i, id, known: known.has(id) }).toEqual({ row: i, id, known: true });
    }
  });
});
