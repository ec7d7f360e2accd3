import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runActionAsync, type TimedRun } from './helpers/run-action.js';
import {
  openaiError,
  startProviderServer,
  type Answer,
  type ProviderServer,
  type SeenRequest,
} from './helpers/provider-server.js';
import { everything } from './helpers/run-action.js';

/**
 * Every provider, chosen from the key's shape or the variable's name, asked at its own paths with its
 * own auth header, through its base-URL variable pointed at one local server (a path prefix each).
 */
interface Row {
  variable: string;
  key: () => string;
  /** Variables that point the provider at `${origin}${prefix}`. */
  baseVar: string;
  prefix: string;
  authPath: string;
  genPath: string;
  /** How the key must arrive. */
  authHeader: (r: SeenRequest) => string | undefined;
  expectAuth: (key: string) => string;
  /** The provider's characteristic failure, and the word it must become. */
  failure: { path: 'auth' | 'gen'; answer: Answer; word: string; text: RegExp };
}

const ROWS: Row[] = [
  {
    variable: 'OPENAI_API_KEY',
    key: () => keys.openaiProject(),
    baseVar: 'OPENAI_BASE_URL',
    prefix: '/openai/v1',
    authPath: '/openai/v1/models',
    genPath: '/openai/v1/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'auth',
      answer: openaiError(401, 'Incorrect API key provided.', 'invalid_api_key'),
      word: 'invalid_key',
      text: /Incorrect API key/,
    },
  },
  {
    variable: 'AZURE_OPENAI_API_KEY',
    key: () => keys.azure(),
    baseVar: 'AZURE_OPENAI_ENDPOINT',
    prefix: '/azure',
    authPath: '/azure/openai/models',
    genPath: '/azure/openai/deployments/dep-1/chat/completions',
    authHeader: (r) => r.headers['api-key'] as string | undefined,
    expectAuth: (k) => k,
    failure: {
      path: 'auth',
      answer: {
        status: 401,
        json: {
          error: {
            code: '401',
            message: 'Access denied due to invalid subscription key or wrong API endpoint.',
          },
        },
      },
      word: 'invalid_key',
      text: /invalid subscription key/,
    },
  },
  {
    variable: 'ANTHROPIC_API_KEY',
    key: () => keys.anthropic(),
    baseVar: 'ANTHROPIC_BASE_URL',
    prefix: '/anthropic',
    authPath: '/anthropic/v1/models',
    genPath: '/anthropic/v1/messages',
    authHeader: (r) => r.headers['x-api-key'] as string | undefined,
    expectAuth: (k) => k,
    failure: {
      path: 'gen',
      answer: {
        status: 400,
        json: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'Your credit balance is too low to access the Anthropic API.',
          },
        },
      },
      word: 'insufficient_quota',
      text: /credit balance is too low/,
    },
  },
  {
    variable: 'GEMINI_API_KEY',
    key: () => keys.google(),
    baseVar: 'KEYLINT_GEMINI_BASE_URL',
    prefix: '/gemini',
    authPath: '/gemini/v1beta/models',
    genPath: '/gemini/v1beta/models/gemini-2.5-flash:generateContent',
    authHeader: (r) => r.headers['x-goog-api-key'] as string | undefined,
    expectAuth: (k) => k,
    failure: {
      path: 'auth',
      answer: {
        status: 400,
        json: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
          },
        },
      },
      word: 'invalid_key',
      text: /API key not valid/,
    },
  },
  {
    variable: 'GROQ_API_KEY',
    key: () => keys.groq(),
    baseVar: 'KEYLINT_GROQ_BASE_URL',
    prefix: '/groq/openai/v1',
    authPath: '/groq/openai/v1/models',
    genPath: '/groq/openai/v1/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'auth',
      answer: openaiError(401, 'Invalid API Key', 'invalid_api_key'),
      word: 'invalid_key',
      text: /Invalid API Key/,
    },
  },
  {
    variable: 'MISTRAL_API_KEY',
    key: () => keys.mistral(),
    baseVar: 'KEYLINT_MISTRAL_BASE_URL',
    prefix: '/mistral/v1',
    authPath: '/mistral/v1/models',
    genPath: '/mistral/v1/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'auth',
      answer: { status: 401, json: { detail: 'Unauthorized' } },
      word: 'invalid_key',
      text: /Unauthorized/,
    },
  },
  {
    variable: 'OPENROUTER_API_KEY',
    key: () => keys.openrouter(),
    baseVar: 'KEYLINT_OPENROUTER_BASE_URL',
    prefix: '/openrouter/api/v1',
    authPath: '/openrouter/api/v1/key',
    genPath: '/openrouter/api/v1/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'gen',
      answer: {
        status: 402,
        json: {
          error: {
            code: 402,
            message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
          },
        },
      },
      word: 'insufficient_quota',
      text: /Insufficient credits/,
    },
  },
  {
    variable: 'XAI_API_KEY',
    key: () => keys.xai(),
    baseVar: 'KEYLINT_XAI_BASE_URL',
    prefix: '/xai/v1',
    authPath: '/xai/v1/models',
    genPath: '/xai/v1/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'auth',
      answer: {
        status: 400,
        json: {
          code: 'Client specified an invalid argument',
          error: 'Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai.',
        },
      },
      word: 'invalid_key',
      text: /Incorrect API key provided/,
    },
  },
  {
    variable: 'DEEPSEEK_API_KEY',
    key: () => keys.deepseek(),
    baseVar: 'KEYLINT_DEEPSEEK_BASE_URL',
    prefix: '/deepseek',
    authPath: '/deepseek/models',
    genPath: '/deepseek/chat/completions',
    authHeader: (r) => r.headers.authorization,
    expectAuth: (k) => `Bearer ${k}`,
    failure: {
      path: 'gen',
      answer: {
        status: 402,
        json: {
          error: {
            message: 'Insufficient Balance',
            type: 'unknown_error',
            param: null,
            code: 'invalid_request_error',
          },
        },
      },
      word: 'insufficient_quota',
      text: /Insufficient Balance/,
    },
  },
];

const OK: Answer = { status: 200, json: { object: 'list', data: [] } };

describe('live check for every provider', () => {
  let server: ProviderServer;
  const arrange = () => {
    const repo = new TempRepo();
    repo.write('main.py', 'print("hello")\n');
    repo.commit('init');
    const keyOf = new Map(ROWS.map((r) => [r.variable, r.key()]));
    return { repo, keyOf };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let keyOf: ReturnType<typeof arrange>['keyOf'];
  beforeAll(() => {
    ({ repo, keyOf } = arrange());
  });
  const env = (origin: string): Record<string, string> => {
    const e: Record<string, string> = { AZURE_OPENAI_DEPLOYMENT: 'dep-1' };
    for (const r of ROWS) {
      e[r.variable] = keyOf.get(r.variable)!;
      e[r.baseVar] = `${origin}${r.prefix}`;
    }
    return e;
  };
  const run = (mode: string): Promise<TimedRun> =>
    runActionAsync({
      workspace: repo.dir,
      inputs: { 'live-check': mode, 'key-env': ROWS.map((r) => r.variable).join(',') },
      env: env(server.origin),
    });

  beforeAll(async () => {
    server = await startProviderServer(() => OK);
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  test('billing mode: each provider gets its auth call and one 1-token generation, with its own header', async () => {
    server.requests.length = 0;
    server.handle(() => OK);
    const r = await run('billing');
    expect(r.outputs['live-status']).toBe('ok');
    expect(r.code).toBe(0);
    for (const row of ROWS) {
      const auth = server.requests.filter((q) => q.path === row.authPath);
      const gen = server.requests.filter((q) => q.path === row.genPath && q.method === 'POST');
      expect([row.variable, auth.length, gen.length]).toEqual([row.variable, 1, 1]);
      expect(row.authHeader(auth[0]!)).toBe(row.expectAuth(keyOf.get(row.variable)!));
      const body = JSON.parse(gen[0]!.body) as Record<string, unknown>;
      const limit =
        body.max_tokens ??
        body.max_completion_tokens ??
        (body.generationConfig as { maxOutputTokens?: number } | undefined)?.maxOutputTokens;
      expect([row.variable, limit]).toEqual([row.variable, 1]);
    }
    // Azure's calls carry the API version; Anthropic's the API version header.
    expect(server.requests.find((q) => q.path.startsWith('/azure'))?.url).toMatch(
      /\?api-version=\d{4}-\d{2}-\d{2}/,
    );
    expect(server.requests.find((q) => q.path.startsWith('/anthropic'))?.headers['anthropic-version']).toBe(
      '2023-06-01',
    );
    expect(r.summary).toContain('9 key(s) checked');
  });

  test('each provider’s own failure body becomes the right word', async () => {
    server.requests.length = 0;
    const byPath = new Map<string, Answer>();
    for (const row of ROWS)
      byPath.set(row.failure.path === 'auth' ? row.authPath : row.genPath, row.failure.answer);
    server.handle((q) => byPath.get(q.path) ?? OK);
    const r = await run('billing');
    expect(r.code).toBe(1);
    expect(r.outputs['live-status']).toBe('invalid_key');
    for (const row of ROWS) {
      const rule = `live/${row.failure.word.replace(/_/g, '-')}`;
      const a = r.annotations.find(
        (x) => x.title?.startsWith(rule) && x.message.includes(` in ${row.variable} `),
      );
      expect([row.variable, a?.message.match(row.failure.text)?.[0]]).toEqual([
        row.variable,
        expect.any(String),
      ]);
    }
    const logs = everything(r).replace(/^::add-mask::.*$/gm, '');
    for (const k of keyOf.values()) expect(logs).not.toContain(k);
  });
});
