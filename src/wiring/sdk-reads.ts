/**
 * Names an SDK reads from the environment by itself when the client is built without a key argument.
 * One row per client constructor and language; `key` lists alternatives any one of which suffices.
 */
export interface SdkRead {
  provider: string;
  /** Human name of the constructor, for messages. */
  client: string;
  language: Language;
  /** Matches the constructor up to and including its opening parenthesis. */
  call: RegExp;
  /** An argument that passes the key explicitly: then the SDK reads no key variable. */
  keyArg: RegExp;
  key: readonly string[];
  /** Read too, but optional (organisation, project, base URL). */
  optional: readonly string[];
}

export type Language = 'python' | 'javascript' | 'go' | 'ruby' | 'shell' | 'csharp' | 'java' | 'rust';

const PY_KEY = /\bapi_key\s*=/;
const JS_KEY = /\bapiKey\b/;

export const SDK_READS: readonly SdkRead[] = [
  {
    provider: 'OpenAI',
    client: 'OpenAI()',
    language: 'python',
    call: /\b(?:Async)?OpenAI\(/g,
    keyArg: PY_KEY,
    key: ['OPENAI_API_KEY'],
    optional: ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_BASE_URL'],
  },
  {
    provider: 'OpenAI',
    client: 'new OpenAI()',
    language: 'javascript',
    call: /\bnew\s+OpenAI\(/g,
    keyArg: JS_KEY,
    key: ['OPENAI_API_KEY'],
    optional: ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_BASE_URL'],
  },
  {
    provider: 'OpenAI',
    client: 'openai.NewClient()',
    language: 'go',
    call: /\bopenai\.NewClient\(/g,
    keyArg: /\bWithAPIKey\(/,
    key: ['OPENAI_API_KEY'],
    optional: ['OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_BASE_URL'],
  },
  {
    provider: 'Azure OpenAI',
    client: 'AzureOpenAI()',
    language: 'python',
    call: /\b(?:Async)?AzureOpenAI\(/g,
    keyArg: /\b(?:api_key|azure_ad_token(?:_provider)?)\s*=/,
    key: ['AZURE_OPENAI_API_KEY'],
    optional: ['AZURE_OPENAI_ENDPOINT', 'OPENAI_API_VERSION'],
  },
  {
    provider: 'Azure OpenAI',
    client: 'new AzureOpenAI()',
    language: 'javascript',
    call: /\bnew\s+AzureOpenAI\(/g,
    keyArg: /\b(?:apiKey|azureADTokenProvider)\b/,
    key: ['AZURE_OPENAI_API_KEY'],
    optional: ['AZURE_OPENAI_ENDPOINT', 'OPENAI_API_VERSION'],
  },
  {
    provider: 'Anthropic',
    client: 'Anthropic()',
    language: 'python',
    call: /\b(?:Async)?Anthropic\(/g,
    keyArg: PY_KEY,
    key: ['ANTHROPIC_API_KEY'],
    optional: ['ANTHROPIC_BASE_URL'],
  },
  {
    provider: 'Anthropic',
    client: 'new Anthropic()',
    language: 'javascript',
    call: /\bnew\s+Anthropic\(/g,
    keyArg: JS_KEY,
    key: ['ANTHROPIC_API_KEY'],
    optional: ['ANTHROPIC_BASE_URL'],
  },
  {
    provider: 'Google',
    client: 'genai.Client()',
    language: 'python',
    call: /\bgenai\.Client\(/g,
    keyArg: PY_KEY,
    key: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    optional: [],
  },
  {
    provider: 'Google',
    client: 'new GoogleGenAI()',
    language: 'javascript',
    call: /\bnew\s+GoogleGenAI\(/g,
    keyArg: JS_KEY,
    key: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    optional: [],
  },
  {
    provider: 'Groq',
    client: 'Groq()',
    language: 'python',
    call: /\b(?:Async)?Groq\(/g,
    keyArg: PY_KEY,
    key: ['GROQ_API_KEY'],
    optional: [],
  },
  {
    provider: 'Groq',
    client: 'new Groq()',
    language: 'javascript',
    call: /\bnew\s+Groq\(/g,
    keyArg: JS_KEY,
    key: ['GROQ_API_KEY'],
    optional: [],
  },
  {
    provider: 'Mistral',
    client: 'Mistral()',
    language: 'python',
    call: /\bMistral\(/g,
    keyArg: PY_KEY,
    key: ['MISTRAL_API_KEY'],
    optional: [],
  },
  {
    provider: 'Mistral',
    client: 'new Mistral()',
    language: 'javascript',
    call: /\bnew\s+Mistral\(/g,
    keyArg: JS_KEY,
    key: ['MISTRAL_API_KEY'],
    optional: [],
  },
  {
    provider: 'Cohere',
    client: 'cohere.Client()',
    language: 'python',
    call: /\bcohere\.(?:Async)?Client(?:V2)?\(/g,
    keyArg: PY_KEY,
    key: ['CO_API_KEY'],
    optional: [],
  },
  {
    provider: 'Cohere',
    client: 'new CohereClient()',
    language: 'javascript',
    call: /\bnew\s+CohereClient(?:V2)?\(/g,
    keyArg: /\btoken\b/,
    key: ['CO_API_KEY'],
    optional: [],
  },
  {
    provider: 'Hugging Face',
    client: 'InferenceClient()',
    language: 'python',
    call: /\b(?:Async)?InferenceClient\(/g,
    keyArg: /\b(?:token|api_key)\s*=/,
    key: ['HF_TOKEN'],
    optional: [],
  },
  {
    provider: 'Replicate',
    client: 'new Replicate()',
    language: 'javascript',
    call: /\bnew\s+Replicate\(/g,
    keyArg: /\bauth\b/,
    key: ['REPLICATE_API_TOKEN'],
    optional: [],
  },
  {
    provider: 'xAI',
    client: 'xai_sdk.Client()',
    language: 'python',
    call: /\bxai_sdk\.Client\(/g,
    keyArg: PY_KEY,
    key: ['XAI_API_KEY'],
    optional: [],
  },
];
