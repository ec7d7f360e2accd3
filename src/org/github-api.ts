import { UserError } from '../errors.js';

/** What the planner needs to read GitHub's REST API: where, as whom, and how to tell the user it waits. */
export interface ApiClient {
  /** `GITHUB_API_URL`, without a trailing slash. */
  apiUrl: string;
  token?: string;
  /** Longest wait for a rate limit to reset before giving up, in seconds. */
  maxWaitSec: number;
  /** Where waits and skips are told (standard error in the CLI). */
  say: (line: string) => void;
  /** Injected so a test can see the waits without sleeping through them. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The `rel="next"` URL of the Link header, when there is a next page. */
  next?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** GitHub's documented `Link` header: `<url>; rel="next", <url>; rel="last"`. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * How long to wait before asking again, in ms, when an answer says the rate limit is spent: the
 * secondary limit's `retry-after`, else the primary limit's reset time. `undefined` when the answer
 * is not a rate-limit answer.
 */
export function rateLimitWait(status: number, headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  const remaining = headers.get('x-ratelimit-remaining');
  const limited = status === 429 || (status === 403 && (remaining === '0' || retryAfter !== null));
  if (!limited) return undefined;
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now) + 1000;
  return 60_000;
}

function apiPath(url: string, apiUrl: string): string {
  return url.startsWith(apiUrl) ? url.slice(apiUrl.length) || '/' : url;
}

/**
 * One GET against the API, waiting out a spent rate limit (up to `maxWaitSec`) and saying so. Other
 * error statuses are returned for the caller to judge (a 403 on one repository is a skip, not a stop).
 */
export async function apiGet<T>(client: ApiClient, url: string): Promise<ApiAnswer<T | undefined>> {
  const sleep = client.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'keylint',
          ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
        },
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new UserError(`cannot reach the GitHub API at ${client.apiUrl} (${cause})`);
    }
    const wait = rateLimitWait(res.status, res.headers);
    if (wait !== undefined && attempt < 3) {
      await res.arrayBuffer().catch(() => undefined);
      if (wait > client.maxWaitSec * 1000)
        throw new UserError(
          `the GitHub API rate limit is spent and resets in ${Math.ceil(wait / 1000)} s, more than --max-wait ${client.maxWaitSec} s`,
        );
      const until = new Date(Date.now() + wait).toISOString().slice(11, 19);
      client.say(
        `GitHub API rate limit reached on ${apiPath(url, client.apiUrl)}: waiting ${Math.ceil(wait / 1000)} s (until ${until} UTC).`,
      );
      await sleep(wait);
      continue;
    }
    const text = await res.text();
    let body: T | undefined;
    try {
      body = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      body = undefined;
    }
    // Spend the last requests slowly rather than hit the wall mid-listing.
    if (res.ok && res.headers.get('x-ratelimit-remaining') === '0') {
      const reset = rateLimitWait(403, res.headers);
      if (reset !== undefined && reset <= client.maxWaitSec * 1000) {
        client.say(`GitHub API rate limit spent: waiting ${Math.ceil(reset / 1000)} s for it to reset.`);
        await sleep(reset);
      }
    }
    return { status: res.status, body, next: nextLink(res.headers.get('link')) };
  }
}

/** The API's own words for an error answer, for a message. */
export function apiMessage(body: unknown): string {
  const msg = (body as { message?: unknown } | undefined)?.message;
  return typeof msg === 'string' ? msg : 'no message';
}
