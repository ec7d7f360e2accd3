import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { DETECTORS, type Detector } from '../src/detect/detectors.js';
import { leakFinding } from '../src/detect/leak-finding.js';
import { hasKeyboardWalk, isPlaceholder, isPlaceholderKey } from '../src/detect/placeholders.js';
import { SAMPLE_KEYS } from '../src/detect/sample-keys.js';
import { Scanner, type KeyMatch } from '../src/detect/scanner.js';
import { ALNUM, body, HEX, keys, randomKeyBytes, randomUuid, shapes, type Fill } from './helpers/keys.js';

const scanner = new Scanner();
const scan = (text: string): KeyMatch[] => scanner.scan(text);

/** A kind found by its prefix alone (DeepSeek also needs its name nearby). */
interface PrefixedCase {
  label: string;
  rule: string;
  make: () => string;
  shape: (f: Fill) => string;
  needsNear?: string;
  /** OpenAI's newer keys have no fixed length: one more character is still a key. */
  flexible?: boolean;
  /** The name a Kubernetes Secret holds it under. */
  secretName?: string;
}

/** A kind found only as the value of a name that mentions the provider. */
interface AssignedCase {
  label: string;
  rule: string;
  make: () => string;
  shape: (f: Fill) => string;
  name: string;
  /** A client call where the provider is only named nearby. */
  call: (v: string) => string;
}

const PREFIXED: PrefixedCase[] = [
  { label: 'OpenAI legacy', rule: 'openai-legacy-key', make: keys.openaiLegacy, shape: shapes.openaiLegacy },
  ...[46, 58, 74].map((n) => ({
    label: `OpenAI project ${n}+8+${n}`,
    flexible: true,
    rule: 'openai-project-key',
    make: () => keys.openaiProject(n),
    shape: (f: Fill) => shapes.openaiProject(f, n),
  })),
  ...[46, 58, 74].map((n) => ({
    label: `OpenAI service account ${n}+8+${n}`,
    flexible: true,
    rule: 'openai-service-account-key',
    make: () => keys.openaiServiceAccount(n),
    shape: (f: Fill) => shapes.openaiServiceAccount(f, n),
  })),
  {
    label: 'OpenAI named service key',
    flexible: true,
    rule: 'openai-service-key',
    make: () => keys.openaiServiceNamed(),
    shape: (f) => shapes.openaiServiceNamed(f),
  },
  {
    label: 'OpenAI admin',
    rule: 'openai-admin-key',
    make: keys.openaiAdmin,
    shape: shapes.openaiAdmin,
    flexible: true,
  },
  { label: 'OpenAI sk-None (48)', rule: 'openai-none-key', make: keys.openaiNone, shape: shapes.openaiNone },
  {
    label: 'OpenAI sk-None (long)',
    flexible: true,
    rule: 'openai-none-key',
    make: () => keys.openaiNoneLong(),
    shape: (f) => shapes.openaiNoneLong(f),
  },
  { label: 'Anthropic API', rule: 'anthropic-api-key', make: keys.anthropic, shape: shapes.anthropic },
  {
    label: 'Anthropic admin',
    rule: 'anthropic-admin-key',
    make: keys.anthropicAdmin,
    shape: shapes.anthropicAdmin,
  },
  { label: 'Google', rule: 'google-api-key', make: keys.google, shape: shapes.google },
  { label: 'Groq', rule: 'groq-api-key', make: keys.groq, shape: shapes.groq },
  {
    label: 'Hugging Face user',
    rule: 'huggingface-token',
    make: keys.huggingface,
    shape: shapes.huggingface,
  },
  {
    label: 'Hugging Face org',
    rule: 'huggingface-org-token',
    make: keys.huggingfaceOrg,
    shape: shapes.huggingfaceOrg,
  },
  { label: 'OpenRouter', rule: 'openrouter-api-key', make: keys.openrouter, shape: shapes.openrouter },
  { label: 'xAI', rule: 'xai-api-key', make: keys.xai, shape: shapes.xai },
  { label: 'Perplexity', rule: 'perplexity-api-key', make: keys.perplexity, shape: shapes.perplexity },
  { label: 'Replicate', rule: 'replicate-api-token', make: keys.replicate, shape: shapes.replicate },
  {
    label: 'DeepSeek',
    rule: 'deepseek-api-key',
    make: keys.deepseek,
    shape: shapes.deepseek,
    needsNear: '# DeepSeek\n',
    secretName: 'DEEPSEEK_API_KEY',
  },
  {
    label: 'Anthropic API (api04)',
    rule: 'anthropic-api-key',
    make: keys.anthropicV4,
    shape: shapes.anthropicV4,
  },
  {
    label: 'Anthropic admin (admin02)',
    rule: 'anthropic-admin-key',
    make: keys.anthropicAdmin2,
    shape: shapes.anthropicAdmin2,
  },
  {
    label: 'Hugging Face user, with digits',
    rule: 'huggingface-token',
    make: keys.huggingfaceDigits,
    shape: shapes.huggingfaceDigits,
  },
  { label: 'Google, not AIzaSy', rule: 'google-api-key', make: keys.googleNotSy, shape: shapes.googleNotSy },
  { label: 'NVIDIA', rule: 'nvidia-api-key', make: keys.nvidia, shape: shapes.nvidia },
  {
    label: 'ElevenLabs',
    rule: 'elevenlabs-api-key',
    make: keys.elevenlabs,
    shape: shapes.elevenlabs,
    needsNear: '# ElevenLabs\n',
    secretName: 'ELEVENLABS_API_KEY',
  },
  { label: 'LangSmith personal', rule: 'langsmith-api-key', make: keys.langsmith, shape: shapes.langsmith },
  {
    label: 'LangSmith service',
    rule: 'langsmith-api-key',
    make: keys.langsmithService,
    shape: shapes.langsmithService,
  },
  { label: 'Langfuse secret', rule: 'langfuse-secret-key', make: keys.langfuse, shape: shapes.langfuse },
  { label: 'Pinecone', rule: 'pinecone-api-key', make: keys.pinecone, shape: shapes.pinecone },
  {
    label: 'Sourcegraph access token',
    rule: 'sourcegraph-access-token',
    make: keys.sourcegraph,
    shape: shapes.sourcegraph,
  },
  {
    label: 'Sourcegraph access token (old format)',
    rule: 'sourcegraph-access-token',
    make: keys.sourcegraphOld,
    shape: shapes.sourcegraphOld,
  },
  {
    label: 'Sourcegraph license key token',
    rule: 'sourcegraph-license-key-token',
    make: keys.sourcegraphLicense,
    shape: shapes.sourcegraphLicense,
  },
  { label: 'Cerebras', rule: 'cerebras-api-key', make: keys.cerebras, shape: shapes.cerebras },
  { label: 'Together AI', rule: 'together-api-key', make: keys.together, shape: shapes.together },
  { label: 'Weights & Biases v1', rule: 'wandb-api-key', make: keys.wandb, shape: shapes.wandb },
  { label: 'Jina AI', rule: 'jina-api-key', make: keys.jina, shape: shapes.jina },
  { label: 'AWS access key ID', rule: 'aws-access-key-id', make: keys.aws, shape: shapes.aws },
  {
    label: 'Braintrust',
    rule: 'braintrust-api-key',
    make: keys.braintrust,
    shape: shapes.braintrust,
    needsNear: '# Braintrust proxy\n',
    secretName: 'BRAINTRUST_API_KEY',
  },
  {
    label: 'Moonshot',
    rule: 'moonshot-api-key',
    make: keys.moonshot,
    shape: shapes.moonshot,
    needsNear: '# Moonshot (Kimi)\n',
    secretName: 'MOONSHOT_API_KEY',
  },
  {
    label: 'DashScope',
    rule: 'dashscope-api-key',
    make: keys.dashscope,
    shape: shapes.dashscope,
    needsNear: '# DashScope\n',
    secretName: 'DASHSCOPE_API_KEY',
  },
];

const ASSIGNED: AssignedCase[] = [
  {
    label: 'Mistral',
    rule: 'mistral-api-key',
    make: keys.mistral,
    shape: shapes.mistral,
    name: 'MISTRAL_API_KEY',
    call: (v) => `client = Mistral(api_key="${v}")`,
  },
  {
    label: 'Cohere',
    rule: 'cohere-api-key',
    make: keys.cohere,
    shape: shapes.cohere,
    name: 'COHERE_API_KEY',
    call: (v) => `co = cohere.Client(api_key="${v}")`,
  },
  {
    label: 'Cohere (CO_API_KEY)',
    rule: 'cohere-api-key',
    make: keys.cohere,
    shape: shapes.cohere,
    name: 'CO_API_KEY',
    call: (v) => `co = cohere.ClientV2(api_key='${v}')`,
  },
  {
    label: 'Azure OpenAI (32 hex)',
    rule: 'azure-openai-key',
    make: keys.azure,
    shape: shapes.azure,
    name: 'AZURE_OPENAI_API_KEY',
    call: (v) =>
      `requests.get("https://acme.openai.azure.com/openai/deployments", headers={"api-key": "${v}"})`,
  },
  {
    label: 'Azure OpenAI (84)',
    rule: 'azure-openai-key',
    make: keys.azureLong,
    shape: shapes.azureLong,
    name: 'AZURE_OPENAI_KEY',
    call: (v) => `client = AzureOpenAI(azure_endpoint="https://acme.openai.azure.com", api_key="${v}")`,
  },
  {
    label: 'Together AI (legacy 64 hex)',
    rule: 'together-api-key-legacy',
    make: keys.togetherLegacy,
    shape: shapes.togetherLegacy,
    name: 'TOGETHER_API_KEY',
    call: (v) => `client = OpenAI(base_url="https://api.together.xyz/v1", api_key="${v}")`,
  },
  {
    label: 'Weights & Biases (40 hex)',
    rule: 'wandb-api-key-legacy',
    make: keys.wandbLegacy,
    shape: shapes.wandbLegacy,
    name: 'WANDB_API_KEY',
    call: (v) => `run = wandb.init(settings=wandb.Settings(api_key="${v}"))`,
  },
  {
    label: 'ElevenLabs (32 hex)',
    rule: 'elevenlabs-api-key-legacy',
    make: keys.elevenlabsLegacy,
    shape: shapes.elevenlabsLegacy,
    name: 'ELEVENLABS_API_KEY',
    call: (v) => `requests.get("https://api.elevenlabs.io/v1/user", headers={"xi-api-key": "${v}"})`,
  },
  {
    label: 'Deepgram',
    rule: 'deepgram-api-key',
    make: keys.deepgram,
    shape: shapes.deepgram,
    name: 'DEEPGRAM_API_KEY',
    call: (v) => `deepgram = DeepgramClient(api_key="${v}")`,
  },
  {
    label: 'AssemblyAI',
    rule: 'assemblyai-api-key',
    make: keys.assemblyai,
    shape: shapes.assemblyai,
    name: 'ASSEMBLYAI_API_KEY',
    call: (v) => `import assemblyai as aai\naai.settings.api_key = "${v}"`,
  },
  {
    label: 'Clarifai',
    rule: 'clarifai-pat',
    make: keys.clarifai,
    shape: shapes.clarifai,
    name: 'CLARIFAI_PAT',
    call: (v) => `stub = clarifai.Client(api_key="${v}")`,
  },
  {
    label: 'DeepAI',
    rule: 'deepai-api-key',
    make: keys.deepai,
    shape: shapes.deepai,
    name: 'DEEPAI_API_KEY',
    call: (v) => `requests.post("https://api.deepai.org/api/text2img", headers={"api-key": "${v}"})`,
  },
  {
    label: 'Google Cloud service account',
    rule: 'gcp-service-account-key',
    make: keys.gcpKeyId,
    shape: shapes.gcpKeyId,
    name: 'private_key_id',
    // The key file itself: the id is its own name, the type says what the file is.
    call: (v) => `{"type": "service_account", "project_id": "acme", "private_key_id": "${v}"}`,
  },
];

/** A one-line minified bundle of about 1 MiB with `inner` in the middle. */
function minified(inner: string): string {
  const filler = 'function(a,b){return a.map(function(c){return c+b})},'.repeat(10000);
  return `!function(){var e={${filler}cfg:{baseURL:"https://api.deepseek.com",${inner}},${filler}}}();`;
}

/**
 * Where a key sits in real files: each yields a text in which the key occurs once. `near` is what a
 * kind without a unique prefix needs close by (its provider's name); it goes where a person puts it.
 */
const PREFIX_CONTEXTS: Record<string, (k: string, near: string) => string> = {
  parentheses: (k, near) => `${near}print(${k})\n`,
  'an XML element': (k, near) => `${near}<config><k>${k}</k></config>\n`,
  'a quoted list item': (k, near) => `${near}keys = ["${k}", "other"]\n`,
  'a backtick string': (k, near) => near + 'const key = `' + k + '`;\n',
  'after a \\n escape in JSON': (k, near) => `${near}{"source": ["import os\\n", "\\n${k}\\n"]}\n`,
  'after a \\u003d escape': (k, near) => `${near}{"cmd": "run --token\\u003d${k}"}\n`,
  'after %3D in a URL': (k, near) => `${near}curl "https://api.example.test/v1?cfg=token%3D${k}&x=1"\n`,
  'at end of file without newline': (k, near) => `${near}TOKEN=${k}`,
  'at start of file': (k, near) => `${k}\n# the key ${near}\n`,
  'a CRLF file': (k, near) => `${near}A=1\r\nTOKEN=${k}\r\nB=2\r\n`,
  '.env': (k, near) => `# settings ${near}DEBUG=1\nAPI_TOKEN=${k}\n`,
  YAML: (k, near) => `${near}env:\n  API_TOKEN: "${k}"\n  OTHER: 1\n`,
  'a Dockerfile': (k, near) => `${near}FROM node:20\nENV API_TOKEN=${k}\nRUN npm ci\n`,
  'a minified bundle line': (k, near) => minified(`/*${near.trim()}*/apiKey:"${k}"`),
};

const ASSIGN_CONTEXTS: Record<string, (name: string, v: string, c: AssignedCase) => string> = {
  '.env': (n, v) => `DEBUG=1\n${n}=${v}\n`,
  'export in a shell script': (n, v) => `#!/bin/sh\nexport ${n}="${v}"\n`,
  YAML: (n, v) => `env:\n  ${n}: ${v}\n`,
  'YAML, quoted': (n, v) => `env:\n  ${n}: '${v}'\n`,
  JSON: (n, v) => `{"${n}": "${v}", "debug": true}\n`,
  'a notebook (JSON-escaped)': (n, v) =>
    `{"cells": [{"source": ["import os\\n", "os.environ[\\"${n}\\"] = \\"${v}\\"\\n"]}]}\n`,
  'a Dockerfile ENV with a space': (n, v) => `FROM python:3.12\nENV ${n} ${v}\n`,
  'a Dockerfile ENV with =': (n, v) => `FROM python:3.12\nENV ${n}=${v}\n`,
  'a CRLF file': (n, v) => `A=1\r\n${n}=${v}\r\nB=2\r\n`,
  'end of file without newline': (n, v) => `${n}=${v}`,
  'python os.getenv default': (n, v) => `key = os.getenv("${n}", "${v}")\n`,
  'a client call naming the provider nearby': (_n, v, c) => `${c.call(v)}\n`,
  'a minified bundle line': (n, v) => minified(`${n}:"${v}"`),
};

/** The text holds exactly this key, found by this rule at its offset (positions in the given text). */
function expectOnly(text: string, key: string, rule: string): void {
  const at = text.indexOf(key);
  expect(at).toBeGreaterThanOrEqual(0);
  const found = scan(text).map((m) => ({
    rule: m.detector.id,
    start: m.start,
    end: m.end,
    same: m.secret === key,
  }));
  expect(found).toEqual([{ rule, start: at, end: at + key.length, same: true }]);
}

describe('the detector table', () => {
  test('every detector is covered by these tests', () => {
    const covered = new Set([...PREFIXED, ...ASSIGNED].map((c) => c.rule));
    expect([...new Set(DETECTORS.map((d) => d.id))].sort()).toEqual([...covered].sort());
  });

  test.each(DETECTORS.map((d) => [d.id, d] as [string, Detector]))(
    '%s has a provider, kind, lower-case keywords, severity and an https revoke page',
    (_id, d) => {
      expect(d.provider).not.toBe('');
      expect(d.kind).not.toBe('');
      expect(d.keywords.length).toBeGreaterThan(0);
      for (const k of d.keywords) expect(k).toBe(k.toLowerCase());
      if (d.prefix) expect(d.keywords).toContain(d.prefix.slice(0, d.keywords[0]!.length).toLowerCase());
      expect(['critical', 'high', 'medium', 'low']).toContain(d.severity);
      expect(d.revokeUrl).toMatch(/^https:\/\//);
      expect(d.pattern.source.startsWith('^')).toBe(true);
      expect(d.prefix !== undefined || d.context?.names !== undefined).toBe(true);
    },
  );

  test('rule ids are unique per kind, except kinds that share one rule on purpose', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(PREFIXED)('$label key', (c) => {
  test.each(Object.entries(PREFIX_CONTEXTS))('is found in %s at its offset', (_ctx, wrap) => {
    const key = c.make();
    const text = wrap(key, c.needsNear ?? '');
    expectOnly(text, key, c.rule);
  });

  test('is found in a Kubernetes Secret, at the base64 value', () => {
    const key = c.make();
    const b64 = Buffer.from(key + '\n').toString('base64');
    const text =
      (c.needsNear ?? '') +
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  ${c.secretName ?? 'TOKEN'}: ${b64}\n`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      start: text.indexOf(b64),
      end: text.indexOf(b64) + b64.length,
      secret: key,
    });
    expect(found[0]!.detector.id).toBe(c.rule);
  });

  test('placeholders of its shape are not leaks', () => {
    const runs: Fill[] = [
      (n) => 'X'.repeat(n),
      (n) => '0'.repeat(n),
      (n) => 'x'.repeat(n),
      (n) => 'abc123'.repeat(n).slice(0, n),
      (n, a) => ('your_key_here' + body(n, a)).slice(0, n),
      (n, a) => ('EXAMPLE' + body(n, a)).slice(0, n),
      (n, a) => ('Example' + body(n, a)).slice(0, n),
      (n, a) => (body(n, a) + 'xxxxxx').slice(-n),
    ];
    for (const fill of runs) {
      const fake = c.shape(fill);
      expect({ fake, found: scan((c.needsNear ?? '') + `API_TOKEN=${fake}\n`).length }).toEqual({
        fake,
        found: 0,
      });
    }
  });

  test('is not found inside a longer token, or with a different case of its prefix', () => {
    const key = c.make();
    for (const text of [
      `x${key}`,
      `1${key}`,
      `_${key}`,
      ...(c.flexible ? [] : [`${key}x`, `${key}_`, `${key}-`]),
      key.replace(/^[A-Za-z]+/, (p) => (p === p.toLowerCase() ? p.toUpperCase() : p.toLowerCase())),
    ]) {
      expect({ text, found: scan((c.needsNear ?? '') + `TOKEN=${text}\n`).length }).toEqual({
        text,
        found: 0,
      });
    }
  });
});

describe.each(ASSIGNED)('$label key', (c) => {
  test.each(Object.entries(ASSIGN_CONTEXTS))('is found in %s at its offset', (_ctx, wrap) => {
    const key = c.make();
    expectOnly(wrap(c.name, key, c), key, c.rule);
  });

  test('is found in a Kubernetes Secret, at the base64 value, under its name', () => {
    const key = c.make();
    const b64 = Buffer.from(key).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  ${c.name}: ${b64}\n`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: text.indexOf(b64), secret: key });
    expect(found[0]!.detector.id).toBe(c.rule);
  });

  test('is not found without its provider named', () => {
    const key = c.make();
    for (const text of [`API_KEY=${key}\n`, `value = "${key}"\n`, `${key}\n`, `TOKEN: ${key}\n`]) {
      expect({ text, found: scan(text).length }).toEqual({ text, found: 0 });
    }
  });

  test('placeholders of its shape are not leaks', () => {
    for (const fill of [
      (n: number) => 'X'.repeat(n),
      (n: number) => '0'.repeat(n),
      (n: number) => 'abc123'.repeat(n).slice(0, n),
      (n: number, a: string) => ('EXAMPLE' + body(n, a)).slice(0, n),
    ] as Fill[]) {
      const fake = c.shape(fill);
      expect({ fake, found: scan(`${c.name}=${fake}\n`).length }).toEqual({ fake, found: 0 });
    }
  });
});

describe('templates and stand-ins are not leaks', () => {
  const NAMES = [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'MISTRAL_API_KEY',
    'COHERE_API_KEY',
    'AZURE_OPENAI_API_KEY',
  ];
  const VALUES = [
    ['sk', 'YOUR_KEY_HERE'].join('-'),
    ['sk', 'x'.repeat(48)].join('-'),
    ['sk', 'proj', 'x'.repeat(40)].join('-'),
    ['sk', '...'].join('-'),
    ['sk', 'ant', '...'].join('-'),
    '<your-key>',
    '${OPENAI_API_KEY}',
    '$OPENAI_API_KEY',
    '${{ secrets.OPENAI_API_KEY }}',
    '{{ key }}',
    '{{ .Values.apiKey }}',
    '%KEY%',
    '',
    'changeme',
  ];
  test.each(NAMES)('assigned to %s in .env, YAML, JSON and a Dockerfile', (name) => {
    for (const v of VALUES) {
      const text = [
        `${name}=${v}`,
        `  ${name}: "${v}"`,
        `{"${name}": "${v}"}`,
        `ENV ${name} ${v}`,
        `client = OpenAI(api_key="${v}")  # deepseek`,
      ].join('\n');
      expect({ v, found: scan(text).length }).toEqual({ v, found: 0 });
    }
  });

  test.each(VALUES.filter((v) => v !== ''))('isPlaceholder(%s) holds', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  test('isPlaceholder does not hold for a real key', () => {
    for (const k of [keys.openaiProject(), keys.anthropic(), keys.google(), keys.mistral()])
      expect(isPlaceholder(k)).toBe(false);
  });
});

describe('near-misses are not keys', () => {
  const texts: Record<string, () => string> = {
    'words with sk- inside': () =>
      'task-manager risk-assessment disk-usage desk-lamp whisk-eggs ask-me-anything\n' +
      'const mask-image = "sk-learn"; npm i sk-lint-rules-for-typescript-projects\n',
    'a UUID': () => `MISTRAL_API_KEY=${randomUuid()}\nAZURE_OPENAI_API_KEY=${randomUuid()}\n`,
    'a git SHA': () =>
      `commit ${body(40, HEX)}\nCOHERE_COMMIT=${body(40, HEX)}\nMISTRAL_SHA=${body(32, HEX)}\n`,
    'an npm integrity string': () =>
      `"integrity": "sha512-${Buffer.from(randomKeyBytes(64)).toString('base64')}",\n`.repeat(50),
    'a DeepSeek-shaped key with no DeepSeek near it': () => `API_KEY=${keys.deepseek()}\n`,
    'an OpenAI legacy key one character short and long': () => {
      const k = keys.openaiLegacy();
      return `A=${k.slice(0, -1)}\nB=${k}a\n`;
    },
    'OpenAI keys with halves shorter than 20': () =>
      ['proj', 'svcacct', 'admin', 'None']
        .map((p) => `K=sk-${p}-${body(10)}${['T3Bl', 'bkFJ'].join('')}${body(10)}`)
        .join('\n'),
    'a token longer than any key': () => `K=${keys.openaiProject(300)}\n`,
    'wrong lengths for fixed-length kinds': () =>
      [
        keys.anthropic(),
        keys.anthropicAdmin(),
        keys.google(),
        keys.groq(),
        keys.huggingface(),
        keys.huggingfaceOrg(),
        keys.openrouter(),
        keys.xai(),
        keys.perplexity(),
        keys.replicate(),
        keys.openaiNone(),
      ]
        .flatMap((k) => [`A=${k.slice(0, -2)}`, `B=${k}ab`])
        .join('\n'),
    'wrong alphabets': () =>
      [
        keys.groq().replace(/.$/, '') + '-',
        keys.huggingface().slice(0, -1) + '-',
        keys.huggingfaceOrg().slice(0, -1) + '7',
        keys.openrouter().slice(0, -1) + 'Z',
        keys.perplexity().slice(0, -1) + '_',
        keys.xai().slice(0, -1) + '-',
        keys.anthropic().slice(0, -2) + 'AB',
        keys.deepseek().slice(0, -1) + 'Q',
      ]
        .map((k) => `K=${k} # deepseek`)
        .join('\n'),
    'a key cut by characters outside the alphabet': () => {
      const k = keys.anthropic();
      return `K=${k.slice(0, 40)}.${k.slice(40)}\nL=${k.slice(0, 40)}é${k.slice(40)}\n`;
    },
    'a Mistral-shaped value under an unrelated name': () =>
      `SESSION_KEY=${keys.mistral()}\nCACHE=${keys.cohere()}\n`,
    'hex values under names of providers that are not keys': () =>
      [
        `WANDB_RUN_ID=${keys.wandbLegacy()}`,
        `DEEPGRAM_COMMIT=${keys.deepgram()}`,
        `ASSEMBLYAI_MODEL_SHA=${keys.assemblyai()}`,
        `clarifai_user_id = "${keys.clarifai()}"`,
        `together = "${keys.togetherLegacy()}"`,
        `client_id: ${keys.gcpKeyId()}`,
      ].join('\n'),
    'new kinds one character short and long': () =>
      [
        keys.nvidia(),
        keys.elevenlabs(),
        keys.langsmith(),
        keys.langfuse(),
        keys.pinecone(),
        keys.sourcegraphLicense(),
        keys.cerebras(),
        keys.together(),
        keys.wandb(),
        keys.jina(),
        keys.aws(),
      ]
        .flatMap((k) => [`A=${k.slice(0, -1)}`, `B=${k}a`])
        .join('\n'),
    'new kinds with a wrong alphabet': () =>
      [
        keys.elevenlabs().slice(0, -1) + 'G',
        keys.langsmith().slice(0, -1) + 'z',
        keys.cerebras().slice(0, -1) + 'Q',
        keys.aws().slice(0, -1) + 'q',
        keys.sourcegraphLicense().slice(0, -1) + 'g',
        keys.anthropic().replace('api03', 'api3x'),
        keys.anthropic().replace('api03', 'api13'),
      ]
        .map((k) => `K=${k}`)
        .join('\n'),
    'prefixes in words and identifiers': () =>
      'disk_usage = task_queue; mask_bits\nnvapi-client pcsk_ slk_cache csk-x jina_embeddings_v3\nAKIA\n',
    // Notion's API answers with S3 presigned URLs (langchainjs's test data): the ID travels in the open.
    'an AWS key ID in a presigned URL and a SigV4 header': () =>
      [
        `"url": "https://s3.us-west-2.amazonaws.com/b/logo.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${keys.aws()}%2F20230809%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20230809T160622Z"`,
        `Authorization: AWS4-HMAC-SHA256 Credential=${keys.aws()}/20230809/us-east-1/bedrock/aws4_request, SignedHeaders=host`,
        `x-amz-credential%3D${keys.aws()}%2F20230809`,
      ].join('\n'),
  };
  test.each(Object.entries(texts))('%s', (_label, make) => {
    const text = make();
    expect({ text, found: scan(text).map((m) => m.detector.id) }).toEqual({ text, found: [] });
  });

  test('an AWS key ID is still found beside a credential that is not its own', () => {
    const id = keys.aws();
    const found = scan(
      `aws_access_key_id = ${id}\nCredentials=\n${id}\n# X-Amz-Credential= is in the URL\n${id}`,
    );
    expect(found.map((m) => [m.detector.id, m.secret === id])).toEqual([
      ['aws-access-key-id', true],
      ['aws-access-key-id', true],
      ['aws-access-key-id', true],
    ]);
  });

  test('a Kubernetes Secret with non-key data finds nothing', () => {
    const text =
      'kind: Secret\ndata:\n  tls.crt: ' +
      Buffer.from(randomKeyBytes(300)).toString('base64') +
      '\n  password: ' +
      Buffer.from('hunter2hunter2hunter2').toString('base64') +
      '\n';
    expect(scan(text)).toEqual([]);
  });

  test('a Kubernetes Secret in JSON, or with CRLF line ends, is decoded too', () => {
    const key = keys.anthropic();
    const b64 = Buffer.from(key).toString('base64');
    for (const text of [
      `{\n  "apiVersion": "v1",\n  "kind": "Secret",\n  "data": {\n    "ANTHROPIC_API_KEY": "${b64}",\n    "X": "eA=="\n  }\n}\n`,
      `apiVersion: v1\r\nkind: Secret\r\ndata:\r\n  ANTHROPIC_API_KEY: ${b64}\r\n`,
    ]) {
      expect(scan(text).map((m) => [m.detector.id, m.start, m.secret === key])).toEqual([
        ['anthropic-api-key', text.indexOf(b64), true],
      ]);
    }
  });

  test('a base64 value outside a Secret is not decoded', () => {
    const b64 = Buffer.from(keys.groq()).toString('base64');
    expect(scan(`kind: ConfigMap\ndata:\n  TOKEN: ${b64}\n`)).toEqual([]);
  });
});

describe('many keys in one text', () => {
  test('each is found once, in order, at its own offset', () => {
    const all = [keys.openaiProject(), keys.anthropic(), keys.google(), keys.groq(), keys.xai()];
    const text = all.map((k, i) => `K${i}=${k}`).join('\n');
    expect(scan(text).map((m) => m.start)).toEqual(all.map((k) => text.indexOf(k)));
  });

  test('a minified megabyte line full of keyword hits still finds the key at the end', () => {
    const key = keys.openaiLegacy();
    const text = 'sk-a,api_key=mistral,AIza.,gsk_;'.repeat(40000) + `"${key}"`;
    const found = scan(text);
    expect(found.map((m) => m.start)).toEqual([text.length - key.length - 1]);
  });
});

describe('public sample keys', () => {
  test('every entry is a sha256 of a key of a known kind, with where it is published', () => {
    const ids = new Set(DETECTORS.map((d) => d.id));
    for (const k of SAMPLE_KEYS) {
      expect(k.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(ids.has(k.detector)).toBe(true);
      expect(k.source.length).toBeGreaterThan(10);
    }
    expect(new Set(SAMPLE_KEYS.map((k) => k.sha256)).size).toBe(SAMPLE_KEYS.length);
    // Firebase Android (16), Firebase iOS (1), Maps samples (1), tutorials (1).
    expect(SAMPLE_KEYS.filter((k) => k.source.includes('firebase-android-sdk'))).toHaveLength(16);
    expect(SAMPLE_KEYS).toHaveLength(19);
  });

  test('samples rebuilt from parts are not reported, in any file, under any name', () => {
    // Rebuilt at run time so that no key-shaped literal is in the repository.
    const maps = ['AIza', 'SyDaGmWKa4JsXZ', '-HjGw7ISLn_3namBGewQe'].join('');
    const ios = ['AIza', 'SyDdVgKwhZl0', 'sTTTLZ7iTmt1r3N2cJLnaDk'].join('');
    const android = ['AIza', 'SyAnLA7NfeLq', 'uW1tJFpx_eQCxoX-oo6YyIs'].join('');
    for (const sample of [maps, ios, android]) {
      expect(SAMPLE_KEYS.some((k) => k.sha256 === createHash('sha256').update(sample).digest('hex'))).toBe(
        true,
      );
      for (const text of [`GOOGLE_API_KEY=${sample}\n`, `<string name="key">${sample}</string>`])
        expect(scan(text)).toEqual([]);
    }
    // One character off is a key again.
    expect(scan(`K=${maps.slice(0, -1)}f\n`).map((m) => m.detector.id)).toEqual(['google-api-key']);
  });

  test('a detector may carry its own sample hashes too (custom detectors, tests)', () => {
    const key = keys.groq();
    const groq = DETECTORS.find((d) => d.id === 'groq-api-key')!;
    const custom = new Scanner([{ ...groq, sampleSha256: [createHash('sha256').update(key).digest('hex')] }]);
    expect(custom.scan(`GROQ=${key}`)).toEqual([]);
    expect(new Scanner([groq]).scan(`GROQ=${key}`)).toHaveLength(1);
  });
});

describe('made-up keys are placeholders', () => {
  const groq = DETECTORS.find((d) => d.id === 'groq-api-key')!;
  const madeUp = (middle: string): string =>
    shapes.groq((n, a) => (body(10, a) + middle + body(n, a)).slice(0, n));

  test.each([
    ['an alphabet walk forwards', 'abcdefghij'],
    ['an alphabet walk backwards, mixed case', 'zYxWvUtSrQ'],
    ['a digit walk backwards', '9876543210'],
    ['abc123 runs', 'abc123def456'],
    ['fake as a word', '_fake_'],
    ['test as a word', '-test-'],
    ['a test key run together', 'testkey'],
    ['dummy inside', 'dummy'],
    ['example inside', 'Example'],
  ])('%s (%s)', (_label, middle) => {
    const fake = madeUp(middle);
    expect(fake).toContain(middle);
    expect(isPlaceholderKey(groq, fake)).toBe(true);
    expect(scan(`GROQ_API_KEY=${fake}\n`)).toEqual([]);
  });

  test('a body that starts with test or fake', () => {
    for (const start of ['test', 'Fake', 'TEST'])
      expect(
        isPlaceholderKey(
          groq,
          shapes.groq((n, a) => (start + body(n, a)).slice(0, n)),
        ),
      ).toBe(true);
  });

  test('short walks and the letters of test inside a word are not enough', () => {
    for (const middle of ['abc', 'xyz9', 'Contest', 'attested', 'fakir', 'abc1x23'])
      expect(isPlaceholderKey(groq, madeUp(middle))).toBe(false);
    expect(hasKeyboardWalk('abcdefg')).toBe(false);
    expect(hasKeyboardWalk('abcdefgh')).toBe(true);
    expect(hasKeyboardWalk('a1b2c3d4e5f6')).toBe(false);
    expect(hasKeyboardWalk('abc123abc123')).toBe(true);
  });

  test('ten thousand random keys of every prefixed kind: none is taken for made up', () => {
    // The cost of the rules on real keys: a false "placeholder" is a missed leak. A mutation run
    // (docs/testing.md) draws a tenth as many, for each of its hundreds of runs of this test.
    const rounds = process.env.STRYKER_MUTATOR_WORKER ? 1000 : 10000;
    let dropped = 0;
    for (let i = 0; i < rounds; i++) if (isPlaceholderKey(groq, keys.groq().replace(/.$/, 'Q'))) dropped++;
    expect(dropped).toBe(0);
  });
});

describe('names in code where a key without a prefix would sit', () => {
  // A C# class name of 32 letters, as Microsoft's Semantic Kernel writes it: the shape of a Mistral key.
  const className = ['Mistral', 'AI', 'Prompt', 'Execution', 'Settings'].join('');
  const cohereName = ['Cohere', 'Text', 'Embedding', 'Generation', 'Service'].join('').slice(0, 40);

  test('a class name assigned to a `mistral…` variable is not a key, called on or not', () => {
    expect(className).toHaveLength(32);
    for (const text of [
      `var mistralExecutionSettings = ${className}.FromExecutionSettings(executionSettings);\n`,
      `var mistralSettings = ${className}(settings);\n`,
      `mistral_settings_class: ${className}\n`,
      `{"mistralSettingsType": "${className}"}\n`,
      `COHERE_SERVICE = "${cohereName}"\n`,
    ])
      expect(scan(text)).toEqual([]);
  });

  test('a key is still found unquoted where files hold one, and at the end of a sentence', () => {
    const key = keys.mistral();
    for (const text of [
      `MISTRAL_API_KEY=${key}\n`,
      `export MISTRAL_API_KEY=${key} # prod\n`,
      `mistral_api_key: ${key}\n`,
      `Set MISTRAL_API_KEY=${key}. Then run it.\n`,
      `ENV MISTRAL_API_KEY ${key}\n`,
    ])
      expect(scan(text).map((m) => m.secret)).toEqual([key]);
  });

  test('random keys are seldom taken for a name: at most 5 of ten thousand of 32 and of 40 characters', () => {
    // One random key of 32 letters and digits in about 18,000 reads as a camel-case name (measured on
    // 4 million), one of 40 in 270,000: about 0.6 expected here, and more than 5 about once in 25,000 runs.
    // Raw draws: the `keys` helpers never make a key that looks made up.
    const raw = (n: number): string => Array.from(randomKeyBytes(n), (b) => ALNUM[b % ALNUM.length]).join('');
    const rounds = process.env.STRYKER_MUTATOR_WORKER ? 1000 : 10000;
    const mistral = DETECTORS.find((d) => d.id === 'mistral-api-key')!;
    const cohere = DETECTORS.find((d) => d.id === 'cohere-api-key')!;
    let dropped = 0;
    for (let i = 0; i < rounds; i++) {
      if (isPlaceholderKey(mistral, raw(32))) dropped++;
      if (isPlaceholderKey(cohere, raw(40))) dropped++;
    }
    expect(dropped).toBeLessThanOrEqual(5);
  });
});

describe('shapes decided from evidence', () => {
  test('a Google key not starting AIzaSy is reported, and the message says it is less sure', () => {
    const k = keys.googleNotSy();
    const [m] = scan(`key = "${k}"\n`);
    expect(m?.detector.id).toBe('google-api-key');
    const weak = leakFinding(m!.detector, m!.secret, { path: 'a.py', line: 1, column: 8 });
    expect(weak.message).toMatch(/does not start `AIzaSy`.*lower confidence/);
    const sure = leakFinding(m!.detector, keys.google().replace(/^(.{4})../, '$1Sy'), {
      path: 'a.py',
      line: 1,
      column: 1,
    });
    expect(sure.message).not.toMatch(/lower confidence/);
  });

  test('a Braintrust key is not taken for OpenAI, even next to the OpenAI client it is passed to', () => {
    const k = keys.braintrust();
    const text = `client = OpenAI(\n  base_url="https://api.braintrust.dev/v1/proxy",\n  api_key="${k}",\n)\n`;
    expect(scan(text).map((m) => m.detector.id)).toEqual(['braintrust-api-key']);
    // Without Braintrust or Moonshot named, a marker-less sk- key of 48 is no known kind.
    expect(scan(`client = OpenAI(api_key="${k}")\n`)).toEqual([]);
  });

  test('a Langfuse public key alone is not a leak; its secret key is', () => {
    const secret = keys.langfuse();
    const pub = secret.replace(/^sk/, 'pk');
    expect(scan(`LANGFUSE_PUBLIC_KEY=${pub}\n`)).toEqual([]);
    expect(scan(`LANGFUSE_PUBLIC_KEY=${pub}\nLANGFUSE_SECRET_KEY=${secret}\n`).map((m) => m.secret)).toEqual([
      secret,
    ]);
  });
});
