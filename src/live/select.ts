import { DETECTORS } from '../detect/detectors.js';
import { providerOfName } from '../wiring/names.js';
import { PROVIDERS, type Provider, type ProviderId } from './providers.js';

/** Detector providers (key shapes with a unique prefix) → the provider the live check asks. */
const BY_DETECTOR_PROVIDER: Record<string, ProviderId> = {
  OpenAI: 'openai',
  Anthropic: 'anthropic',
  Google: 'gemini',
  Groq: 'groq',
  OpenRouter: 'openrouter',
  xAI: 'xai',
  DeepSeek: 'deepseek',
  Mistral: 'mistral',
  'Azure OpenAI': 'azure-openai',
  ElevenLabs: 'elevenlabs',
  LangSmith: 'langsmith',
  Pinecone: 'pinecone',
  'Together AI': 'together',
  Cerebras: 'cerebras',
  'Moonshot AI': 'moonshot',
  'Alibaba DashScope': 'dashscope',
  Deepgram: 'deepgram',
  AssemblyAI: 'assemblyai',
};

/** Variable names → provider, for keys whose shape says nothing (Azure, Mistral, DeepSeek). Order matters. */
const BY_NAME: readonly [RegExp, ProviderId][] = [
  [/azure/i, 'azure-openai'],
  [/anthropic|claude/i, 'anthropic'],
  [/gemini|google/i, 'gemini'],
  [/groq/i, 'groq'],
  [/mistral|codestral/i, 'mistral'],
  [/openrouter/i, 'openrouter'],
  [/xai|grok/i, 'xai'],
  [/deepseek/i, 'deepseek'],
  [/eleven_?labs|^xi_api_key$/i, 'elevenlabs'],
  [/langsmith|langchain_api_key/i, 'langsmith'],
  [/pinecone/i, 'pinecone'],
  [/together/i, 'together'],
  [/cerebras/i, 'cerebras'],
  [/moonshot|kimi/i, 'moonshot'],
  [/dashscope|qwen/i, 'dashscope'],
  [/deepgram/i, 'deepgram'],
  [/assembly_?ai/i, 'assemblyai'],
  [/openai/i, 'openai'],
];

const SHAPES = DETECTORS.filter((d) => !d.context).map((d) => ({
  detector: d,
  whole: new RegExp(`^(?:${d.pattern.source})$`),
}));

/** The detector row a key's shape matches (unique-prefix kinds only). */
export function shapeOf(key: string): (typeof DETECTORS)[number] | undefined {
  return SHAPES.find((s) => s.whole.test(key))?.detector;
}

export type ProviderChoice =
  { provider: Provider; reason: string } | { provider?: undefined; reason: string };

/** The key's shape first (it cannot lie), then the variable's name, then OpenAI (the SDKs' default). */
export function chooseProvider(variable: string, key: string): ProviderChoice {
  const shape = shapeOf(key);
  const id = shape ? BY_DETECTOR_PROVIDER[shape.provider] : undefined;
  if (id) return { provider: PROVIDERS[id], reason: `the key's shape (${shape!.kind})` };
  const named = BY_NAME.find(([re]) => re.test(variable));
  // Another service's key under an LLM provider's name: that provider's answer is the useful one.
  if (named)
    return {
      provider: PROVIDERS[named[1]],
      reason: `the variable's name ${variable}${shape ? ` (the key looks like a ${shape.kind})` : ''}`,
    };
  if (shape) return { reason: `the key is a ${shape.kind}, which keylint cannot check live` };
  // A name that promises a provider keylint cannot ask (Fireworks, Voyage…): OpenAI would only say "invalid key".
  const promised = providerOfName(variable);
  if (promised && promised !== 'OpenAI')
    return {
      reason: `the variable's name ${variable} promises a ${promised} key, which keylint cannot check live`,
    };
  return {
    provider: PROVIDERS.openai,
    reason: 'no shape or name says otherwise (OpenAI, the SDKs’ default)',
  };
}

/** Provider names used by leak findings (`Finding.provider`) → the provider to verify with. */
export function providerOfFinding(findingProvider: string | undefined): Provider | undefined {
  const id = findingProvider ? BY_DETECTOR_PROVIDER[findingProvider] : undefined;
  return id ? PROVIDERS[id] : undefined;
}

export interface KeyVar {
  variable: string;
  value: string;
}

/**
 * The variables that hold a key in this step. Google's SDK reads `GOOGLE_API_KEY` before
 * `GEMINI_API_KEY` when both are set, so only the one it uses is checked.
 */
export function keyVariables(
  names: readonly string[],
  env: Record<string, string | undefined>,
): {
  present: KeyVar[];
  empty: string[];
  shadowed: string[];
} {
  const present: KeyVar[] = [];
  const empty: string[] = [];
  for (const variable of [...new Set(names)]) {
    const value = env[variable]?.trim();
    if (value) present.push({ variable, value });
    else empty.push(variable);
  }
  const shadowed: string[] = [];
  if (
    present.some((k) => k.variable === 'GOOGLE_API_KEY') &&
    present.some((k) => k.variable === 'GEMINI_API_KEY')
  )
    shadowed.push('GEMINI_API_KEY');
  return { present: present.filter((k) => !shadowed.includes(k.variable)), empty, shadowed };
}

/**
 * Why a value cannot be sent as it is (a character no HTTP header may hold, or what a copy-paste
 * wraps around a key): the provider would only say "invalid key", so the wiring check's word is the
 * true one and no request is made. Undefined when the value can be sent.
 */
export function unsendable(value: string): string | undefined {
  if (/^bearer\s/i.test(value)) return 'it starts with `Bearer `';
  if (/^["'`]/.test(value)) return 'it is wrapped in quotes';
  if (/^[A-Z][A-Z0-9_]*=/.test(value)) return 'it starts with a `NAME=` prefix';
  if (/[^\x21-\x7e]/.test(value)) return 'it holds whitespace, an invisible or a non-ASCII character';
  return undefined;
}
