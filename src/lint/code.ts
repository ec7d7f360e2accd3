import type { LexedSource, SourceLanguage, StringLiteral } from './lexer.js';
import {
  ASSISTANTS_SDK_CALL,
  ASSISTANTS_SHUTDOWN,
  currentReplacement,
  ENDPOINT_RETIREMENTS,
  modelRetirement,
  shutdownState,
  type LlmProvider,
} from './retirements.js';
import {
  NODE_REMOVED_CLASSES,
  NODE_REMOVED_METHODS,
  NODE_V4_MARK,
  PY_REMOVED_RESOURCES,
  PY_V1_MARK,
  pyReplacement,
} from './sdk-calls.js';

/** A problem found in one source file, before it becomes a Finding. */
export interface CodeHit {
  ruleId: string;
  offset: number;
  endOffset?: number;
  /** What the fingerprint is about (model, call, header): stable across line moves. */
  subject: string;
  message: string;
  fix: string;
  /** A literal that may be a secret: reported only redacted. */
  secretLiteral?: string;
  /** When not the rule's own (a table of models is one `low` finding). */
  severity?: 'low';
}

/** A call written for one major version of the openai SDK. */
export interface SdkCall {
  offset: number;
  /** `old`: removed in 1.0 (Python) / 4.0 (Node); `new`: needs at least that version. */
  style: 'old' | 'new';
  call: string;
  replacement?: string;
}

export interface SourceAnalysis {
  providers: Set<LlmProvider>;
  hits: CodeHit[];
  sdkCalls: SdkCall[];
  /** Model-shaped literals in the order they appear. */
  models: Array<{ name: string; offset: number }>;
}

const PY_IMPORTS: Record<LlmProvider, RegExp> = {
  openai:
    /^[ \t]*(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(?:openai|litellm)\b|from[ \t]+(?:openai|langchain_openai|litellm|llama_index\.llms\.openai|autogen)\b)/m,
  anthropic:
    /^[ \t]*(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(?:anthropic|litellm)\b|from[ \t]+(?:anthropic|langchain_anthropic|litellm)\b)/m,
};
/** Module names that mean a JS/TS file uses the provider (the source of an import or require). */
const JS_MODULES: Record<LlmProvider, RegExp> = {
  openai: /^(?:openai|@azure\/openai|@ai-sdk\/openai|@langchain\/openai)(?:\/|$)/,
  anthropic: /^(?:@anthropic-ai\/sdk|@ai-sdk\/anthropic|@langchain\/anthropic)(?:\/|$)/,
};
/** Where an import source literal starts, in code with string bodies blanked. */
const JS_IMPORT_SOURCE = /(?:\bfrom|\brequire\s*\(|\bimport\s*\(?)\s*(?=["'])/g;
/** A literal that is a provider's API host or a URL on it (not a sentence that mentions one). */
const HOSTS: Record<LlmProvider, RegExp> = {
  openai: /^(?:https?:\/\/)?(?:api\.openai\.com|[\w-]+\.openai\.azure\.com)(?:[:/?]|$)/,
  anthropic: /^(?:https?:\/\/)?api\.anthropic\.com(?:[:/?]|$)/,
};

function jsImports(src: LexedSource, provider: LlmProvider): boolean {
  for (const m of src.bare.matchAll(JS_IMPORT_SOURCE)) {
    const lit = src.strings.find((s) => s.start === m.index + m[0].length);
    if (lit && JS_MODULES[provider].test(lit.value)) return true;
  }
  return false;
}

/** Which LLM providers a file talks to: by its imports (in code, not comments) or by a host in a string. */
export function providersOf(language: SourceLanguage, src: LexedSource): Set<LlmProvider> {
  const out = new Set<LlmProvider>();
  for (const p of ['openai', 'anthropic'] as const) {
    const imports = language === 'python' ? PY_IMPORTS[p].test(src.bare) : jsImports(src, p);
    if (imports || src.strings.some((s) => HOSTS[p].test(s.value.trim()))) out.add(p);
  }
  return out;
}

const OPENAI_MODEL_SHAPE =
  /^(?:gpt-\d[\w.:-]*|chatgpt-[\w.-]+|o\d(?:-[\w.-]+)?|text-(?:davinci|curie|babbage|ada|embedding|moderation|similarity|search)-[\w.-]+|code-(?:davinci|cushman|search)-[\w.-]+|(?:davinci|babbage)-00\d|dall-e-[23]|whisper-1|tts-1(?:-hd)?(?:-\d+)?|omni-moderation-[\w.-]+|computer-use-preview[\w.-]*|codex-mini-latest|ada|babbage|curie|davinci)$/;
const ANTHROPIC_MODEL_SHAPE = /^claude-[\w.-]+$/;
/** The provider prefix of routers and evaluators: `openai/gpt-4o` (LiteLLM), `openai:gpt-4o`, `anthropic:messages:claude-…` (promptfoo). */
const PROVIDER_PREFIX = /^(?:openai|anthropic)(?::(?:chat|completion|messages|responses))?[:/]/;
/**
 * Where a literal is sent as a model: `model="…"`, `default_model: str = "…"`, `"model": "…"`,
 * `modelName: '…'`, `engine=…` right before it. Not `model == "…"` (a test of a value, not a send).
 */
const MODEL_CONTEXT =
  /(?:\b\w*(?:model|Model|MODEL|engine|ENGINE)(?:_?(?:name|Name|NAME|id|Id|ID))?\s*(?::\s*[\w.[\]|, ]+?\s*(?==))?(?<![=!<>])[:=](?!=)\s*|["'](?:model|engine|model_name|modelName|model_id|modelId)["']\s*:\s*)$/;
/** The opening of a list of models: `models=[`, `MODELS = (`, `"models": [`, `for model_id in (`. */
const MODEL_LIST_CONTEXT =
  /(?:(?<![\w$])(?:models|MODELS|Models|model_list|modelList|MODEL_LIST|fallback_models|fallbackModels|FALLBACK_MODELS|fallbacks)\s*(?::\s*[\w.[\]|, ]+?\s*(?==))?(?<![=!<>])[:=](?!=)\s*|["'](?:models|fallbacks|fallback_models)["']\s*:\s*|\bfor\s+\w*(?:model|Model)\w*\s+in\s*)$/;
/**
 * A call that takes a model as its first argument: `Chat("gpt-4")`, `ChatOpenAI("gpt-4")`,
 * `Agent("openai:gpt-4o")`, `OpenAIModel("…")`, `completion("openai/…")`.
 */
const MODEL_FIRST_ARG =
  /(?:^|[^\w$.])(?:new\s+)?(?:\w*(?:Chat|Model|LLM|Llm|Agent|Completion)\w*|completion|acompletion|init_chat_model|initChatModel)\s*\(\s*$/;
/** A list with this many models or more is a table (choices, prices): at most one `low` finding. */
export const TABLE_SIZE = 4;

/** The AI SDK's provider functions and LangChain-style factories: `openai("o3-mini")`, `anthropic.messages("…")`. */
const PROVIDER_CALL =
  /(?:^|[^\w$.])(?:openai|anthropic|azure|gateway)(?:\s*\.\s*(?:chat|responses|completion|languageModel|textEmbeddingModel|embedding|image|imageModel|transcription|speech|messages))?\s*\(\s*$/;

/** The argument of whatever call makes a model value: `model: customProvider("…")`, `model: createX({…})("…")`. */
const MODEL_OF_CALL = /\bmodel\s*[:=]\s*(?:[\w$.]+|\))\s*\(\s*$/;

/**
 * A function of the code's own that takes a model to count or price tokens on this machine
 * (`num_tokens_from_messages(…, model="gpt-3.5-turbo-0613")`, `tiktoken.encoding_for_model(…)`):
 * the model is never sent. Not a method of a client: `client.responses.input_tokens.count(…)` and
 * `client.messages.count_tokens(…)` ask the API, which refuses a retired model.
 */
const LOCAL_MODEL_USE =
  /(?<![\w$.])[\w$]*(?:token|encod|count|cost|price)[\w$]*\s*$|\btiktoken\s*\.\s*\w+\s*$/i;

function inLocalModelUse(src: LexedSource, s: StringLiteral): boolean {
  const open = enclosingCall(src.bare, s.start, 400);
  return open !== undefined && LOCAL_MODEL_USE.test(src.bare.slice(Math.max(0, open - 60), open));
}

function inModelContext(src: LexedSource, s: StringLiteral): boolean {
  const before = src.code.slice(Math.max(0, s.start - 60), s.start);
  const bareBefore = src.bare.slice(Math.max(0, s.start - 60), s.start);
  return (
    (MODEL_CONTEXT.test(before) || PROVIDER_CALL.test(bareBefore) || MODEL_OF_CALL.test(bareBefore)) &&
    !inLocalModelUse(src, s)
  );
}

function firstArgOfModelCall(src: LexedSource, s: StringLiteral): boolean {
  return MODEL_FIRST_ARG.test(src.bare.slice(Math.max(0, s.start - 60), s.start));
}

/** The key of the file-wide list: models registered one call at a time are a table too. */
const FILE_LIST = -1;

/** The `[` or `(` opening the list a literal is an item of, when that list is a list of models. */
function modelListOpen(src: LexedSource, s: StringLiteral): number | undefined {
  for (const i of openersBefore(src.bare, s.start, 4000)) {
    if (src.bare[i] === '{') return undefined;
    return MODEL_LIST_CONTEXT.test(src.code.slice(Math.max(0, i - 60), i)) ? i : undefined;
  }
  return undefined;
}

/** A model name without its router prefix, with the provider its shape says. */
export function modelOf(value: string): { name: string; provider: LlmProvider } | null {
  const name = value.replace(PROVIDER_PREFIX, '');
  if (ANTHROPIC_MODEL_SHAPE.test(name)) return { name, provider: 'anthropic' };
  if (OPENAI_MODEL_SHAPE.test(name)) return { name, provider: 'openai' };
  return null;
}

const CHAT_MODEL = /^(?:gpt-3\.5-turbo(?!-instruct)|gpt-4|gpt-5|chatgpt-|o\d(?:$|-))/;

function daysUntil(date: string, today: Date): string {
  const n = Math.ceil((Date.parse(`${date}T00:00:00Z`) - today.getTime()) / 86_400_000);
  return n === 1 ? '1 day' : `${n} days`;
}

/** Literals that are the default of an environment variable named like a model (`getenv("MODEL", "…")`). */
function envModelDefaults(language: SourceLanguage, src: LexedSource): Set<number> {
  const out = new Set<number>();
  for (const r of envReads(language, src)) if (r.fallback && /model/i.test(r.name)) out.add(r.fallback.start);
  return out;
}

/** A retired or retiring model where it is sent, as a hit; null for a model still served. */
export function modelHit(
  name: string,
  today: Date,
  offset: number,
  endOffset: number | undefined,
): CodeHit | null {
  const r = modelRetirement(name);
  if (!r) return null;
  const state = shutdownState(r.shutdown, today);
  if (state === 'active') return null;
  const rep = currentReplacement(r, today);
  const useInstead = rep ? `Use ${rep} instead.` : 'Choose a current model from the provider’s model list.';
  if (state === 'retired') {
    return {
      ruleId: 'lint/retired-model',
      offset,
      endOffset,
      subject: name,
      message: `Model ${name} was shut down on ${r.shutdown}: requests with it fail with 404 model_not_found.`,
      fix: `${useInstead} Replace "${name}" here and wherever the model name is configured.`,
    };
  }
  return {
    ruleId: 'lint/retiring-model',
    offset,
    endOffset,
    subject: name,
    message: `Model ${name} shuts down on ${r.shutdown} (in ${daysUntil(r.shutdown, today)}); from then requests with it fail with model_not_found.`,
    fix: `${useInstead} Move before ${r.shutdown}.`,
  };
}

function modelHits(
  language: SourceLanguage,
  src: LexedSource,
  providers: Set<LlmProvider>,
  today: Date,
  out: SourceAnalysis,
): void {
  const envDefaults = envModelDefaults(language, src);
  const lists = new Map<number, Array<{ s: StringLiteral; name: string }>>();
  for (const s of src.strings) {
    if (s.interpolated || s.value.length > 100) continue;
    const model = modelOf(s.value);
    if (!model || !providers.has(model.provider)) continue;
    // A model is a finding where it is sent: a call's or a config's model value, an env default,
    // an item of a list of models. Not a substring test, a table key, a message.
    if (inModelContext(src, s) || envDefaults.has(s.start)) {
      out.models.push({ name: model.name, offset: s.bodyStart });
      const hit = modelHit(model.name, today, s.bodyStart, s.bodyEnd);
      if (hit && modelRetirement(model.name)?.provider === model.provider) out.hits.push(hit);
      continue;
    }
    // Models registered one call or one loop at a time are one table: the file's.
    const listOpen = firstArgOfModelCall(src, s) ? FILE_LIST : modelListOpen(src, s);
    const open =
      listOpen !== undefined &&
      listOpen !== FILE_LIST &&
      /\bfor\s+\w+\s+in\s*$/.test(src.bare.slice(Math.max(0, listOpen - 60), listOpen))
        ? FILE_LIST
        : listOpen;
    if (open === undefined) continue;
    let list = lists.get(open);
    if (!list) lists.set(open, (list = []));
    list.push({ s, name: model.name });
  }
  for (const items of lists.values()) {
    const hits = items
      .map(({ s, name }) => modelHit(name, today, s.bodyStart, s.bodyEnd))
      .filter((h): h is CodeHit => h !== null);
    if (items.length < TABLE_SIZE) {
      for (const { s, name } of items) out.models.push({ name, offset: s.bodyStart });
      out.hits.push(...hits);
    } else if (hits.length > 0) {
      // A table of models (choices offered, prices): one low finding names every retired one in it.
      const names = hits.map(
        (h) => `${h.subject} (${h.ruleId === 'lint/retired-model' ? 'shut down' : 'retiring'})`,
      );
      out.hits.push({
        ruleId: hits[0]!.ruleId,
        offset: hits[0]!.offset,
        endOffset: hits[0]!.endOffset,
        subject: `table:${hits.map((h) => h.subject).join(',')}`,
        severity: 'low',
        message: `This list of ${items.length} models offers ${names.length} that ${names.length === 1 ? 'is' : 'are'} shut down or retiring: ${names.join(', ')}. Requests that pick one fail with model_not_found.`,
        fix: 'Drop them from the list, or replace them with current models.',
      });
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function endpointHit(
  name: string,
  shutdown: string,
  replacement: string,
  today: Date,
  offset: number,
  subject: string,
): CodeHit | null {
  const state = shutdownState(shutdown, today);
  if (state === 'active') return null;
  return state === 'retired'
    ? {
        ruleId: 'lint/retired-endpoint',
        offset,
        subject,
        message: `${cap(name)} was shut down on ${shutdown}: requests to it fail.`,
        fix: `Use ${replacement}.`,
      }
    : {
        ruleId: 'lint/retiring-endpoint',
        offset,
        subject,
        message: `${cap(name)} shuts down on ${shutdown} (in ${daysUntil(shutdown, today)}).`,
        fix: `Move to ${replacement} before ${shutdown}.`,
      };
}

function endpointHits(src: LexedSource, today: Date, out: SourceAnalysis): void {
  for (const s of src.strings) {
    for (const e of ENDPOINT_RETIREMENTS) {
      const at = s.value.indexOf(e.path);
      if (at === -1) continue;
      const next = s.value[at + e.path.length];
      if (next !== undefined && !'/?#'.includes(next)) continue;
      const hit = endpointHit(
        `${e.name} (${e.path})`,
        e.shutdown,
        e.replacement,
        today,
        s.bodyStart + at,
        e.path,
      );
      if (hit) out.hits.push(hit);
    }
  }
  if (!src.bare.includes('beta')) return;
  for (const m of src.bare.matchAll(ASSISTANTS_SDK_CALL)) {
    const hit = endpointHit(
      `The Assistants API (client.beta.${m[1]})`,
      ASSISTANTS_SHUTDOWN,
      'the Responses API (client.responses.create with client.conversations)',
      today,
      m.index + 1,
      `beta.${m[1]}`,
    );
    if (hit) out.hits.push(hit);
  }
}

/** The offset of the bracket closing the one at `open` (`(`, `[` or `{`), in code with strings blanked. */
function closing(bare: string, open: number): number {
  let depth = 0;
  for (let i = open; i < bare.length; i++) {
    const c = bare[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return bare.length;
}

function chatOnCompletionsHits(src: LexedSource, out: SourceAnalysis): void {
  const ranges: Array<[number, number, string]> = [];
  // Anchored on the dot, not on the word before it: a leading \w+ would be retried at every word.
  for (const m of src.bare.matchAll(/\.\s*(completions|Completion)\s*\.\s*create\s*\(/g)) {
    const owner = /(\w+)\s*$/.exec(src.bare.slice(Math.max(0, m.index - 60), m.index))?.[1] ?? '';
    if (owner === 'chat') continue;
    const open = m.index + m[0].length - 1;
    ranges.push([open, closing(src.bare, open), `${owner}.${m[1]}.create`]);
  }
  // A URL literal is a request only with the call it is an argument of (`post(".../v1/completions", json=…)`).
  for (const u of src.strings) {
    if (!/\/v1\/completions(?:$|[?#])/.test(u.value)) continue;
    const open = enclosingOpen(src.bare, u.start, '(');
    if (open !== undefined) ranges.push([open, closing(src.bare, open), `the request to ${u.value}`]);
  }
  for (const s of src.strings) {
    if (s.interpolated || !CHAT_MODEL.test(s.value) || !inModelContext(src, s)) continue;
    const call = ranges.find(([a, b]) => s.start > a && s.end <= b);
    if (!call) continue;
    out.hits.push({
      ruleId: 'lint/chat-model-on-completions',
      offset: s.bodyStart,
      endOffset: s.bodyEnd,
      subject: s.value,
      message: call[2].startsWith('the request')
        ? `${s.value} is a chat model, but ${call[2]} sends it to /v1/completions: the request fails ("This is a chat model and not supported in the v1/completions endpoint").`
        : `${s.value} is a chat model, but ${call[2]}() sends it to /v1/completions: the request fails ("This is a chat model and not supported in the v1/completions endpoint").`,
      fix: 'Call client.chat.completions.create (POST /v1/chat/completions) or the Responses API with a messages/input list.',
    });
  }
}

/**
 * Each bracket still open at `at`, nearest first, looking back at most `reach` characters of code with
 * strings blanked: what a literal is an item, an argument or a value of.
 */
function* openersBefore(bare: string, at: number, reach: number): Generator<number> {
  let depth = 0;
  for (let i = at - 1; i >= 0 && i > at - reach; i--) {
    const c = bare[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) depth--;
      else yield i;
    }
  }
}

/** The nearest unclosed bracket before `at` when it is a `kind`. */
function enclosingOpen(bare: string, at: number, kind: '(' | '[' | '{'): number | undefined {
  for (const i of openersBefore(bare, at, 4000)) return bare[i] === kind ? i : undefined;
  return undefined;
}

/** The nearest unclosed `(` before `at`, past any open `[` or `{`: the call a value is an argument of. */
function enclosingCall(bare: string, at: number, reach = 3000): number | undefined {
  for (const i of openersBefore(bare, at, reach)) if (bare[i] === '(') return i;
  return undefined;
}

function pySdkCalls(src: LexedSource, out: SourceAnalysis): void {
  // 0.x module style is `openai.ChatCompletion…` on the imported module, nothing else named openai.
  const aliases = new Set<string>();
  if (/^[ \t]*import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*openai\b(?![ \t]+as\b|\.)/m.test(src.bare))
    aliases.add('openai');
  for (const m of src.bare.matchAll(/^[ \t]*import[ \t]+openai[ \t]+as[ \t]+(\w+)/gm)) aliases.add(m[1]!);
  // Code that handles the removal (catches or asserts APIRemovedInV1) is not calling the old API.
  if (/\bAPIRemovedInV1\b/.test(src.bare)) return;
  const names = [...aliases].join('|') || '(?!)';
  const resources = Object.keys(PY_REMOVED_RESOURCES).join('|');
  for (const m of src.bare.matchAll(
    new RegExp(`\\b(${names})\\s*\\.\\s*(${resources})\\b(?:\\s*\\.\\s*(\\w+))?`, 'g'),
  )) {
    const method = m[3] ?? '';
    out.sdkCalls.push({
      offset: m.index,
      style: 'old',
      call: `${m[1]}.${m[2]}${method ? `.${method}` : ''}`,
      replacement: pyReplacement(m[2]!, method),
    });
  }
  for (const m of src.bare.matchAll(new RegExp(`\\b(${names})\\s*\\.\\s*error\\s*\\.\\s*(\\w+)`, 'g'))) {
    out.sdkCalls.push({
      offset: m.index,
      style: 'old',
      call: `${m[1]}.error.${m[2]}`,
      replacement: `openai.${m[2]}`,
    });
  }
  // `from openai import ChatCompletion` then `ChatCompletion.create(…)`.
  const imported = new Set<string>();
  for (const m of src.bare.matchAll(/^[ \t]*from[ \t]+openai[ \t]+import[ \t]+\(?([\w ,\t\n]+)\)?/gm)) {
    for (const n of m[1]!.split(',').map((x) => x.trim().split(/\s+/)[0]!))
      if (PY_REMOVED_RESOURCES[n]) imported.add(n);
  }
  if (imported.size > 0) {
    for (const m of src.bare.matchAll(
      new RegExp(`(?<![\\w.])(${[...imported].join('|')})\\s*\\.\\s*(\\w+)`, 'g'),
    )) {
      out.sdkCalls.push({
        offset: m.index,
        style: 'old',
        call: `${m[1]}.${m[2]}`,
        replacement: pyReplacement(m[1]!, m[2]!),
      });
    }
  }
  for (const m of src.bare.matchAll(PY_V1_MARK)) {
    out.sdkCalls.push({
      offset: m.index,
      style: 'new',
      call: m[0].replace(/\s+/g, ' ').replace(/\($/, '()').trim(),
    });
    break; // one mark is enough to know which SDK the file is written for
  }
}

const NODE_REMOVED_CALL = new RegExp(`\\.\\s*(${Object.keys(NODE_REMOVED_METHODS).join('|')})\\s*\\(`, 'g');

/**
 * `OpenAIApi` bound to v4's client under v3's name: `const { OpenAI: OpenAIApi } = require("openai")`
 * (AnythingLLM does so in 81 files), `import { OpenAI as OpenAIApi }`, a default import or a
 * `require` of the whole module (which is the `OpenAI` class from v4 on).
 */
const OPENAI_API_ALIAS =
  /\bOpenAI\s*:\s*OpenAIApi\b|\bOpenAI\s+as\s+OpenAIApi\b|\bimport\s+OpenAIApi\s+from\b|\bOpenAIApi\s*=\s*require\s*\(/;

const IMPORT_FROM = /\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']([^"']+)["']/g;
const REQUIRE_FROM =
  /\b(?:const|let|var)\s+(?:([\w$]+)|\{([^}]*)\})\s*=\s*require\s*\(\s*["']([^"']+)["']\s*\)/g;

/**
 * The names a file binds from modules other than the SDK: Continue's `Configuration` from its own
 * OpenAPI client, and its `OpenAIApi` adapter class from `./OpenAI.js`, are not v3's.
 */
function importedElsewhere(code: string): Set<string> {
  const names = new Set<string>();
  for (const re of [IMPORT_FROM, REQUIRE_FROM])
    for (const m of code.matchAll(re)) {
      if (m[3] === 'openai') continue;
      if (m[1]) names.add(m[1]);
      for (const part of (m[2] ?? '').split(','))
        names.add(
          part
            .trim()
            .split(/\s+as\s+|\s*:\s*/)
            .pop()!
            .trim(),
        );
    }
  return names;
}

function nodeSdkCalls(src: LexedSource, out: SourceAnalysis): void {
  const aliased = src.bare.includes('OpenAIApi') && OPENAI_API_ALIAS.test(src.bare);
  let foreign: Set<string> | undefined;
  for (const m of src.bare.matchAll(/\bnew\s+(Configuration|OpenAIApi)\s*\(/g)) {
    if (aliased && m[1] === 'OpenAIApi') continue;
    if ((foreign ??= importedElsewhere(src.code)).has(m[1]!)) continue;
    out.sdkCalls.push({
      offset: m.index,
      style: 'old',
      call: `new ${m[1]}()`,
      replacement: NODE_REMOVED_CLASSES[m[1]!],
    });
  }
  // A removed method is one called on what v3 exposed: an OpenAIApi instance, by the name it is kept
  // under (under the alias, v4's client, which lacks them too).
  const instances = new Set<string>();
  // Methods of the project's own `OpenAIApi` (an adapter class) are not v3's.
  if ((foreign ?? importedElsewhere(src.code)).has('OpenAIApi')) return nodeV4Mark(src, out);
  for (const m of src.bare.matchAll(
    /(?:\b([A-Za-z_$][\w$]*)\s*[:=]\s*|\bthis\s*\.\s*([A-Za-z_$][\w$]*)\s*=\s*)new\s+OpenAIApi\s*\(/g,
  ))
    instances.add(m[1] ?? m[2]!);
  for (const m of src.bare.matchAll(NODE_REMOVED_CALL)) {
    const receiver = /([A-Za-z_$][\w$]*)\s*(?:\)\s*)?$/.exec(
      src.bare.slice(Math.max(0, m.index - 80), m.index),
    )?.[1];
    const onNew = /new\s+OpenAIApi\s*\([^()]*\)\s*$/.test(
      src.bare.slice(Math.max(0, m.index - 200), m.index),
    );
    if (!onNew && (!receiver || !instances.has(receiver))) continue;
    out.sdkCalls.push({
      offset: m.index + 1,
      style: 'old',
      call: `${m[1]}()`,
      replacement: NODE_REMOVED_METHODS[m[1]!],
    });
  }
  nodeV4Mark(src, out);
}

/** The file's first call of the v4 API, if any: one mark is enough to know which SDK it is written for. */
function nodeV4Mark(src: LexedSource, out: SourceAnalysis): void {
  for (const m of src.code.matchAll(NODE_V4_MARK)) {
    // Comments are already blanked in `code`; the mark must not sit inside a string literal.
    if (src.bare[m.index] !== src.code[m.index]) continue;
    out.sdkCalls.push({
      offset: m.index,
      style: 'new',
      call: m[0].replace(/\s+/g, ' ').replace(/\($/, '()').trim(),
    });
    break;
  }
}

// ---------------------------------------------------------------------------------------------
// Headers

interface HeaderSite {
  name: string;
  /** `colon`: a key of an object or dict literal; otherwise set one at a time (subscript, call). */
  kind: 'colon' | 'other';
  offset: number;
  valueStart: number;
  valueEnd: number;
}

const HEADER_NAMES = new Set(['authorization', 'api-key', 'x-api-key', 'anthropic-version']);

/** The end of a value expression: the first `,` `;` or unbalanced closer at depth 0, or a line end. */
function valueEnd(bare: string, from: number): number {
  let depth = 0;
  for (let i = from; i < bare.length; i++) {
    const c = bare[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';' || c === '\n')) return i;
  }
  return bare.length;
}

function headerSites(language: SourceLanguage, src: LexedSource): HeaderSite[] {
  const sites: HeaderSite[] = [];
  const push = (name: string, offset: number, valueStart: number, kind: HeaderSite['kind']): void => {
    const vs = valueStart + (/^\s*/.exec(src.bare.slice(valueStart, valueStart + 200))?.[0].length ?? 0);
    sites.push({ name, kind, offset, valueStart: vs, valueEnd: valueEnd(src.bare, vs) });
  };
  for (const s of src.strings) {
    const name = s.value.toLowerCase();
    if (s.interpolated || !HEADER_NAMES.has(name)) continue;
    const after = src.bare.slice(s.end, s.end + 200);
    const before = src.bare.slice(Math.max(0, s.start - 80), s.start);
    const colon = /^\s*:(?!:)/.exec(after);
    const subscript = /\[\s*$/.test(before) ? /^\s*\]\s*=(?!=)/.exec(after) : null;
    const callArg = /\b(?:setHeader|set|append|header|putHeader|setRequestHeader)\s*\(\s*$/.test(before)
      ? /^\s*,/.exec(after)
      : null;
    const m = colon ?? subscript ?? callArg;
    if (m) push(name, s.start, s.end + m[0].length, m === colon ? 'colon' : 'other');
  }
  if (language === 'js' && src.bare.includes('Authorization')) {
    for (const m of src.bare.matchAll(/(?<![\w$."'`-])(Authorization)\s*:(?!:)/g))
      push('authorization', m.index, m.index + m[0].length, 'colon');
  }
  return sites;
}

const KEY_REF = /api[_-]?key|apikey|_KEY\b|KEY\b|secret/i;
const OTHER_SCHEME = /\b(?:basic|token|bot|digest|dpop|negotiate)\b/i;

/**
 * Whether the header sits in an object literal that is the whole set of headers: not set one at a
 * time into a bag merged elsewhere, not beside a spread of other headers (a proxy forwarding the
 * caller's, a transformation added to a client's own). Only then is a missing header missing.
 */
function isWholeHeaderLiteral(src: LexedSource, site: HeaderSite): boolean {
  if (site.kind !== 'colon') return false;
  for (const i of openersBefore(src.bare, site.offset, 3000)) {
    if (src.bare[i] !== '{') return false;
    const body = src.bare.slice(i, closing(src.bare, i));
    return !body.includes('...') && !/\*\*\w/.test(body) && inRequestCall(src, i);
  }
  return false;
}

/** An HTTP request made here: `fetch(`, `requests.post(`, `httpx.post(`, `axios(`… around the headers. */
const REQUEST_CALL = /\b(?:fetch|get|post|put|patch|request|axios|got|ky|urlopen|Request|stream)\s*\($/;

function inRequestCall(src: LexedSource, at: number): boolean {
  const call = enclosingCall(src.bare, at);
  if (call !== undefined) return REQUEST_CALL.test(src.bare.slice(Math.max(0, call - 40), call + 1));
  // `headers = {...}` on its own, sent by a request in the same file.
  return /\b(?:fetch|requests\.\w+|httpx\.\w+|axios(?:\.\w+)?)\s*\(/.test(src.bare);
}

/**
 * Whether the object literal a header is a key of also sends `Authorization: Bearer`, at any depth
 * (`...(key && { Authorization: … })`): the key goes in both, for OpenAI and for the Azure or
 * Anthropic-style servers the same client serves (Continue), and OpenAI reads the one it knows.
 */
function besideBearer(src: LexedSource, site: HeaderSite, sites: readonly HeaderSite[]): boolean {
  if (site.kind !== 'colon') return false;
  const open = enclosingOpen(src.bare, site.offset, '{');
  if (open === undefined) return false;
  const close = closing(src.bare, open);
  return sites.some(
    (o) =>
      o.name === 'authorization' &&
      o.offset > open &&
      o.offset < close &&
      /\bbearer\b/i.test(src.code.slice(o.valueStart, o.valueEnd)),
  );
}

const ANTHROPIC_HOST = /^api\.anthropic\.com$/;
const URL_HOST = /^https?:\/\/([\w.-]+)/;
/** How far a request's URL is looked for around its headers. */
const URL_REACH = 2000;

/**
 * Whether the URL nearest a header (before or after it, within reach) is of another host than
 * `host`: the headers are then that request's. Firecrawl's examples call api.anthropic.com with
 * `x-api-key` and their own API with `Authorization: Bearer`, in one file.
 */
function sentElsewhere(src: LexedSource, site: HeaderSite, host: RegExp): boolean {
  let nearest: string | undefined;
  let distance = URL_REACH;
  for (const s of src.strings) {
    const d = Math.abs(s.start - site.offset);
    if (d >= distance) continue;
    const url = URL_HOST.exec(s.value);
    if (url) [nearest, distance] = [url[1]!, d];
  }
  return nearest !== undefined && !host.test(nearest);
}

function headerHits(language: SourceLanguage, src: LexedSource, out: SourceAnalysis): void {
  const sites = headerSites(language, src);
  if (sites.length === 0) return;
  const strings = src.strings.map((s) => s.value).join('\n');
  const toOpenAI = /\bapi\.openai\.com\b/.test(strings);
  const toAzure = /\.openai\.azure\.com\b/.test(strings) || /\bAZURE_OPENAI_ENDPOINT\b/.test(src.code);
  const azureV1 = /\/openai\/v1\b/.test(strings);
  const toAnthropic = /\bapi\.anthropic\.com\b/.test(strings);
  const hasAnthropicVersion = src.strings.some((s) => s.value.toLowerCase() === 'anthropic-version');
  let versionReported = false;
  for (const site of sites) {
    const valueText = src.code.slice(site.valueStart, site.valueEnd);
    const inValue = src.strings.filter((s) => s.start >= site.valueStart && s.end <= site.valueEnd);
    const hit = (ruleId: string, subject: string, message: string, fix: string): void => {
      out.hits.push({ ruleId, offset: site.offset, subject, message, fix });
    };
    if (site.name === 'authorization') {
      const glued = inValue.find(
        (s) =>
          /Bearer(?:\{|%s|\$\{)/.test(s.value) ||
          (/Bearer$/.test(s.value) &&
            (/^\s*\+/.test(src.bare.slice(s.end, s.end + 20)) || src.text.startsWith('${', s.bodyEnd))),
      );
      const bearer = /\bbearer\b/i.test(valueText);
      // A scheme word of the author's own before the key (`Api-Key {key}`, Yandex's): another API's
      // scheme, chosen on purpose, like the schemes OTHER_SCHEME names. It opens the value (after an
      // `f` or a quote), not a default's text further in (`getenv("KEY", "not set")`).
      const first = inValue[0];
      const ownScheme =
        first !== undefined && first.start - site.valueStart <= 2 && /^[A-Za-z][\w.-]*\s/.test(first.value);
      if (glued) {
        hit(
          'lint/bearer-without-space',
          'bearer-glued',
          'The Authorization header is "Bearer" joined to the key without a space: the API does not see a bearer credential and answers 401 "You didn\'t provide an API key".',
          'Write "Bearer " with one space before the key (e.g. f"Bearer {key}" / `Bearer ${key}`).',
        );
      } else if (!bearer && !ownScheme && !OTHER_SCHEME.test(valueText) && KEY_REF.test(valueText)) {
        if (toAnthropic && !toOpenAI && !sentElsewhere(src, site, ANTHROPIC_HOST)) {
          hit(
            'lint/anthropic-headers',
            'authorization-to-anthropic',
            'The key is sent in an Authorization header to api.anthropic.com, which reads it only from x-api-key: the API answers 401.',
            'Send `x-api-key: <key>` and `anthropic-version: 2023-06-01`.',
          );
        } else {
          hit(
            'lint/auth-header-without-bearer',
            'authorization-bare-key',
            'The Authorization header carries the key without the "Bearer " scheme: the API answers 401 "You didn\'t provide an API key".',
            'Send `Authorization: Bearer <key>`.',
          );
        }
      } else if (
        bearer &&
        toAnthropic &&
        !toOpenAI &&
        !/token|oauth|access/i.test(valueText) &&
        !sentElsewhere(src, site, ANTHROPIC_HOST)
      ) {
        // A bearer OAuth token is how Claude's OAuth clients authenticate; an API key as bearer is not.
        hit(
          'lint/anthropic-headers',
          'bearer-to-anthropic',
          'The key is sent as `Authorization: Bearer` to api.anthropic.com, which takes API keys only in x-api-key: the API answers 401.',
          'Send `x-api-key: <key>` and `anthropic-version: 2023-06-01`.',
        );
      } else if (
        bearer &&
        toAzure &&
        !toOpenAI &&
        !azureV1 &&
        KEY_REF.test(valueText) &&
        !/token|credential|entra|aad/i.test(valueText)
      ) {
        hit(
          'lint/bearer-to-azure',
          'bearer-to-azure',
          'An API key is sent as `Authorization: Bearer` to an Azure OpenAI endpoint: the deployment endpoints take keys in the `api-key` header and answer 401 "Access denied due to invalid subscription key or wrong API endpoint".',
          'Send the key as `api-key: <key>`, or use a Microsoft Entra ID token as the bearer.',
        );
      }
    } else if (site.name === 'api-key' && toOpenAI && !toAzure && !besideBearer(src, site, sites)) {
      hit(
        'lint/api-key-header-to-openai',
        'api-key-to-openai',
        'The key is sent in an `api-key` header to api.openai.com, which reads only `Authorization: Bearer`: the API answers 401 "You didn\'t provide an API key".',
        'Send `Authorization: Bearer <key>` (`api-key` is the Azure OpenAI header).',
      );
    } else if (site.name === 'x-api-key' && toOpenAI && !toAnthropic && !besideBearer(src, site, sites)) {
      hit(
        'lint/x-api-key-to-openai',
        'x-api-key-to-openai',
        'The key is sent in an `x-api-key` header to api.openai.com, which reads only `Authorization: Bearer`: the API answers 401 "You didn\'t provide an API key".',
        'Send `Authorization: Bearer <key>` (`x-api-key` is the Anthropic header).',
      );
    }
    if (
      toAnthropic &&
      !hasAnthropicVersion &&
      !versionReported &&
      (site.name === 'x-api-key' || site.name === 'authorization') &&
      isWholeHeaderLiteral(src, site)
    ) {
      versionReported = true;
      hit(
        'lint/anthropic-headers',
        'anthropic-version-missing',
        'The request to api.anthropic.com sets no `anthropic-version` header, which the API requires: it answers 400.',
        'Add `anthropic-version: 2023-06-01` to the headers.',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Key handling

const KEY_NAME = /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET)(?:_|$)/i;
/** The key of an LLM provider (or the generic name the SDKs' examples use), not any service's token. */
const LLM_KEY_NAME =
  /^(?:API_KEY|.*(?:OPENAI|ANTHROPIC|CLAUDE|AZURE|LLM|GPT|GEMINI|GOOGLE_AI|MISTRAL|GROQ|COHERE|DEEPSEEK|XAI|OPENROUTER|TOGETHER|FIREWORKS|PERPLEXITY).*)$/i;
const PLACEHOLDER_KEY = /your|here\b|xxx|<[^>]*>|\.\.\.|replace|insert|enter|placeholder|\u{1F511}/iu;
/** A literal that says it is not a key: an example showing what an invalid key does. */
const DELIBERATELY_INVALID = /invalid|wrong|bad[-_ ]?key|incorrect/i;

interface EnvRead {
  name: string;
  offset: number;
  /** The literal used when the variable is unset. */
  fallback?: StringLiteral;
}

function literalAt(src: LexedSource, offset: number): StringLiteral | undefined {
  return src.strings.find((s) => s.start === offset);
}

function envReads(language: SourceLanguage, src: LexedSource): EnvRead[] {
  const reads: EnvRead[] = [];
  if (language === 'python') {
    for (const m of src.bare.matchAll(/\b(?:getenv|environ\s*\.\s*get|environ\s*\[)\s*\(?\s*/g)) {
      const nameLit = literalAt(src, m.index + m[0].length);
      if (!nameLit) continue;
      const sep = /^\s*,\s*/.exec(src.bare.slice(nameLit.end, nameLit.end + 100));
      const fallback = sep && !m[0].includes('[') ? literalAt(src, nameLit.end + sep[0].length) : undefined;
      reads.push({ name: nameLit.value, offset: m.index, fallback });
    }
  } else {
    for (const m of src.bare.matchAll(/\bprocess\s*\.\s*env\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*)/g)) {
      let name = m[1];
      let end = m.index + m[0].length;
      if (!name) {
        const lit = literalAt(src, end);
        if (!lit) continue;
        name = lit.value;
        const close = /^\s*\]/.exec(src.bare.slice(lit.end, lit.end + 20));
        if (!close) continue;
        end = lit.end + close[0].length;
      }
      const op = /^\s*(?:\|\||\?\?)\s*/.exec(src.bare.slice(end, end + 40));
      reads.push({ name, offset: m.index, fallback: op ? literalAt(src, end + op[0].length) : undefined });
    }
  }
  return reads;
}

const CLIENT_CTOR =
  /(?:^|[^\w$])(?:new\s+)?((?:Async)?(?:Azure)?(?:OpenAI|Anthropic|ChatOpenAI|ChatAnthropic|AzureChatOpenAI|OpenAIApi|Configuration|OpenAIClient))\s*\(\s*\{?\s*$/;

/**
 * Whether the literal is an argument of a client constructor: the nearest unclosed `(` follows a client
 * class, not one of the project's own by that name (Continue's `OpenAIApi` adapter, in JavaScript).
 */
function inClientConstructor(language: SourceLanguage, src: LexedSource, at: number): boolean {
  for (const i of openersBefore(src.bare, at, 3000)) {
    if (src.bare[i] === '{') continue; // JS options object: look for the call around it
    const ctor = CLIENT_CTOR.exec(src.bare.slice(Math.max(0, i - 60), i + 1).replace(/\s+$/, ''))?.[1];
    return ctor !== undefined && !(language === 'js' && importedElsewhere(src.code).has(ctor));
  }
  return false;
}

/** The options that give a client its server: OpenAI's SDKs and LangChain's, then Azure's. */
const SERVER_OPTIONS = ['base_url', 'baseURL', 'baseUrl', 'api_base', 'openai_api_base'];
const AZURE_SERVER_OPTIONS = ['azure_endpoint', 'endpoint'];
const optionSet = (names: readonly string[]): RegExp => new RegExp(`\\b(?:${names.join('|')})\\s*[=:]\\s*`);
/** A client's server option, its value next. */
const SERVER_OPTION = optionSet(SERVER_OPTIONS);
const ANY_SERVER_OPTION = optionSet([...SERVER_OPTIONS, ...AZURE_SERVER_OPTIONS]);

/**
 * Whether the client call around a literal sets its own server (`base_url=`, `baseURL:`): the literal
 * is then the key of that server (a local model server, a proxy), often a placeholder it ignores.
 */
function pointsElsewhere(src: LexedSource, at: number): boolean {
  const from = enclosingCall(src.bare, at);
  if (from === undefined) return false;
  return ANY_SERVER_OPTION.test(src.bare.slice(from, closing(src.bare, from)));
}

/**
 * A default that holds only under a condition: `os.getenv("OPENAI_API_KEY", "placeholder" if base_url
 * else None)` (khoj, for a local server) or `base ? "placeholder" : undefined`. Chosen on purpose.
 */
function isConditional(src: LexedSource, lit: StringLiteral): boolean {
  return (
    /^\s+if\b/.test(src.bare.slice(lit.end, lit.end + 10)) ||
    /(?<![?])\?\s*$/.test(src.bare.slice(Math.max(0, lit.start - 10), lit.start))
  );
}

function keyHandlingHits(language: SourceLanguage, src: LexedSource, out: SourceAnalysis): void {
  const reads = envReads(language, src);
  const defaults: Array<{ lit: StringLiteral; what: string }> = [];
  for (const r of reads) {
    if (
      r.fallback &&
      KEY_NAME.test(r.name) &&
      LLM_KEY_NAME.test(r.name) &&
      !pointsElsewhere(src, r.offset) &&
      !isConditional(src, r.fallback)
    )
      defaults.push({ lit: r.fallback, what: `${r.name} falls back to a literal when it is not set` });
  }
  for (const s of src.strings) {
    const before = src.bare.slice(Math.max(0, s.start - 30), s.start);
    if (
      /\b(?:api_key|apiKey)\s*[=:]\s*$/.test(before) &&
      inClientConstructor(language, src, s.start) &&
      !pointsElsewhere(src, s.start)
    ) {
      // A placeholder given to a constructor ("YOUR API KEY HERE") is a blank for the reader to fill,
      // not a default that takes over when the environment is missing.
      if (!PLACEHOLDER_KEY.test(s.value))
        defaults.push({ lit: s, what: 'the client is constructed with a literal API key' });
    }
  }
  for (const { lit, what } of defaults) {
    if (lit.interpolated || lit.value.trim() === '' || DELIBERATELY_INVALID.test(lit.value)) continue;
    out.hits.push({
      ruleId: 'lint/key-default-literal',
      offset: lit.bodyStart,
      endOffset: lit.bodyEnd,
      subject: what,
      message: `${what[0]!.toUpperCase()}${what.slice(1)}: when the real key is missing, requests go out with the literal and fail with 401 invalid_api_key instead of a clear "not set" error.`,
      fix: 'Remove the literal; read the key from the environment only and stop with a clear error when it is missing.',
      secretLiteral: lit.value,
    });
  }
  if (language !== 'python') return;
  for (const m of src.bare.matchAll(
    /^(\w+)\.api_key[ \t]*=[ \t]*(?:os\.)?(?:environ\s*\[|getenv\s*\(|environ\s*\.\s*get\s*\()\s*/gm,
  )) {
    const lit = literalAt(src, m.index + m[0].length);
    if (!lit) continue;
    const other = reads.find((r) => r.name !== lit.value && /OPENAI.*KEY|^API_KEY$/i.test(r.name));
    if (!other) continue;
    out.hits.push({
      ruleId: 'lint/key-read-under-two-names',
      offset: m.index,
      subject: `${lit.value}|${other.name}`,
      message: `${m[1]}.api_key is set from ${lit.value} when the module is imported, but line ${src.position(other.offset).line} reads the key from ${other.name}: whichever one CI sets, the other path runs with a missing or stale key.`,
      fix: `Read the key from one variable (OPENAI_API_KEY is what the SDK reads by itself), in one place.`,
    });
  }
}

/** Each provider's client constructors, the `(` included. */
const CLIENT_OPENINGS: Record<LlmProvider, RegExp> = {
  openai: /(?:^|[^\w$.])(?:new\s+)?(?:Async)?(?:OpenAI|OpenAIApi|createOpenAI|ChatOpenAI)\s*\(/g,
  anthropic: /(?:^|[^\w$.])(?:new\s+)?(?:Async)?(?:Anthropic|createAnthropic|ChatAnthropic)\s*\(/g,
};

/** The value that starts at `from`, up to the `,` or closing bracket that ends it. */
function valueFrom(code: string, from: number): string {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return code.slice(from, i);
      depth--;
    } else if (c === ',' && depth === 0) return code.slice(from, i);
  }
  return code.slice(from);
}
/** The provider's own host, or the SDKs' own override variables, which default to it when unset. */
const OWN_SERVER = /api\.openai\.com|api\.anthropic\.com|OPENAI_BASE_URL|OPENAI_API_BASE|ANTHROPIC_BASE_URL/;
/** A URL to some host, or a variable of the environment, in a server's value. */
const OTHER_SERVER =
  /https?:\/\/[^\s"'`/]|\bprocess\s*\.\s*env\b|\bgetenv\s*\(|\benviron\s*(?:\.\s*get\s*\(|\[)/;
/** A value that only names another: `base_url`, `this.basePath`, `self._stored_base_url`. */
const REFERENCE = /^(?:(?:this|self)\s*\.\s*)?[A-Za-z_$][\w$]*$/;

/**
 * Where a client's server value says it goes: the provider's own server (or its SDK's own override
 * variable, which defaults to it), another one (a URL to another host, a variable of the environment
 * by another name), or unknown. A plain name is followed to where the file assigns it, twice at most.
 */
function serverOf(src: LexedSource, value: string, hops = 2): 'own' | 'other' | 'unknown' {
  const v = value.trim();
  if (OWN_SERVER.test(v)) return 'own';
  if (OTHER_SERVER.test(v)) return 'other';
  if (hops === 0 || !REFERENCE.test(v)) return 'unknown';
  const name = v.replace(/\s+/g, '').replace(/[$.]/g, '\\$&');
  const assigned = new RegExp(`(?<![\\w$.])${name}\\s*(?::[^=\\n]*)?=(?!=)\\s*([^\\n;]*)`).exec(src.code);
  return assigned ? serverOf(src, assigned[1]!, hops - 1) : 'unknown';
}

/**
 * Whether every client of the provider this file constructs is given another server: a literal host
 * (`baseURL: "https://api.cometapi.com/v1"`) or one configured at run time
 * (`baseURL: process.env.GENERIC_OPEN_AI_BASE_PATH`). The file's models go to that server, whose
 * models are not the provider's: its retirements say nothing of them.
 */
function clientsServeElsewhere(src: LexedSource, provider: LlmProvider): boolean {
  let clients = 0;
  for (const m of src.bare.matchAll(CLIENT_OPENINGS[provider])) {
    const open = m.index + m[0].length - 1;
    const args = src.code.slice(open + 1, closing(src.bare, open));
    const server = SERVER_OPTION.exec(args);
    if (!server || serverOf(src, valueFrom(args, server.index + server[0].length)) !== 'other') return false;
    clients++;
  }
  return clients > 0;
}

/** Everything the lint finds in one source file that talks to an LLM provider. */
export function analyzeSource(language: SourceLanguage, src: LexedSource, today: Date): SourceAnalysis {
  const out: SourceAnalysis = { providers: providersOf(language, src), hits: [], sdkCalls: [], models: [] };
  if (out.providers.size === 0) return out;
  const modelProviders = new Set([...out.providers].filter((p) => !clientsServeElsewhere(src, p)));
  modelHits(language, src, modelProviders, today, out);
  if (out.providers.has('openai')) {
    endpointHits(src, today, out);
    chatOnCompletionsHits(src, out);
    if (language === 'python') pySdkCalls(src, out);
    else if (jsImports(src, 'openai')) nodeSdkCalls(src, out);
  }
  headerHits(language, src, out);
  keyHandlingHits(language, src, out);
  return out;
}
