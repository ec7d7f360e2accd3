import { classify, errorFacts, type ErrorFacts, type Rule } from './classify.js';
import type { LiveStatus } from './statuses.js';
import { httpRequest, TransportError, type HttpAnswer } from './transport.js';
import { waitScale } from '../wait-scale.js';

/**
 * The time budget of the whole live check. Requests stop at `requestEnd`, which leaves a reserve for
 * reading the status page after a timeout; nothing runs past `end`.
 */
export interface Budget {
  start: number;
  end: number;
  requestEnd: number;
}

export function makeBudget(totalMs: number, now = Date.now()): Budget {
  // Timers fire late and the findings still have to be written: stop a little before the budget ends.
  const end = now + totalMs - Math.min(250, totalMs * 0.05);
  const reserve = Math.min(5000, totalMs * 0.2);
  return { start: now, end, requestEnd: end - reserve };
}

/** Attempts per call, the first included. */
export const MAX_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8000;

/** What one call (with its retries) came to. */
export interface Outcome {
  word: LiveStatus;
  /** The provider's words or the transport failure, already free of the key. */
  detail: string;
  answer?: HttpAnswer;
  json?: unknown;
  error?: TransportError;
  errorCode?: string;
  errorType?: string;
  /** What the error body said, read into parts (absent for transport failures and unreadable bodies). */
  facts?: ErrorFacts;
  /** The classifier's row that named the word. */
  rule?: Rule;
  attempts: number;
}

export interface CallSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  env: Record<string, string | undefined>;
  budget: Budget;
  /** Removes secrets from the provider's text before it is kept. */
  clean: (text: string) => string;
  /** Counts every request sent, retries included. */
  onRequest?: () => void;
}

function parseJson(answer: HttpAnswer): unknown {
  const type = answer.headers['content-type'] ?? '';
  const text = answer.body.trim();
  if (!/json/i.test(type) && !/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function snippet(body: string): string {
  const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return `an HTML page titled "${title}"`;
  const text = body.replace(/\s+/g, ' ').trim().slice(0, 80);
  return text ? `"${text}${body.length > 80 ? '…' : ''}"` : 'an empty body';
}

/** Reads one answer: `ok`, or the classified failure with the provider's own words. */
export function interpret(answer: HttpAnswer, clean: (t: string) => string): Omit<Outcome, 'attempts'> {
  const json = parseJson(answer);
  if (json === undefined) {
    const what = `HTTP ${answer.status} with ${snippet(clean(answer.body))} (${answer.headers['content-type'] || 'no content type'})`;
    // An HTML 502 from the provider's own edge is still the provider failing.
    return { word: answer.status >= 500 ? 'server_error' : 'unexpected_response', detail: what, answer };
  }
  if (answer.status >= 200 && answer.status < 300)
    return { word: 'ok', detail: `HTTP ${answer.status}`, answer, json };
  const facts = errorFacts(json);
  const { word, rule } = classify(answer.status, facts);
  // xAI's `code` is gRPC prose ("Some resource has been exhausted"): only an identifier is worth quoting.
  const code = facts.codes[0] ?? (facts.type && /^[\w.-]+$/.test(facts.type) ? facts.type : undefined);
  return {
    word,
    detail: clean(describe(word, facts, json, rule)),
    answer,
    json,
    errorCode: code === undefined ? undefined : clean(code),
    errorType: facts.type,
    facts,
    rule,
  };
}

/** The provider's words, with keylint's reading where the words alone do not say it. */
function describe(word: string, facts: ErrorFacts, json: unknown, rule?: Rule): string {
  const words = facts.message || JSON.stringify(json).slice(0, 200);
  const quoted = [
    facts.codes.length ? `code ${facts.codes.join(', ')}` : '',
    facts.type ? `type ${facts.type}` : '',
    facts.quotaIds.length ? `quota ${facts.quotaIds.join(', ')}` : '',
  ].filter(Boolean);
  if (word === 'unknown_error') return `${quoted.join(', ') || 'no code'}: "${words}"`;
  if (word === 'forbidden') return `forbidden: ${words}`;
  const wait =
    facts.retryDelayMs !== undefined ? `the provider asks to retry in ${facts.retryDelayMs / 1000} s` : '';
  const reading = [rule?.says?.(facts), wait].filter(Boolean).join('; ');
  return reading ? `${words} (${reading})` : words;
}

/** `retry-after-ms`, then `retry-after` (seconds or an HTTP date); undefined when neither is usable. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const ms = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headers['retry-after'];
  if (!ra) return undefined;
  const s = Number(ra);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter: half the step fixed, half random, so parallel jobs spread out. */
export function backoffMs(attempt: number, random = Math.random): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return step / 2 + random() * (step / 2);
}

function retryable(o: Omit<Outcome, 'attempts'>): boolean {
  if (o.error) return !o.error.permanent;
  // Only a plain rate limit and the provider's own failures: never auth, billing or "request too large".
  return o.word === 'rate_limited' || (o.word === 'server_error' && (o.answer?.status ?? 0) >= 500);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One call to the provider, retried within the budget where a retry can help. */
export async function callWithRetries(spec: CallSpec): Promise<Outcome> {
  const { budget } = spec;
  const attemptCap = Math.max(1000, Math.min(10000, (budget.requestEnd - budget.start) / 3));
  let last: Omit<Outcome, 'attempts'> | undefined;
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    const now = Date.now();
    if (now >= budget.requestEnd) break;
    attempts++;
    spec.onRequest?.();
    try {
      const answer = await httpRequest({
        url: spec.url,
        method: spec.method,
        headers:
          spec.body === undefined ? spec.headers : { ...spec.headers, 'content-type': 'application/json' },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        deadline: Math.min(budget.requestEnd, now + attemptCap),
        env: spec.env,
      });
      last = interpret(answer, spec.clean);
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      last = { word: err.kind, detail: spec.clean(err.message), error: err, errorCode: err.code };
    }
    if (!retryable(last) || attempts >= MAX_ATTEMPTS) break;
    // Google says how long to wait in the body (RetryInfo) rather than in a header.
    const asked = last.answer ? (retryAfterMs(last.answer.headers) ?? last.facts?.retryDelayMs) : undefined;
    const wait = asked ?? backoffMs(attempts);
    if (Date.now() + wait >= budget.requestEnd) {
      if (asked !== undefined)
        last = {
          ...last,
          detail: `${last.detail} (the provider asks to wait ${(asked / 1000).toFixed(1)} s, more than the time budget left)`,
        };
      break;
    }
    await sleep(wait * waitScale(spec.env));
  }
  if (!last)
    return {
      word: 'timeout',
      detail: 'the time budget was used up before this call could be made',
      attempts,
    };
  return { ...last, attempts };
}
