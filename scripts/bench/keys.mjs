// Keys for the benchmark, built at run time from parts (the repository holds no key-shaped literal),
// with the rule each must be reported under and a line to plant it in. The keys come from a seeded
// stream: a corpus built twice holds the same keys.
import { seededBytes } from './random.mjs';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM_DASH = ALNUM + '_-';
const LETTERS = ALNUM.slice(0, 52);
const HEX = '0123456789abcdef';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

let nextBytes = seededBytes('keylint-bench-keys');

/** Restarts the key stream: what is built after it holds the same keys on every run. */
export function seedKeys(seed) {
  nextBytes = seededBytes(seed);
}

function body(n, alphabet = ALNUM) {
  const bytes = nextBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s.replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
}

const MARKER = ['T3Bl', 'bkFJ'].join('');
const sk = (...parts) => ['sk', ...parts].join('-');

/** `prefix` goes before the key on its line, `suffix` after it. */
export const BENCH_KEYS = [
  {
    rule: 'leak/openai-legacy-key',
    make: () => sk(body(20) + MARKER + body(20)),
    prefix: 'OPENAI_API_KEY=',
    suffix: '',
  },
  {
    rule: 'leak/openai-project-key',
    make: () => sk('proj', body(74, ALNUM_DASH) + MARKER + body(74, ALNUM_DASH)),
    prefix: 'const client = new OpenAI({ apiKey: "',
    suffix: '" });',
  },
  {
    rule: 'leak/openai-service-account-key',
    make: () => sk('svcacct', body(46, ALNUM_DASH) + MARKER + body(46, ALNUM_DASH)),
    prefix: '  "openai_key": "',
    suffix: '",',
  },
  {
    rule: 'leak/openai-admin-key',
    make: () => sk('admin', body(58, ALNUM_DASH) + MARKER + body(58, ALNUM_DASH)),
    prefix: 'admin: ',
    suffix: '',
  },
  {
    rule: 'leak/anthropic-api-key',
    make: () => sk('ant', 'api03', body(93, ALNUM_DASH) + 'AA'),
    prefix: "key = '",
    suffix: "'",
  },
  {
    rule: 'leak/google-api-key',
    make: () => ['AI', 'za'].join('') + body(35, ALNUM_DASH),
    prefix: '<k>',
    suffix: '</k>',
  },
  {
    rule: 'leak/groq-api-key',
    make: () => ['gs', 'k_'].join('') + body(52),
    prefix: 'GROQ_API_KEY: ',
    suffix: '',
  },
  {
    rule: 'leak/huggingface-token',
    make: () => ['h', 'f_'].join('') + body(34, LETTERS),
    prefix: '(',
    suffix: ')',
  },
  {
    rule: 'leak/openrouter-api-key',
    make: () => sk('or', 'v1', body(64, HEX)),
    prefix: 'token=',
    suffix: '&x=1',
  },
  {
    rule: 'leak/xai-api-key',
    make: () => ['x', 'ai-'].join('') + body(80),
    prefix: 'XAI_API_KEY="',
    suffix: '"',
  },
  {
    rule: 'leak/perplexity-api-key',
    make: () => ['pp', 'lx-'].join('') + body(48),
    prefix: '`',
    suffix: '`',
  },
  {
    rule: 'leak/replicate-api-token',
    make: () => ['r', '8_'].join('') + body(37, ALNUM_DASH),
    prefix: 'auth ',
    suffix: ';',
  },
  {
    rule: 'leak/deepseek-api-key',
    make: () => sk(body(32, LOWER_ALNUM)),
    prefix: 'DEEPSEEK_API_KEY=',
    suffix: '',
    contextOnly: true,
  },
  {
    rule: 'leak/mistral-api-key',
    make: () => body(32),
    prefix: 'MISTRAL_API_KEY="',
    suffix: '"',
    contextOnly: true,
  },
];
