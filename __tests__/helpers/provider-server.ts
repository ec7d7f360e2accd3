import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { refusingPort } from './hermetic.js';

/**
 * A real HTTP(S) server on 127.0.0.1 that answers like a provider's API, and remembers every request
 * it saw (so tests can count retries).
 */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** When the request arrived (`performance.now()` of this process), to check the waits between retries. */
  at: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

/** An answer, or `hang`: accept the request and never answer. */
export type Reply = Answer | 'hang';

export type Handler = (req: SeenRequest) => Reply;

export interface ProviderServer {
  /** `http(s)://127.0.0.1:PORT` */
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** Requests whose path starts with `prefix`. */
  count(prefix: string): number;
  handle(h: Handler): void;
  close(): Promise<void>;
}

export async function startProviderServer(
  handler: Handler,
  opts: { tls?: { key: string; cert: string } } = {},
): Promise<ProviderServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const at = performance.now();
    req.on('end', () => {
      const url = req.url ?? '/';
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url,
        path: url.split('?')[0]!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
      };
      requests.push(seen);
      const reply = current(seen);
      if (reply === 'hang') return;
      const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
      res.writeHead(reply.status, {
        'content-type': reply.json !== undefined ? 'application/json' : 'text/html; charset=utf-8',
        ...reply.headers,
      });
      res.end(body);
    });
  };
  const server = opts.tls ? https.createServer(opts.tls, listener) : http.createServer(listener);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // TLS failures are what some tests provoke: they must not reach the test runner as errors.
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    count: (prefix) => requests.filter((r) => r.path.startsWith(prefix)).length,
    handle: (h) => {
      current = h;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** An OpenAI-style error body. */
export function openaiError(
  status: number,
  message: string,
  code: string | null,
  type = 'invalid_request_error',
): Answer {
  return { status, json: { error: { message, type, param: null, code } } };
}

/**
 * A port on 127.0.0.1 that nothing listens on, held for the rest of this process so no one else gets
 * it meanwhile (binding a port and releasing it would race). `refusingPort()` in hermetic.ts is the
 * same port with a `close` of its own.
 */
export async function closedPort(): Promise<number> {
  return (await refusingPort()).port;
}

/** A Statuspage `/api/v2/summary.json` body. */
export function statusSummary(incidents: { name: string; components: string[] }[]): unknown {
  return {
    status: {
      indicator: incidents.length ? 'major' : 'none',
      description: incidents.length ? 'Major outage' : 'All Systems Operational',
    },
    components: [
      { name: 'API', status: incidents.length ? 'major_outage' : 'operational' },
      { name: 'Console', status: 'operational' },
    ],
    incidents: incidents.map((i) => ({
      name: i.name,
      status: 'investigating',
      impact: 'major',
      shortlink: 'https://stspg.io/test',
      components: i.components.map((name) => ({ name, status: 'major_outage' })),
    })),
  };
}
