import type { Severity } from '../finding.js';

/**
 * One row per key kind. `pattern` matches the secret itself (no boundaries: the scanner checks those
 * on the key alphabet). Context-only kinds have no unique prefix and are found only as the value of a
 * name that mentions the provider (`context`).
 */
export interface Detector {
  /** Rule id suffix: the public rule id is `leak/<id>`. */
  id: string;
  provider: string;
  /** Human name of the key kind, e.g. "OpenAI project key". */
  kind: string;
  pattern: RegExp;
  /** Lower-case literals, one of which must occur for the pattern to be tried. */
  keywords: string[];
  /** Characters a key of this kind is made of: a match that runs on into them is not this key. */
  alphabet: RegExp;
  severity: Severity;
  /** Shannon entropy floor (bits per character) of the secret. */
  minEntropy: number;
  /** Where to revoke and rotate the key. */
  revokeUrl: string;
  /** For kinds without a prefix: a name that must be what the value is assigned to. */
  context?: RegExp;
  /** An over-privileged kind (admin keys). */
  admin?: boolean;
}

const OPENAI_KEYS = 'https://platform.openai.com/api-keys';
const ALNUM = /[A-Za-z0-9]/;
const ALNUM_DASH = /[A-Za-z0-9_-]/;

export const DETECTORS: readonly Detector[] = [
  {
    id: 'openai-legacy-key',
    provider: 'OpenAI',
    kind: 'OpenAI user key (legacy)',
    pattern: /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/g,
    keywords: ['t3blbkfj'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-project-key',
    provider: 'OpenAI',
    kind: 'OpenAI project key',
    pattern: /sk-proj-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}/g,
    keywords: ['t3blbkfj'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-service-account-key',
    provider: 'OpenAI',
    kind: 'OpenAI service-account key',
    pattern: /sk-svcacct-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}/g,
    keywords: ['t3blbkfj'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    kind: 'OpenAI admin key',
    pattern: /sk-admin-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}/g,
    keywords: ['t3blbkfj'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://platform.openai.com/settings/organization/admin-keys',
    admin: true,
  },
  {
    id: 'openai-none-key',
    provider: 'OpenAI',
    kind: 'OpenAI key (sk-None)',
    pattern: /sk-None-[A-Za-z0-9_-]{48}/g,
    keywords: ['sk-none-'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: OPENAI_KEYS,
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    kind: 'Anthropic API key',
    pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA/g,
    keywords: ['sk-ant-api'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'Anthropic admin key',
    pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/g,
    keywords: ['sk-ant-admin'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.anthropic.com/settings/admin-keys',
    admin: true,
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    kind: 'Google API key (Gemini)',
    pattern: /AIza[A-Za-z0-9_-]{35}/g,
    keywords: ['aiza'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 4,
    revokeUrl: 'https://aistudio.google.com/app/apikey',
  },
  {
    id: 'groq-api-key',
    provider: 'Groq',
    kind: 'Groq API key',
    pattern: /gsk_[A-Za-z0-9]{52}/g,
    keywords: ['gsk_'],
    alphabet: ALNUM,
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.groq.com/keys',
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    kind: 'Hugging Face user token',
    pattern: /hf_[A-Za-z]{34}/g,
    keywords: ['hf_'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'huggingface-org-token',
    provider: 'Hugging Face',
    kind: 'Hugging Face organisation token',
    pattern: /api_org_[A-Za-z]{34}/g,
    keywords: ['api_org_'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://huggingface.co/settings/tokens',
  },
  {
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    kind: 'OpenRouter API key',
    pattern: /sk-or-v1-[a-f0-9]{64}/g,
    keywords: ['sk-or-v1-'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3,
    revokeUrl: 'https://openrouter.ai/settings/keys',
  },
  {
    id: 'xai-api-key',
    provider: 'xAI',
    kind: 'xAI API key',
    pattern: /xai-[A-Za-z0-9_]{80}/g,
    keywords: ['xai-'],
    alphabet: ALNUM_DASH,
    severity: 'critical',
    minEntropy: 3.5,
    revokeUrl: 'https://console.x.ai/',
  },
  {
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    kind: 'Perplexity API key',
    pattern: /pplx-[A-Za-z0-9]{48}/g,
    keywords: ['pplx-'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 4,
    revokeUrl: 'https://www.perplexity.ai/settings/api',
  },
  {
    id: 'replicate-api-token',
    provider: 'Replicate',
    kind: 'Replicate API token',
    pattern: /r8_[A-Za-z0-9_-]{37}/g,
    keywords: ['r8_'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://replicate.com/account/api-tokens',
  },
  {
    id: 'deepseek-api-key',
    provider: 'DeepSeek',
    kind: 'DeepSeek API key',
    pattern: /sk-[a-z0-9]{32}/g,
    keywords: ['deepseek'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://platform.deepseek.com/api_keys',
    context: /deepseek/i,
  },
  {
    id: 'mistral-api-key',
    provider: 'Mistral',
    kind: 'Mistral API key',
    pattern: /[A-Za-z0-9]{32}/g,
    keywords: ['mistral'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://console.mistral.ai/api-keys',
    context: /mistral/i,
  },
  {
    id: 'cohere-api-key',
    provider: 'Cohere',
    kind: 'Cohere API key',
    pattern: /[A-Za-z0-9]{40}/g,
    keywords: ['cohere', 'co_api_key'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3.5,
    revokeUrl: 'https://dashboard.cohere.com/api-keys',
    context: /cohere|co_api_key/i,
  },
  {
    id: 'azure-openai-key',
    provider: 'Azure OpenAI',
    kind: 'Azure OpenAI key',
    pattern: /[a-f0-9]{32}|[A-Za-z0-9]{84}/g,
    keywords: ['azure', 'api-key', 'api_key'],
    alphabet: ALNUM_DASH,
    severity: 'high',
    minEntropy: 3,
    revokeUrl: 'https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI',
    context: /azure_openai_api_key|azure.?openai.*key|openai\.azure\.com|\bapi-key\b/i,
  },
];
