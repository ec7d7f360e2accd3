import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A repository as GitHub's REST API lists it (the fields the planner reads). */
export interface ApiRepoFixture {
  full_name: string;
  size: number;
  archived?: boolean;
  fork?: boolean;
  topics?: string[];
  private?: boolean;
}

export interface ReposApi {
  url: string;
  /** Every request path seen, and whether it carried the expected token. */
  seen: { path: string; authorized: boolean }[];
  close: () => Promise<void>;
}

/**
 * A GitHub REST API on 127.0.0.1 that lists an organisation's repositories in pages (`Link`
 * headers with absolute URLs), answers `GET /repos/{owner}/{name}` (403 for the private ones the
 * token cannot see), and spends its rate limit once on the page named by `limitOnPage`.
 */
export async function startReposApi(opts: {
  token: string;
  org: string;
  repos: ApiRepoFixture[];
  perPage: number;
  limitOnPage?: number;
  /** Where page `lastPage`'s `next` link points (another host must never see the token). */
  foreignNext?: string;
  hidden?: string[];
}): Promise<ReposApi> {
  const seen: ReposApi['seen'] = [];
  let limited = false;
  const pages = Math.ceil(opts.repos.length / opts.perPage);
  let base = '';
  const json = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const authorized = req.headers.authorization === `Bearer ${opts.token}`;
    seen.push({ path: url.pathname + url.search, authorized });
    if (!authorized) return json(res, 401, { message: 'Bad credentials' });
    const list = /^\/orgs\/([^/]+)\/repos$/.exec(url.pathname);
    if (list) {
      if (list[1] !== opts.org) return json(res, 404, { message: 'Not Found' });
      const page = Number(url.searchParams.get('page') ?? '1');
      if (page === opts.limitOnPage && !limited) {
        limited = true;
        return json(
          res,
          403,
          { message: 'API rate limit exceeded' },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
          },
        );
      }
      const links: string[] = [];
      if (page < pages)
        links.push(`<${base}/orgs/${opts.org}/repos?type=all&per_page=100&page=${page + 1}>; rel="next"`);
      else if (opts.foreignNext) links.push(`<${opts.foreignNext}>; rel="next"`);
      links.push(`<${base}/orgs/${opts.org}/repos?type=all&per_page=100&page=${pages}>; rel="last"`);
      const slice = opts.repos.slice((page - 1) * opts.perPage, page * opts.perPage);
      return json(res, 200, slice, { link: links.join(', '), 'x-ratelimit-remaining': '4000' });
    }
    const one = /^\/repos\/([^/]+\/[^/]+)$/.exec(url.pathname);
    if (one) {
      const name = one[1]!;
      if (opts.hidden?.includes(name))
        return json(res, 403, { message: 'Resource not accessible by integration' });
      const repo = opts.repos.find((r) => r.full_name === name);
      return repo ? json(res, 200, repo) : json(res, 404, { message: 'Not Found' });
    }
    json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
