import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../src/finding.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runActionAsync, runCliAsync } from './helpers/run-action.js';
import { openaiError, startProviderServer, type ProviderServer } from './helpers/provider-server.js';
import { everything } from './helpers/run-action.js';
import { startConnectProxy } from './helpers/provider-proxy.js';

/** verify-leaked: each key committed to the repository asked about once, least-intrusive call first. */
describe('verify-leaked', () => {
  let server: ProviderServer;
  let repo: TempRepo;
  let openai: string;
  let anthropic: string;
  let groq: string;
  let googleLive: string;
  let googleNoGemini: string;
  beforeAll(() => {
    repo = new TempRepo();
    openai = keys.openaiProject();
    anthropic = keys.anthropic();
    groq = keys.groq();
    googleLive = keys.google();
    googleNoGemini = keys.google();
    repo.write('app/openai.py', `client = OpenAI(api_key="${openai}")\n`);
    repo.write('app/again.py', `KEY = "${openai}"\n`);
    repo.write('app/anthropic.py', `client = Anthropic(api_key="${anthropic}")\n`);
    repo.write('app/groq.py', `client = Groq(api_key="${groq}")\n`);
    repo.write('app/gemini.py', `a = "${googleLive}"\nb = "${googleNoGemini}"\n`);
    repo.commit('init');
  });

  const env = (): Record<string, string> => ({
    KEYLINT_OPENAI_BASE_URL: `${server.origin}/openai/v1`,
    KEYLINT_ANTHROPIC_BASE_URL: `${server.origin}/anthropic`,
    KEYLINT_GROQ_BASE_URL: `${server.origin}/groq/openai/v1`,
    KEYLINT_GEMINI_BASE_URL: `${server.origin}/gemini`,
    KEYLINT_GROQ_STATUS_URL: `${server.origin}/status/api/v2/summary.json`,
  });

  /** Leaked keys go to the official hosts unless the verify-gateway input names another. */
  const gateways = (): string[] => [
    `openai=${server.origin}/openai/v1`,
    `anthropic=${server.origin}/anthropic`,
    `groq=${server.origin}/groq/openai/v1`,
    `gemini=${server.origin}/gemini`,
  ];

  beforeAll(async () => {
    server = await startProviderServer((r) => {
      const auth = String(
        r.headers.authorization ?? r.headers['x-api-key'] ?? r.headers['x-goog-api-key'] ?? '',
      );
      if (r.path.startsWith('/status')) return { status: 200, json: { incidents: [], components: [] } };
      if (r.path === '/openai/v1/models') return { status: 200, json: { data: [] } };
      if (r.path === '/anthropic/v1/models')
        return {
          status: 401,
          json: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
        };
      if (r.path === '/groq/openai/v1/models')
        return {
          ...openaiError(503, 'Service unavailable', null, 'server_error'),
          headers: { 'retry-after-ms': '5' },
        };
      if (r.path === '/gemini/v1beta/models')
        return auth === googleLive
          ? { status: 200, json: { models: [] } }
          : {
              status: 403,
              json: {
                error: {
                  code: 403,
                  message: 'Generative Language API has not been used in project',
                  status: 'PERMISSION_DENIED',
                },
              },
            };
      return { status: 404, json: {} };
    });
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  const byPath = (findings: Finding[], p: string): Finding[] =>
    findings.filter((f) => f.location?.path === p);

  test('marks each leaked key live, dead or unknown with the reason; a live key becomes critical', async () => {
    server.requests.length = 0;
    const run = await runActionAsync({
      workspace: repo.dir,
      inputs: { 'verify-leaked': 'true', 'verify-gateway': gateways().join(',') },
      env: env(),
    });
    const report = JSON.parse(run.report) as { findings: Finding[] };
    const [o1] = byPath(report.findings, 'app/openai.py');
    const [o2] = byPath(report.findings, 'app/again.py');
    const [a] = byPath(report.findings, 'app/anthropic.py');
    const [g] = byPath(report.findings, 'app/groq.py');
    const gem = byPath(report.findings, 'app/gemini.py');
    expect(o1).toMatchObject({ verified: 'live', severity: 'critical' });
    expect(o2).toMatchObject({ verified: 'live' });
    expect(a).toMatchObject({ verified: 'dead' });
    expect(String(a?.facts?.verifiedReason)).toMatch(/invalid_key: invalid x-api-key/);
    expect(g).toMatchObject({ verified: 'unknown' });
    expect(String(g?.facts?.verifiedReason)).toMatch(/server_error/);
    // A Google key was `high`; live, it is critical. One without Gemini access is still live (403).
    expect(gem.map((f) => [f.location?.line, f.verified, f.severity])).toEqual([
      [1, 'live', 'critical'],
      [2, 'live', 'critical'],
    ]);
    // The same key in two files is asked about once.
    expect(server.count('/openai/v1/models')).toBe(1);
    expect(server.count('/anthropic/v1/models')).toBe(1);
    expect(server.count('/gemini/v1beta/models')).toBe(2);
    // 503 is retried, within bounds.
    expect(server.count('/groq/openai/v1/models')).toBe(4);
    // Without live-check, no live-status and no call for the environment's key.
    expect(run.outputs['live-status']).toBeUndefined();
    expect(run.annotations.find((x) => x.file === 'app/openai.py')?.message).toMatch(/it is live/);
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    for (const k of [openai, anthropic, groq, googleLive, googleNoGemini]) expect(logs).not.toContain(k);
  });

  test('the CLI gets the same with --verify-leaked and --live', async () => {
    server.requests.length = 0;
    const r = await runCliAsync(
      [
        repo.dir,
        '--verify-leaked',
        ...gateways().flatMap((g) => ['--verify-gateway', g]),
        '--live',
        'auth',
        '--key-env',
        'OPENAI_API_KEY',
        '--format',
        'json',
      ],
      {
        env: { ...env(), OPENAI_API_KEY: openai },
      },
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Finding[]; notices: { message: string }[] };
    expect(byPath(report.findings, 'app/openai.py')[0]).toMatchObject({
      verified: 'live',
      severity: 'critical',
    });
    expect(report.notices.map((n) => n.message)).toContain('live-status: ok (OPENAI_API_KEY: OpenAI)');
    // One call for the environment's key, one for the leaked copy of it.
    expect(server.count('/openai/v1/models')).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(openai);
  });

  test('the CLI text output names the failing word', async () => {
    const r = await runCliAsync([repo.dir, '--live', 'auth', '--key-env', 'ANTHROPIC_API_KEY'], {
      env: { ...env(), ANTHROPIC_API_KEY: anthropic },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('live/invalid-key');
    expect(r.stdout).toContain('live-status: invalid_key (ANTHROPIC_API_KEY: Anthropic)');
    expect(r.stdout + r.stderr).not.toContain(anthropic);
  });

  test('without verify-gateway, a leaked key goes only to the official host, never to a base URL from the environment', async () => {
    server.requests.length = 0;
    // A proxy that refuses every tunnel shows where the key would have gone, and lets nothing out.
    const proxy = await startConnectProxy({ refuse: true });
    try {
      const run = await runActionAsync({
        workspace: repo.dir,
        inputs: { 'verify-leaked': 'true' },
        env: { ...env(), OPENAI_BASE_URL: `${server.origin}/openai/v1`, HTTPS_PROXY: proxy.url },
      });
      expect(server.requests.filter((r) => !r.path.startsWith('/status'))).toEqual([]);
      expect(proxy.connects).toEqual(
        expect.arrayContaining(['api.openai.com:443', 'api.anthropic.com:443', 'api.groq.com:443']),
      );
      const report = JSON.parse(run.report) as { findings: Finding[] };
      expect(byPath(report.findings, 'app/openai.py')[0]?.verified).toBe('unknown');
    } finally {
      await proxy.close();
    }
  });

  test('a plain http base URL that is not loopback never receives the key: live-status insecure_endpoint', async () => {
    const run = await runActionAsync({
      workspace: repo.dir,
      inputs: { 'live-check': 'auth', 'key-env': 'OPENAI_API_KEY' },
      // TEST-NET-1: nothing is ever sent there; keylint must refuse before connecting.
      env: { OPENAI_API_KEY: openai, OPENAI_BASE_URL: 'http://192.0.2.1/v1' },
    });
    expect(run.outputs['live-status']).toBe('insecure_endpoint');
    const a = run.annotations.find((x) => x.title?.startsWith('live/insecure-endpoint'));
    expect(a?.message).toMatch(/did not send the key: the base URL http:\/\/192\.0\.2\.1\/v1 is plain http/);
    expect(everything(run).replace(/^::add-mask::.*$/gm, '')).not.toContain(openai);
  });
});
