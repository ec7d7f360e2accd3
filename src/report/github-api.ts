import { outgoingJson } from '../output.js';
import { VERSION } from '../version.js';
import { waitScale } from '../wait-scale.js';

/** What the reporters need to know about a failed call to say, in one sentence, why a report was skipped. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came (network error, timeout). */
    readonly status: number,
    readonly kind: GitHubFailureKind,
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }
}

export type GitHubFailureKind =
  'forbidden' | 'unauthorized' | 'not-found' | 'rate-limited' | 'invalid' | 'server' | 'network';

export interface GitHubResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export interface GitHubApiOptions {
  /** `GITHUB_API_URL`: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  baseUrl: string;
  token: string;
  /** Longest wait keylint accepts for a rate limit before it gives the report up (seconds). */
  maxRetryAfterSec?: number;
  /** Tries per request, the first one included. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

const RATE_LIMIT = /rate limit/i;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A small REST client over `fetch`, for the few calls the reports make. Plain `fetch` rather than
 * Octokit: `@actions/github` reads `GITHUB_API_URL` at import time, and the retry and
 * one-write-at-a-time rules GitHub asks for are simpler to keep here than to configure there.
 */
export class GitHubApi {
  private readonly baseUrl: string;
  private readonly maxRetryAfterSec: number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  /** GitHub asks integrations to send content-creating requests one at a time. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: GitHubApiOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.maxRetryAfterSec = opts.maxRetryAfterSec ?? 60;
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.timeoutMs = opts.requestTimeoutMs ?? 20000;
  }

  get<T>(path: string): Promise<GitHubResponse<T>> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<GitHubResponse<T>> {
    return this.serialWrite(() => this.send<T>('POST', path, body));
  }

  patch<T>(path: string, body: unknown): Promise<GitHubResponse<T>> {
    return this.serialWrite(() => this.send<T>('PATCH', path, body));
  }

  /**
   * A GraphQL query, at `GITHUB_GRAPHQL_URL`'s place: `/graphql` beside the REST root on
   * github.com, `/api/graphql` for `/api/v3` on GitHub Enterprise Server.
   */
  graphql<T>(query: string): Promise<GitHubResponse<T>> {
    const rest = this.baseUrl;
    const url = /\/api\/v3$/.test(rest) ? rest.replace(/\/v3$/, '/graphql') : `${rest}/graphql`;
    return this.send<T>('POST', '', { query }, url);
  }

  private serialWrite<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.writes.then(fn, fn);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    url = `${this.baseUrl}${path}`,
  ): Promise<GitHubResponse<T>> {
    // Last line of defence: whatever a reporter built, no registered secret leaves in a request.
    const payload = body === undefined ? undefined : outgoingJson(body);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.opts.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': `keylint/${VERSION}`,
            ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          },
          body: payload,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new GitHubApiError(`cannot reach ${this.baseUrl} (${cause})`, 0, 'network');
      }
      const text = await res.text();
      if (res.ok) {
        const data = (text ? JSON.parse(text) : undefined) as T;
        return { status: res.status, data, headers: res.headers };
      }
      const message = apiMessage(text);
      const wait = this.retryDelaySec(res, message);
      if (wait !== undefined && attempt < this.maxAttempts) {
        if (wait > this.maxRetryAfterSec)
          throw new GitHubApiError(
            `GitHub's rate limit asks to wait ${wait} s, longer than the ${this.maxRetryAfterSec} s keylint waits`,
            res.status,
            'rate-limited',
          );
        await sleep(wait * 1000 * waitScale());
        continue;
      }
      throw classify(res.status, message, wait !== undefined);
    }
  }

  /** Seconds to wait before trying again, or undefined when trying again will not help. */
  private retryDelaySec(res: Response, message: string): number | undefined {
    const retryAfter = res.headers.get('retry-after');
    const limited =
      res.status === 429 ||
      (res.status === 403 && (retryAfter !== null || res.headers.get('x-ratelimit-remaining') === '0')) ||
      (res.status === 403 && RATE_LIMIT.test(message));
    if (limited) {
      if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      if (res.headers.get('x-ratelimit-remaining') === '0' && reset > 0)
        return Math.max(1, Math.ceil(reset - Date.now() / 1000));
      // GitHub's advice for a secondary rate limit without a header: wait at least a minute.
      return 60;
    }
    if (res.status >= 500) return 1;
    return undefined;
  }
}

function apiMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return '';
}

function classify(status: number, message: string, rateLimited: boolean): GitHubApiError {
  const said = message ? ` "${message.slice(0, 200)}"` : '';
  if (rateLimited)
    return new GitHubApiError(`GitHub kept answering ${status}${said}`, status, 'rate-limited');
  if (status === 401) return new GitHubApiError(`GitHub answered 401${said}`, status, 'unauthorized');
  if (status === 403) return new GitHubApiError(`GitHub answered 403${said}`, status, 'forbidden');
  if (status === 404) return new GitHubApiError(`GitHub answered 404${said}`, status, 'not-found');
  if (status === 422) return new GitHubApiError(`GitHub answered 422${said}`, status, 'invalid');
  return new GitHubApiError(`GitHub answered ${status}${said}`, status, 'server');
}
