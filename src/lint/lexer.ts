/**
 * A lexer for Python and JavaScript/TypeScript that answers the only questions the lint asks of
 * the syntax: which text is code, which is a comment or a docstring, and where the string literals
 * are. A full parser would not change those answers, and a lexer costs no bundle size or start-up.
 */
import { lineStarts, positionAt } from '../text/positions.js';

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

/** Collects blanked ranges and builds the two views once. */
class Views {
  private readonly comments: Array<[number, number]> = [];
  readonly strings: StringLiteral[] = [];

  comment(start: number, end: number): void {
    if (end > start) this.comments.push([start, end]);
  }

  build(text: string): LexedSource {
    const code = blank(text, this.comments);
    const strings = this.strings;
    let bare: string | undefined;
    let starts: number[] | undefined;
    return {
      text,
      code,
      // Built on first use: the wiring check reads `code` only.
      get bare(): string {
        bare ??= blank(
          code,
          strings.map((s): [number, number] => [s.bodyStart, s.bodyEnd]),
        );
        return bare;
      },
      strings,
      position: (o) => positionAt((starts ??= lineStarts(text)), o),
    };
  }
}

/** The text with every character but newlines made a space (UTF-16 units, so offsets stay). */
function spaces(text: string): string {
  return text.includes('\n') ? text.replace(/[^\n]/g, ' ') : ' '.repeat(text.length);
}

function blank(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    parts.push(text.slice(at, s), spaces(text.slice(s, e)));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Character classes by code unit: the lexers' hot loops test these instead of running regexes. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  WORD[c] = /[A-Za-z0-9_]/.test(ch) ? 1 : 0;
}
const isWord = (code: number): boolean => code < 128 && WORD[code] === 1;
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

const PY_PREFIX = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

/** The characters where the Python lexer's state can change; it jumps from one to the next. */
const PY_EVENTS = /[#"'()[\]{}]/g;

/** Whether the string starting at `start` begins a statement: only blanks since the line start, at depth 0. */
function startsStatement(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  if (k < 0) return true;
  if (text[k] !== '\n') return false;
  let b = k - 1;
  if (text[b] === '\r') b--;
  return text[b] !== '\\'; // a backslash continues the previous line
}

/** Python: `#` comments, string prefixes, triple quotes, and bare string statements (docstrings). */
export function lexPython(text: string): LexedSource {
  const v = new Views();
  let depth = 0;
  const n = text.length;
  const events = new RegExp(PY_EVENTS.source, 'g');
  let i = 0;
  while (i < n) {
    events.lastIndex = i;
    // `test`, not `exec`: no match array for each of a minified file's thousands of events.
    if (!events.test(text)) break;
    i = events.lastIndex - 1;
    const c = text[i]!;
    if (c === '#') {
      const e = text.indexOf('\n', i);
      v.comment(i, e === -1 ? n : e);
      i = e === -1 ? n : e;
      continue;
    }
    if (c === '"' || c === "'") {
      // A prefix (r, b, f, u, rb, fr…) right before the quote belongs to the literal.
      let start = i;
      while (start > 0 && start > i - 2 && isWord(text.charCodeAt(start - 1))) start--;
      if (
        start < i &&
        (!PY_PREFIX.test(text.slice(start, i)) || (start > 0 && isWord(text.charCodeAt(start - 1))))
      )
        start = i;
      const statement = depth === 0 && startsStatement(text, start);
      const first = readPyString(text, start, i);
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
      if (statement && after) {
        v.comment(start, end); // a docstring or a bare string statement: documentation, not code
      } else {
        v.strings.push(...parts);
      }
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else depth = Math.max(0, depth - 1);
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

/** The characters where the JS lexer's state can change. */
const JS_EVENTS = /[/"'`{}]/g;

/** Whether a `/` at `at` starts a regular expression: decided by the token before it. */
function regexAllowedAt(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
  if (k < 0) return true;
  const code = text.charCodeAt(k);
  if (code === 41 /* ) */ || code === 93 /* ] */) return false;
  if (isWord(code) || code === 36 /* $ */) {
    let w = k;
    while (w > 0 && (isWord(text.charCodeAt(w - 1)) || text.charCodeAt(w - 1) === 36)) w--;
    return JS_REGEX_AFTER_WORD.test(text.slice(w, k + 1));
  }
  return true; // after an operator, `(`, `,`, `{`, `}` or `;`
}

/** JavaScript/TypeScript: line and block comments, quotes, template literals, regex literals. */
export function lexJs(text: string): LexedSource {
  const v = new Views();
  const n = text.length;
  /** Brace depth per open template interpolation. */
  const templates: number[] = [];
  let braces = 0;
  const events = new RegExp(JS_EVENTS.source, 'g');
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
    events.lastIndex = i;
    // `test`, not `exec`: no match array for each of a minified file's thousands of events.
    if (!events.test(text)) break;
    i = events.lastIndex - 1;
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
      continue;
    }
    if (c === '`') {
      i = readTemplate(i, i + 1);
      continue;
    }
    if (c === '}' && templates.length > 0 && braces - 1 === templates[templates.length - 1]) {
      templates.pop();
      braces--;
      // Back in the template's text: its next piece starts at this `}`.
      i = readTemplate(i, i + 1);
      continue;
    }
    if (c === '/' && regexAllowedAt(text, i)) {
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
        continue;
      }
    }
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    i++;
  }
  return v.build(text);
}

export function lex(language: SourceLanguage, text: string): LexedSource {
  return language === 'python' ? lexPython(text) : lexJs(text);
}
