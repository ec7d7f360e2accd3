import { describe, expect, test } from '@jest/globals';
import { lexJs, lexPython } from '../src/lint/lexer.js';

const values = (src: { strings: Array<{ value: string }> }): string[] => src.strings.map((s) => s.value);

describe('Python lexer', () => {
  test('comments and docstrings are not code; strings in calls are', () => {
    const src = lexPython(
      [
        '"""Module doc naming gpt-4-32k."""',
        'import openai  # model="gpt-4-32k"',
        'def f():',
        "    '''Function doc: text-davinci-003.'''",
        '    return openai.ChatCompletion.create(model="gpt-4o")',
        '"a bare string statement"',
        'x = (',
        '    "continued"',
        ')',
      ].join('\n'),
    );
    expect(values(src)).toEqual(['gpt-4o', 'continued']);
    expect(src.code).not.toContain('gpt-4-32k');
    expect(src.code).not.toContain('text-davinci-003');
    expect(src.bare).toContain('openai.ChatCompletion.create(model="      ")');
    expect(src.code.length).toBe(src.text.length);
    expect(src.position(src.strings[0]!.start)).toEqual({ line: 5, column: 47 });
  });

  test('prefixes, triple quotes, escapes and a # inside a string', () => {
    const src = lexPython(`a = f"Bearer {key}"\nb = rb'\\'#'\nc = """x\n# not a comment\n"""\nd = 1 # real`);
    expect(values(src)).toEqual(['Bearer {key}', "\\'#", 'x\n# not a comment\n']);
    expect(src.strings[0]!.interpolated).toBe(true);
    expect(src.code).toContain('# not a comment');
    expect(src.code).not.toContain('# real');
  });
});

describe('JavaScript/TypeScript lexer', () => {
  test('line and block comments are blanked, strings kept', () => {
    const src = lexJs(
      `// model: "gpt-4-32k"\n/* "text-davinci-003" */\nconst m = 'gpt-4o'; const u = "a//b";`,
    );
    expect(values(src)).toEqual(['gpt-4o', 'a//b']);
    expect(src.code).not.toContain('gpt-4-32k');
    expect(src.position(src.strings[0]!.start)).toEqual({ line: 3, column: 11 });
  });

  test('template literals with nested interpolations and templates', () => {
    const src = lexJs('const h = `Bearer ${k ? `x${y}` : "z"}!`; const w = "after";');
    expect(values(src)).toEqual(['Bearer ', 'x', '', 'z', '!', 'after']);
    expect(src.bare).toContain('k ?');
  });

  test('a regex literal with quotes does not open a string; division does not open a regex', () => {
    const src = lexJs(`const re = /'"/g; const half = a / 2; const s = "ok"; const t = b / c / "d";`);
    expect(values(src)).toEqual(['ok', 'd']);
  });
});
