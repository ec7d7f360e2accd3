/**
 * Retired and retiring endpoints, and the questions asked of the model table (`model-data.ts`).
 * Dates are the providers' shutdown dates (UTC): from that day requests fail.
 */

import { MODEL_RETIREMENTS, type Retirement } from './model-data.js';

export { MODEL_DATA_AS_OF, MODEL_RETIREMENTS, type LlmProvider, type Retirement } from './model-data.js';

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

/**
 * SDK calls that reach a retired endpoint (both SDKs spell them alike). Not the Python SDK's modules
 * (`from openai.types.beta.threads import Message`, `openai.resources.beta.threads`): an import
 * sends no request.
 */
export const ASSISTANTS_SDK_CALL = /(?<!\b(?:types|resources)\s*)\.beta\s*\.\s*(assistants|threads)\b/g;
export const ASSISTANTS_SHUTDOWN = '2026-08-26';

/** How early a coming shutdown becomes a warning. */
export const WARN_DAYS_BEFORE_SHUTDOWN = 90;
/** The model table is stale when its as-of date is older than this: one notice says so. */
export const STALE_AFTER_DAYS = 60;

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
