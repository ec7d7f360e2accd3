/**
 * One row per provider the live check can ask: where it lives, how a key is sent, which calls are
 * free, and where a person goes to fix things. Adding a provider means adding a row.
 */
export type ProviderId =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'gemini'
  | 'groq'
  | 'mistral'
  | 'openrouter'
  | 'xai'
  | 'deepseek'
  | AddedProviderId;

/** Providers of AI tools and gateways, each with a cheap authenticated GET to verify a key with. */
export type AddedProviderId =
  | 'elevenlabs'
  | 'langsmith'
  | 'pinecone'
  | 'together'
  | 'cerebras'
  | 'moonshot'
  | 'dashscope'
  | 'deepgram'
  | 'assemblyai';

export interface ProviderRequest {
  method: 'GET' | 'POST';
  /** Appended to the base URL (which may itself carry a path, such as `/v1`). */
  path: string;
  body?: unknown;
}

export interface Dashboards {
  keys: string;
  billing: string;
  limits: string;
  /** Organisation, project and member settings. */
  settings: string;
}

export interface Provider {
  id: ProviderId;
  name: string;
  /** `KEYLINT_<ENV>_BASE_URL`, `KEYLINT_<ENV>_STATUS_URL`. */
  envName: string;
  /** Used when no variable overrides it; Azure has none (the endpoint is per resource). */
  defaultBaseUrl?: string;
  /** Variables the provider's own SDKs read for the base URL, first wins (after KEYLINT_…). */
  sdkBaseEnv: string[];
  /** Headers that carry the key. */
  authHeaders(key: string): Record<string, string>;
  /** Free call that proves authentication (`live-check: auth`). */
  authCall: ProviderRequest;
  /** Least-intrusive call for `verify-leaked` (returns no personal information). */
  verifyCall: ProviderRequest;
  /** One model's metadata, to tell "no access" from "retired" (OpenAI-style APIs only). */
  modelCall?(model: string): ProviderRequest;
  /** A minimal generation (1 output token) that reveals quota and billing problems. */
  generationCall?(model: string): ProviderRequest;
  /** Used for the generation call when the code names no model of this provider. */
  defaultModel?: string;
  /** Does a model name from the code belong to this provider? */
  ownsModel(model: string): boolean;
  /** Statuspage-style `/api/v2/summary.json`; absent when the provider has none in that format. */
  statusUrl?: string;
  /** Status page components that concern the API. */
  statusComponents: RegExp;
  dashboards: Dashboards;
  /** Reads a successful auth answer for a problem it can still show (OpenRouter's remaining credit). */
  readAuthAnswer?(json: unknown): { word: 'insufficient_quota'; detail: string } | undefined;
  /** Extra query string every call needs (Azure's `api-version`). */
  query?(env: Record<string, string | undefined>): string;
}

const bearer = (key: string): Record<string, string> => ({ Authorization: `Bearer ${key}` });

const chat = (path: string) => (model: string) => ({
  method: 'POST' as const,
  path,
  body: { model, max_completion_tokens: 1, messages: [{ role: 'user', content: 'hi' }] },
});

/** Mistral, Groq and DeepSeek still name the limit `max_tokens`. */
const chatMaxTokens = (path: string) => (model: string) => ({
  method: 'POST' as const,
  path,
  body: { model, max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] },
});

const OPENAI_MODELS = /^(gpt-|o\d|chatgpt-|text-|davinci|babbage|curie|ada|code-|dall-e|whisper|tts-|omni-)/;

/** A provider that is not a model API: it owns no model and has no generation to check billing with. */
const noModels = (_model: string): boolean => false;

const ADDED_PROVIDERS: Record<AddedProviderId, Provider> = {
  elevenlabs: {
    id: 'elevenlabs',
    name: 'ElevenLabs',
    envName: 'ELEVENLABS',
    defaultBaseUrl: 'https://api.elevenlabs.io',
    sdkBaseEnv: [],
    authHeaders: (key) => ({ 'xi-api-key': key }),
    authCall: { method: 'GET', path: '/v1/user' },
    verifyCall: { method: 'GET', path: '/v1/user' },
    ownsModel: noModels,
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://elevenlabs.io/app/settings/api-keys',
      billing: 'https://elevenlabs.io/app/subscription',
      limits: 'https://elevenlabs.io/app/usage',
      settings: 'https://elevenlabs.io/app/settings',
    },
  },
  langsmith: {
    id: 'langsmith',
    name: 'LangSmith',
    envName: 'LANGSMITH',
    defaultBaseUrl: 'https://api.smith.langchain.com',
    sdkBaseEnv: ['LANGSMITH_ENDPOINT', 'LANGCHAIN_ENDPOINT'],
    authHeaders: (key) => ({ 'x-api-key': key }),
    authCall: { method: 'GET', path: '/api/v1/api-key/current' },
    verifyCall: { method: 'GET', path: '/api/v1/api-key/current' },
    ownsModel: noModels,
    statusComponents: /api|langsmith/i,
    dashboards: {
      keys: 'https://smith.langchain.com/settings',
      billing: 'https://smith.langchain.com/settings',
      limits: 'https://smith.langchain.com/settings',
      settings: 'https://smith.langchain.com/settings',
    },
  },
  pinecone: {
    id: 'pinecone',
    name: 'Pinecone',
    envName: 'PINECONE',
    defaultBaseUrl: 'https://api.pinecone.io',
    sdkBaseEnv: [],
    authHeaders: (key) => ({ 'Api-Key': key, 'X-Pinecone-Api-Version': '2025-10' }),
    authCall: { method: 'GET', path: '/indexes' },
    verifyCall: { method: 'GET', path: '/indexes' },
    ownsModel: noModels,
    statusComponents: /api|control plane/i,
    dashboards: {
      keys: 'https://app.pinecone.io/',
      billing: 'https://app.pinecone.io/',
      limits: 'https://app.pinecone.io/',
      settings: 'https://app.pinecone.io/',
    },
  },
  together: {
    id: 'together',
    name: 'Together AI',
    envName: 'TOGETHER',
    defaultBaseUrl: 'https://api.together.xyz/v1',
    sdkBaseEnv: ['TOGETHER_BASE_URL'],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    ownsModel: (m) => /^(meta-llama|mistralai|Qwen|deepseek-ai|google|togethercomputer)\//.test(m),
    statusComponents: /api|inference/i,
    dashboards: {
      keys: 'https://api.together.ai/settings/api-keys',
      billing: 'https://api.together.ai/settings/billing',
      limits: 'https://api.together.ai/settings/billing',
      settings: 'https://api.together.ai/settings/profile',
    },
  },
  cerebras: {
    id: 'cerebras',
    name: 'Cerebras',
    envName: 'CEREBRAS',
    defaultBaseUrl: 'https://api.cerebras.ai/v1',
    sdkBaseEnv: ['CEREBRAS_BASE_URL'],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'llama3.1-8b',
    ownsModel: (m) => /^(llama3\.|llama-3|llama-4|qwen-3|gpt-oss)/.test(m),
    statusComponents: /api|inference/i,
    dashboards: {
      keys: 'https://cloud.cerebras.ai/platform/',
      billing: 'https://cloud.cerebras.ai/platform/',
      limits: 'https://cloud.cerebras.ai/platform/',
      settings: 'https://cloud.cerebras.ai/platform/',
    },
  },
  moonshot: {
    id: 'moonshot',
    name: 'Moonshot AI',
    envName: 'MOONSHOT',
    defaultBaseUrl: 'https://api.moonshot.ai/v1',
    sdkBaseEnv: [],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'moonshot-v1-8k',
    ownsModel: (m) => /^(moonshot-|kimi-)/.test(m),
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://platform.moonshot.ai/console/api-keys',
      billing: 'https://platform.moonshot.ai/console/pay',
      limits: 'https://platform.moonshot.ai/console/limits',
      settings: 'https://platform.moonshot.ai/console/info',
    },
  },
  dashscope: {
    id: 'dashscope',
    name: 'Alibaba DashScope',
    envName: 'DASHSCOPE',
    // The OpenAI-compatible endpoint, which lists models with the key alone.
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    sdkBaseEnv: [],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'qwen-turbo',
    ownsModel: (m) => /^(qwen|qwq)/.test(m),
    statusComponents: /api|model studio/i,
    dashboards: {
      keys: 'https://bailian.console.aliyun.com/?apiKey=1#/api-key',
      billing: 'https://billing-cost.console.aliyun.com/',
      limits: 'https://bailian.console.aliyun.com/',
      settings: 'https://bailian.console.aliyun.com/',
    },
  },
  deepgram: {
    id: 'deepgram',
    name: 'Deepgram',
    envName: 'DEEPGRAM',
    defaultBaseUrl: 'https://api.deepgram.com',
    sdkBaseEnv: [],
    authHeaders: (key) => ({ Authorization: `Token ${key}` }),
    authCall: { method: 'GET', path: '/v1/projects' },
    verifyCall: { method: 'GET', path: '/v1/projects' },
    ownsModel: noModels,
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://console.deepgram.com/',
      billing: 'https://console.deepgram.com/',
      limits: 'https://console.deepgram.com/',
      settings: 'https://console.deepgram.com/',
    },
  },
  assemblyai: {
    id: 'assemblyai',
    name: 'AssemblyAI',
    envName: 'ASSEMBLYAI',
    defaultBaseUrl: 'https://api.assemblyai.com',
    sdkBaseEnv: [],
    // AssemblyAI's documented header is the bare key, without a scheme.
    authHeaders: (key) => ({ Authorization: key }), // keylint:allow lint/auth-header-without-bearer
    authCall: { method: 'GET', path: '/v2/transcript?limit=1' },
    verifyCall: { method: 'GET', path: '/v2/transcript?limit=1' },
    ownsModel: noModels,
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://www.assemblyai.com/app/api-keys',
      billing: 'https://www.assemblyai.com/app/billing',
      limits: 'https://www.assemblyai.com/app/usage',
      settings: 'https://www.assemblyai.com/app/account',
    },
  },
};

export const PROVIDERS: Record<ProviderId, Provider> = {
  openai: {
    id: 'openai',
    name: 'OpenAI',
    envName: 'OPENAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    sdkBaseEnv: ['OPENAI_BASE_URL'],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    modelCall: (model) => ({ method: 'GET', path: `/models/${encodeURIComponent(model)}` }),
    generationCall: chat('/chat/completions'),
    defaultModel: 'gpt-4o-mini',
    ownsModel: (m) => OPENAI_MODELS.test(m),
    statusUrl: 'https://status.openai.com/api/v2/summary.json',
    statusComponents: /api|chat completions|responses|platform/i,
    dashboards: {
      keys: 'https://platform.openai.com/api-keys',
      billing: 'https://platform.openai.com/settings/organization/billing/overview',
      limits: 'https://platform.openai.com/settings/organization/limits',
      settings: 'https://platform.openai.com/settings/organization/general',
    },
  },
  'azure-openai': {
    id: 'azure-openai',
    name: 'Azure OpenAI',
    envName: 'AZURE_OPENAI',
    sdkBaseEnv: ['AZURE_OPENAI_ENDPOINT'],
    authHeaders: (key) => ({ 'api-key': key }),
    authCall: { method: 'GET', path: '/openai/models' },
    verifyCall: { method: 'GET', path: '/openai/models' },
    generationCall: (deployment) => ({
      method: 'POST',
      path: `/openai/deployments/${encodeURIComponent(deployment)}/chat/completions`,
      body: { max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] },
    }),
    ownsModel: (m) => OPENAI_MODELS.test(m),
    statusComponents: /openai/i,
    query: (env) => `api-version=${encodeURIComponent(env.OPENAI_API_VERSION || '2024-10-21')}`,
    dashboards: {
      keys: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
      billing: 'https://portal.azure.com/#view/Microsoft_Azure_CostManagement/Menu/~/overview',
      limits: 'https://ai.azure.com/resource/quota',
      settings: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
    },
  },
  anthropic: {
    id: 'anthropic',
    name: 'Anthropic',
    envName: 'ANTHROPIC',
    defaultBaseUrl: 'https://api.anthropic.com',
    sdkBaseEnv: ['ANTHROPIC_BASE_URL'],
    authHeaders: (key) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }),
    authCall: { method: 'GET', path: '/v1/models' },
    verifyCall: { method: 'GET', path: '/v1/models' },
    generationCall: (model) => ({
      method: 'POST',
      path: '/v1/messages',
      body: { model, max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] },
    }),
    defaultModel: 'claude-haiku-4-5',
    ownsModel: (m) => m.startsWith('claude'),
    statusUrl: 'https://status.anthropic.com/api/v2/summary.json',
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://console.anthropic.com/settings/keys',
      billing: 'https://console.anthropic.com/settings/billing',
      limits: 'https://console.anthropic.com/settings/limits',
      settings: 'https://console.anthropic.com/settings/organization',
    },
  },
  gemini: {
    id: 'gemini',
    name: 'Google Gemini',
    envName: 'GEMINI',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    sdkBaseEnv: [],
    authHeaders: (key) => ({ 'x-goog-api-key': key }),
    authCall: { method: 'GET', path: '/v1beta/models' },
    verifyCall: { method: 'GET', path: '/v1beta/models' },
    generationCall: (model) => ({
      method: 'POST',
      path: `/v1beta/models/${encodeURIComponent(model)}:generateContent`,
      body: { contents: [{ parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 1 } },
    }),
    defaultModel: 'gemini-2.5-flash',
    ownsModel: (m) => m.startsWith('gemini'),
    statusComponents: /gemini|generative/i,
    dashboards: {
      keys: 'https://aistudio.google.com/app/apikey',
      billing: 'https://console.cloud.google.com/billing',
      limits: 'https://aistudio.google.com/usage',
      settings: 'https://console.cloud.google.com/apis/credentials',
    },
  },
  groq: {
    id: 'groq',
    name: 'Groq',
    envName: 'GROQ',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    sdkBaseEnv: ['GROQ_BASE_URL'],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'llama-3.1-8b-instant',
    ownsModel: (m) => /^(llama|mixtral|gemma|qwen|openai\/gpt-oss|meta-llama\/)/.test(m),
    statusUrl: 'https://groqstatus.com/api/v2/summary.json',
    statusComponents: /api|chat/i,
    dashboards: {
      keys: 'https://console.groq.com/keys',
      billing: 'https://console.groq.com/settings/billing',
      limits: 'https://console.groq.com/settings/limits',
      settings: 'https://console.groq.com/settings/organization',
    },
  },
  mistral: {
    id: 'mistral',
    name: 'Mistral',
    envName: 'MISTRAL',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    sdkBaseEnv: [],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/models' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'mistral-small-latest',
    ownsModel: (m) => /^(mistral|codestral|ministral|pixtral|magistral|open-mi)/.test(m),
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://console.mistral.ai/api-keys',
      billing: 'https://console.mistral.ai/billing',
      limits: 'https://console.mistral.ai/limits',
      settings: 'https://console.mistral.ai/',
    },
  },
  openrouter: {
    id: 'openrouter',
    name: 'OpenRouter',
    envName: 'OPENROUTER',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    sdkBaseEnv: [],
    authHeaders: bearer,
    // Free, and it returns the key's limit, usage and remaining credit.
    authCall: { method: 'GET', path: '/key' },
    verifyCall: { method: 'GET', path: '/key' },
    readAuthAnswer: (json) => {
      const d = (
        json as { data?: { limit?: unknown; usage?: unknown; limit_remaining?: unknown } } | undefined
      )?.data;
      if (typeof d?.limit_remaining !== 'number' || d.limit_remaining > 0) return undefined;
      return {
        word: 'insufficient_quota',
        detail: `the key's credit limit is used up (limit ${String(d.limit)}, usage ${String(d.usage)}, remaining ${d.limit_remaining})`,
      };
    },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'openai/gpt-4o-mini',
    ownsModel: (m) => m.includes('/'),
    statusUrl: 'https://status.openrouter.ai/api/v2/summary.json',
    statusComponents: /api|chat/i,
    dashboards: {
      keys: 'https://openrouter.ai/settings/keys',
      billing: 'https://openrouter.ai/settings/credits',
      limits: 'https://openrouter.ai/settings/keys',
      settings: 'https://openrouter.ai/settings/preferences',
    },
  },
  xai: {
    id: 'xai',
    name: 'xAI',
    envName: 'XAI',
    defaultBaseUrl: 'https://api.x.ai/v1',
    sdkBaseEnv: [],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/api-key' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'grok-3-mini',
    ownsModel: (m) => m.startsWith('grok'),
    statusUrl: 'https://status.x.ai/api/v2/summary.json',
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://console.x.ai/',
      billing: 'https://console.x.ai/',
      limits: 'https://console.x.ai/',
      settings: 'https://console.x.ai/',
    },
  },
  deepseek: {
    id: 'deepseek',
    name: 'DeepSeek',
    envName: 'DEEPSEEK',
    defaultBaseUrl: 'https://api.deepseek.com',
    sdkBaseEnv: [],
    authHeaders: bearer,
    authCall: { method: 'GET', path: '/models' },
    verifyCall: { method: 'GET', path: '/user/balance' },
    generationCall: chatMaxTokens('/chat/completions'),
    defaultModel: 'deepseek-chat',
    ownsModel: (m) => m.startsWith('deepseek'),
    statusUrl: 'https://status.deepseek.com/api/v2/summary.json',
    statusComponents: /api/i,
    dashboards: {
      keys: 'https://platform.deepseek.com/api_keys',
      billing: 'https://platform.deepseek.com/top_up',
      limits: 'https://platform.deepseek.com/usage',
      settings: 'https://platform.deepseek.com/',
    },
  },
  ...ADDED_PROVIDERS,
};

export const PROVIDER_IDS: readonly string[] = Object.keys(PROVIDERS);

/** `KEYLINT_<P>_BASE_URL` first (explicit for keylint), then the SDK's own variables, then the default. */
export function baseUrl(p: Provider, env: Record<string, string | undefined>): string | undefined {
  for (const name of [`KEYLINT_${p.envName}_BASE_URL`, ...p.sdkBaseEnv]) {
    const v = env[name]?.trim();
    if (v) return v.replace(/\/+$/, '');
  }
  return p.defaultBaseUrl;
}

export function statusUrl(p: Provider, env: Record<string, string | undefined>): string | undefined {
  return env[`KEYLINT_${p.envName}_STATUS_URL`]?.trim() || p.statusUrl;
}

export function requestUrl(
  p: Provider,
  base: string,
  req: ProviderRequest,
  env: Record<string, string | undefined>,
): string {
  const q = p.query?.(env);
  return `${base}${req.path}${q ? (req.path.includes('?') ? '&' : '?') + q : ''}`;
}
