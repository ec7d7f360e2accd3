import type { Severity } from '../finding.js';

/**
 * Where a key without a unique prefix may be believed. `names`: the identifier the value is assigned
 * to names the provider (`MISTRAL_API_KEY=…`). `near`: the provider is named within a few hundred
 * characters, and the value is assigned to a key-like name (`Mistral(api_key="…")`) or, for a kind
 * that has a prefix shared with others, simply sits there (`sk-…` next to `api.deepseek.com`).
 */
export interface KeyContext {
  names?: RegExp;
  near: RegExp;
}

/**
 * One row per key kind. `pattern` is the whole secret, anchored: the scanner cuts a token on the key
 * alphabet first and tests the token, so a key ends where the token ends.
 */
export interface Detector {
  /** Rule id suffix: the public rule id is `leak/<id>`. */
  id: string;
  provider: string;
  /** Human name of the key kind, e.g. "OpenAI project key". */
  kind: string;
  /** Literal (case-sensitive) the key starts with; absent for kinds that are only a value in context. */
  prefix?: string;
  pattern: RegExp;
  /** Fixed infixes that carry no randomness (OpenAI's base64 "OpenAI" marker); left out of the entropy. */
  markers?: string[];
  /**
   * Lower-case literals the prefilter looks for. For prefixed kinds this is the prefix itself (the hit
   * is where the key starts); for context kinds, words a name must contain.
   */
  keywords: string[];
  /**
   * For context kinds: words one of which every key of the kind has within reach (the provider's name,
   * in the name the key is assigned to or nearby), matched in lower, upper or capitalised case. The
   * prefilter searches these; broader keywords (`api_key`) only route the scanner. Defaults to `keywords`.
   */
  anchors?: string[];
  severity: Severity;
  /** Shannon entropy floor (bits per character) of the random part (prefix and markers removed). */
  minEntropy: number;
  /** Where to revoke and rotate the key. */
  revokeUrl: string;
  context?: KeyContext;
  /** Values of the right shape that are something else (a git SHA assigned to a `cohere_*` name). */
  notValues?: RegExp;
  /** sha256 (hex) of publicly documented sample keys: never the literal. */
  sampleSha256?: string[];
  /** An over-privileged kind (admin keys). */
  admin?: boolean;
}

const OPENAI_KEYS = 'https://platform.openai.com/api-keys';
const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');
/** OpenAI's newer keys: no fixed length (46, 58, 74 per half seen); the marker anchors them. */
const openaiLong = (prefix: string): RegExp =>
  new RegExp(`^${prefix}[A-Za-z0-9_-]{20,}${OPENAI_MARKER}[A-Za-z0-9_-]{20,}$`);
/** Lower-case hex only: a hash or a commit id, not a mixed-case key. */
const HEX_ONLY = /^[0-9a-f]+$/;

export const DETECTORS: readonly Detector[] = [
  {
    id: 'openai-project-key',
    provider: 'OpenAI',
    kind: 'OpenAI project key',
    prefix: 'sk-proj-',
    pattern: openaiLong('sk-proj-'),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-service-account-key',
    provider: 'OpenAI',
    kind: 'OpenAI service-account key',
    prefix: 'sk-svcacct-',
    pattern: openaiLong('sk-svcacct-'),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-service-key',
    provider: 'OpenAI',
    kind: 'OpenAI service key (named)',
    prefix: 'sk-service-',
    // `sk-service-<name>-<body>`: the name is the service account's, the marker anchors the body.
    pattern: openaiLong('sk-service-'),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    kind: 'OpenAI admin key',
    prefix: 'sk-admin-',
    pattern: openaiLong('sk-admin-'),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://platform.openai.com/settings/organization/admin-keys',
    admin: true,
  },
  {
    id: 'openai-none-key',
    provider: 'OpenAI',
    kind: 'OpenAI key without project (sk-None)',
    prefix: 'sk-None-',
    // Both forms are seen: 48 characters, and the long form with the marker.
    pattern: new RegExp(
      `^sk-None-(?:[A-Za-z0-9_-]{48}|[A-Za-z0-9_-]{20,}${OPENAI_MARKER}[A-Za-z0-9_-]{20,})$`,
    ),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    kind: 'Anthropic API key',
    prefix: 'sk-ant-api03-',
    pattern: /^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'Anthropic admin key',
    prefix: 'sk-ant-admin01-',
    pattern: /^sk-ant-admin01-[A-Za-z0-9_-]{93}AA$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.anthropic.com/settings/admin-keys',
    admin: true,
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    kind: 'OpenRouter API key',
    prefix: 'sk-or-v1-',
    pattern: /^sk-or-v1-[a-f0-9]{64}$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://openrouter.ai/settings/keys',
  },
  {
    id: 'openai-legacy-key',
    provider: 'OpenAI',
    kind: 'OpenAI user key (legacy)',
    prefix: 'sk-',
    pattern: new RegExp(`^sk-[A-Za-z0-9]{20}${OPENAI_MARKER}[A-Za-z0-9]{20}$`),
    markers: [OPENAI_MARKER],
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'deepseek-api-key',
    provider: 'DeepSeek',
    kind: 'DeepSeek API key',
    prefix: 'sk-',
    pattern: /^sk-[a-z0-9]{32}$/,
    keywords: ['sk-'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://platform.deepseek.com/api_keys',
    context: { near: /deepseek/i },
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    kind: 'Google API key (Gemini)',
    prefix: 'AIza',
    pattern: /^AIza[A-Za-z0-9_-]{35}$/,
    keywords: ['aiza'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://aistudio.google.com/app/apikey',
    // The Maps JavaScript samples' key and a key printed in many tutorials as "what a key looks like".
    sampleSha256: [
      'ac9265e56c79b234607ec72c53753cfea9f88c99eb713790ddf9be5593bb4465',
      'e4902a0b38812b15ed5701b17fd4fd8c69d7e176d7517fa791981dc77e3b5e0d',
    ],
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    kind: 'Groq API key',
    prefix: 'gsk_',
    pattern: /^gsk_[A-Za-z0-9]{52}$/,
    keywords: ['gsk_'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.groq.com/keys',
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    kind: 'Hugging Face user token',
    prefix: 'hf_',
    pattern: /^hf_[A-Za-z]{34}$/,
    keywords: ['hf_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'huggingface-org-token',
    provider: 'Hugging Face',
    kind: 'Hugging Face organisation token',
    prefix: 'api_org_',
    pattern: /^api_org_[A-Za-z]{34}$/,
    keywords: ['api_org_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    kind: 'xAI API key',
    prefix: 'xai-',
    pattern: /^xai-[A-Za-z0-9_]{80}$/,
    keywords: ['xai-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.x.ai/',
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    kind: 'Perplexity API key',
    prefix: 'pplx-',
    pattern: /^pplx-[A-Za-z0-9]{48}$/,
    keywords: ['pplx-'],
    severity: 'high',
    minEntropy: 4,
    revokeUrl: 'https://www.perplexity.ai/settings/api',
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    kind: 'Replicate API token',
    prefix: 'r8_',
    pattern: /^r8_[A-Za-z0-9_-]{37}$/,
    keywords: ['r8_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://replicate.com/account/api-tokens',
  },
  {
    id: 'mistral-api-key',
    provider: 'Mistral',
    kind: 'Mistral API key',
    pattern: /^[A-Za-z0-9]{32}$/,
    keywords: ['mistral', 'api_key', 'api-key', 'apikey'],
    anchors: ['mistral'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://console.mistral.ai/api-keys',
    context: { names: /mistral/i, near: /mistral/i },
    notValues: HEX_ONLY,
  },
  {
    id: 'cohere-api-key',
    provider: 'Cohere',
    kind: 'Cohere API key',
    pattern: /^[A-Za-z0-9]{40}$/,
    keywords: ['cohere', 'co_api_key', 'api_key', 'api-key', 'apikey'],
    anchors: ['cohere', 'co_api_key'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://dashboard.cohere.com/api-keys',
    context: { names: /cohere|^co_api_key$/i, near: /cohere/i },
    notValues: HEX_ONLY,
  },
  {
    id: 'azure-openai-key',
    provider: 'Azure OpenAI',
    kind: 'Azure OpenAI key',
    pattern: /^(?:[a-f0-9]{32}|[A-Za-z0-9]{84})$/,
    keywords: ['azure', 'api_key', 'api-key', 'apikey'],
    anchors: ['azure', 'api-key'],
    severity: 'high',
    minEntropy: 2.8,
    revokeUrl: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
    // `api-key` is the header Azure OpenAI reads the key from.
    context: { names: /azure\w*key|^api-key$/i, near: /\.openai\.azure\.com|azure.?openai/i },
  },
];

/** Characters keys are made of: a token is a maximal run of them. */
export function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 45 // -
  );
}

/** No key of any kind is longer; a token that runs on past this is not a key. */
export const MAX_KEY_LENGTH = 400;
