import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { MAX_ATTEMPTS } from '../src/live/call.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runActionAsync } from './helpers/run-action.js';
import { selfSignedCert, type TestCert } from './helpers/live-tls.js';
import { startConnectProxy, type ConnectProxy } from './helpers/provider-proxy.js';
import { refusingPort } from './helpers/hermetic.js';
import { startProviderServer, statusSummary, type ProviderServer } from './helpers/provider-server.js';

/**
 * Transport failures named by layer, with real sockets: a `.invalid` host, a closed port, a TLS server
 * with a self-signed certificate, CONNECT proxies that tunnel or refuse, and a server that never answers.
 */
const MODELS_OK = { status: 200, json: { object: 'list', data: [] } };

describe('live check transport layers', () => {
  let cert: TestCert;
  let tlsServer: ProviderServer;
  let hang: ProviderServer;
  let goodProxy: ConnectProxy;
  let badProxy: ConnectProxy;
  let repo: TempRepo;

  beforeAll(async () => {
    repo = new TempRepo();
    repo.write('main.py', 'print("hello")\n');
    repo.commit('init');
    cert = selfSignedCert();
    tlsServer = await startProviderServer(() => MODELS_OK, { tls: { key: cert.key, cert: cert.cert } });
    hang = await startProviderServer((r) =>
      r.path.startsWith('/status') ? { status: 200, json: statusSummary([]) } : 'hang',
    );
    goodProxy = await startConnectProxy();
    badProxy = await startConnectProxy({ refuse: true });
  });
  afterAll(async () => {
    await Promise.all([tlsServer.close(), hang.close(), goodProxy.close(), badProxy.close()]);
    cert.cleanup();
    repo.cleanup();
  });

  const live = (env: Record<string, string>, inputs: Record<string, string> = {}) =>
    runActionAsync({
      workspace: repo.dir,
      inputs: { 'live-check': 'auth', 'key-env': 'OPENAI_API_KEY', ...inputs },
      env: { OPENAI_API_KEY: keys.openaiProject(), ...env },
    });
  const annotation = (run: Awaited<ReturnType<typeof live>>, word: string) =>
    run.annotations.find((a) => a.title?.startsWith(`live/${word.replace(/_/g, '-')}`))?.message ?? '';

  test('a host that does not resolve is dns_error', async () => {
    const run = await live({ KEYLINT_OPENAI_BASE_URL: 'https://api.keylint-test.invalid/v1' });
    expect(run.outputs['live-status']).toBe('dns_error');
    expect(run.code).toBe(1);
    expect(annotation(run, 'dns_error')).toMatch(
      /cannot resolve api\.keylint-test\.invalid \((ENOTFOUND|EAI_AGAIN)/,
    );
  });

  test('a closed port is connect_error', async () => {
    const held = await refusingPort();
    const port = held.port;
    const run = await live({ KEYLINT_OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` }).finally(held.close);
    expect(run.outputs['live-status']).toBe('connect_error');
    expect(annotation(run, 'connect_error')).toMatch(
      new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
  });

  test('a self-signed certificate is tls_error, with the certificate problem and the NODE_EXTRA_CA_CERTS hint', async () => {
    tlsServer.requests.length = 0;
    const run = await live({ KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1` });
    expect(run.outputs['live-status']).toBe('tls_error');
    const msg = annotation(run, 'tls_error');
    expect(msg).toMatch(/self[- ]signed certificate/i);
    expect(msg).toContain('NODE_EXTRA_CA_CERTS');
    // A certificate that fails will fail again: no retry, and no request ever reached HTTP.
    expect(tlsServer.requests).toHaveLength(0);
  });

  test('with the CA in NODE_EXTRA_CA_CERTS the same server is ok over HTTPS', async () => {
    tlsServer.requests.length = 0;
    const run = await live({
      KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`,
      NODE_EXTRA_CA_CERTS: cert.certFile,
    });
    expect(run.outputs['live-status']).toBe('ok');
    expect(tlsServer.count('/v1/models')).toBe(1);
  });

  test('a working CONNECT proxy from HTTPS_PROXY carries the request', async () => {
    tlsServer.requests.length = 0;
    goodProxy.connects.length = 0;
    const run = await live({
      KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`,
      NODE_EXTRA_CA_CERTS: cert.certFile,
      HTTPS_PROXY: goodProxy.url,
    });
    expect(run.outputs['live-status']).toBe('ok');
    expect(goodProxy.connects).toEqual([`127.0.0.1:${tlsServer.port}`]);
    expect(tlsServer.count('/v1/models')).toBe(1);
  });

  test('a proxy that refuses the tunnel is proxy_error, naming the proxy and its variable', async () => {
    badProxy.connects.length = 0;
    const run = await live({ KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`, https_proxy: badProxy.url });
    expect(run.outputs['live-status']).toBe('proxy_error');
    // A proxy that says no will say no again: asked once.
    expect(badProxy.connects).toEqual([`127.0.0.1:${tlsServer.port}`]);
    expect(annotation(run, 'proxy_error')).toContain(
      `the proxy ${badProxy.url} (from https_proxy) refused the tunnel`,
    );
    expect(annotation(run, 'proxy_error')).toContain('403 Forbidden');
  });

  test('a proxy on a closed port is proxy_error, not connect_error', async () => {
    const held = await refusingPort();
    const run = await live({
      KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`,
      HTTPS_PROXY: `http://127.0.0.1:${held.port}`,
    }).finally(held.close);
    expect(run.outputs['live-status']).toBe('proxy_error');
    expect(annotation(run, 'proxy_error')).toMatch(
      /cannot connect to the proxy .*\(from HTTPS_PROXY\).*ECONNREFUSED/,
    );
  });

  test('a proxy that never answers the CONNECT is proxy_error at the deadline, not a bare timeout', async () => {
    // It reads nothing, so it would never see the client leave: its connections are closed here, or
    // they would keep this test process alive after the suite.
    const accepted = new Set<net.Socket>();
    const silent = net.createServer((s) => void accepted.add(s));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as AddressInfo).port;
    const run = await live(
      { KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`, HTTPS_PROXY: `http://127.0.0.1:${port}` },
      { 'live-timeout': '1' },
    );
    for (const s of accepted) s.destroy();
    silent.close();
    expect(run.outputs['live-status']).toBe('proxy_error');
    expect(annotation(run, 'proxy_error')).toMatch(
      /while waiting for the proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) to open a tunnel/,
    );
  });

  test('NO_PROXY sends the request around the proxy', async () => {
    badProxy.connects.length = 0;
    const run = await live({
      KEYLINT_OPENAI_BASE_URL: `${tlsServer.origin}/v1`,
      NODE_EXTRA_CA_CERTS: cert.certFile,
      HTTPS_PROXY: badProxy.url,
      NO_PROXY: 'localhost,127.0.0.1',
    });
    expect(run.outputs['live-status']).toBe('ok');
    expect(badProxy.connects).toHaveLength(0);
  });

  test('a server that never answers is timeout, and the time budget holds', async () => {
    hang.requests.length = 0;
    const budget = 3;
    const run = await live(
      {
        KEYLINT_OPENAI_BASE_URL: `${hang.origin}/v1`,
        KEYLINT_OPENAI_STATUS_URL: `${hang.origin}/status/api/v2/summary.json`,
      },
      { 'live-timeout': String(budget) },
    );
    expect(run.outputs['live-status']).toBe('timeout');
    expect(annotation(run, 'timeout')).toMatch(
      /no answer from 127\.0\.0\.1:\d+ .* while waiting for 127\.0\.0\.1:\d+ to answer/,
    );
    // Retried, but bounded; and the status page was read in the time kept for it. With 3 s, requests
    // stop at 2.25 s and an attempt may take 1 s: the first times out at 1 s, and the longest first
    // backoff (0.5 s, before the suite's scale) still fits, so a second attempt is certain.
    expect(hang.count('/v1/models')).toBeGreaterThanOrEqual(2);
    expect(hang.count('/v1/models')).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(hang.count('/status')).toBe(1);
    const took = Number(/checked in ([\d.]+) s of the 3 s budget/.exec(run.summary)?.[1]);
    expect(took).toBeGreaterThan(budget * 0.5);
    expect(took).toBeLessThanOrEqual(budget);
  });

  test('the budget holds even when the status page never answers either', async () => {
    hang.requests.length = 0;
    const run = await live(
      {
        KEYLINT_OPENAI_BASE_URL: `${hang.origin}/v1`,
        KEYLINT_OPENAI_STATUS_URL: `${hang.origin}/never/summary.json`,
      },
      { 'live-timeout': '2' },
    );
    expect(run.outputs['live-status']).toBe('timeout');
    expect(hang.count('/never')).toBe(1);
    expect(run.summary).toMatch(/the status page could not be read: no answer/);
    const took = Number(/checked in ([\d.]+) s of the 2 s budget/.exec(run.summary)?.[1]);
    expect(took).toBeLessThanOrEqual(2);
  });
});
