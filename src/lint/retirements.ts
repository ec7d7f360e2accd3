/**
 * Retired and retiring models and endpoints, as data. Dates are the providers' shutdown dates (UTC):
 * from that day requests fail (`model_not_found` for models, 404 for endpoints). Keep this table up to
 * date from https://platform.openai.com/docs/deprecations and
 * https://docs.anthropic.com/en/docs/about-claude/model-deprecations; the live check prefers the
 * `shutdown_date` that `GET /v1/models` reports.
 */

export type LlmProvider = 'openai' | 'anthropic';

export interface Retirement {
  /** Exact model ids (the dated snapshot and the aliases that point to it). */
  models: string[];
  provider: LlmProvider;
  /** YYYY-MM-DD. */
  shutdown: string;
  /** What to use instead; followed onward when it is itself retired. */
  replacement?: string;
}

export const MODEL_RETIREMENTS: readonly Retirement[] = [
  // OpenAI
  {
    models: ['code-davinci-002', 'code-davinci-001', 'code-cushman-002', 'code-cushman-001'],
    provider: 'openai',
    shutdown: '2023-03-23',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: [
      'text-ada-001',
      'text-babbage-001',
      'text-curie-001',
      'text-davinci-001',
      'text-davinci-002',
      'text-davinci-003',
    ],
    provider: 'openai',
    shutdown: '2024-01-04',
    replacement: 'gpt-3.5-turbo-instruct',
  },
  { models: ['ada', 'babbage'], provider: 'openai', shutdown: '2024-01-04', replacement: 'babbage-002' },
  { models: ['curie', 'davinci'], provider: 'openai', shutdown: '2024-01-04', replacement: 'davinci-002' },
  {
    models: ['text-davinci-edit-001', 'code-davinci-edit-001'],
    provider: 'openai',
    shutdown: '2024-01-04',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: [
      'text-similarity-ada-001',
      'text-similarity-babbage-001',
      'text-similarity-curie-001',
      'text-similarity-davinci-001',
      'text-search-ada-doc-001',
      'text-search-ada-query-001',
      'text-search-babbage-doc-001',
      'text-search-babbage-query-001',
      'text-search-curie-doc-001',
      'text-search-curie-query-001',
      'text-search-davinci-doc-001',
      'text-search-davinci-query-001',
      'code-search-ada-code-001',
      'code-search-ada-text-001',
      'code-search-babbage-code-001',
      'code-search-babbage-text-001',
    ],
    provider: 'openai',
    shutdown: '2024-01-04',
    replacement: 'text-embedding-3-small',
  },
  {
    models: ['gpt-3.5-turbo-0301', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-16k-0613'],
    provider: 'openai',
    shutdown: '2024-09-13',
    replacement: 'gpt-3.5-turbo',
  },
  {
    models: ['gpt-4-vision-preview', 'gpt-4-1106-vision-preview'],
    provider: 'openai',
    shutdown: '2024-12-06',
    replacement: 'gpt-4o',
  },
  {
    models: ['gpt-4-32k', 'gpt-4-32k-0613', 'gpt-4-32k-0314'],
    provider: 'openai',
    shutdown: '2025-06-06',
    replacement: 'gpt-4o',
  },
  {
    models: ['gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27'],
    provider: 'openai',
    shutdown: '2025-07-14',
    replacement: 'gpt-4.1',
  },
  {
    models: ['o1-preview', 'o1-preview-2024-09-12'],
    provider: 'openai',
    shutdown: '2025-07-28',
    replacement: 'o3',
  },
  {
    models: ['o1-mini', 'o1-mini-2024-09-12'],
    provider: 'openai',
    shutdown: '2025-10-27',
    replacement: 'o4-mini',
  },
  {
    models: ['codex-mini-latest'],
    provider: 'openai',
    shutdown: '2026-01-16',
    replacement: 'gpt-5-codex-mini',
  },
  {
    models: ['chatgpt-4o-latest'],
    provider: 'openai',
    shutdown: '2026-02-17',
    replacement: 'gpt-5.1-chat-latest',
  },
  {
    models: ['gpt-4-0314', 'gpt-4-1106-preview', 'gpt-4-0125-preview', 'gpt-4-turbo-preview'],
    provider: 'openai',
    shutdown: '2026-03-26',
    replacement: 'gpt-4.1',
  },
  // Announced 2026-04-22.
  {
    models: ['computer-use-preview', 'computer-use-preview-2025-03-11'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4-mini',
  },
  {
    models: ['gpt-4o-audio-preview-2024-12-17', 'gpt-audio-mini-2025-10-06'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-audio',
  },
  {
    models: ['gpt-4o-mini-audio-preview-2024-12-17'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-audio-mini',
  },
  {
    models: ['gpt-4o-mini-realtime-preview-2024-12-17', 'gpt-realtime-mini-2025-10-06'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-realtime-mini',
  },
  {
    models: ['gpt-4o-mini-search-preview-2025-03-11', 'gpt-4o-search-preview-2025-03-11'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: ['gpt-4o-mini-tts-2025-03-20'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-realtime',
  },
  {
    models: ['gpt-5-chat-latest', 'gpt-5.1-chat-latest'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.3-chat-latest',
  },
  {
    models: ['gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-max', 'gpt-5.2-codex'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4',
  },
  { models: ['gpt-5.1-codex-mini'], provider: 'openai', shutdown: '2026-07-23', replacement: 'gpt-5.4-mini' },
  {
    models: [
      'o3-deep-research',
      'o3-deep-research-2025-06-26',
      'o4-mini-deep-research',
      'o4-mini-deep-research-2025-06-26',
    ],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4-pro',
  },
  {
    models: ['gpt-5.2-chat-latest', 'gpt-5.3-chat-latest'],
    provider: 'openai',
    shutdown: '2026-08-10',
    replacement: 'gpt-5.5',
  },
  {
    models: ['gpt-3.5-turbo-instruct', 'babbage-002', 'davinci-002', 'gpt-3.5-turbo-1106'],
    provider: 'openai',
    shutdown: '2026-09-28',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: ['gpt-3.5-turbo', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: ['gpt-4', 'gpt-4-0613', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4o-2024-05-13'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-4.1',
  },
  {
    models: ['gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-4.1-mini',
  },
  {
    models: [
      'o1',
      'o1-2024-12-17',
      'o1-pro',
      'o1-pro-2025-03-19',
      'o3-mini',
      'o3-mini-2025-01-31',
      'o4-mini',
      'o4-mini-2025-04-16',
    ],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-5-mini',
  },
  { models: ['gpt-image-1'], provider: 'openai', shutdown: '2026-10-23' },
  {
    models: ['gpt-5-2025-08-07', 'gpt-5-mini-2025-08-07', 'gpt-5-nano-2025-08-07', 'gpt-5-pro-2025-10-06'],
    provider: 'openai',
    shutdown: '2026-12-10',
  },
  // Anthropic
  {
    models: [
      'claude-1.0',
      'claude-1.1',
      'claude-1.2',
      'claude-1.3',
      'claude-instant-1.0',
      'claude-instant-1.1',
      'claude-instant-1.2',
    ],
    provider: 'anthropic',
    shutdown: '2024-11-06',
    replacement: 'claude-haiku-4-5',
  },
  {
    models: ['claude-2.0', 'claude-2.1', 'claude-3-sonnet-20240229'],
    provider: 'anthropic',
    shutdown: '2025-07-21',
    replacement: 'claude-sonnet-4-5',
  },
  {
    models: ['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-latest'],
    provider: 'anthropic',
    shutdown: '2025-10-22',
    replacement: 'claude-sonnet-4-5',
  },
  {
    models: ['claude-3-opus-20240229', 'claude-3-opus-latest'],
    provider: 'anthropic',
    shutdown: '2026-01-05',
    replacement: 'claude-opus-4-5',
  },
  {
    models: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    provider: 'anthropic',
    shutdown: '2026-02-19',
    replacement: 'claude-haiku-4-5',
  },
  {
    models: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    provider: 'anthropic',
    shutdown: '2026-02-19',
    replacement: 'claude-sonnet-4-5',
  },
  {
    models: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    provider: 'anthropic',
    shutdown: '2026-06-15',
    replacement: 'claude-sonnet-4-6',
  },
  {
    models: ['claude-opus-4-20250514', 'claude-opus-4-0'],
    provider: 'anthropic',
    shutdown: '2026-06-15',
    replacement: 'claude-opus-4-8',
  },
];

export interface EndpointRetirement {
  /** A path as it appears in a URL. */
  path: string;
  /** What to match in a string literal; the path must end there or go on with `/`, `?` or `"`. */
  shutdown: string;
  replacement: string;
  /** The name in messages. */
  name: string;
}

export const ENDPOINT_RETIREMENTS: readonly EndpointRetirement[] = [
  {
    path: '/v1/engines',
    shutdown: '2022-12-03',
    replacement: '/v1/models (and `model` in the request body)',
    name: 'the Engines endpoint',
  },
  {
    path: '/v1/search',
    shutdown: '2022-12-03',
    replacement: 'embeddings (/v1/embeddings) with your own search',
    name: 'the Search endpoint',
  },
  {
    path: '/v1/classifications',
    shutdown: '2022-12-03',
    replacement: 'chat completions or embeddings',
    name: 'the Classifications endpoint',
  },
  {
    path: '/v1/answers',
    shutdown: '2022-12-03',
    replacement: 'chat completions (/v1/chat/completions)',
    name: 'the Answers endpoint',
  },
  {
    path: '/v1/edits',
    shutdown: '2024-01-04',
    replacement: 'chat completions (/v1/chat/completions)',
    name: 'the Edits endpoint',
  },
  {
    path: '/v1/fine-tunes',
    shutdown: '2024-01-04',
    replacement: '/v1/fine_tuning/jobs',
    name: 'the legacy fine-tunes endpoint',
  },
  {
    path: '/v1/assistants',
    shutdown: '2026-08-26',
    replacement: 'the Responses API (/v1/responses with /v1/conversations)',
    name: 'the Assistants API',
  },
  {
    path: '/v1/threads',
    shutdown: '2026-08-26',
    replacement: 'the Responses API (/v1/responses with /v1/conversations)',
    name: 'the Assistants API (threads)',
  },
];

/** SDK calls that reach a retired endpoint (both SDKs spell them alike). */
export const ASSISTANTS_SDK_CALL = /\.beta\s*\.\s*(assistants|threads)\b/g;
export const ASSISTANTS_SHUTDOWN = '2026-08-26';

/** How early a coming shutdown becomes a warning. */
export const WARN_DAYS_BEFORE_SHUTDOWN = 180;

const BY_MODEL = new Map<string, Retirement>();
for (const r of MODEL_RETIREMENTS) for (const m of r.models) BY_MODEL.set(m, r);

export function modelRetirement(model: string): Retirement | undefined {
  return BY_MODEL.get(model);
}

/** The replacement, followed past replacements that are themselves shut down by `today`. */
export function currentReplacement(r: Retirement, today: Date): string | undefined {
  let rep = r.replacement;
  for (let hops = 0; rep && hops < 8; hops++) {
    const next = BY_MODEL.get(rep);
    if (!next || dayOf(next.shutdown) > today.getTime()) return rep;
    rep = next.replacement;
  }
  return rep;
}

export function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export type ShutdownState = 'retired' | 'retiring' | 'active';

export function shutdownState(shutdown: string, today: Date): ShutdownState {
  const at = dayOf(shutdown);
  if (today.getTime() >= at) return 'retired';
  if (at - today.getTime() <= WARN_DAYS_BEFORE_SHUTDOWN * 86_400_000) return 'retiring';
  return 'active';
}
