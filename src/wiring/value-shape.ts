import { DETECTORS, type Detector } from '../detect/detectors.js';
import { withArticle } from './make-finding.js';
import { isLlmKeyName } from './names.js';
import { isPlaceholder, shannonEntropy } from '../detect/placeholders.js';

/** The status words of the `key-status` output. */
export const KEY_STATUSES = [
  'ok',
  'missing',
  'empty',
  'malformed',
  'wrong-provider',
  'placeholder',
  'unknown',
] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/** What is wrong with a value, said without any part of it. */
export interface ValueShape {
  status: KeyStatus;
  /** Problems found, in words (`a trailing newline`, `wrapping quotes`). */
  problems: string[];
  /** The detector the value (once cleaned of the problems) matches. */
  detector?: Pick<Detector, 'provider' | 'kind' | 'admin'>;
  /** The cleaned value, for registration as a secret; never printed. */
  core: string;
  length: number;
}

/** Stand-ins people put in a secret while setting things up. */
const PLACEHOLDER_VALUES =
  /^(?:<[^>]*>|\$\{\{.*\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|x+|\*+|\.+|-+|todo|tbd|none|null|undefined|changeme|secret|test|dummy|fake|key|api[-_ ]?key|(?:sk-)?\.\.\.|sk-x+|sk-\*+|your[-_ ].*|.*(?:your|my)[-_]?(?:api[-_]?)?key.*|.*[-_]here)$/i;

/** The literal start of a detector pattern (`sk-proj-`, `AIza`), for "this looks like the start of one". */
/**
 * The shortest string a detector pattern can match: its patterns are literals, classes and `{n}` /
 * `{n,m}` counts, which this reads; anything else gives undefined (and no truncation verdict).
 */
export function minLength(d: Detector): number | undefined {
  let best: number | undefined;
  // The table's patterns are anchored, some as one group of alternatives: `^(?:a|b)$`.
  const source = d.pattern.source.replace(/^\^/, '').replace(/\$$/, '');
  const body = /^\(\?:[^()]*\)$/.test(source) ? source.slice(3, -1) : source;
  for (const alt of body.split('|')) {
    let n = 0;
    const tokens = /(\\.|\[(?:\\.|[^\]])*\]|[A-Za-z0-9_-])(\{(\d+)(?:,\d*)?\})?|(.)/g;
    for (const t of alt.matchAll(tokens)) {
      if (t[4] !== undefined) return undefined;
      n += t[3] ? Number(t[3]) : 1;
    }
    best = best === undefined ? n : Math.min(best, n);
  }
  return best;
}

function fullMatch(d: Detector, value: string): boolean {
  return new RegExp(`^(?:${d.pattern.source})$`).test(value);
}

/** The detector a value matches as a whole; kinds without a prefix only under a name that mentions them. */
export function detectorFor(name: string, value: string): Detector | undefined {
  return DETECTORS.find(
    (d) => (!d.context || (d.context.names ?? d.context.near).test(name)) && fullMatch(d, value),
  );
}

function invisible(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if ([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff].includes(code))
    return `an invisible zero-width character (${hex})`;
  if (code === 0xa0) return `a non-breaking space (${hex})`;
  if (code < 0x20 || code === 0x7f) return `a control character (${hex})`;
  if (code === 0x20) return 'a space inside the value';
  // Any other character is part of the pasted value: name its kind, not the character.
  return 'a non-ASCII character';
}

/** Strips what a copy-paste adds around a key, and names each thing it strips. */
function clean(name: string, value: string): { core: string; problems: string[] } {
  const problems: string[] = [];
  let v = value;
  const lead = /^\s+/.exec(v)?.[0] ?? '';
  const trail = /\s+$/.exec(v)?.[0] ?? '';
  if (lead) problems.push(lead.includes('\n') ? 'a leading newline' : 'leading whitespace');
  if (trail) problems.push(trail.includes('\n') ? 'a trailing newline' : 'trailing whitespace');
  v = v.trim();
  const assign = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*/.exec(v);
  if (assign && v.length > assign[0].length) {
    // Say the name only when it is plainly a variable name, never what might be part of a key.
    const label = assign[1] === name || isLlmKeyName(assign[1]!) ? assign[1] : 'NAME';
    problems.push(`a \`${label}=\` prefix (the whole line of a .env file was pasted)`);
    v = v.slice(assign[0].length);
  }
  const quoted = /^(["'`])(.*)\1$/s.exec(v);
  if (quoted) {
    problems.push('wrapping quotes');
    v = quoted[2]!;
  }
  const bearer = /^(?:bearer|token)\s+/i.exec(v);
  if (bearer) {
    problems.push(`a \`${bearer[0].trim()} \` prefix (the header, not the key, was pasted)`);
    v = v.slice(bearer[0].length);
  }
  const odd = [...v].filter((ch) => !/[\x21-\x7e]/.test(ch));
  if (odd.length) {
    problems.push(
      `${odd.length} invisible or non-ASCII character(s), e.g. ${invisible(odd[0]!)}, typically from a copy-paste`,
    );
    v = [...v].filter((ch) => /[\x21-\x7e]/.test(ch)).join('');
  }
  return { core: v, problems };
}

/**
 * Judges a value against the provider its name promises. `expected` is undefined for names keylint
 * cannot tie to a provider; `anyProvider` when a base URL points the SDK at another host.
 */
export function judgeValue(
  name: string,
  value: string | undefined,
  expected: string | undefined,
  anyProvider = false,
): ValueShape {
  if (value === undefined) return { status: 'missing', problems: [], core: '', length: 0 };
  if (value.trim() === '')
    return {
      status: 'empty',
      problems: value.length ? ['only whitespace'] : [],
      core: '',
      length: value.length,
    };
  const { core, problems } = clean(name, value);
  const detector = detectorFor(name, core);
  const base = { core, length: value.length, problems };
  const found = detector && { provider: detector.provider, kind: detector.kind, admin: detector.admin };
  // A key-shaped value with a stopword is a placeholder only when it is also as regular as one.
  const placeholder =
    PLACEHOLDER_VALUES.test(core) ||
    (isPlaceholder(core) && (!detector || shannonEntropy(core) < detector.minEntropy));
  if (placeholder) return { ...base, status: 'placeholder', detector: found };
  if (problems.length) return { ...base, status: 'malformed', detector: found };
  if (detector) {
    const wrong = expected !== undefined && !anyProvider && detector.provider !== expected;
    return { ...base, status: wrong ? 'wrong-provider' : 'ok', detector: found };
  }
  // No detector matches: the start of a known kind that is too short is a truncated paste.
  const candidates = DETECTORS.filter(
    (d) => !d.context && (expected === undefined || d.provider === expected),
  );
  const started = candidates
    .map((d) => ({ d, prefix: d.prefix ?? '' }))
    .filter((c) => c.prefix.length >= 3 && core.startsWith(c.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (started) {
    const min = minLength(started.d);
    const problem =
      min !== undefined && core.length < min
        ? `truncated: ${core.length} characters, where ${withArticle(started.d.kind)} has at least ${min}`
        : `starts like ${withArticle(started.d.kind)} but does not have its shape (length ${core.length})`;
    return { ...base, status: 'malformed', problems: [problem] };
  }
  if (expected === undefined || anyProvider) return { ...base, status: 'unknown' };
  const known = DETECTORS.some((d) => d.provider === expected);
  return known
    ? {
        ...base,
        status: 'malformed',
        problems: [`does not have the shape of any ${expected} key (length ${core.length})`],
      }
    : { ...base, status: 'unknown' };
}
