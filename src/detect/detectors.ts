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
   * in the name the key is assigned to or nearby). The prefilter searches these; broader keywords
   * (`api_key`) only route the scanner. Defaults to `keywords`. An all-lower-case anchor is matched in
   * lower, upper or capitalised case; one written with capitals is matched as written (`ElevenLabs`,
   * `WANDB`): a common lower-case word such as `wandb` or `clarifai` crowds the candidate search, whose
   * time is what every scanned byte pays. A prefixed kind whose prefix is too common (or too
   * costly) to search for gives anchors instead, and a `context` when they are not its prefix.
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
  /**
   * What the text just before a token ends with where the token is a public part of something else,
   * not a secret: an AWS access key ID in a signed URL's or header's `Credential=` is sent in the open.
   */
  publicAfter?: RegExp;
  /**
   * Where the text within reach of a key matches `near`, the provider publishes keys of the kind there
   * by design (a Firebase web app's config, a Google Maps URL): reported at `low`, with `note`.
   */
  publishedWhen?: {
    near: RegExp;
    /** Unless its own line names a use that is never published (`GEMINI_API_KEY=` beside a config). */
    unlessLine: RegExp;
    note: string;
  };
  /** An over-privileged kind (admin keys). */
  admin?: boolean;
  /**
   * Keys of the shape that lack this start are still reported, at lower confidence, with `note`
   * added to the message (Google keys issued today start `AIzaSy`; other `AIza` tokens are rarer).
   */
  confidentPrefix?: { prefix: string; note: string };
}

const OPENAI_KEYS = 'https://platform.openai.com/api-keys';
const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');
/** OpenAI's newer keys: no fixed length (46, 58, 74 per half seen); the marker anchors them. */
const openaiLong = (prefix: string): RegExp =>
  new RegExp(`^${prefix}[A-Za-z0-9_-]{20,}${OPENAI_MARKER}[A-Za-z0-9_-]{20,}$`);
/** Lower-case hex only: a hash or a commit id, not a mixed-case key. */
const HEX_ONLY = /^[0-9a-f]+$/;
/**
 * A name that holds a key of this provider (`DEEPGRAM_API_KEY`, `deepgram_token`): for kinds whose
 * values are hex, where the provider's name alone would also take `DEEPGRAM_COMMIT=<sha>`.
 */
const keyName = (provider: string): RegExp =>
  new RegExp(
    `(?:${provider})[\\w.-]*(?:key|token|secret|pat)|(?:key|token|secret)[\\w.-]*(?:${provider})`,
    'i',
  );
/** The SDKs' class, the variables (`ELEVENLABS_API_KEY`, `ELEVEN_API_KEY`) and the header. */
const ELEVENLABS_ANCHORS = ['ElevenLabs', 'ELEVEN', 'xi-api-key'];
const ELEVENLABS_NEAR = /eleven_?labs|eleven_api|xi[-_]api[-_]key/i;
/** The keywords a context kind's value may be assigned under, after its own names. */
const ASSIGNED = ['api_key', 'api-key', 'apikey'];

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
    // The digit after `api0` is the format's version (03 today): a later version is the same kind.
    prefix: 'sk-ant-api0',
    pattern: /^sk-ant-api0[0-9]-[A-Za-z0-9_-]{93}AA$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'Anthropic admin key',
    prefix: 'sk-ant-admin0',
    pattern: /^sk-ant-admin0[0-9]-[A-Za-z0-9_-]{93}AA$/,
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
    id: 'dashscope-api-key',
    provider: 'Alibaba DashScope',
    kind: 'Alibaba DashScope (Qwen) API key',
    prefix: 'sk-',
    // Before DeepSeek: DashScope serves DeepSeek's models too, and its own name is the stronger sign.
    pattern: /^sk-[a-f0-9]{32}$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://bailian.console.aliyun.com/?apiKey=1#/api-key',
    context: { near: /dashscope|aliyuncs\.com|bailian/i },
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
    // Firebase puts the key in every web app's config ("not a secret", its documentation says) and
    // Maps in every page's URLs. Such a key can still call Gemini when it is unrestricted and the
    // Generative Language API is on in its project: worth a look, not an alarm.
    publishedWhen: {
      near: /firebaseapp\.com|firebaseio\.com|messagingSenderId|maps\.googleapis\.com/,
      unlessLine: /gemini|generative|genai|vertex|palm/i,
      note: 'It sits in a Firebase web config or a Google Maps URL, where Google publishes browser keys by design: it is a leak only while the key is unrestricted and the Gemini (Generative Language) API is enabled in its project. Restrict the key to the APIs it serves.',
    },
    confidentPrefix: {
      prefix: 'AIzaSy',
      note: 'It does not start `AIzaSy` as the Google API keys issued today do, so it may be another kind of token (lower confidence).',
    },
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
    // Digits occur in real tokens (public reports of leaked tokens show them); the entropy floor keeps out words.
    pattern: /^hf_[A-Za-z0-9]{34}$/,
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
  {
    id: 'nvidia-api-key',
    provider: 'NVIDIA',
    kind: 'NVIDIA API catalog key',
    prefix: 'nvapi-',
    pattern: /^nvapi-[A-Za-z0-9_-]{64}$/,
    keywords: ['nvapi-'],
    // The prefix's rarest stretch is `pi-`, common in code; without the dash it is `nva`.
    anchors: ['nvapi'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://build.nvidia.com/settings/api-keys',
  },
  {
    id: 'elevenlabs-api-key',
    provider: 'ElevenLabs',
    kind: 'ElevenLabs API key',
    prefix: 'sk_',
    pattern: /^sk_[a-f0-9]{48}$/,
    keywords: ['sk_'],
    // `sk_` is in every `task_`: searched for, it tripled the stretches the scanner reads in Python
    // code. The key is found with ElevenLabs named nearby, as in every client and `xi-api-key` header.
    anchors: ELEVENLABS_ANCHORS,
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://elevenlabs.io/app/settings/api-keys',
    context: { near: ELEVENLABS_NEAR },
  },
  {
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    kind: 'LangSmith API key (personal or service)',
    prefix: 'lsv2_',
    pattern: /^lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}$/,
    keywords: ['lsv2_'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://smith.langchain.com/settings',
  },
  {
    id: 'langfuse-secret-key',
    provider: 'Langfuse',
    kind: 'Langfuse secret key',
    // Only the secret key: the `pk-lf-` public key is meant to be shared.
    prefix: 'sk-lf-',
    pattern: /^sk-lf-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/,
    keywords: ['sk-'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://cloud.langfuse.com/',
  },
  {
    id: 'pinecone-api-key',
    provider: 'Pinecone',
    kind: 'Pinecone API key',
    // `pcsk_<key id>_<secret>`.
    prefix: 'pcsk_',
    pattern: /^pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}$/,
    keywords: ['pcsk_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://app.pinecone.io/',
  },
  {
    id: 'sourcegraph-access-token',
    provider: 'Sourcegraph',
    kind: 'Sourcegraph access token (Cody)',
    prefix: 'sgp_',
    pattern: /^sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}$/,
    keywords: ['sgp_'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://sourcegraph.com/user/settings/tokens',
  },
  {
    id: 'sourcegraph-license-key-token',
    provider: 'Sourcegraph',
    kind: 'Sourcegraph license key token (Cody Gateway)',
    prefix: 'slk_',
    pattern: /^slk_[a-fA-F0-9]{64}$/,
    keywords: ['slk_'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://sourcegraph.com/site-admin/license',
  },
  {
    id: 'cerebras-api-key',
    provider: 'Cerebras',
    kind: 'Cerebras API key',
    prefix: 'csk-',
    pattern: /^csk-[a-z0-9]{48}$/,
    keywords: ['csk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://cloud.cerebras.ai/platform/',
  },
  {
    id: 'together-api-key',
    provider: 'Together AI',
    kind: 'Together AI API key',
    prefix: 'tgp_v1_',
    pattern: /^tgp_v1_[A-Za-z0-9_-]{43}$/,
    keywords: ['tgp_v1_'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://api.together.ai/settings/api-keys',
  },
  {
    id: 'together-api-key-legacy',
    provider: 'Together AI',
    kind: 'Together AI API key (legacy, 64 hex)',
    pattern: /^[a-f0-9]{64}$/,
    keywords: ['together_api', ...ASSIGNED],
    // "together" is an English word: the variable's name or the API's host, not the word, anchors it.
    anchors: ['TOGETHER_', 'Together', 'together.xyz'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://api.together.ai/settings/api-keys',
    context: { names: /together_?(?:ai_?)?api_?key/i, near: /api\.together\.(?:xyz|ai)/i },
  },
  {
    id: 'wandb-api-key',
    provider: 'Weights & Biases',
    kind: 'Weights & Biases API key',
    prefix: 'wandb_v1_',
    pattern: /^wandb_v1_[A-Za-z0-9_]{77}$/,
    keywords: ['wandb_v1_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://wandb.ai/settings',
  },
  {
    id: 'wandb-api-key-legacy',
    provider: 'Weights & Biases',
    kind: 'Weights & Biases API key (40 hex)',
    pattern: /^[a-f0-9]{40}$/,
    keywords: ['wandb', ...ASSIGNED],
    anchors: ['WANDB'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://wandb.ai/settings',
    context: { names: keyName('wandb'), near: /wandb/i },
  },
  {
    id: 'jina-api-key',
    provider: 'Jina AI',
    kind: 'Jina AI API key',
    prefix: 'jina_',
    pattern: /^jina_[A-Za-z0-9]{60}$/,
    keywords: ['jina_'],
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://jina.ai/api-dashboard/key-manager',
  },
  {
    id: 'braintrust-api-key',
    provider: 'Braintrust',
    kind: 'Braintrust API key',
    prefix: 'sk-',
    // OpenAI's legacy keys have the same length but always hold the marker: without it, this is Braintrust's.
    pattern: /^sk-[A-Za-z0-9]{48}$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://www.braintrust.dev/app/settings?subroute=api-keys',
    context: { near: /braintrust/i },
  },
  {
    id: 'moonshot-api-key',
    provider: 'Moonshot AI',
    kind: 'Moonshot AI (Kimi) API key',
    prefix: 'sk-',
    pattern: /^sk-[A-Za-z0-9]{48}$/,
    keywords: ['sk-'],
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://platform.moonshot.ai/console/api-keys',
    context: { near: /moonshot|kimi/i },
  },
  {
    id: 'elevenlabs-api-key-legacy',
    provider: 'ElevenLabs',
    kind: 'ElevenLabs API key (32 hex)',
    pattern: /^[a-f0-9]{32}$/,
    keywords: ['eleven', 'xi-api-key', 'xi_api_key', ...ASSIGNED],
    anchors: ELEVENLABS_ANCHORS,
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://elevenlabs.io/app/settings/api-keys',
    context: { names: /^xi[-_]api[-_]key$|eleven_?(?:labs_?)?api_?key/i, near: ELEVENLABS_NEAR },
  },
  {
    id: 'deepgram-api-key',
    provider: 'Deepgram',
    kind: 'Deepgram API key',
    pattern: /^[a-f0-9]{40}$/,
    keywords: ['deepgram', ...ASSIGNED],
    anchors: ['DEEPGRAM', 'Deepgram'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://console.deepgram.com/',
    context: { names: keyName('deepgram'), near: /deepgram/i },
  },
  {
    id: 'assemblyai-api-key',
    provider: 'AssemblyAI',
    kind: 'AssemblyAI API key',
    pattern: /^[a-f0-9]{32}$/,
    keywords: ['assemblyai', 'assembly_ai', ...ASSIGNED],
    anchors: ['assemblyai', 'AssemblyAI'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://www.assemblyai.com/app/api-keys',
    context: { names: keyName('assembly_?ai'), near: /assembly_?ai/i },
  },
  {
    id: 'clarifai-pat',
    provider: 'Clarifai',
    kind: 'Clarifai personal access token',
    pattern: /^[a-f0-9]{32}$/,
    keywords: ['clarifai', ...ASSIGNED],
    anchors: ['CLARIFAI'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://clarifai.com/settings/security',
    context: { names: keyName('clarifai'), near: /clarifai/i },
  },
  {
    id: 'deepai-api-key',
    provider: 'DeepAI',
    kind: 'DeepAI API key',
    pattern: /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/,
    keywords: ['deepai', 'deep_ai', ...ASSIGNED],
    anchors: ['DEEPAI', 'DeepAI'],
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://deepai.org/dashboard/profile',
    context: { names: keyName('deep_?ai'), near: /deep_?ai\b|api\.deepai\.org/i },
  },
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    kind: 'AWS access key ID (Bedrock and every other AWS API)',
    // The ID names a long-lived key pair: its secret half sits beside it (base64 with `+` and `/`,
    // outside the key alphabet, so the ID is what is found).
    prefix: 'AKIA',
    pattern: /^AKIA[A-Z0-9]{16}$/,
    keywords: ['akia'],
    severity: 'high',
    minEntropy: 2.75,
    // A presigned URL (`X-Amz-Credential=AKIA…%2F20230809%2F…`) or a SigV4 `Authorization` header
    // carries the ID in the clear, by design; the secret half never travels.
    publicAfter: /Credential(?:=|%3D)$/i,
    revokeUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  },
  {
    id: 'gcp-service-account-key',
    provider: 'Google Cloud',
    kind: 'Google Cloud service-account key file (Vertex AI and every other Google Cloud API)',
    // The file's `private_key_id` stands for the key file: the private key is in the same JSON, as
    // a PEM block no token holds whole.
    pattern: /^[a-f0-9]{40}$/,
    keywords: ['private_key_id'],
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://console.cloud.google.com/iam-admin/serviceaccounts',
    context: { names: /^private_key_id$/i, near: /service_account/ },
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
