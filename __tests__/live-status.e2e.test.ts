import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { TEST_BACKOFF_SCALE } from './helpers/hermetic.js';
import { keys } from './helpers/keys.js';
import { runActionAsync, type TimedRun } from './helpers/run-action.js';
import {
  openaiError,
  startProviderServer,
  statusSummary,
  type Handler,
  type ProviderServer,
} from './helpers/provider-server.js';
import { everything } from './helpers/run-action.js';

/**
 * One scenario per `live-status` word that a provider's answer decides, against a real HTTP server on
 * 127.0.0.1 that answers with the status codes, bodies and headers of failure-modes.md. Every base URL
 * and status page URL is overridden: nothing leaves 127.0.0.1.
 */
const MODELS_OK = { status: 200, json: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] } };
const RATE_HEADERS = {
  'x-request-id': 'req_test123',
  'x-ratelimit-limit-requests': '500',
  'x-ratelimit-remaining-requests': '0',
  'x-ratelimit-reset-requests': '120ms',
  'x-ratelimit-limit-tokens': '30000',
  'x-ratelimit-remaining-tokens': '29000',
  'x-ratelimit-reset-tokens': '2s',
};

interface Scenario {
  word: string;
  mode?: 'auth' | 'billing';
  handler: Handler;
  env?: Record<string, string>;
  /** The fixture names a model (`model="gpt-4o"`). */
  withModel?: boolean;
  message: RegExp;
  /** Requests the server must have seen, by path prefix. */
  requests: Record<string, number>;
  /** The wait keylint must leave between those requests (ms, before the suite's backoff scale). */
  waitsMs?: number;
  exit: 0 | 1;
}

const statusPage =
  (incident: boolean): Handler =>
  (r) =>
    r.path.startsWith('/status')
      ? {
          status: 200,
          json: statusSummary(incident ? [{ name: 'Elevated errors on the API', components: ['API'] }] : []),
        }
      : { status: 404, json: {} };

const SCENARIOS: Scenario[] = [
  {
    word: 'ok',
    handler: () => MODELS_OK,
    message: /./,
    requests: { '/v1/models': 1 },
    exit: 0,
  },
  {
    word: 'invalid_key',
    // Echoes the whole key back, as a careless gateway would: it must be redacted everywhere.
    handler: (r) =>
      openaiError(
        401,
        `Incorrect API key provided: ${String(r.headers.authorization).slice(7)}.`,
        'invalid_api_key',
      ),
    message: /Incorrect API key provided/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'missing_key',
    handler: () =>
      openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.",
        null,
      ),
    message: /didn't provide an API key/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'deactivated',
    handler: () =>
      openaiError(401, 'This key is associated with a deactivated account.', 'account_deactivated'),
    message: /deactivated account/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'no_organization',
    handler: () =>
      openaiError(401, 'You must be a member of an organization to use the API.', 'no_organization'),
    message: /member of an organization/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'org_mismatch',
    env: { OPENAI_ORG_ID: 'org-stale123' },
    handler: (r) =>
      r.headers['openai-organization'] === 'org-stale123'
        ? openaiError(
            401,
            'OpenAI-Organization header should match organization for API key',
            'mismatched_organization',
          )
        : MODELS_OK,
    message: /OpenAI-Organization: org-stale123 from OPENAI_ORG_ID/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'project_mismatch',
    env: { OPENAI_PROJECT_ID: 'proj_stale456' },
    handler: (r) =>
      r.headers['openai-project'] === 'proj_stale456'
        ? openaiError(401, 'OpenAI-Project header should match project for API key', 'mismatched_project')
        : MODELS_OK,
    message: /OpenAI-Project: proj_stale456 from OPENAI_PROJECT_ID/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'missing_scope',
    mode: 'billing',
    // A restricted key without api.model.read: listing fails, generating works. Not "invalid".
    handler: (r) =>
      r.path === '/v1/models'
        ? openaiError(
            401,
            'You have insufficient permissions for this operation. Missing scopes: api.model.read.',
            null,
          )
        : { status: 200, json: { id: 'chatcmpl-1', choices: [] } },
    message: /Missing scopes: api\.model\.read/,
    requests: { '/v1/models': 1, '/v1/chat/completions': 1 },
    exit: 1,
  },
  {
    word: 'ip_not_allowed',
    handler: () =>
      openaiError(401, 'IP not authorized: 203.0.113.9 is not in the allowlist of this project.', null),
    message: /IP not authorized/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'region_unsupported',
    handler: () =>
      openaiError(
        403,
        'Country, region, or territory not supported',
        'unsupported_country_region_territory',
        'request_forbidden',
      ),
    message: /territory not supported/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
  {
    word: 'model_not_found',
    withModel: true,
    handler: (r) =>
      r.path === '/v1/models/gpt-4o'
        ? openaiError(
            404,
            'The model `gpt-4o` does not exist or you do not have access to it.',
            'model_not_found',
          )
        : MODELS_OK,
    message: /model gpt-4o with the OpenAI key.*does not exist or you do not have access/,
    requests: { '/v1/models/gpt-4o': 1 },
    exit: 1,
  },
  {
    word: 'model_retired',
    withModel: true,
    handler: (r) =>
      r.path === '/v1/models/gpt-4o'
        ? { status: 200, json: { id: 'gpt-4o', object: 'model', shutdown_date: '2024-01-04' } }
        : MODELS_OK,
    // gpt-4o (the alias) is not in keylint's table: the API's shutdown_date decides, and says so.
    message:
      /gpt-4o was shut down on 2024-01-04 \(source: GET \/v1\/models shutdown_date; keylint's table \(\d{4}-\d\d-\d\d\) does not list it\)/,
    requests: { '/v1/models/gpt-4o': 1 },
    exit: 1,
  },
  {
    word: 'insufficient_quota',
    mode: 'billing',
    handler: (r) =>
      r.path === '/v1/models'
        ? MODELS_OK
        : {
            ...openaiError(
              429,
              'You exceeded your current quota, please check your plan and billing details.',
              'insufficient_quota',
              'insufficient_quota',
            ),
            headers: { 'retry-after': '1' },
          },
    message: /exceeded your current quota/,
    // Billing is never retried, even with a retry-after header.
    requests: { '/v1/chat/completions': 1 },
    exit: 1,
  },
  {
    word: 'rate_limited',
    handler: () => ({
      ...openaiError(429, 'Rate limit reached for requests', 'rate_limit_exceeded', 'requests'),
      headers: { ...RATE_HEADERS, 'retry-after-ms': '400' },
    }),
    message:
      /Limits \(requests: limit 500, remaining 0, reset in 120ms; tokens: limit 30000, remaining 29000, reset in 2s\)/,
    // A plain rate limit is retried, after the wait the provider asks for, and the retries are bounded.
    requests: { '/v1/models': 4 },
    waitsMs: 400,
    exit: 0,
  },
  {
    word: 'request_too_large',
    mode: 'billing',
    handler: (r) =>
      r.path === '/v1/models'
        ? MODELS_OK
        : {
            ...openaiError(
              429,
              'Request too large for gpt-4o-mini on tokens per min (TPM): Limit 30000, Requested 31000.',
              'rate_limit_exceeded',
              'tokens',
            ),
            headers: { 'retry-after-ms': '10' },
          },
    message: /Request too large/,
    requests: { '/v1/chat/completions': 1 },
    exit: 1,
  },
  {
    word: 'server_error',
    handler: (r) =>
      r.path.startsWith('/status')
        ? statusPage(false)(r)
        : {
            ...openaiError(
              500,
              'The server had an error while processing your request.',
              'server_error',
              'server_error',
            ),
            headers: { 'retry-after-ms': '10' },
          },
    message: /server had an error.*after 4 attempts/,
    requests: { '/v1/models': 4, '/status': 1 },
    exit: 1,
  },
  {
    word: 'unexpected_response',
    handler: () => ({
      status: 200,
      text: '<html><head><title>Guest WiFi: sign in</title></head><body>…</body></html>',
    }),
    message: /HTML page titled "Guest WiFi: sign in"/,
    requests: { '/v1/models': 1 },
    exit: 1,
  },
];

describe('live-status from the provider’s answer (OpenAI)', () => {
  let server: ProviderServer;
  let plain: TempRepo;
  let withModel: TempRepo;

  beforeAll(async () => {
    plain = new TempRepo();
    plain.write('main.py', 'print("hello")\n');
    plain.commit('init');
    withModel = new TempRepo();
    withModel.write(
      'app.py',
      'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
    );
    withModel.commit('init');
    server = await startProviderServer(() => MODELS_OK);
  });
  afterAll(async () => {
    await server.close();
    plain.cleanup();
    withModel.cleanup();
  });

  test.each(SCENARIOS.map((s) => [s.word, s] as const))('%s', async (_word, s) => {
    server.requests.length = 0;
    server.handle(s.handler);
    const key = keys.openaiProject();
    const run: TimedRun = await runActionAsync({
      workspace: (s.withModel ? withModel : plain).dir,
      inputs: { 'live-check': s.mode ?? 'auth', 'key-env': 'OPENAI_API_KEY' },
      env: {
        OPENAI_API_KEY: key,
        KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1`,
        KEYLINT_OPENAI_STATUS_URL: `${server.origin}/status/api/v2/summary.json`,
        ...s.env,
      },
    });
    expect(run.outputs['live-status']).toBe(s.word);
    expect(run.code).toBe(s.exit);
    for (const [prefix, n] of Object.entries(s.requests))
      expect([prefix, server.count(prefix)]).toEqual([prefix, n]);
    if (s.waitsMs !== undefined) {
      const at = server.requests.filter((r) => r.path.startsWith('/v1/')).map((r) => r.at);
      for (let i = 1; i < at.length; i++)
        expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(s.waitsMs * TEST_BACKOFF_SCALE);
    }
    if (s.word !== 'ok') {
      const rule = `live/${s.word.replace(/_/g, '-')}`;
      const a = run.annotations.find((x) => x.title?.startsWith(rule));
      expect(a?.level).toBe(s.exit ? 'error' : 'warning');
      expect(a?.message).toMatch(s.message);
      expect(a?.message).toContain('https://platform.openai.com/');
    }
    expect(run.summary).toContain(`live-status: \`${s.word}\``);
    // The key went to the provider in the Authorization header, and nowhere else.
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${key}`);
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    expect(logs).not.toContain(key);
    expect(logs).not.toContain(key.slice(20, 40));
  });

  test.each([
    ['a Bearer prefix', (k: string) => `Bearer ${k}`, /starts with `Bearer `/],
    ['wrapping quotes', (k: string) => `"${k}"`, /wrapped in quotes/],
    ['a zero-width space', (k: string) => `${k.slice(0, 30)}\u200b${k.slice(30)}`, /invisible/],
  ])('a malformed value (%s) is not sent: the wiring word names it', async (_what, make, reason) => {
    server.requests.length = 0;
    server.handle(() => MODELS_OK);
    const key = keys.openaiProject();
    const run = await runActionAsync({
      workspace: plain.dir,
      inputs: { 'live-check': 'auth', 'key-env': 'OPENAI_API_KEY' },
      env: { OPENAI_API_KEY: make(key), KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(server.requests).toHaveLength(0);
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=malformed');
    expect(run.outputs['live-status']).toBeUndefined();
    expect(run.annotations.some((a) => reason.test(a.message))).toBe(true);
    expect(everything(run).replace(/^::add-mask::.*$/gm, '')).not.toContain(key);
  });

  test('rate limits: the summary reports the request id and the x-ratelimit headers', async () => {
    server.requests.length = 0;
    server.handle(() => ({
      ...openaiError(429, 'Rate limit reached', 'rate_limit_exceeded'),
      headers: { ...RATE_HEADERS, 'retry-after-ms': '5' },
    }));
    const run = await runActionAsync({
      workspace: plain.dir,
      inputs: { 'live-check': 'auth' },
      env: { OPENAI_API_KEY: keys.openaiProject(), KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(run.summary).toContain('`x-request-id: req_test123`');
    expect(run.summary).toContain('`x-ratelimit-remaining-requests: 0`');
    expect(run.summary).toContain('`x-ratelimit-reset-tokens: 2s`');
  });

  test('a retry-after longer than the budget is not waited for', async () => {
    server.requests.length = 0;
    server.handle(() => ({
      ...openaiError(429, 'Rate limit reached', 'rate_limit_exceeded'),
      headers: { 'retry-after': '60' },
    }));
    const run = await runActionAsync({
      workspace: plain.dir,
      inputs: { 'live-check': 'auth', 'live-timeout': '5' },
      env: { OPENAI_API_KEY: keys.openaiProject(), KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(run.outputs['live-status']).toBe('rate_limited');
    expect(server.count('/v1/models')).toBe(1);
    expect(run.annotations.find((a) => a.title?.startsWith('live/rate-limited'))?.message).toMatch(
      /asks to wait 60\.0 s, more than the time budget left/,
    );
  });

  test('no key in the environment is missing_key, and nothing is sent', async () => {
    server.requests.length = 0;
    const run = await runActionAsync({
      workspace: plain.dir,
      inputs: { 'live-check': 'auth', 'key-env': 'OPENAI_API_KEY' },
      env: { OPENAI_API_KEY: '', KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(run.outputs['live-status']).toBe('missing_key');
    expect(run.code).toBe(1);
    expect(server.requests).toHaveLength(0);
    expect(run.annotations.find((a) => a.title?.startsWith('live/missing-key'))?.message).toMatch(
      /OPENAI_API_KEY is not set or empty/,
    );
  });

  test('live-check off sends nothing and sets no live-status', async () => {
    server.requests.length = 0;
    const run = await runActionAsync({
      workspace: plain.dir,
      env: { OPENAI_API_KEY: keys.openaiProject(), KEYLINT_OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    expect(run.code).toBe(0);
    expect(run.outputs['live-status']).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  test('overload with an incident on the status page is an outage, which warns', async () => {
    server.requests.length = 0;
    server.handle((r) =>
      r.path.startsWith('/status')
        ? statusPage(true)(r)
        : {
            status: 529,
            json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
            headers: { 'retry-after-ms': '10' },
          },
    );
    const key = keys.anthropic();
    const run = await runActionAsync({
      workspace: plain.dir,
      inputs: { 'live-check': 'auth', 'key-env': 'ANTHROPIC_API_KEY' },
      env: {
        ANTHROPIC_API_KEY: key,
        ANTHROPIC_BASE_URL: server.origin,
        KEYLINT_ANTHROPIC_STATUS_URL: `${server.origin}/status/api/v2/summary.json`,
      },
    });
    expect(run.outputs['live-status']).toBe('outage');
    expect(run.code).toBe(0);
    expect(server.count('/v1/models')).toBe(4);
    expect(server.count('/status')).toBe(1);
    expect(server.requests[0]?.headers['x-api-key']).toBe(key);
    expect(server.requests[0]?.headers['anthropic-version']).toBe('2023-06-01');
    const a = run.annotations.find((x) => x.title?.startsWith('live/outage'));
    expect(a?.level).toBe('warning');
    expect(a?.message).toMatch(/Overloaded.*The status page reports: Elevated errors on the API/);
    expect(a?.message).toContain('https://console.anthropic.com/');
  });
});
