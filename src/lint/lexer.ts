/**
 * A lexer for Python and JavaScript/TypeScript that answers the only questions the lint asks of
 * the syntax: which text is code, which is a comment or a docstring, and where the string literals
 * are. A full parser would not change those answers, and a lexer costs no bundle size or start-up.
 */

export type SourceLanguage = 'python' | 'js';

export interface StringLiteral {
  /** The text between the quotes, unescaped only as far as the lint needs (not at all). */
  value: string;
  /** Offset of the first character of the literal (its prefix or opening quote). */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  /** Offsets of the text between the quotes. */
  bodyStart: number;
  bodyEnd: number;
  /** A template literal or f-string: `${…}` / `{…}` inside `value` are expressions. */
  interpolated: boolean;
}

export interface LexedSource {
  text: string;
  /** Same length as `text`: comments and docstrings blanked (newlines kept), strings intact. */
  code: string;
  /** Same length as `text`: like `code`, with the inside of every string literal blanked too. */
  bare: string;
  strings: StringLiteral[];
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Collects blanked ranges and builds the two views once. */
class Views {
  private readonly comments: Array<[number, number]> = [];
  readonly strings: StringLiteral[] = [];

  comment(start: number, end: number): void {
    if (end > start) this.comments.push([start, end]);
  }

  build(text: string): LexedSource {
    const code = blank(text, this.comments);
    const bodies: Array<[number, number]> = this.strings.map((s) => [s.bodyStart, s.bodyEnd]);
    const bare = blank(code, bodies);
    const starts = lineStarts(text);
    return { text, code, bare, strings: this.strings, position: (o) => positionIn(starts, o) };
  }
}

function blank(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    parts.push(text.slice(at, s), text.slice(s, e).replace(/[^\n]/g, ' '));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

const PY_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Python: `#` comments, string prefixes, triple quotes, and bare string statements (docstrings). */
export function lexPython(text: string): LexedSource {
  const v = new Views();
  let depth = 0;
  let lineStart = true;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      const e = text.indexOf('\n', i);
      v.comment(i, e === -1 ? n : e);
      i = e === -1 ? n : e;
      continue;
    }
    if (c === '\n') {
      if (depth === 0 && text[i - 1] !== '\\') lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    let prefixEnd = i;
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      if (!(PY_PREFIX.test(word) && (text[j] === '"' || text[j] === "'"))) {
        lineStart = false;
        i = j;
        continue;
      }
      prefixEnd = j;
    }
    const q = text[prefixEnd];
    if (q === '"' || q === "'") {
      const startsStatement = lineStart && depth === 0;
      const first = readPyString(text, i, prefixEnd);
      let end = first.end;
      const parts = [first];
      // Implicit concatenation on the same logical line continues the same expression.
      for (;;) {
        const m = /^[ \t]*(?:[rRuUbBfF]{0,2})(?=["'])/.exec(text.slice(end, end + 8));
        if (!m) break;
        const next = readPyString(text, end + m[0].search(/\S|$/), end + m[0].length);
        parts.push(next);
        end = next.end;
      }
      const after = /^[ \t]*(?:#|\r?\n|;|$)/.test(text.slice(end, end + 200));
      if (startsStatement && after) {
        v.comment(i, end); // a docstring or a bare string statement: documentation, not code
      } else {
        v.strings.push(...parts);
      }
      lineStart = false;
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (c !== '\\') lineStart = false;
    i++;
  }
  return v.build(text);
}

function readPyString(text: string, start: number, quoteAt: number): StringLiteral {
  const q = text[quoteAt]!;
  const triple = text.startsWith(q + q + q, quoteAt);
  const open = triple ? 3 : 1;
  const prefix = text.slice(start, quoteAt).toLowerCase();
  let j = quoteAt + open;
  const n = text.length;
  while (j < n) {
    const ch = text[j]!;
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (!triple && ch === '\n') break; // unterminated: stop at the line end
    if (ch === q && (!triple || text.startsWith(q + q + q, j))) {
      return {
        value: text.slice(quoteAt + open, j),
        start,
        end: j + open,
        bodyStart: quoteAt + open,
        bodyEnd: j,
        interpolated: prefix.includes('f'),
      };
    }
    j++;
  }
  return {
    value: text.slice(quoteAt + open, j),
    start,
    end: j,
    bodyStart: quoteAt + open,
    bodyEnd: j,
    interpolated: prefix.includes('f'),
  };
}

/** A piece of a template literal: from its backtick or `}` to the next `${` or backtick. */
function templatePiece(text: string, start: number, bodyEnd: number, end: number): StringLiteral {
  return {
    value: text.slice(start + 1, bodyEnd),
    start,
    end,
    bodyStart: start + 1,
    bodyEnd,
    interpolated: true,
  };
}

/** After these, `/` starts a regular expression, not a division. */
const JS_REGEX_AFTER_WORD =
  /^(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

/** JavaScript/TypeScript: line and block comments, quotes, template literals, regex literals. */
export function lexJs(text: string): LexedSource {
  const v = new Views();
  const n = text.length;
  /** Brace depth per open template interpolation. */
  const templates: number[] = [];
  let braces = 0;
  let regexAllowed = true;
  let i = 0;
  const readTemplate = (start: number, from: number): number => {
    let j = from;
    while (j < n) {
      const ch = text[j]!;
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '`') {
        v.strings.push(templatePiece(text, start, j, j + 1));
        return j + 1;
      }
      if (ch === '$' && text[j + 1] === '{') {
        // The interpolation is code: lex it, then come back to the template's text.
        v.strings.push(templatePiece(text, start, j, j + 2));
        templates.push(braces);
        braces++;
        return j + 2;
      }
      j++;
    }
    v.strings.push(templatePiece(text, start, n, n));
    return n;
  };
  while (i < n) {
    const c = text[i]!;
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      const e = text.indexOf('\n', i);
      v.comment(i, e === -1 ? n : e);
      i = e === -1 ? n : e;
      continue;
    }
    if (c === '/' && d === '*') {
      const e = text.indexOf('*/', i + 2);
      v.comment(i, e === -1 ? n : e + 2);
      i = e === -1 ? n : e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const bodyEnd = Math.min(j, n);
      v.strings.push({
        value: text.slice(i + 1, bodyEnd),
        start: i,
        end: Math.min(j + 1, n),
        bodyStart: i + 1,
        bodyEnd,
        interpolated: false,
      });
      i = Math.min(j + 1, n);
      regexAllowed = false;
      continue;
    }
    if (c === '`') {
      i = readTemplate(i, i + 1);
      regexAllowed = false;
      continue;
    }
    if (c === '}' && templates.length > 0 && braces - 1 === templates[templates.length - 1]) {
      templates.pop();
      braces--;
      // Back in the template's text: its next piece starts just before, at the `}`.
      i = readTemplate(i, i + 1);
      regexAllowed = false;
      continue;
    }
    if (c === '/' && regexAllowed) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const ch = text[j]!;
        if (ch === '\\') j++;
        else if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        j++;
      }
      if (text[j] === '/') {
        v.comment(i + 1, j); // a regex body is neither code nor a string the lint cares about
        i = j + 1;
        regexAllowed = false;
        continue;
      }
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j]!)) j++;
      regexAllowed = JS_REGEX_AFTER_WORD.test(text.slice(i, j));
      i = j;
      continue;
    }
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    if (!/\s/.test(c)) regexAllowed = !/[\w)\]}.]/.test(c) || c === '}';
    if (/[0-9]/.test(c)) regexAllowed = false;
    i++;
  }
  return v.build(text);
}

export function lex(language: SourceLanguage, text: string): LexedSource {
  return language === 'python' ? lexPython(text) : lexJs(text);
}
