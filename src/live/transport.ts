import { lookup } from 'node:dns/promises';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { describeProxy, proxyFor, type ProxyChoice } from './proxy.js';

/**
 * HTTP by layers (DNS, TCP, proxy CONNECT, TLS, HTTP) with node's own modules, so a failure can be
 * named by the layer it happened in: a generic client reports all of them as "fetch failed".
 */
export type TransportKind = 'dns_error' | 'connect_error' | 'tls_error' | 'proxy_error' | 'timeout';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportKind,
    message: string,
    /** Node's error code (`ENOTFOUND`, `DEPTH_ZERO_SELF_SIGNED_CERT`…), when there is one. */
    readonly code?: string,
    /** A later attempt cannot succeed (a name that does not exist, a certificate that fails). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpRequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Epoch milliseconds: the request is abandoned at this instant, whatever it is doing. */
  deadline: number;
  env: Record<string, string | undefined>;
}

/** Bodies beyond this are cut: an API error is small, and a captive portal page need not be read whole. */
const MAX_BODY = 1024 * 1024;

const PERMANENT_DNS = new Set(['ENOTFOUND', 'ENODATA']);

/** What the request was doing, and the layer a deadline hit there is blamed on. */
interface Phase {
  doing: string;
  /** A resolver that never answers is a DNS problem, a proxy that never answers a proxy problem. */
  kind: TransportKind;
}

/** Node's error code, if any. */
function codeOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

async function resolve(host: string): Promise<string> {
  if (net.isIP(host)) return host;
  const { address } = await lookup(host);
  return address;
}

/** Every socket of one request, so the deadline can close them all, even one opened after it passed. */
class Sockets {
  private readonly open: net.Socket[] = [];
  private closed = false;
  track<T extends net.Socket>(s: T): T {
    if (this.closed) s.destroy();
    else this.open.push(s);
    return s;
  }
  closeAll(): void {
    this.closed = true;
    for (const s of this.open) s.destroy();
  }
}

function connectTcp(address: string, port: number, sockets: Sockets): Promise<net.Socket> {
  return new Promise((ok, fail) => {
    const s = sockets.track(net.connect({ host: address, port }));
    s.once('connect', () => {
      // Later errors reach the HTTP request's own listener; this one only keeps them from crashing.
      s.removeAllListeners('error');
      s.on('error', () => undefined);
      ok(s);
    });
    s.once('error', (e) => {
      s.destroy();
      fail(e);
    });
  });
}

/** The proxy answered, and said no: its policy will say no again. */
class ProxyRefusal extends Error {}

/** Sends `CONNECT host:port` and resolves with the tunnel, or rejects with the proxy's status line. */
function connectTunnel(
  socket: net.Socket,
  proxy: ProxyChoice,
  host: string,
  port: number,
): Promise<net.Socket> {
  return new Promise((ok, fail) => {
    const target = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    const auth =
      proxy.url.username || proxy.url.password
        ? `Proxy-Authorization: Basic ${Buffer.from(
            `${decodeURIComponent(proxy.url.username)}:${decodeURIComponent(proxy.url.password)}`,
          ).toString('base64')}\r\n`
        : '';
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 16 * 1024) fail(new Error('the proxy sent an endless header'));
        return;
      }
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (status >= 200 && status < 300) {
        const rest = head.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        ok(socket);
      } else {
        fail(new ProxyRefusal(`it answered "${statusLine.trim() || 'nothing'}" to CONNECT ${target}`));
      }
    };
    const onError = (e: Error): void => fail(e);
    const onEnd = (): void => fail(new Error(`it closed the connection on CONNECT ${target}`));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  });
}

function handshake(socket: net.Socket, host: string, sockets: Sockets): Promise<tls.TLSSocket> {
  return new Promise((ok, fail) => {
    const t = sockets.track(
      tls.connect({
        socket,
        host,
        servername: net.isIP(host) ? undefined : host,
        ALPNProtocols: ['http/1.1'],
      }),
    );
    t.once('secureConnect', () => {
      t.removeAllListeners('error');
      t.on('error', () => undefined);
      ok(t);
    });
    t.once('error', (e) => {
      t.destroy();
      fail(e);
    });
  });
}

function exchange(socket: net.Socket, spec: HttpRequestSpec, target: URL): Promise<HttpAnswer> {
  return new Promise((ok, fail) => {
    const req = http.request({
      method: spec.method,
      path: `${target.pathname}${target.search}`,
      headers: { ...spec.headers, host: target.host, connection: 'close' },
      createConnection: () => socket,
    });
    req.once('error', fail);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_BODY) chunks.push(c);
        size += c.length;
      });
      res.once('error', fail);
      res.once('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        ok({
          status: res.statusCode ?? 0,
          headers,
          body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8'),
        });
      });
    });
    req.end(spec.body);
  });
}

function tlsProblem(err: unknown): string {
  const code = codeOf(err);
  const msg = (err as Error).message;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/** One HTTP exchange, or a `TransportError` that names the layer and the cause. */
export async function httpRequest(spec: HttpRequestSpec): Promise<HttpAnswer> {
  const target = new URL(spec.url);
  const secure = target.protocol === 'https:';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port) || (secure ? 443 : 80);
  let proxy: ProxyChoice | undefined;
  try {
    proxy = proxyFor(target, spec.env);
  } catch (err) {
    throw new TransportError('proxy_error', (err as Error).message, undefined, true);
  }
  const sockets = new Sockets();
  let phase: Phase = { doing: 'resolving', kind: 'dns_error' };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    const wait = Math.max(0, spec.deadline - Date.now());
    timer = setTimeout(() => {
      fail(
        new TransportError(
          phase.kind,
          `no answer from ${target.host} within the time left (${(wait / 1000).toFixed(1)} s) while ${phase.doing}`,
        ),
      );
    }, wait);
  });
  const work = async (): Promise<HttpAnswer> => {
    let socket: net.Socket;
    if (proxy) {
      const via = describeProxy(proxy);
      const proxyHost = proxy.url.hostname.replace(/^\[|\]$/g, '');
      const proxyPort = Number(proxy.url.port) || 80;
      phase = { doing: `resolving the proxy ${via}`, kind: 'proxy_error' };
      let address: string;
      try {
        address = await resolve(proxyHost);
      } catch (err) {
        throw new TransportError(
          'proxy_error',
          `cannot resolve the proxy ${via} (${codeOf(err)})`,
          codeOf(err),
        );
      }
      phase = { doing: `connecting to the proxy ${via}`, kind: 'proxy_error' };
      try {
        socket = await connectTcp(address, proxyPort, sockets);
      } catch (err) {
        throw new TransportError(
          'proxy_error',
          `cannot connect to the proxy ${via} (${codeOf(err)})`,
          codeOf(err),
        );
      }
      phase = { doing: `waiting for the proxy ${via} to open a tunnel`, kind: 'proxy_error' };
      try {
        socket = await connectTunnel(socket, proxy, host, port);
      } catch (err) {
        throw new TransportError(
          'proxy_error',
          `the proxy ${via} refused the tunnel: ${(err as Error).message}`,
          codeOf(err),
          err instanceof ProxyRefusal,
        );
      }
    } else {
      phase = { doing: `resolving ${host}`, kind: 'dns_error' };
      let address: string;
      try {
        address = await resolve(host);
      } catch (err) {
        const code = codeOf(err);
        throw new TransportError(
          'dns_error',
          `cannot resolve ${host} (${code ?? (err as Error).message})`,
          code,
          PERMANENT_DNS.has(code ?? ''),
        );
      }
      phase = { doing: `connecting to ${host}:${port}`, kind: 'timeout' };
      try {
        socket = await connectTcp(address, port, sockets);
      } catch (err) {
        const code = codeOf(err);
        throw new TransportError(
          'connect_error',
          `cannot connect to ${host}:${port} (${address}): ${code ?? (err as Error).message}`,
          code,
        );
      }
    }
    if (secure) {
      phase = { doing: `negotiating TLS with ${host}`, kind: 'timeout' };
      try {
        socket = await handshake(socket, host, sockets);
      } catch (err) {
        throw new TransportError(
          'tls_error',
          `TLS handshake with ${host}:${port} failed: ${tlsProblem(err)}`,
          codeOf(err),
          true,
        );
      }
    }
    phase = { doing: `waiting for ${target.host} to answer`, kind: 'timeout' };
    try {
      return await exchange(socket, spec, target);
    } catch (err) {
      const code = codeOf(err);
      throw new TransportError(
        proxy ? 'proxy_error' : 'connect_error',
        `the connection to ${target.host}${proxy ? ` through ${describeProxy(proxy)}` : ''} broke before an answer: ${code ?? (err as Error).message}`,
        code,
      );
    }
  };
  const working = work();
  // Whichever loses the race must not surface later as an unhandled rejection.
  working.catch(() => undefined);
  deadline.catch(() => undefined);
  try {
    return await Promise.race([working, deadline]);
  } finally {
    clearTimeout(timer);
    sockets.closeAll();
  }
}
