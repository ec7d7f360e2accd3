import { describe, expect, test } from '@jest/globals';
import { keys } from './helpers/keys.js';
import { lintFindings, lintProject, where, whereAll } from './lint-helpers.js';
import { LINT_RULES } from '../src/lint/rules.js';

const one = async (files: Record<string, string>, ruleId: string, today?: string) => {
  const found = lintFindings(await lintProject(files, today)).filter((f) => f.ruleId === ruleId);
  return found;
};

describe('SDK versions from manifests (Python and Node)', () => {
  test('openai 0.x in requirements.txt is outdated, at its line', async () => {
    const [f, ...rest] = await one(
      { 'requirements.txt': 'requests\nopenai==0.28.1\n' },
      'lint/openai-sdk-outdated',
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'medium', location: { path: 'requirements.txt', line: 2 } });
    expect(f!.message).toContain('requires openai ==0.28.1, older than 1.0');
  });

  test('openai 3.x in package.json and yarn.lock is outdated; 4.x and >=1 are not', async () => {
    const r = await lintProject({
      'package.json': JSON.stringify({ dependencies: { openai: '^3.3.0' } }, null, 2),
      'yarn.lock': 'openai@^3.3.0:\n  version "3.3.0"\n',
      'api/package.json': JSON.stringify({ dependencies: { openai: '^4.0.0' } }, null, 2),
      'py/requirements.txt': 'openai>=1.3\n',
      'py/pyproject.toml': '[project]\ndependencies = ["openai>=0.27"]\n',
    });
    expect(where(lintFindings(r))).toEqual([
      'lint/openai-sdk-outdated package.json:3',
      'lint/openai-sdk-outdated yarn.lock:1',
    ]);
  });

  test('0.x-style calls crash when the lockfile resolves openai 1.x', async () => {
    const r = await lintProject({
      'requirements.txt': 'openai>=0.27\n',
      'poetry.lock': '[[package]]\nname = "openai"\nversion = "1.51.0"\n',
      'app/bot.py': 'import openai\n\nreply = openai.ChatCompletion.create(model="gpt-4o", messages=[])\n',
    });
    const [f] = lintFindings(r).filter((x) => x.ruleId === 'lint/sdk-version-mismatch');
    expect(f).toMatchObject({ severity: 'high', location: { path: 'app/bot.py', line: 3, column: 9 } });
    expect(f!.message).toBe(
      'openai.ChatCompletion.create was removed in openai (Python) 1.0, and poetry.lock:2 locks openai 1.51.0: the call raises APIRemovedInV1.',
    );
    expect(f!.fix).toContain('client.chat.completions.create');
  });

  test('1.x-style calls fail with 0.x pinned; the same call without a pin is fine', async () => {
    const code = 'from openai import OpenAI\nclient = OpenAI()\n';
    const pinned = await one(
      { 'requirements.txt': 'openai==0.28.1\n', 'main.py': code },
      'lint/sdk-version-mismatch',
    );
    expect(where(pinned)).toEqual(['lint/sdk-version-mismatch main.py:1']);
    expect(pinned[0]!.message).toContain(
      'is the API of openai (Python) 1.0 and later, but requirements.txt:1 requires openai ==0.28.1',
    );
    expect(
      await one({ 'requirements.txt': 'openai>=1\n', 'main.py': code }, 'lint/sdk-version-mismatch'),
    ).toEqual([]);
  });

  test('an extra that keeps openai<1 beside a bare openai: each pin at its line, old calls not a crash', async () => {
    // As FastChat writes it: the judge's extra keeps the 0.x SDK its scripts are written for.
    const r = await lintProject({
      'pyproject.toml': [
        '[project]',
        'dependencies = ["requests"]',
        '[project.optional-dependencies]',
        'worker = ["torch", "openai", "anthropic"]',
        'judge = ["openai<1", "ray"]',
        '',
      ].join('\n'),
      'judge/common.py': 'import openai\n\nr = openai.ChatCompletion.create(model=m, messages=[])\n',
      'serve/api.py': 'import openai\n\nclient = openai.OpenAI()\n',
    });
    expect(where(lintFindings(r))).toEqual([
      'lint/openai-sdk-outdated pyproject.toml:5',
      'lint/removed-sdk-call judge/common.py:3',
    ]);
    const removed = lintFindings(r).find((f) => f.ruleId === 'lint/removed-sdk-call')!;
    expect(removed.message).toContain('it works only while pyproject.toml:5 requires openai <1');
  });

  test('Node: v3 calls with openai 4 resolved in package-lock.json and pnpm-lock.yaml', async () => {
    const code =
      'import { Configuration, OpenAIApi } from "openai";\nconst api = new OpenAIApi(new Configuration({}));\nawait api.createChatCompletion({ model: "gpt-4o", messages: [] });\n';
    for (const [lock, text] of [
      ['package-lock.json', JSON.stringify({ packages: { 'node_modules/openai': { version: '4.52.0' } } })],
      [
        'pnpm-lock.yaml',
        "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      openai:\n        specifier: ^4\n        version: 4.52.0\n",
      ],
    ]) {
      const r = await lintProject({ [lock!]: text!, 'src/ai.ts': code });
      // One finding for the file, its other calls as related locations.
      expect(where(lintFindings(r))).toEqual(['lint/sdk-version-mismatch src/ai.ts:2']);
      expect(whereAll(lintFindings(r))).toEqual([
        'lint/sdk-version-mismatch src/ai.ts:2',
        'lint/sdk-version-mismatch src/ai.ts:2',
        'lint/sdk-version-mismatch src/ai.ts:3',
      ]);
      expect(lintFindings(r)[0]!.fix).toContain(
        'Replace it with openai.chat.completions.create. Or pin openai<4 (not recommended).',
      );
    }
  });

  test("Node: v4's client kept under v3's name is not v3, but a v3 method called on it is", async () => {
    const lock = JSON.stringify({ packages: { 'node_modules/openai': { version: '4.95.1' } } });
    const client = (bind: string) =>
      `${bind}\nconst openai = new OpenAIApi({ baseURL: "https://example.test/v1", apiKey: null });\nawait openai.chat.completions.create({ model: "gpt-5", messages: [] });\n`;
    const r = await lintProject({
      'package-lock.json': lock,
      // As AnythingLLM writes it in 81 files.
      'a.js': client('const { OpenAI: OpenAIApi } = require("openai");'),
      'b.ts': client('import { OpenAI as OpenAIApi } from "openai";'),
      'c.ts': client('import OpenAIApi from "openai";'),
      'd.js': client('const OpenAIApi = require("openai");'),
      'old.js': `${client('const { OpenAI: OpenAIApi } = require("openai");')}await openai.createCompletion({ model: "gpt-5" });\n`,
    });
    const sdk = lintFindings(r).filter((f) => f.ruleId === 'lint/sdk-version-mismatch');
    expect(where(sdk)).toEqual(['lint/sdk-version-mismatch old.js:4']);
    expect(sdk[0]!.message).toContain('createCompletion');
  });

  test("Node: a Configuration or OpenAIApi of the project's own is not v3's, nor is its key a client's", async () => {
    const lock = JSON.stringify({ packages: { 'node_modules/openai': { version: '4.104.0' } } });
    const r = await lintProject({
      'package-lock.json': lock,
      // As Continue writes them: an OpenAPI client's own Configuration, and an adapter class.
      'sdk.ts':
        'import type { OpenAI } from "openai";\nimport { Configuration, DefaultApi } from "../api/dist/index.js";\nconst api = new DefaultApi(new Configuration({ basePath: "https://api.continue.dev/" }));\n',
      'vertex.ts':
        'import { OpenAIApi } from "./OpenAI.js";\nimport OpenAI from "openai";\nconst mistral = new OpenAIApi({ provider: "mistral", apiKey: "dud" });\nawait mistral.createChatCompletion({ model: "m" });\n',
      'required.js':
        'const { OpenAIApi: Api } = require("./api");\nconst { Configuration } = require("openai");\nconst c = new Configuration({});\n',
    });
    expect(where(lintFindings(r))).toEqual(['lint/sdk-version-mismatch required.js:3']);
  });

  test('a manifest that does not parse is a notice, not a crash', async () => {
    const r = await lintProject({
      'pyproject.toml': '[project\ndependencies = ["openai"]\n',
      'a.py': 'import openai\n',
    });
    expect(r.report.notices.map((n) => n.path)).toContain('pyproject.toml');
  });
});

describe('removed calls', () => {
  test('Python: each removed resource with its replacement; comments, strings and docstrings are not calls', async () => {
    const r = await lintProject({
      'svc.py': [
        '"""Was: openai.ChatCompletion.create(...)."""',
        'import openai as oa',
        '# oa.Completion.create(model="x")',
        'print("openai.Embedding.create is gone")',
        'e = oa.Embedding.create(input="x", model="text-embedding-3-small")',
        'try:',
        '    oa.Image.create(prompt="cat")',
        'except oa.error.RateLimitError:',
        '    pass',
      ].join('\n'),
    });
    const f = lintFindings(r).filter((x) => x.ruleId === 'lint/removed-sdk-call');
    expect(whereAll(f)).toEqual([
      'lint/removed-sdk-call svc.py:5',
      'lint/removed-sdk-call svc.py:7',
      'lint/removed-sdk-call svc.py:8',
    ]);
    // One finding for the file: each call's fix, once.
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toBe(
      'Replace it with client.embeddings.create on a client = OpenAI(). Replace it with client.images.generate on a client = OpenAI(). Replace it with openai.RateLimitError on a client = OpenAI().',
    );
    expect(f[0]!.message).toMatch(
      /^oa\.Embedding\.create was removed in openai \(Python\) 1\.0: with any openai ≥ 1\.0 it raises APIRemovedInV1\. The same at lines 7, 8 of this file \(also: oa\.Image\.create was removed/,
    );
  });

  test('Node: createCompletion in a file that uses another SDK is not flagged', async () => {
    const r = await lintProject({
      'other.js': 'import Anthropic from "@anthropic-ai/sdk";\nconst x = client.createCompletion({});\n',
    });
    expect(lintFindings(r).filter((x) => x.ruleId === 'lint/removed-sdk-call')).toEqual([]);
  });
});

describe('models and endpoints', () => {
  test('a retired model in a call is an error with the replacement; in a comment, a sentence or another SDK it is not', async () => {
    const r = await lintProject({
      'gen.py': [
        'from openai import OpenAI',
        '# model="gpt-4-32k" was used before',
        'client = OpenAI()',
        'r = client.chat.completions.create(model="gpt-4-32k", messages=[])',
        'log("gpt-4-32k is retired")',
      ].join('\n'),
      'claude.py':
        'import anthropic\nMODELS = {"legacy": "gpt-4-32k"}\nm = anthropic.Anthropic().messages.create(model="claude-2.1")\n',
      'tok.py': 'import tiktoken\nenc = tiktoken.encoding_for_model("gpt-4-32k")\n',
    });
    const f = lintFindings(r).filter((x) => x.ruleId === 'lint/retired-model');
    expect(where(f)).toEqual(['lint/retired-model claude.py:3', 'lint/retired-model gen.py:4']);
    const gen = f.find((x) => x.location?.path === 'gen.py')!;
    expect(gen.location).toMatchObject({ column: 43, endColumn: 52 });
    expect(gen.message).toBe(
      'Model gpt-4-32k was shut down on 2025-06-06: requests with it fail with 404 model_not_found.',
    );
    expect(gen.fix).toContain('Use gpt-6.1-sol instead.');
  });

  test('the replacement named is one no shutdown is scheduled for', async () => {
    const [f] = await one(
      {
        'a.py':
          'import openai\nc = openai.OpenAI().completions.create(model="text-davinci-003", prompt="x")\n',
      },
      'lint/retired-model',
    );
    // Not gpt-3.5-turbo-instruct (shut down 2026-09-28) nor gpt-4.1-mini (its snapshot retires 2027-01-14).
    expect(f!.fix).toContain('Use gpt-6.1-terra instead.');
  });

  test('current models named in code, in comments or in another SDK are no finding', async () => {
    const r = await lintProject({
      'a.ts':
        'import OpenAI from "openai";\n// model: "gpt-3.5-turbo"\nconst m = { model: "gpt-4.1-mini" };\nconst c = "claude-sonnet-4-5";\n',
    });
    expect(lintFindings(r)).toEqual([]);
  });

  test('retired endpoints in URLs and the Assistants API in SDK calls', async () => {
    const r = await lintProject({
      'raw.py':
        'import requests\nBASE = "https://api.openai.com"\nrequests.get(BASE + "/v1/engines")\nrequests.post("https://api.openai.com/v1/edits", json={})\nrequests.get("https://example.com/v1/enginesque")\n',
      'asst.ts':
        'import OpenAI from "openai";\nconst a = await new OpenAI().beta.assistants.create({ model: "gpt-4.1" });\n',
    });
    expect(whereAll(lintFindings(r).filter((x) => x.ruleId.startsWith('lint/retired-endpoint')))).toEqual([
      'lint/retired-endpoint asst.ts:2',
      'lint/retired-endpoint raw.py:3',
      'lint/retired-endpoint raw.py:4',
    ]);
    const asst = lintFindings(r).find((x) => x.location?.path === 'asst.ts')!;
    expect(asst.message).toBe(
      'The Assistants API (client.beta.assistants) was shut down on 2026-08-26: requests to it fail.',
    );
    expect(asst.fix).toContain('Responses API');
  });

  test('a chat model sent to /v1/completions, by SDK call or by URL', async () => {
    const r = await lintProject({
      'sdk.py':
        'from openai import OpenAI\nc = OpenAI()\nc.completions.create(model="gpt-4.1", prompt="x")\nc.chat.completions.create(model="gpt-4.1", messages=[])\nc.completions.create(model="gpt-3.5-turbo-instruct", prompt="x")\n',
      'url.js':
        'const r = await fetch("https://api.openai.com/v1/completions", { body: JSON.stringify({ model: "gpt-4o", prompt: "x" }) });\n',
    });
    const f = lintFindings(r).filter((x) => x.ruleId === 'lint/chat-model-on-completions');
    expect(where(f)).toEqual([
      'lint/chat-model-on-completions sdk.py:3',
      'lint/chat-model-on-completions url.js:1',
    ]);
    expect(f.find((x) => x.location?.path === 'sdk.py')!.message).toContain(
      'c.completions.create() sends it to /v1/completions',
    );
  });
});

describe('headers', () => {
  test('Authorization without Bearer, and "Bearer" + key without the space', async () => {
    const r = await lintProject({
      'a.py':
        'import os, requests\nrequests.post("https://api.openai.com/v1/chat/completions", headers={"Authorization": os.environ["OPENAI_API_KEY"]})\n',
      'b.ts':
        'const key = process.env.OPENAI_API_KEY;\nfetch("https://api.openai.com/v1/models", { headers: { Authorization: "Bearer" + key } });\n',
      'c.ts':
        'const apiKey = process.env.OPENAI_API_KEY;\nfetch("https://api.openai.com/v1/models", { headers: { Authorization: `Bearer ${apiKey}` } });\n',
      'd.py':
        'import requests\nrequests.get("https://api.openai.com/v1/models", headers={"Authorization": f"Bearer{api_key}"})\n',
      // A default's text further in the value is not a scheme: the key still goes bare.
      'f.py':
        'import os, requests\nrequests.post("https://api.openai.com/v1/chat/completions", headers={"Authorization": os.environ.get("SERVICE_KEY", "not set")})\n',
      // Another API's scheme of its own (Yandex's), in a file that also calls OpenAI (FastChat).
      'e.py':
        'import os, requests\nrequests.get("https://api.openai.com/v1/models", headers={"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"})\nheaders = {"Authorization": f"Api-Key {api_key}"}\nrequests.post("https://llm.api.cloud.yandex.net/foundationModels/v1/completion", headers=headers)\n',
    });
    expect(where(lintFindings(r))).toEqual([
      'lint/auth-header-without-bearer a.py:2',
      'lint/auth-header-without-bearer f.py:2',
      'lint/bearer-without-space b.ts:2',
      'lint/bearer-without-space d.py:2',
    ]);
  });

  test('api-key and x-api-key to OpenAI; Bearer to Azure deployments; Anthropic headers', async () => {
    const r = await lintProject({
      'azure-wrong.py':
        'import requests\nrequests.post("https://api.openai.com/v1/chat/completions", headers={"api-key": api_key})\n',
      'azure-right.py':
        'import requests\nrequests.post("https://res.openai.azure.com/openai/deployments/d/chat/completions", headers={"api-key": api_key})\n',
      'bearer-azure.py':
        'import requests, os\nrequests.post("https://res.openai.azure.com/openai/deployments/d/chat/completions", headers={"Authorization": "Bearer " + os.environ["AZURE_OPENAI_API_KEY"]})\n',
      'entra-azure.py':
        'import requests\nrequests.post("https://res.openai.azure.com/openai/deployments/d/chat/completions", headers={"Authorization": "Bearer " + token.token})\n',
      'xkey.js':
        'fetch("https://api.openai.com/v1/models", { headers: { "x-api-key": process.env.OPENAI_API_KEY } });\n',
      'anthropic-bearer.js':
        'fetch("https://api.anthropic.com/v1/messages", { headers: { "Authorization": `Bearer ${process.env.ANTHROPIC_API_KEY}`, "anthropic-version": "2023-06-01" } });\n',
      'anthropic-noversion.py':
        'import httpx\nhttpx.post("https://api.anthropic.com/v1/messages", headers={"x-api-key": key})\n',
      'anthropic-ok.py':
        'import httpx\nhttpx.post("https://api.anthropic.com/v1/messages", headers={"x-api-key": key, "anthropic-version": "2023-06-01"})\n',
      // Continue: every header a compatible server may read, Bearer among them, to OpenAI too.
      'both.ts':
        'const key = process.env.OPENAI_API_KEY;\nawait fetch("https://api.openai.com/v1/embeddings", { headers: { ...(key && { Authorization: `Bearer ${key}` }), "api-key": key ?? "", "x-api-key": key ?? "" } });\n',
      // Firecrawl: Anthropic with x-api-key, then its own API with Bearer, in one file.
      'two-apis.py':
        'import requests\nrequests.post("https://api.anthropic.com/v1/messages", headers={"x-api-key": key, "anthropic-version": "2023-06-01"})\n\ndef extract(api_key):\n    headers = {"Authorization": f"Bearer {api_key}"}\n    return requests.post("https://api.firecrawl.dev/v1/extract", headers=headers)\n',
    });
    expect(where(lintFindings(r))).toEqual([
      'lint/anthropic-headers anthropic-bearer.js:1',
      'lint/anthropic-headers anthropic-noversion.py:2',
      'lint/api-key-header-to-openai azure-wrong.py:2',
      'lint/bearer-to-azure bearer-azure.py:2',
      'lint/x-api-key-to-openai xkey.js:1',
    ]);
    const nov = lintFindings(r).find((f) => f.location?.path === 'anthropic-noversion.py')!;
    expect(nov.message).toContain('no `anthropic-version` header');
  });
});

describe('key handling', () => {
  test('a non-key literal as the default is a warning, redacted; an empty default is not', async () => {
    const r = await lintProject({
      'cfg.py':
        'import os, openai\nKEY = os.getenv("OPENAI_API_KEY", "your-key-goes-here")\nBASE = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")\nK2 = os.environ.get("OPENAI_API_KEY", "")\n',
      'cfg.js':
        'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? "dev-key-1234" });\n',
      'ctor.py': 'from openai import OpenAI\nclient = OpenAI(api_key="not-a-real-key")\n',
      // A default only for a server of one's own (khoj): chosen on purpose, under a condition.
      'cond.py':
        'import os, openai\nbase = os.getenv("OPENAI_BASE_URL")\nKEY = os.getenv("OPENAI_API_KEY", "local-dev-key" if base else None)\n',
    });
    const f = lintFindings(r).filter((x) => x.ruleId === 'lint/key-default-literal');
    expect(where(f)).toEqual([
      'lint/key-default-literal cfg.js:2',
      'lint/key-default-literal cfg.py:2',
      'lint/key-default-literal ctor.py:2',
    ]);
    const py = f.find((x) => x.location?.path === 'cfg.py')!;
    expect(py.message).toContain('OPENAI_API_KEY falls back to a literal when it is not set');
    expect(py.location?.column).toBe(36);
    expect(r.output).not.toContain('your-key-goes-here');
  });

  test('a real key as the default is the leak check’s finding only', async () => {
    const secret = keys.openaiProject();
    const r = await lintProject({
      'leak.py': `import os, openai\nKEY = os.getenv("OPENAI_API_KEY", "${secret}")\n`,
    });
    expect(r.report.findings.map((f) => f.ruleId)).toEqual(['leak/openai-project-key']);
    expect(r.output).not.toContain(secret);
  });

  test('openai.api_key set at import time from one name while the module reads another', async () => {
    const r = await lintProject({
      'two.py':
        'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_KEY"]\n\ndef client():\n    return openai.OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n',
      'one.py':
        'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\nx = os.getenv("OPENAI_API_KEY")\ny = os.getenv("ANTHROPIC_API_KEY")\n',
    });
    const f = lintFindings(r).filter((x) => x.ruleId === 'lint/key-read-under-two-names');
    expect(where(f)).toEqual(['lint/key-read-under-two-names two.py:3']);
    expect(f[0]!.message).toBe(
      'openai.api_key is set from OPENAI_KEY when the module is imported, but line 6 reads the key from OPENAI_API_KEY: whichever one CI sets, the other path runs with a missing or stale key.',
    );
  });
});

test('every rule the lint reports is in its table', () => {
  const ids = new Set(LINT_RULES.map((r) => r.id));
  expect(ids.size).toBe(LINT_RULES.length);
  for (const id of ids) expect(id).toMatch(/^lint\/[a-z0-9-]+$/);
});

describe('generated code', () => {
  test('a bundle with megabyte-long lines is not linted; the same call written by a person is', async () => {
    const call = `import OpenAI from "openai";const c=new OpenAI();c.chat.completions.create({model:"gpt-4-32k"});`;
    const bundle = call + ';var x=1'.repeat(400);
    const r = await lintProject({ 'dist/app.js': bundle, 'src/app.js': call.split(';').join(';\n') });
    expect(where(lintFindings(r).filter((f) => f.ruleId === 'lint/retired-model'))).toEqual([
      'lint/retired-model src/app.js:3',
    ]);
  });
});

describe('turning the lint off', () => {
  test('rules: { lint: false } skips the check: no lint finding, none counted as suppressed', async () => {
    const r = await lintProject({
      '.keylint.yml': 'rules:\n  lint: false\n',
      'app.py': 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4-32k")\n',
    });
    expect(r.report.findings.filter((f) => f.category === 'lint')).toEqual([]);
    expect(r.report.suppressed.total).toBe(0);
  });
});
