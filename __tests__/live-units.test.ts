import { describe, expect, test } from '@jest/globals';
import { backoffMs, MAX_ATTEMPTS, makeBudget, retryAfterMs } from '../src/live/call.js';
import { classify, errorFacts } from '../src/live/classify.js';
import { cleaner } from '../src/live/probe.js';
import { PROVIDERS, baseUrl, statusUrl } from '../src/live/providers.js';
import { bypassesProxy, describeProxy, proxyFor } from '../src/live/proxy.js';
import { LIVE_RULES } from '../src/live/rules.js';
import { chooseProvider, keyVariables } from '../src/live/select.js';
import { LIVE_STATUSES, STATUS_INFO } from '../src/live/statuses.js';
import { readSummary } from '../src/live/status-page.js';
import { keys } from './helpers/keys.js';

const openai = (message: string, code: string | null, type = 'invalid_request_error') => ({
  error: { message, type, param: null, code },
});

describe('classifier: code, then type, then message, then status', () => {
  test.each([
    [401, openai('Incorrect API key provided', 'invalid_api_key'), 'invalid_key'],
    [401, openai("You didn't provide an API key.", null), 'missing_key'],
    [401, openai('deactivated', 'account_deactivated'), 'deactivated'],
    [401, openai('x', 'invalid_organization'), 'org_mismatch'],
    [401, openai('Missing scopes: api.model.read', null), 'missing_scope'],
    [
      403,
      openai('You have insufficient permissions. Missing scopes: model.request', null, 'permission_error'),
      'missing_scope',
    ],
    [429, openai('You exceeded your current quota', 'insufficient_quota'), 'insufficient_quota'],
    [429, openai('spend limit', 'project_spend_limit_exceeded'), 'insufficient_quota'],
    // The SDKs raise the same RateLimitError for these three: only the body tells them apart.
    [
      429,
      openai('Request too large for gpt-4o on tokens per min (TPM)', 'rate_limit_exceeded', 'tokens'),
      'request_too_large',
    ],
    [429, openai('Rate limit reached for requests', 'rate_limit_exceeded', 'requests'), 'rate_limited'],
    [404, openai('The model `text-davinci-003` has been deprecated', 'model_not_found'), 'model_retired'],
    [
      404,
      openai('The model `gpt-5x` does not exist or you do not have access to it.', 'model_not_found'),
      'model_not_found',
    ],
    [503, openai('The engine is currently overloaded', null, 'server_error'), 'server_error'],
    [529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'server_error'],
    [
      401,
      { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
      'invalid_key',
    ],
    [403, { type: 'error', error: { type: 'permission_error', message: 'not allowed' } }, 'missing_scope'],
    [403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'Nope' } }, 'forbidden'],
    [
      400,
      { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low' } },
      'insufficient_quota',
    ],
    [
      400,
      {
        error: {
          code: 400,
          status: 'FAILED_PRECONDITION',
          message: 'User location is not supported for the API use.',
        },
      },
      'region_unsupported',
    ],
    [
      429,
      { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted' } },
      'rate_limited',
    ],
    [401, { detail: 'Unauthorized' }, 'invalid_key'],
    [402, { error: { code: 402, message: 'Payment required' } }, 'insufficient_quota'],
    [418, {}, 'unexpected_response'],
    [418, { error: { message: 'I am a teapot', code: 'teapot' } }, 'unknown_error'],
  ] as const)('%i %j → %s', (status, body, word) => {
    expect(classify(status, errorFacts(body)).word).toBe(word);
  });

  test('Google: the ErrorInfo reason is the code', () => {
    const facts = errorFacts({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        message: 'API key not valid.',
        details: [{ reason: 'API_KEY_INVALID' }],
      },
    });
    expect(facts).toEqual({
      codes: ['API_KEY_INVALID'],
      type: 'INVALID_ARGUMENT',
      message: 'API key not valid.',
      quotaIds: [],
      retryDelayMs: undefined,
      metadata: {},
    });
  });
});

describe('status words and rules', () => {
  test('every word but ok has a rule, a fix and a dashboard; only ok, rate_limited and outage do not fail at fail-on high', () => {
    expect(LIVE_RULES).toHaveLength(LIVE_STATUSES.length - 1);
    const warn = Object.entries(STATUS_INFO)
      .filter(([, i]) => i.severity !== 'high' && i.severity !== 'critical')
      .map(([w]) => w);
    expect(warn.sort()).toEqual(['outage', 'rate_limited']);
    for (const id of LIVE_RULES.map((r) => r.id)) expect(id).toMatch(/^live\/[a-z-]+$/);
  });
});

describe('retries', () => {
  test('retry-after-ms wins over retry-after; an HTTP date is read; garbage is ignored', () => {
    expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '3' })).toBe(250);
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs({})).toBeUndefined();
  });

  test('backoff doubles, stays within half to all of the step, and is capped', () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 1)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(1500);
    expect(backoffMs(20, () => 1)).toBe(8000);
    expect(MAX_ATTEMPTS).toBe(4);
  });

  test('the budget ends a little early, and keeps a reserve for the status page, never more than 5 s', () => {
    expect(makeBudget(30000, 0)).toEqual({ start: 0, end: 29750, requestEnd: 24750 });
    expect(makeBudget(3000, 0)).toEqual({ start: 0, end: 2850, requestEnd: 2250 });
  });
});

describe('proxy variables', () => {
  const https = new URL('https://api.openai.com/v1/models');
  test('lower-case first, HTTPS_PROXY for https, a scheme-less value is http', () => {
    expect(describeProxy(proxyFor(https, { HTTPS_PROXY: 'proxy.corp:3128' })!)).toBe(
      'http://proxy.corp:3128 (from HTTPS_PROXY)',
    );
    expect(proxyFor(https, { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' })?.url.host).toBe('a:1');
    expect(proxyFor(https, { HTTP_PROXY: 'http://b:2' })).toBeUndefined();
    expect(proxyFor(new URL('http://x.test/'), { HTTP_PROXY: 'http://b:2' })?.variable).toBe('HTTP_PROXY');
  });
  test('credentials are never shown', () => {
    expect(describeProxy(proxyFor(https, { HTTPS_PROXY: 'http://user:pw@proxy:8080' })!)).toBe(
      'http://proxy:8080 (from HTTPS_PROXY)',
    );
  });
  test('NO_PROXY: *, suffixes, exact hosts and ports', () => {
    expect(bypassesProxy(https, '*')).toBe(true);
    expect(bypassesProxy(https, '.openai.com')).toBe(true);
    expect(bypassesProxy(https, 'openai.com')).toBe(true);
    expect(bypassesProxy(https, '*.openai.com')).toBe(true);
    expect(bypassesProxy(https, 'notopenai.com')).toBe(false);
    expect(bypassesProxy(https, 'api.openai.com:443')).toBe(true);
    expect(bypassesProxy(https, 'api.openai.com:8443')).toBe(false);
    expect(
      proxyFor(https, { HTTPS_PROXY: 'http://p:1', no_proxy: 'localhost, .openai.com' }),
    ).toBeUndefined();
  });
  test('a proxy variable that is not a URL is an error, not silently ignored', () => {
    expect(() => proxyFor(https, { HTTPS_PROXY: 'http://[bad' })).toThrow(
      /HTTPS_PROXY is not a valid proxy URL/,
    );
  });
});

describe('provider choice', () => {
  test.each([
    ['OPENAI_API_KEY', keys.openaiProject(), 'openai'],
    ['LLM_KEY', keys.anthropic(), 'anthropic'],
    ['OPENAI_API_KEY', keys.groq(), 'groq'],
    ['KEY', keys.google(), 'gemini'],
    ['KEY', keys.openrouter(), 'openrouter'],
    ['KEY', keys.xai(), 'xai'],
    ['AZURE_OPENAI_API_KEY', keys.azure(), 'azure-openai'],
    ['MISTRAL_API_KEY', keys.mistral(), 'mistral'],
    ['DEEPSEEK_API_KEY', keys.deepseek(), 'deepseek'],
    ['SOME_KEY', keys.mistral(), 'openai'],
  ])('%s with its key → %s', (name, key, id) => {
    expect(chooseProvider(name, key).provider?.id).toBe(id);
  });
  test('a key kind keylint cannot ask about is said, not guessed', () => {
    const c = chooseProvider('HF_TOKEN', keys.huggingface());
    expect(c.provider).toBeUndefined();
    expect(c.reason).toMatch(/Hugging Face user token, which keylint cannot check live/);
  });
  test('another service’s key under an LLM provider’s name goes to that provider', () => {
    const c = chooseProvider('OPENAI_API_KEY', keys.huggingface());
    expect(c.provider?.id).toBe('openai');
    expect(c.reason).toMatch(/the key looks like a Hugging Face user token/);
  });
  test('GOOGLE_API_KEY shadows GEMINI_API_KEY; empty values are missing', () => {
    const r = keyVariables(['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'OPENAI_API_KEY'], {
      GEMINI_API_KEY: 'a',
      GOOGLE_API_KEY: 'b',
      OPENAI_API_KEY: ' ',
    });
    expect(r.present.map((k) => k.variable)).toEqual(['GOOGLE_API_KEY']);
    expect(r.shadowed).toEqual(['GEMINI_API_KEY']);
    expect(r.empty).toEqual(['OPENAI_API_KEY']);
  });
  test('base URLs: KEYLINT_ first, then the SDK variable, then the default; Azure has no default', () => {
    expect(baseUrl(PROVIDERS.openai, {})).toBe('https://api.openai.com/v1');
    expect(baseUrl(PROVIDERS.openai, { OPENAI_BASE_URL: 'http://gw/v1/' })).toBe('http://gw/v1');
    expect(
      baseUrl(PROVIDERS.openai, { OPENAI_BASE_URL: 'http://gw/v1', KEYLINT_OPENAI_BASE_URL: 'http://k/v1' }),
    ).toBe('http://k/v1');
    expect(baseUrl(PROVIDERS['azure-openai'], {})).toBeUndefined();
    expect(statusUrl(PROVIDERS.groq, { KEYLINT_GROQ_STATUS_URL: 'http://s/x.json' })).toBe('http://s/x.json');
  });
});

describe('OpenRouter: the free key call shows an exhausted credit limit', () => {
  test('limit_remaining 0 is insufficient_quota; remaining credit or no limit is fine', () => {
    const read = PROVIDERS.openrouter.readAuthAnswer!;
    expect(read({ data: { limit: 10, usage: 10, limit_remaining: 0 } })?.word).toBe('insufficient_quota');
    expect(read({ data: { limit: 10, usage: 2, limit_remaining: 8 } })).toBeUndefined();
    expect(read({ data: { limit: null, usage: 2, limit_remaining: null } })).toBeUndefined();
  });
});

describe('status page', () => {
  test('matches incidents and components by name', () => {
    const s = readSummary(
      {
        status: { description: 'Partial outage' },
        components: [
          { name: 'API', status: 'partial_outage' },
          { name: 'ChatGPT', status: 'major_outage' },
        ],
        incidents: [
          {
            name: 'ChatGPT login errors',
            impact: 'major',
            status: 'investigating',
            components: [{ name: 'ChatGPT' }],
          },
          {
            name: 'Elevated API errors',
            impact: 'minor',
            status: 'identified',
            components: [{ name: 'API' }],
          },
        ],
      },
      PROVIDERS.openai.statusComponents,
    );
    expect(s.incidents).toEqual(['Elevated API errors (minor impact, identified)']);
    expect(s.degraded).toEqual(['API: partial outage']);
  });
});

describe('provider text is cleaned of the key', () => {
  test('the whole key and any long run of it are cut', () => {
    const key = keys.openaiProject();
    const clean = cleaner(key);
    expect(clean(`bad key ${key}`)).not.toContain(key);
    expect(clean(`Incorrect API key provided: ${key.slice(0, 40)}****`)).not.toContain(key.slice(8, 40));
  });
});
