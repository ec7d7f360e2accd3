import { describe, expect, test } from '@jest/globals';
import { interpret } from '../src/live/call.js';
import { classify, errorFacts, EVIDENCE_ORDER, RULES, type ErrorFacts } from '../src/live/classify.js';
import { PROVIDERS } from '../src/live/providers.js';
import { sentence } from '../src/live/report.js';
import { LIVE_STATUSES, STATUS_INFO } from '../src/live/statuses.js';
import {
  ANTHROPIC_CASES,
  AZURE_CASES,
  DEEPSEEK_CASES,
  GEMINI_CASES,
  GROQ_CASES,
  MISTRAL_CASES,
  OPENROUTER_CASES,
  XAI_CASES,
  type ErrorCase,
} from './helpers/provider-errors.js';
import type { Answer } from './helpers/provider-server.js';

const TABLES: [string, ErrorCase[]][] = [
  ['Anthropic', ANTHROPIC_CASES],
  ['Gemini', GEMINI_CASES],
  ['Azure OpenAI', AZURE_CASES],
  ['OpenRouter', OPENROUTER_CASES],
  ['Groq', GROQ_CASES],
  ['Mistral', MISTRAL_CASES],
  ['DeepSeek', DEEPSEEK_CASES],
  ['xAI', XAI_CASES],
];

const asHttp = (a: Answer) => ({
  status: a.status,
  headers: { 'content-type': a.json !== undefined ? 'application/json' : 'text/html', ...a.headers },
  body: a.json !== undefined ? JSON.stringify(a.json) : (a.text ?? ''),
});

describe('each provider’s answers, read as the action reads them', () => {
  test.each(TABLES.flatMap(([p, cases]) => cases.map((c) => [p, c.name, c] as const)))(
    '%s: %s',
    (_p, _n, c) => {
      const o = interpret(asHttp(c.answer), (t) => t);
      expect(o.word).toBe(c.word);
    },
  );
});

/**
 * For each provider, an answer whose evidence disagrees across stages: the earlier stage decides,
 * and without that evidence the later stage would have said something else.
 */
const ORDER: {
  provider: string;
  status: number;
  body: unknown;
  word: string;
  by: string;
  otherwise: string;
}[] = [
  {
    provider: 'Anthropic',
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } },
    word: 'missing_key',
    by: 'message',
    otherwise: 'invalid_key',
  },
  {
    provider: 'Anthropic',
    status: 400,
    body: {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'This organization has been disabled.' },
    },
    word: 'deactivated',
    by: 'message',
    otherwise: 'unknown_error',
  },
  {
    provider: 'Gemini',
    status: 403,
    body: {
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'Permission denied on resource project 42.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }],
      },
    },
    word: 'service_disabled',
    by: 'code',
    otherwise: 'forbidden',
  },
  {
    provider: 'Gemini',
    status: 429,
    body: {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'You exceeded your current quota, please check your plan and billing details.',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'GenerateContentInputTokensPerModelPerMinute-FreeTier' }],
          },
        ],
      },
    },
    word: 'rate_limited',
    by: 'code',
    otherwise: 'insufficient_quota',
  },
  {
    provider: 'Azure OpenAI',
    status: 403,
    body: { error: { code: '403', message: 'Access denied due to Virtual Network/Firewall rules.' } },
    word: 'network_blocked',
    by: 'message',
    otherwise: 'forbidden',
  },
  {
    provider: 'Azure OpenAI',
    status: 400,
    body: {
      error: { code: 'OperationNotSupported', message: 'The chatCompletion operation does not work.' },
    },
    word: 'model_not_found',
    by: 'code',
    otherwise: 'unknown_error',
  },
  {
    provider: 'OpenRouter',
    status: 401,
    body: { error: { code: 401, message: 'No auth credentials found' } },
    word: 'missing_key',
    by: 'message',
    otherwise: 'invalid_key',
  },
  {
    provider: 'OpenRouter',
    status: 429,
    body: { error: { code: 429, message: 'Rate limit exceeded: free-models-per-day.' } },
    word: 'insufficient_quota',
    by: 'message',
    otherwise: 'rate_limited',
  },
  {
    provider: 'Groq',
    status: 400,
    body: {
      error: {
        message: 'The model `m` is gone.',
        type: 'invalid_request_error',
        code: 'model_decommissioned',
      },
    },
    word: 'model_retired',
    by: 'code',
    otherwise: 'unknown_error',
  },
  {
    provider: 'Mistral',
    status: 400,
    body: { object: 'error', message: 'Invalid model: mistral-x', type: 'invalid_model', code: '1500' },
    word: 'model_not_found',
    by: 'message',
    otherwise: 'unknown_error',
  },
  {
    provider: 'DeepSeek',
    status: 401,
    body: {
      error: { message: 'Insufficient Balance', type: 'authentication_error', code: 'invalid_request_error' },
    },
    word: 'insufficient_quota',
    by: 'message',
    otherwise: 'invalid_key',
  },
  {
    provider: 'xAI',
    status: 429,
    body: {
      code: 'Some resource has been exhausted',
      error: 'Your team t has either used all available credits or reached its monthly spending limit.',
    },
    word: 'insufficient_quota',
    by: 'message',
    otherwise: 'rate_limited',
  },
  {
    provider: 'xAI',
    status: 403,
    body: {
      code: 'The caller does not have permission to execute the specified operation',
      error: "Your newly created team doesn't have any credits yet.",
    },
    word: 'insufficient_quota',
    by: 'message',
    otherwise: 'forbidden',
  },
];

/** The facts without one kind of evidence. */
function without(f: ErrorFacts, evidence: string): ErrorFacts {
  if (evidence === 'code') return { ...f, codes: [], quotaIds: [] };
  if (evidence === 'message') return { ...f, message: '' };
  if (evidence === 'type') return { ...f, type: undefined };
  return f;
}

describe('evidence order: code, then message, then type, then status', () => {
  test('the stages are in that order', () => {
    expect(EVIDENCE_ORDER).toEqual(['code', 'message', 'type', 'status']);
  });

  test.each(ORDER.map((o) => [o.provider, o.word, o] as const))('%s: %s', (_p, _w, o) => {
    const facts = errorFacts(o.body);
    const c = classify(o.status, facts);
    expect([c.word, c.rule?.evidence]).toEqual([o.word, o.by]);
    expect(classify(o.status, without(facts, o.by)).word).toBe(o.otherwise);
  });

  test('every supported provider has an evidence-order case and a table of answers', () => {
    const names = new Set(ORDER.map((o) => o.provider));
    for (const [p] of TABLES) expect([p, names.has(p)]).toEqual([p, true]);
    // OpenAI has its own end-to-end table (live-status.e2e.test.ts).
    for (const id of [
      'anthropic',
      'gemini',
      'azure-openai',
      'openrouter',
      'groq',
      'mistral',
      'deepseek',
      'xai',
    ] as const)
      expect(TABLES.map(([p]) => p)).toContain(PROVIDERS[id].name.replace('Google ', ''));
  });
});

describe('the rule table', () => {
  test('every rule names a known word, and every stage has rules', () => {
    for (const r of RULES) expect(LIVE_STATUSES).toContain(r.word);
    for (const e of EVIDENCE_ORDER) expect(RULES.some((r) => r.evidence === e)).toBe(true);
  });

  test('every supported provider is in the table', () => {
    const ids = [
      'openai',
      'anthropic',
      'gemini',
      'azure-openai',
      'openrouter',
      'groq',
      'mistral',
      'deepseek',
      'xai',
    ] as const;
    for (const id of ids) expect([id, RULES.some((r) => r.seen.includes(id))]).toEqual([id, true]);
  });

  test('Azure: a deployment name from the code is said with its place, and the fix asks for that value', () => {
    const facts = errorFacts({
      error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' },
    });
    const { rule } = classify(404, facts);
    const fix = rule?.fix?.({ facts, model: 'gpt-4o', modelFrom: 'app.py:3' });
    expect(fix).toMatch(/no deployment named `gpt-4o` \(the name keylint called, from app\.py:3\)/);
    expect(fix).toMatch(/the deployment name the code passes \(or AZURE_OPENAI_DEPLOYMENT\)/);
  });

  test('Google: RetryInfo is said, and a project id is read from the message when details lack it', () => {
    const o = interpret(
      asHttp({
        status: 429,
        json: {
          error: {
            code: 429,
            status: 'RESOURCE_EXHAUSTED',
            message: 'Quota exceeded.',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }],
          },
        },
      }),
      (t) => t,
    );
    expect(o.detail).toBe('Quota exceeded. (the provider asks to retry in 37 s)');
    const facts = errorFacts({
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'API has not been used in project my-proj-1 before.',
      },
    });
    expect(classify(403, facts).rule?.fix?.({ facts })).toMatch(/in project my-proj-1:/);
  });

  test('billing is never retried, whatever the status', () => {
    expect(STATUS_INFO.insufficient_quota.retry).toBe(false);
    expect(STATUS_INFO.insufficient_quota.severity).toBe('high');
  });

  test('an unknown JSON error quotes the code and message and does not blame an HTML page', () => {
    const o = interpret(
      asHttp({ status: 409, json: { error: { code: 'conflict_x', message: 'Something else' } } }),
      (t) => t,
    );
    expect(o.word).toBe('unknown_error');
    expect(o.detail).toBe('code conflict_x: "Something else"');
    expect(STATUS_INFO.unknown_error.fix).not.toMatch(/HTML/);
  });

  test('Google RetryInfo and QuotaFailure are read', () => {
    const f = errorFacts({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'm',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [{ quotaId: 'A' }, { quotaId: 'B' }],
          },
        ],
      },
    });
    expect([f.retryDelayMs, f.quotaIds]).toEqual([37000, ['A', 'B']]);
  });
});

describe('sentences', () => {
  test.each([
    ['This organization has been disabled.', 'This organization has been disabled.'],
    ['Overloaded', 'Overloaded.'],
    ['done (after 4 attempts)', 'done (after 4 attempts).'],
    ['"quoted."', '"quoted."'],
    ['a [API_KEY_INVALID]', 'a [API_KEY_INVALID].'],
  ])('%j → %j', (text, out) => {
    expect(sentence(text)).toBe(out);
  });
});
