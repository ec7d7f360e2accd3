import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../src/finding.js';
import { chooseProvider } from '../src/live/select.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { startProviderServer, type ProviderServer } from './helpers/provider-server.js';
import { everything, runCliAsync } from './helpers/run-action.js';

/**
 * verify-leaked for the providers added with their key kinds: each leaked key is asked about at its
 * provider's own cheap GET, with the provider's own header, and a key whose kind keylint cannot ask
 * about (NVIDIA) is said to be so, never sent elsewhere.
 */
describe('verify-leaked for the added providers', () => {
  let server: ProviderServer;
  const repo = new TempRepo();
  const k = {
    elevenlabs: keys.elevenlabs(),
    pinecone: keys.pinecone(),
    together: keys.together(),
    langsmith: keys.langsmith(),
    cerebras: keys.cerebras(),
    nvidia: keys.nvidia(),
  };
  repo.write(
    'app/voice.py',
    `from elevenlabs import ElevenLabs\nclient = ElevenLabs(api_key="${k.elevenlabs}")\n`,
  );
  repo.write('app/vectors.py', `pc = Pinecone(api_key="${k.pinecone}")\n`);
  repo.write('app/llm.py', `TOGETHER = "${k.together}"\nCEREBRAS = "${k.cerebras}"\n`);
  repo.write('.env', `LANGSMITH_API_KEY=${k.langsmith}\nNVIDIA_API_KEY=${k.nvidia}\n`);
  repo.commit('init');

  beforeAll(async () => {
    server = await startProviderServer((r) => {
      const h = r.headers;
      if (r.path === '/elevenlabs/v1/user')
        return h['xi-api-key'] === k.elevenlabs
          ? { status: 200, json: { subscription: {} } }
          : { status: 401 };
      if (r.path === '/pinecone/indexes')
        return h['api-key'] === k.pinecone
          ? { status: 401, json: { error: { code: 'UNAUTHENTICATED', message: 'Invalid API Key' } } }
          : { status: 400 };
      if (r.path === '/together/v1/models')
        return h.authorization === `Bearer ${k.together}`
          ? { status: 200, json: { data: [] } }
          : { status: 401 };
      if (r.path === '/langsmith/api/v1/api-key/current')
        return h['x-api-key'] === k.langsmith ? { status: 200, json: {} } : { status: 401 };
      if (r.path === '/cerebras/v1/models')
        return h.authorization === `Bearer ${k.cerebras}`
          ? { status: 200, json: { data: [] } }
          : { status: 401 };
      return { status: 404, json: {} };
    });
  });
  afterAll(async () => {
    await server.close();
    repo.cleanup();
  });

  test('each key is asked about at its provider, with its header, and marked live or dead', async () => {
    // Leaked keys go only to official hosts unless a gateway is named: the local server is named so.
    const gateways = {
      elevenlabs: `${server.origin}/elevenlabs`,
      pinecone: `${server.origin}/pinecone`,
      together: `${server.origin}/together/v1`,
      langsmith: `${server.origin}/langsmith`,
      cerebras: `${server.origin}/cerebras/v1`,
      // Every other provider's default host is never reached: a request there would hang the test.
      openai: `${server.origin}/openai/v1`,
    };
    const r = await runCliAsync(
      [
        repo.dir,
        '--verify-leaked',
        '--format',
        'json',
        ...Object.entries(gateways).flatMap(([p, url]) => ['--verify-gateway', `${p}=${url}`]),
      ],
      {},
    );
    const report = JSON.parse(r.stdout) as { findings: Finding[] };
    const leak = (rule: string): Finding | undefined =>
      report.findings.find((f) => f.ruleId === `leak/${rule}`);
    expect(leak('elevenlabs-api-key')).toMatchObject({ verified: 'live', severity: 'critical' });
    expect(leak('pinecone-api-key')).toMatchObject({ verified: 'dead' });
    expect(leak('together-api-key')).toMatchObject({ verified: 'live', severity: 'critical' });
    expect(leak('langsmith-api-key')).toMatchObject({ verified: 'live', severity: 'critical' });
    expect(leak('cerebras-api-key')).toMatchObject({ verified: 'live' });
    expect(leak('nvidia-api-key')).toMatchObject({ verified: 'unknown' });
    expect(String(leak('nvidia-api-key')?.facts?.verifiedReason)).toMatch(/cannot verify NVIDIA keys/);
    for (const p of ['/elevenlabs/', '/pinecone/', '/together/', '/langsmith/', '/cerebras/'])
      expect({ p, n: server.count(p) }).toEqual({ p, n: 1 });
    expect(server.count('/openai/')).toBe(0);
    const out = everything(r);
    for (const key of Object.values(k)) expect(out).not.toContain(key);
  });
});

describe('which provider the live check asks', () => {
  test.each([
    ['ELEVENLABS_API_KEY', keys.elevenlabs(), 'ElevenLabs'],
    ['PINECONE_API_KEY', keys.pinecone(), 'Pinecone'],
    ['MOONSHOT_API_KEY', keys.moonshot(), 'Moonshot AI'],
    ['DASHSCOPE_API_KEY', keys.dashscope(), 'Alibaba DashScope'],
    ['DEEPGRAM_API_KEY', keys.deepgram(), 'Deepgram'],
    // The key's shape first: a Together key under OpenAI's name is asked about at Together.
    ['OPENAI_API_KEY', keys.together(), 'Together AI'],
  ])('%s holding such a key: %s', (variable, key, provider) => {
    expect(chooseProvider(variable, key).provider?.name).toBe(provider);
  });

  test('a name that promises a provider keylint cannot ask is not sent to OpenAI', () => {
    for (const variable of ['FIREWORKS_API_KEY', 'VOYAGE_API_KEY', 'NVIDIA_API_KEY']) {
      const c = chooseProvider(variable, keys.mistral());
      expect({ variable, provider: c.provider?.name }).toEqual({ variable, provider: undefined });
      expect(c.reason).toMatch(/cannot check live/);
    }
    expect(chooseProvider('MY_KEY', keys.mistral()).provider?.name).toBe('OpenAI');
  });
});
