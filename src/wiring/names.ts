/**
 * Variable names of LLM keys, and how to tell a near-miss from a different name. Provider names match
 * the `provider` field of the detector table, so a value's detected provider can be compared with the
 * provider its variable name promises.
 */
export interface KeyName {
  name: string;
  provider: string;
}

export const LLM_KEY_NAMES: readonly KeyName[] = [
  { name: 'OPENAI_API_KEY', provider: 'OpenAI' },
  { name: 'AZURE_OPENAI_API_KEY', provider: 'Azure OpenAI' },
  { name: 'ANTHROPIC_API_KEY', provider: 'Anthropic' },
  { name: 'GEMINI_API_KEY', provider: 'Google' },
  { name: 'GOOGLE_API_KEY', provider: 'Google' },
  { name: 'GROQ_API_KEY', provider: 'Groq' },
  { name: 'MISTRAL_API_KEY', provider: 'Mistral' },
  { name: 'CO_API_KEY', provider: 'Cohere' },
  { name: 'COHERE_API_KEY', provider: 'Cohere' },
  { name: 'HF_TOKEN', provider: 'Hugging Face' },
  { name: 'HUGGING_FACE_HUB_TOKEN', provider: 'Hugging Face' },
  { name: 'HUGGINGFACEHUB_API_TOKEN', provider: 'Hugging Face' },
  { name: 'OPENROUTER_API_KEY', provider: 'OpenRouter' },
  { name: 'XAI_API_KEY', provider: 'xAI' },
  { name: 'PERPLEXITY_API_KEY', provider: 'Perplexity' },
  { name: 'PPLX_API_KEY', provider: 'Perplexity' },
  { name: 'REPLICATE_API_TOKEN', provider: 'Replicate' },
  { name: 'DEEPSEEK_API_KEY', provider: 'DeepSeek' },
  { name: 'NVIDIA_API_KEY', provider: 'NVIDIA' },
  { name: 'NGC_API_KEY', provider: 'NVIDIA' },
  { name: 'ELEVENLABS_API_KEY', provider: 'ElevenLabs' },
  { name: 'ELEVEN_API_KEY', provider: 'ElevenLabs' },
  { name: 'LANGSMITH_API_KEY', provider: 'LangSmith' },
  { name: 'LANGCHAIN_API_KEY', provider: 'LangSmith' },
  { name: 'LANGFUSE_SECRET_KEY', provider: 'Langfuse' },
  { name: 'PINECONE_API_KEY', provider: 'Pinecone' },
  { name: 'SRC_ACCESS_TOKEN', provider: 'Sourcegraph' },
  { name: 'CEREBRAS_API_KEY', provider: 'Cerebras' },
  { name: 'TOGETHER_API_KEY', provider: 'Together AI' },
  { name: 'TOGETHERAI_API_KEY', provider: 'Together AI' },
  { name: 'FIREWORKS_API_KEY', provider: 'Fireworks AI' },
  { name: 'WANDB_API_KEY', provider: 'Weights & Biases' },
  { name: 'JINA_API_KEY', provider: 'Jina AI' },
  { name: 'BRAINTRUST_API_KEY', provider: 'Braintrust' },
  { name: 'MOONSHOT_API_KEY', provider: 'Moonshot AI' },
  { name: 'DASHSCOPE_API_KEY', provider: 'Alibaba DashScope' },
  { name: 'ZHIPUAI_API_KEY', provider: 'Zhipu AI' },
  { name: 'VOYAGE_API_KEY', provider: 'Voyage AI' },
  { name: 'DEEPGRAM_API_KEY', provider: 'Deepgram' },
  { name: 'ASSEMBLYAI_API_KEY', provider: 'AssemblyAI' },
  { name: 'CLARIFAI_PAT', provider: 'Clarifai' },
  { name: 'DEEPAI_API_KEY', provider: 'DeepAI' },
  { name: 'EDENAI_API_KEY', provider: 'Eden AI' },
];

/** Words in a variable name that name a provider, for names outside the table (`MY_OPENAI_KEY`). */
const PROVIDER_WORDS: readonly { word: RegExp; provider: string }[] = [
  { word: /AZURE_?OPEN_?AI/, provider: 'Azure OpenAI' },
  { word: /OPEN_?AI/, provider: 'OpenAI' },
  { word: /ANTHROPIC|CLAUDE/, provider: 'Anthropic' },
  { word: /GEMINI/, provider: 'Google' },
  { word: /GROQ/, provider: 'Groq' },
  { word: /MISTRAL/, provider: 'Mistral' },
  { word: /COHERE/, provider: 'Cohere' },
  { word: /OPEN_?ROUTER/, provider: 'OpenRouter' },
  { word: /DEEPSEEK/, provider: 'DeepSeek' },
  { word: /PERPLEXITY|PPLX/, provider: 'Perplexity' },
  { word: /REPLICATE/, provider: 'Replicate' },
  { word: /HUGGING_?FACE/, provider: 'Hugging Face' },
  { word: /(^|_)XAI(_|$)|GROK/, provider: 'xAI' },
  { word: /NVIDIA|(^|_)NGC(_|$)/, provider: 'NVIDIA' },
  { word: /ELEVEN_?LABS/, provider: 'ElevenLabs' },
  { word: /LANGSMITH/, provider: 'LangSmith' },
  { word: /LANGFUSE_?SECRET/, provider: 'Langfuse' },
  { word: /PINECONE/, provider: 'Pinecone' },
  { word: /CEREBRAS/, provider: 'Cerebras' },
  { word: /TOGETHER_?(AI_?)?API/, provider: 'Together AI' },
  { word: /FIREWORKS/, provider: 'Fireworks AI' },
  { word: /WANDB/, provider: 'Weights & Biases' },
  { word: /(^|_)JINA(_|$)/, provider: 'Jina AI' },
  { word: /BRAINTRUST/, provider: 'Braintrust' },
  { word: /MOONSHOT|(^|_)KIMI(_|$)/, provider: 'Moonshot AI' },
  { word: /DASHSCOPE|(^|_)QWEN(_|$)/, provider: 'Alibaba DashScope' },
  { word: /ZHIPU/, provider: 'Zhipu AI' },
  { word: /(^|_)VOYAGE(_?AI)?(_|$)/, provider: 'Voyage AI' },
  { word: /DEEPGRAM/, provider: 'Deepgram' },
  { word: /ASSEMBLY_?AI/, provider: 'AssemblyAI' },
  { word: /CLARIFAI/, provider: 'Clarifai' },
  { word: /(^|_)DEEP_?AI(_|$)/, provider: 'DeepAI' },
  { word: /(^|_)EDEN_?AI(_|$)/, provider: 'Eden AI' },
];

const SECRET_WORD = /(^|_)(API_?KEY|KEY|TOKEN|SECRET)(_|$)|APIKEY|KEY$/;

/** The provider a variable name promises, or undefined for a name that is not an LLM key name. */
export function providerOfName(name: string): string | undefined {
  const upper = name.toUpperCase();
  const known = LLM_KEY_NAMES.find((k) => k.name === upper);
  if (known) return known.provider;
  if (!SECRET_WORD.test(upper)) return undefined;
  return PROVIDER_WORDS.find((p) => p.word.test(upper))?.provider;
}

export function isLlmKeyName(name: string): boolean {
  return providerOfName(name) !== undefined;
}

/** A name that holds a credential of some kind (`*_API_KEY`, `*_TOKEN`, `*_SECRET`). */
export function isSecretLikeName(name: string): boolean {
  return SECRET_WORD.test(name.toUpperCase());
}

/**
 * The comparable core of a name: case, underscores and the `API` in `API_KEY` / `APIKEY` do not tell
 * two names apart in a person's memory, so they do not here either.
 */
export function canonicalName(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/API(KEY|TOKEN)/g, '$1');
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** A name in configuration sections, joined by a double underscore between two parts. */
function isSectioned(name: string): boolean {
  return /[A-Za-z0-9]__[A-Za-z0-9]/.test(name);
}

/**
 * Two different names a person could have meant to be the same: equal after canonicalisation, or one
 * or two typos apart in a name long enough that such a distance is not a different word.
 */
export function isNearMiss(a: string, b: string): boolean {
  if (a === b) return false;
  // `AzureOpenAI__ApiKey` is a configuration key in sections (.NET reads it as `AzureOpenAI:ApiKey`,
  // pydantic-settings with `env_nested_delimiter`): set on purpose, not a typo of a flat name.
  if (isSectioned(a) !== isSectioned(b)) return false;
  const ca = canonicalName(a);
  const cb = canonicalName(b);
  if (ca === cb) return true;
  // Digits that differ are usually deliberate (KEY_1, KEY_2).
  if (/\d/.test(ca + cb) && ca.replace(/\d/g, '') === cb.replace(/\d/g, '')) return false;
  // Also compare with `API` kept: a typo inside it (`API_KYE`) is a typo, not a different word.
  const plain = (n: string): string => n.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const close = (x: string, y: string): boolean => {
    const d = editDistance(x, y);
    const shorter = Math.min(x.length, y.length);
    return (d === 1 && shorter >= 6) || (d === 2 && shorter >= 10);
  };
  return close(ca, cb) || close(plain(a), plain(b));
}

/**
 * Names that sound like an LLM key but are settings a job runs fine without: webhook and mTLS
 * secrets, organisation and project ids, endpoints, API versions, file paths.
 */
const NOT_A_NEEDED_KEY =
  /(?:^|_)(?:WEBHOOK|MTLS|TLS|ORG|ORGANIZATION|PROJECT|BASE|BASE_URL|API_BASE|API_VERSION|VERSION|ENDPOINT|URL|HOST|FILE|PATH|DIR|PASSPHRASE|PASSWORD|SIGNING|ID)(?:_|$)/;

export function isOptionalName(name: string): boolean {
  return NOT_A_NEEDED_KEY.test(name.toUpperCase());
}
