import { randomBytes } from 'node:crypto';

/**
 * Test keys are built at run time from parts, so the repository holds no key-shaped literal (it must
 * pass its own scan, and no host's push protection may block it).
 */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const ALNUM_DASH = ALNUM + '_-';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const HEX = '0123456789abcdef';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters from an alphabet; never starts or ends with `_`/`-` so boundaries stay simple. */
export function body(n: number, alphabet = ALNUM): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s.replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
}

/** base64("OpenAI"): the marker inside every OpenAI key. */
export const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');

const sk = (...parts: string[]): string => ['sk', ...parts].join('-');

export const keys = {
  openaiLegacy: (): string => sk(body(20) + OPENAI_MARKER + body(20)),
  openaiProject: (n = 74): string => sk('proj', body(n, ALNUM_DASH) + OPENAI_MARKER + body(n, ALNUM_DASH)),
  openaiServiceAccount: (n = 74): string =>
    sk('svcacct', body(n, ALNUM_DASH) + OPENAI_MARKER + body(n, ALNUM_DASH)),
  openaiAdmin: (): string => sk('admin', body(58, ALNUM_DASH) + OPENAI_MARKER + body(58, ALNUM_DASH)),
  openaiNone: (): string => sk('None', body(48, ALNUM_DASH)),
  anthropic: (): string => sk('ant', 'api03', body(93, ALNUM_DASH) + 'AA'),
  anthropicAdmin: (): string => sk('ant', 'admin01', body(93, ALNUM_DASH) + 'AA'),
  google: (): string => ['AI', 'za'].join('') + body(35, ALNUM_DASH),
  groq: (): string => ['gs', 'k_'].join('') + body(52),
  huggingface: (): string => ['h', 'f_'].join('') + body(34, LETTERS),
  huggingfaceOrg: (): string => ['api', 'org', ''].join('_') + body(34, LETTERS),
  openrouter: (): string => sk('or', 'v1', body(64, HEX)),
  xai: (): string => ['x', 'ai-'].join('') + body(80, ALNUM),
  perplexity: (): string => ['pp', 'lx-'].join('') + body(48),
  replicate: (): string => ['r', '8_'].join('') + body(37, ALNUM_DASH),
  deepseek: (): string => sk(body(32, LOWER_ALNUM)),
  mistral: (): string => body(32),
  cohere: (): string => body(40),
  azure: (): string => body(32, HEX),
};

export type KeyKind = keyof typeof keys;
