/**
 * The model retirement table: data only, dated, each entry with the page it was read from. Checked
 * against the providers' deprecation pages on the as-of date; when that date is more than 60 days
 * old the lint says so once (a notice, not findings). The live check, with an OpenAI key, reads
 * `shutdown_date` from `GET /v1/models` for models this table does not list.
 */

export type LlmProvider = 'openai' | 'anthropic';

/** The day the table was last checked against the sources below. */
export const MODEL_DATA_AS_OF = '2026-12-06';

const OPENAI = 'https://developers.openai.com/api/docs/deprecations';
const ANTHROPIC = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';
/** Dates read from reports of the OpenAI page when the page itself was cut short in the copy read. */
const OPENAI_REPORTED =
  'https://developers.openai.com/api/docs/deprecations (dates as reported by dev.to/aidriftline)';

export interface Retirement {
  /** Exact model ids (the dated snapshot and the aliases that point to it). */
  models: string[];
  provider: LlmProvider;
  /** YYYY-MM-DD: from this day requests fail. */
  shutdown: string;
  /** What to use instead: never a model this table schedules for shutdown (a test holds it). */
  replacement?: string;
  /** Where the date was read. */
  source: string;
}

export const MODEL_RETIREMENTS: readonly Retirement[] = [
  // OpenAI
  {
    models: ['code-davinci-002', 'code-davinci-001', 'code-cushman-002', 'code-cushman-001'],
    provider: 'openai',
    shutdown: '2023-03-23',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
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
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['ada', 'babbage', 'curie', 'davinci'],
    provider: 'openai',
    shutdown: '2024-01-04',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['text-davinci-edit-001', 'code-davinci-edit-001'],
    provider: 'openai',
    shutdown: '2024-01-04',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
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
    source: OPENAI,
  },
  {
    models: ['gpt-3.5-turbo-0301', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-16k-0613'],
    provider: 'openai',
    shutdown: '2024-09-13',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['gpt-4-vision-preview', 'gpt-4-1106-vision-preview'],
    provider: 'openai',
    shutdown: '2024-12-06',
    replacement: 'gpt-6-luna',
    source: OPENAI,
  },
  {
    models: ['gpt-4-32k', 'gpt-4-32k-0613', 'gpt-4-32k-0314'],
    provider: 'openai',
    shutdown: '2025-06-06',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27'],
    provider: 'openai',
    shutdown: '2025-07-14',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['o1-preview', 'o1-preview-2024-09-12'],
    provider: 'openai',
    shutdown: '2025-07-28',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['o1-mini', 'o1-mini-2024-09-12'],
    provider: 'openai',
    shutdown: '2025-10-27',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['codex-mini-latest'],
    provider: 'openai',
    shutdown: '2026-01-16',
    replacement: 'gpt-5.4',
    source: OPENAI,
  },
  {
    models: ['chatgpt-4o-latest'],
    provider: 'openai',
    shutdown: '2026-02-17',
    replacement: 'gpt-5.5',
    source: OPENAI,
  },
  {
    models: ['gpt-4-0314', 'gpt-4-1106-preview', 'gpt-4-0125-preview', 'gpt-4-turbo-preview'],
    provider: 'openai',
    shutdown: '2026-03-26',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  // Announced 2026-04-22.
  {
    models: ['computer-use-preview', 'computer-use-preview-2025-03-11'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4-mini',
    source: OPENAI,
  },
  {
    models: [
      'gpt-4o-audio-preview-2024-12-17',
      'gpt-audio-mini-2025-10-06',
      'gpt-4o-mini-audio-preview-2024-12-17',
      'gpt-4o-mini-realtime-preview-2024-12-17',
      'gpt-realtime-mini-2025-10-06',
      'gpt-4o-mini-search-preview-2025-03-11',
      'gpt-4o-search-preview-2025-03-11',
      'gpt-4o-mini-tts-2025-03-20',
    ],
    provider: 'openai',
    shutdown: '2026-07-23',
    // The page's substitutes (gpt-audio, gpt-realtime, gpt-4.1-mini) are themselves scheduled now.
    source: OPENAI,
  },
  {
    models: ['gpt-5-chat-latest', 'gpt-5.1-chat-latest'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.5',
    source: OPENAI,
  },
  {
    models: ['gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.1-codex-max', 'gpt-5.2-codex'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4',
    source: OPENAI,
  },
  {
    models: ['gpt-5.1-codex-mini'],
    provider: 'openai',
    shutdown: '2026-07-23',
    replacement: 'gpt-5.4-mini',
    source: OPENAI,
  },
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
    source: OPENAI,
  },
  {
    models: ['gpt-5.2-chat-latest', 'gpt-5.3-chat-latest'],
    provider: 'openai',
    shutdown: '2026-08-10',
    replacement: 'gpt-5.5',
    source: OPENAI,
  },
  {
    models: ['gpt-3.5-turbo-instruct', 'babbage-002', 'davinci-002', 'gpt-3.5-turbo-1106'],
    provider: 'openai',
    shutdown: '2026-09-28',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['gpt-3.5-turbo', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['gpt-4', 'gpt-4-0613', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4o-2024-05-13'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14'],
    provider: 'openai',
    shutdown: '2026-10-23',
    replacement: 'gpt-6.1-luna',
    source: OPENAI_REPORTED,
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
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  { models: ['gpt-image-1'], provider: 'openai', shutdown: '2026-10-23', source: OPENAI },
  {
    models: ['gpt-image-1-mini', 'gpt-image-1.5', 'gpt-image-1.5-2025-12-16', 'chatgpt-image-latest'],
    provider: 'openai',
    shutdown: '2026-12-01',
    source: OPENAI,
  },
  // Announced 2026-06-11.
  {
    models: ['gpt-5', 'gpt-5-2025-08-07', 'o3', 'o3-2025-04-16'],
    provider: 'openai',
    shutdown: '2026-12-11',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['gpt-5-pro', 'gpt-5-pro-2025-10-06', 'o3-pro', 'o3-pro-2025-06-10'],
    provider: 'openai',
    shutdown: '2026-12-11',
    replacement: 'gpt-6.1-sol',
    source: OPENAI,
  },
  {
    models: ['gpt-5-mini', 'gpt-5-mini-2025-08-07'],
    provider: 'openai',
    shutdown: '2026-12-11',
    replacement: 'gpt-6.1-terra',
    source: OPENAI,
  },
  {
    models: ['gpt-5-nano', 'gpt-5-nano-2025-08-07'],
    provider: 'openai',
    shutdown: '2026-12-11',
    replacement: 'gpt-6.1-luna',
    source: OPENAI,
  },
  {
    models: ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'],
    provider: 'openai',
    shutdown: '2027-01-06',
    source: OPENAI_REPORTED,
  },
  // Announced 2026-10-14: the dated snapshots; the aliases gpt-4o, gpt-4o-mini, gpt-4.1 and
  // gpt-4.1-mini point to them, so they are never recommended either.
  {
    models: [
      'gpt-4o-2024-08-06',
      'gpt-4o-2024-11-20',
      'gpt-4o-mini-2024-07-18',
      'gpt-4.1-2025-04-14',
      'gpt-4.1-mini-2025-04-14',
    ],
    provider: 'openai',
    shutdown: '2027-01-14',
    replacement: 'gpt-6-luna',
    source: OPENAI,
  },
  {
    models: ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe', 'gpt-4o-transcribe-diarize'],
    provider: 'openai',
    shutdown: '2027-02-26',
    source: OPENAI_REPORTED,
  },
  {
    models: ['gpt-5.1', 'gpt-5.3-codex', 'gpt-5.4-nano'],
    provider: 'openai',
    shutdown: '2027-04-01',
    source: OPENAI_REPORTED,
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
    source: ANTHROPIC,
  },
  {
    models: ['claude-2.0', 'claude-2.1', 'claude-3-sonnet-20240229'],
    provider: 'anthropic',
    shutdown: '2025-07-21',
    replacement: 'claude-sonnet-4-6',
    source: ANTHROPIC,
  },
  {
    models: ['claude-3-5-sonnet-20240620', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-latest'],
    provider: 'anthropic',
    shutdown: '2025-10-22',
    replacement: 'claude-sonnet-4-6',
    source: ANTHROPIC,
  },
  {
    models: ['claude-3-opus-20240229', 'claude-3-opus-latest'],
    provider: 'anthropic',
    shutdown: '2026-01-05',
    replacement: 'claude-opus-4-8',
    source: ANTHROPIC,
  },
  {
    models: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    provider: 'anthropic',
    shutdown: '2026-02-19',
    replacement: 'claude-haiku-4-5',
    source: ANTHROPIC,
  },
  {
    models: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    provider: 'anthropic',
    shutdown: '2026-02-19',
    replacement: 'claude-sonnet-4-6',
    source: ANTHROPIC,
  },
  {
    models: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    provider: 'anthropic',
    shutdown: '2026-06-15',
    replacement: 'claude-sonnet-4-6',
    source: ANTHROPIC,
  },
  {
    models: ['claude-opus-4-20250514', 'claude-opus-4-0'],
    provider: 'anthropic',
    shutdown: '2026-06-15',
    replacement: 'claude-opus-4-8',
    source: ANTHROPIC,
  },
];
