import { randomBytes } from 'node:crypto';
import { looksMadeUp } from '../../src/detect/placeholders.js';

/**
 * Test keys are built at run time from parts, so the repository holds no key-shaped literal (it must
 * pass its own scan, and no host's push protection may block it).
 */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const ALNUM_DASH = ALNUM + '_-';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const HEX = '0123456789abcdef';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Seeded by the test environment (seeded-environment.js); unseeded outside Jest. */
interface TestRandom {
  seed: string;
  bytes(n: number): ArrayLike<number>;
}
const seeded = (globalThis as { __keylintTestRandom?: TestRandom }).__keylintTestRandom;

/** Random bytes for key bodies: from the run's seed, so a failing test's keys can be made again. */
export function randomKeyBytes(n: number): ArrayLike<number> {
  return seeded ? seeded.bytes(n) : randomBytes(n);
}

/** The seed of this run's test keys (`KEYLINT_TEST_SEED` reproduces them), or undefined when unseeded. */
export function keySeed(): string | undefined {
  return seeded?.seed;
}

/** A version-4 UUID from the seeded bytes. */
export function randomUuid(): string {
  const b = Array.from(randomKeyBytes(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/**
 * Random characters from an alphabet; never starts or ends with `_`/`-` so boundaries stay simple,
 * and never looks made up by chance (a stopword, a walk: about one key in 10^5 would), so no test flakes.
 */
export function body(n: number, alphabet = ALNUM): string {
  for (;;) {
    const bytes = randomKeyBytes(n);
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
    s = s.replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
    if (!looksMadeUp(s)) return s;
  }
}

/** base64("OpenAI"): the marker inside every OpenAI key. */
export const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');

const sk = (...parts: string[]): string => ['sk', ...parts].join('-');
/** A prefix written in two parts, so that no prefix literal sits in the repository next to a body. */
const pre = (a: string, b: string): string => a + b;

/** Fills `n` characters of a key body from an alphabet: `body` for real-shape keys, a constant run for placeholders. */
export type Fill = (n: number, alphabet: string) => string;

/** Every key shape, with its body left to a filler: `shapes.groq(body)` is a real-shape key. */
export const shapes = {
  openaiLegacy: (f: Fill): string => sk(f(20, ALNUM) + OPENAI_MARKER + f(20, ALNUM)),
  openaiProject: (f: Fill, n = 74): string => sk('proj', f(n, ALNUM_DASH) + OPENAI_MARKER + f(n, ALNUM_DASH)),
  openaiServiceAccount: (f: Fill, n = 74): string =>
    sk('svcacct', f(n, ALNUM_DASH) + OPENAI_MARKER + f(n, ALNUM_DASH)),
  openaiServiceNamed: (f: Fill, name = 'ci-bot'): string =>
    sk('service', name, f(58, ALNUM_DASH) + OPENAI_MARKER + f(58, ALNUM_DASH)),
  openaiAdmin: (f: Fill): string => sk('admin', f(58, ALNUM_DASH) + OPENAI_MARKER + f(58, ALNUM_DASH)),
  openaiNone: (f: Fill): string => sk('None', f(48, ALNUM_DASH)),
  openaiNoneLong: (f: Fill, n = 74): string =>
    sk('None', f(n, ALNUM_DASH) + OPENAI_MARKER + f(n, ALNUM_DASH)),
  anthropic: (f: Fill): string => sk('ant', 'api03', f(93, ALNUM_DASH) + 'AA'),
  anthropicAdmin: (f: Fill): string => sk('ant', 'admin01', f(93, ALNUM_DASH) + 'AA'),
  google: (f: Fill): string => ['AI', 'za'].join('') + f(35, ALNUM_DASH),
  groq: (f: Fill): string => ['gs', 'k_'].join('') + f(52, ALNUM),
  huggingface: (f: Fill): string => ['h', 'f_'].join('') + f(34, LETTERS),
  huggingfaceOrg: (f: Fill): string => ['api', 'org', ''].join('_') + f(34, LETTERS),
  openrouter: (f: Fill): string => sk('or', 'v1', f(64, HEX)),
  xai: (f: Fill): string => ['x', 'ai-'].join('') + f(80, ALNUM),
  perplexity: (f: Fill): string => ['pp', 'lx-'].join('') + f(48, ALNUM),
  replicate: (f: Fill): string => ['r', '8_'].join('') + f(37, ALNUM_DASH),
  deepseek: (f: Fill): string => sk(f(32, LOWER_ALNUM)),
  mistral: (f: Fill): string => f(32, ALNUM),
  cohere: (f: Fill): string => f(40, ALNUM),
  azure: (f: Fill): string => f(32, HEX),
  azureLong: (f: Fill): string => f(84, ALNUM),
  anthropicV4: (f: Fill): string => sk('ant', 'api04', f(93, ALNUM_DASH) + 'AA'),
  anthropicAdmin2: (f: Fill): string => sk('ant', 'admin02', f(93, ALNUM_DASH) + 'AA'),
  huggingfaceDigits: (f: Fill): string => pre('h', 'f_') + f(17, ALNUM) + '7' + f(16, ALNUM),
  /** An `AIza` key that does not go on `Sy`, as today's Google keys do. */
  googleNotSy: (f: Fill): string => pre('AI', 'za') + 'Q' + f(34, ALNUM_DASH),
  nvidia: (f: Fill): string => pre('nv', 'api-') + f(64, ALNUM_DASH),
  elevenlabs: (f: Fill): string => pre('s', 'k_') + f(48, HEX),
  elevenlabsLegacy: (f: Fill): string => f(32, HEX),
  langsmith: (f: Fill): string => pre('lsv', '2_pt_') + f(32, HEX) + '_' + f(10, HEX),
  langsmithService: (f: Fill): string => pre('lsv', '2_sk_') + f(32, HEX) + '_' + f(10, HEX),
  langfuse: (f: Fill): string => sk('lf', f(8, HEX), f(4, HEX), f(4, HEX), f(4, HEX), f(12, HEX)),
  pinecone: (f: Fill): string => pre('pc', 'sk_') + f(6, ALNUM) + '_' + f(63, ALNUM),
  sourcegraph: (f: Fill): string => pre('sg', 'p_') + f(16, HEX) + '_' + f(40, HEX),
  sourcegraphOld: (f: Fill): string => pre('sg', 'p_') + f(40, HEX),
  sourcegraphLicense: (f: Fill): string => pre('sl', 'k_') + f(64, HEX),
  cerebras: (f: Fill): string => pre('cs', 'k-') + f(48, LOWER_ALNUM),
  together: (f: Fill): string => pre('tgp', '_v1_') + f(43, ALNUM_DASH),
  togetherLegacy: (f: Fill): string => f(64, HEX),
  wandb: (f: Fill): string => pre('wandb', '_v1_') + f(77, ALNUM + '_'),
  wandbLegacy: (f: Fill): string => f(40, HEX),
  jina: (f: Fill): string => pre('ji', 'na_') + f(60, ALNUM),
  braintrust: (f: Fill): string => sk(f(48, ALNUM)),
  moonshot: (f: Fill): string => sk(f(48, ALNUM)),
  dashscope: (f: Fill): string => sk(f(32, HEX)),
  deepgram: (f: Fill): string => f(40, HEX),
  assemblyai: (f: Fill): string => f(32, HEX),
  clarifai: (f: Fill): string => f(32, HEX),
  deepai: (f: Fill): string => [f(8, HEX), f(4, HEX), f(4, HEX), f(4, HEX), f(12, HEX)].join('-'),
  aws: (f: Fill): string => pre('AK', 'IA') + f(16, UPPER_ALNUM),
  gcpKeyId: (f: Fill): string => f(40, HEX),
};

export const keys = {
  openaiLegacy: (): string => shapes.openaiLegacy(body),
  openaiProject: (n = 74): string => shapes.openaiProject(body, n),
  openaiServiceAccount: (n = 74): string => shapes.openaiServiceAccount(body, n),
  openaiServiceNamed: (name = 'ci-bot'): string => shapes.openaiServiceNamed(body, name),
  openaiAdmin: (): string => shapes.openaiAdmin(body),
  openaiNone: (): string => shapes.openaiNone(body),
  openaiNoneLong: (n = 74): string => shapes.openaiNoneLong(body, n),
  anthropic: (): string => shapes.anthropic(body),
  anthropicAdmin: (): string => shapes.anthropicAdmin(body),
  google: (): string => shapes.google(body),
  groq: (): string => shapes.groq(body),
  huggingface: (): string => shapes.huggingface(body),
  huggingfaceOrg: (): string => shapes.huggingfaceOrg(body),
  openrouter: (): string => shapes.openrouter(body),
  xai: (): string => shapes.xai(body),
  perplexity: (): string => shapes.perplexity(body),
  replicate: (): string => shapes.replicate(body),
  deepseek: (): string => shapes.deepseek(body),
  mistral: (): string => shapes.mistral(body),
  cohere: (): string => shapes.cohere(body),
  azure: (): string => shapes.azure(body),
  azureLong: (): string => shapes.azureLong(body),
  anthropicV4: (): string => shapes.anthropicV4(body),
  anthropicAdmin2: (): string => shapes.anthropicAdmin2(body),
  huggingfaceDigits: (): string => shapes.huggingfaceDigits(body),
  googleNotSy: (): string => shapes.googleNotSy(body),
  nvidia: (): string => shapes.nvidia(body),
  elevenlabs: (): string => shapes.elevenlabs(body),
  elevenlabsLegacy: (): string => shapes.elevenlabsLegacy(body),
  langsmith: (): string => shapes.langsmith(body),
  langsmithService: (): string => shapes.langsmithService(body),
  langfuse: (): string => shapes.langfuse(body),
  pinecone: (): string => shapes.pinecone(body),
  sourcegraph: (): string => shapes.sourcegraph(body),
  sourcegraphOld: (): string => shapes.sourcegraphOld(body),
  sourcegraphLicense: (): string => shapes.sourcegraphLicense(body),
  cerebras: (): string => shapes.cerebras(body),
  together: (): string => shapes.together(body),
  togetherLegacy: (): string => shapes.togetherLegacy(body),
  wandb: (): string => shapes.wandb(body),
  wandbLegacy: (): string => shapes.wandbLegacy(body),
  jina: (): string => shapes.jina(body),
  braintrust: (): string => shapes.braintrust(body),
  moonshot: (): string => shapes.moonshot(body),
  dashscope: (): string => shapes.dashscope(body),
  deepgram: (): string => shapes.deepgram(body),
  assemblyai: (): string => shapes.assemblyai(body),
  clarifai: (): string => shapes.clarifai(body),
  deepai: (): string => shapes.deepai(body),
  aws: (): string => shapes.aws(body),
  gcpKeyId: (): string => shapes.gcpKeyId(body),
};

export type KeyKind = keyof typeof keys;
