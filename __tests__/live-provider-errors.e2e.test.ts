import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
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
import {
  startProviderServer,
  statusSummary,
  type Answer,
  type ProviderServer,
  type SeenRequest,
} from './helpers/provider-server.js';
import { everything, runActionAsync } from './helpers/run-action.js';

/**
 * Each provider's error answers, in its documented shapes, through the built action against a
 * provider server on 127.0.0.1: one run per provider, one key per answer (the server answers by
 * key), in billing mode so that answers to the generation call are asked for too.
 */
interface ProviderTable {
  provider: string;
  /** `KEYLINT_<ENV>_…` name of the provider. */
  env: string;
  variable: string;
  key: () => string;
  baseVar: string;
  prefix: string;
  /** The free call that proves authentication, under the prefix. */
  authPath: string;
  cases: ErrorCase[];
}

const TABLES: ProviderTable[] = [
  {
    provider: 'Anthropic',
    env: 'ANTHROPIC',
    variable: 'ANTHROPIC_API_KEY',
    key: keys.anthropic,
    baseVar: 'ANTHROPIC_BASE_URL',
    prefix: '/anthropic',
    authPath: '/v1/models',
    cases: ANTHROPIC_CASES,
  },
  {
    provider: 'Gemini',
    env: 'GEMINI',
    variable: 'GEMINI_API_KEY',
    key: keys.google,
    baseVar: 'KEYLINT_GEMINI_BASE_URL',
    prefix: '/gemini',
    authPath: '/v1beta/models',
    cases: GEMINI_CASES,
  },
  {
    provider: 'Azure OpenAI',
    env: 'AZURE_OPENAI',
    variable: 'AZURE_OPENAI_API_KEY',
    key: keys.azure,
    baseVar: 'AZURE_OPENAI_ENDPOINT',
    prefix: '/azure',
    authPath: '/openai/models',
    cases: AZURE_CASES,
  },
  {
    provider: 'OpenRouter',
    env: 'OPENROUTER',
    variable: 'OPENROUTER_API_KEY',
    key: keys.openrouter,
    baseVar: 'KEYLINT_OPENROUTER_BASE_URL',
    prefix: '/openrouter/api/v1',
    authPath: '/key',
    cases: OPENROUTER_CASES,
  },
  {
    provider: 'Groq',
    env: 'GROQ',
    variable: 'GROQ_API_KEY',
    key: keys.groq,
    baseVar: 'KEYLINT_GROQ_BASE_URL',
    prefix: '/groq/openai/v1',
    authPath: '/models',
    cases: GROQ_CASES,
  },
  {
    provider: 'Mistral',
    env: 'MISTRAL',
    variable: 'MISTRAL_API_KEY',
    key: keys.mistral,
    baseVar: 'KEYLINT_MISTRAL_BASE_URL',
    prefix: '/mistral/v1',
    authPath: '/models',
    cases: MISTRAL_CASES,
  },
  {
    provider: 'DeepSeek',
    env: 'DEEPSEEK',
    variable: 'DEEPSEEK_API_KEY',
    key: keys.deepseek,
    baseVar: 'KEYLINT_DEEPSEEK_BASE_URL',
    prefix: '/deepseek',
    authPath: '/models',
    cases: DEEPSEEK_CASES,
  },
  {
    provider: 'xAI',
    env: 'XAI',
    variable: 'XAI_API_KEY',
    key: keys.xai,
    baseVar: 'KEYLINT_XAI_BASE_URL',
    prefix: '/xai/v1',
    authPath: '/models',
    cases: XAI_CASES,
  },
];

const LIST_OK: Answer = { status: 200, json: { object: 'list', data: [] } };

/** The key a request carried, whichever header the provider reads it from. */
function keyOf(r: SeenRequest): string | undefined {
  const h = r.headers;
  const bearer = typeof h.authorization === 'string' ? h.authorization.replace(/^Bearer /, '') : undefined;
  return bearer ?? (h['x-api-key'] as string) ?? (h['api-key'] as string) ?? (h['x-goog-api-key'] as string);
}

interface ReportFinding {
  ruleId: string;
  category: string;
  message: string;
  fix: string;
  facts: Record<string, string | number | boolean>;
}

describe('every provider’s documented error answers become the right word, through the action', () => {
  let server: ProviderServer;
  const repo = new TempRepo();
  repo.write('main.py', 'print("hello")\n');
  repo.commit('init');

  beforeAll(async () => {
    server = await startProviderServer(() => LIST_OK);
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  test.each(TABLES.map((t) => [t.provider, t] as const))('%s', async (_name, t) => {
    server.requests.length = 0;
    const rows = t.cases.map((c, i) => ({ c, variable: `${t.variable}_${i + 1}`, key: t.key() }));
    const byKey = new Map(rows.map((r) => [r.key, r]));
    server.handle((q) => {
      if (q.path.startsWith('/status')) return { status: 200, json: statusSummary([]) };
      const row = byKey.get(keyOf(q) ?? '');
      if (!row) return { status: 500, json: { error: { message: 'test server: unknown key' } } };
      const isAuth = q.path === `${t.prefix}${t.authPath}`;
      return row.c.on === 'gen' && isAuth ? LIST_OK : row.c.answer;
    });
    const env: Record<string, string> = {
      [t.baseVar]: `${server.origin}${t.prefix}`,
      [`KEYLINT_${t.env}_STATUS_URL`]: `${server.origin}/status/api/v2/summary.json`,
      AZURE_OPENAI_DEPLOYMENT: 'dep-1',
    };
    for (const r of rows) env[r.variable] = r.key;
    const run = await runActionAsync({
      workspace: repo.dir,
      inputs: { 'live-check': 'billing', 'key-env': rows.map((r) => r.variable).join(',') },
      env,
    });
    const findings = (JSON.parse(run.report) as { findings: ReportFinding[] }).findings.filter(
      (f) => f.category === 'live',
    );
    for (const { c, variable, key } of rows) {
      const mine = findings.filter((f) => f.facts.variable === variable);
      const label = `${t.provider}: ${c.name}`;
      // Every finding of this key carries the expected word, and there is one.
      expect([label, [...new Set(mine.map((f) => f.ruleId))]]).toEqual([
        label,
        [`live/${c.word.replace(/_/g, '-')}`],
      ]);
      expect([label, mine[0]!.message]).toEqual([label, expect.stringMatching(c.says)]);
      expect([label, mine[0]!.message.includes('..')]).toEqual([label, false]);
      if (c.fix) expect([label, mine[0]!.fix]).toEqual([label, expect.stringMatching(c.fix)]);
      // Billing and other lasting causes are asked once; only rate limits and server errors are retried.
      expect([label, server.requests.filter((q) => keyOf(q) === key).length]).toEqual([label, c.requests]);
    }
    expect(run.code).toBe(1);
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    for (const { key } of rows) expect(logs).not.toContain(key);
  });
});
