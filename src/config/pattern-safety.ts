/**
 * Why a custom detector's pattern could take exponential time, or undefined when it cannot. The
 * engine backtracks: a repeated group that itself repeats (`(a+)+`) or offers a choice (`(a|ab)*`)
 * tries every way to split a near-miss, and a backreference has no linear bound at all. Such
 * patterns are refused when the config loads, so a repository cannot stall the job with one line.
 */
export function unsafePatternReason(source: string): string | undefined {
  interface Group {
    repeats: boolean;
    alternates: boolean;
  }
  const stack: Group[] = [{ repeats: false, alternates: false }];
  /** What the last atom was, for the quantifier that may follow it. */
  let last: Group | 'atom' | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))
        return 'it uses a backreference, which has no time bound';
      i++;
      last = 'atom';
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      last = 'atom';
      continue;
    }
    if (c === '(') {
      stack.push({ repeats: false, alternates: false });
      if (source[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1));
        if (m) i += m[0].length;
      }
      last = null;
      continue;
    }
    if (c === ')') {
      const g = stack.length > 1 ? stack.pop()! : top;
      // What a group holds, its parent holds: ((a+))+ nests as (a+)+ does.
      const parent = stack[stack.length - 1]!;
      parent.repeats ||= g.repeats;
      parent.alternates ||= g.alternates;
      last = g;
      continue;
    }
    if (c === '|') {
      top.alternates = true;
      last = null;
      continue;
    }
    const q = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(source.slice(i));
    if (q && last !== null) {
      const token = q[0];
      const many =
        token === '*' ||
        token === '+' ||
        /^\{\d+,\d*\}$/.test(token) ||
        /^\{(\d*[2-9]\d*|1\d+)\}$/.test(token);
      if (many && last !== 'atom') {
        if (last.repeats) return `a repeated group repeats again (nested quantifiers such as (a+)+)`;
        if (last.alternates)
          return `a repeated group offers alternatives (such as (a|ab)*): use a character class`;
      }
      // An exact count ({8}) matches one way only: what makes a group ambiguous is a count that varies.
      const exact = /^\{(\d+)\}$/.exec(token) ?? /^\{(\d+),\1\}$/.exec(token);
      if (!exact) stack[stack.length - 1]!.repeats = true;
      i += token.length - 1;
      if (source[i + 1] === '?') i++;
      last = null;
      continue;
    }
    last = 'atom';
  }
  return undefined;
}
