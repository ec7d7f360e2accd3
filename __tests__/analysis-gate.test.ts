import { describe, expect, test } from '@jest/globals';
import { mayDigest } from '../src/lint/digest-gate.js';
import { mayAnalyze } from '../src/pass/analysis-gate.js';
import { mayReadNames } from '../src/wiring/code-gate.js';
import { mayLoadDotenv } from '../src/wiring/dotenv-gate.js';

/** Files of every kind the three gates tell apart, and files none of them wants. */
const FILES: Array<[string, string]> = [
  ['app.py', 'import os\nkey = os.environ["OPENAI_API_KEY"]\n'],
  ['app.py', 'from dotenv import load_dotenv\nload_dotenv()\n'],
  ['app.py', 'from openai import OpenAI\nclient = OpenAI()\n'],
  ['app.py', 'print("nothing to see")\n'],
  ['src/index.ts', 'const k = process.env.GROQ_API_KEY;\n'],
  ['src/index.ts', 'import "dotenv/config";\n'],
  ['src/index.ts', 'import Anthropic from "@anthropic-ai/sdk";\nnew Anthropic();\n'],
  ['src/index.ts', 'export const x = options.env;\n'],
  ['main.go', 'package main\nimport "os"\nvar k = os.Getenv("K")\n'],
  ['deploy.sh', 'echo $OPENAI_API_KEY\n'],
  ['deploy.sh', 'echo hello\n'],
  ['.env.example', 'OPENAI_API_KEY=\n'],
  ['docker-compose.yml', 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY\n'],
  ['promptfooconfig.yaml', 'providers:\n  - openai:gpt-4o\n'],
  ['config.yaml', 'name: nothing\n'],
  ['notebook.ipynb', '{"cells": [{"source": ["import openai"]}]}'],
  ['node_modules/x/index.js', 'const k = process.env.K;\n'],
  ['README.md', 'Set OPENAI_API_KEY and call process.env in your code.\n'],
  ['lib/built.js', 'const k = process.env.K;\n//# sourceMappingURL=built.js.map\n'],
];

describe('one search for every analysis a file may need', () => {
  test.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('says what the gates say, file by file (wiring %s, lint %s)', (wiring, lint) => {
    for (const [path, text] of FILES) {
      const bytes = Buffer.from(text);
      const gates =
        (wiring && (mayReadNames(path, bytes) || mayLoadDotenv(path, bytes))) ||
        (lint && mayDigest(path, bytes));
      expect([path, text, mayAnalyze(path, bytes, wiring, lint)]).toEqual([path, text, gates]);
    }
  });

  test('the files it wants are the ones the checks read', () => {
    const wanted = FILES.filter(([path, text]) => mayAnalyze(path, Buffer.from(text), true, true)).length;
    expect(wanted).toBe(12);
  });
});
