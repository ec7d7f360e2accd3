import { describe, expect, test } from '@jest/globals';
import { lintFindings, lintProject, project, where } from './lint-helpers.js';
import { runCli } from './helpers/run-action.js';
import { MODEL_DATA_AS_OF, MODEL_RETIREMENTS } from '../src/lint/model-data.js';

// Every false pattern seen on real repositories, rebuilt in code of the same shape: none may be a
// finding. Beside each, the true shape it must still find.

const TODAY = '2026-12-06';

describe('tests and mocks are not where a key stops working', () => {
  const files = {
    'tests/test_chat.py':
      'import respx\nfrom openai import OpenAI\n\ndef test_chat():\n    client = OpenAI(api_key="my-api-key")\n    client.chat.completions.create(model="gpt-3.5-turbo", messages=[])\n',
    'tests/test_removed.py':
      'import openai\nimport pytest\nfrom openai import APIRemovedInV1\n\ndef test_old():\n    with pytest.raises(APIRemovedInV1):\n        openai.ChatCompletion.create(model="gpt-4", messages=[])\n',
    'pkg/conftest.py':
      'import openai\nMODEL = "gpt-4"\nclient = openai.OpenAI(api_key="sk-test")\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
    'src/__tests__/chat.test.ts':
      'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "test" });\nawait client.chat.completions.create({ model: "gpt-4", messages: [] });\n',
    'src/chat.spec.js':
      'import nock from "nock";\nimport OpenAI from "openai";\nnock("https://api.openai.com").post("/v1/chat/completions").reply(200, { model: "gpt-4o-mini" });\n',
    'fixtures/response.ts':
      'import OpenAI from "openai";\nexport const body = { "model": "gpt-3.5-turbo" };\n',
    // Continue's names: `*.vitest.ts`, and helpers under `test-utils/` or anywhere importing vitest.
    'core/llm/OpenAI.vitest.ts':
      'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "test" });\nawait client.chat.completions.create({ model: "gpt-4", messages: [] });\n',
    'core/llm/test-utils/openai.ts':
      'import OpenAI from "openai";\nawait new OpenAI().chat.completions.create({ model: "gpt-4", messages: [] });\n',
    'core/llm/expect-requests.ts':
      'import { expect } from "vitest";\nimport OpenAI from "openai";\nawait new OpenAI().chat.completions.create({ model: "gpt-4", messages: [] });\n',
    // Not under a test path, but every request it makes goes to a server on this machine.
    'examples/local_mock.py':
      'from openai import OpenAI\nclient = OpenAI(base_url="http://127.0.0.1:8080/v1", api_key="x")\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
    'app/main.py':
      'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
  };

  test('by default (tests: skip) only the application file is a finding, and one notice counts the rest', async () => {
    const r = await lintProject(files, TODAY);
    expect(where(lintFindings(r))).toEqual(['lint/retired-model app/main.py:3']);
    const notice = r.report.notices.find((n) => n.message.includes('left out'));
    expect(notice?.message).toMatch(/left out \d+ findings in test files and mocked code/);
  });

  test('tests: lint reports them at low and says so; a test asserting the removal stays silent', async () => {
    const r = await lintProject({ ...files, '.keylint.yml': 'tests: lint\n' }, TODAY);
    const found = lintFindings(r);
    const inTests = found.filter((f) => f.location?.path !== 'app/main.py');
    expect(inTests.length).toBeGreaterThan(3);
    for (const f of inTests) {
      expect(f.severity).toBe('low');
      expect(f.message).toMatch(/^In a test file or mocked code/);
    }
    expect(found.filter((f) => f.location?.path === 'tests/test_removed.py' && /sdk/.test(f.ruleId))).toEqual(
      [],
    );
    expect(found.find((f) => f.location?.path === 'app/main.py')?.severity).toBe('high');
  });

  test('a tests: value other than lint or skip is an error at its line', () => {
    const repo = project({ '.keylint.yml': 'tests: maybe\n' });
    try {
      const r = runCli([repo.dir, '--format', 'json']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('.keylint.yml:1');
      expect(r.stderr).toContain('tests: must be "lint" or "skip"');
    } finally {
      repo.cleanup();
    }
  });
});

describe('false patterns of production code', () => {
  test('dummy keys for a local server, models never sent, methods of the current SDK: no finding', async () => {
    const r = await lintProject(
      {
        // A placeholder key for a server of its own (Ollama, a proxy): not the provider's key.
        // Azure OpenAI sets its own retirement dates for its deployments.
        'llms/azure_openai.py':
          'from openai import AzureOpenAI\nclient = AzureOpenAI()\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
        'notebook_blank.py':
          'from anthropic import Anthropic\nclient = Anthropic(api_key="YOUR API KEY HERE")\n',
        'self-hosted.py':
          'from openai import OpenAI\nclient = OpenAI(api_key="ollama", base_url="http://my-gpu-box:11434/v1")\n',
        // LangChain's own name for the server, as gpt-researcher's embeddings for LM Studio write it.
        'embeddings.py':
          'import os\nfrom langchain_openai import OpenAIEmbeddings\ne = OpenAIEmbeddings(\n    openai_api_key=os.getenv("OPENAI_API_KEY", "custom"),\n    openai_api_base=os.getenv("OPENAI_BASE_URL", "http://my-gpu-box:1234/v1"),\n)\n',
        // Models given to count tokens on this machine, and an Azure deployment's name (promptflow).
        'tokens.py': [
          'import openai',
          'def num_tokens_from_messages(messages, model="gpt-4-0613"):',
          '    return len(messages)',
          'def count(messages):',
          '    return num_tokens_from_messages(messages, model="gpt-3.5-turbo-0613")',
          'def grade(connection, deployment_name: str = "gpt-4"):',
          '    return openai.OpenAI().chat.completions.create(model=deployment_name, messages=[])',
          '',
        ].join('\n'),
        // Substring tests, comparisons, capability tables, messages: the model is not sent.
        'caps.py': [
          'import openai',
          'text_only_models = ("o1-mini", "o1-preview", "gpt-4")',
          'def vision(model_name):',
          '    return "gpt-4-turbo" in model_name or model_name.startswith("gpt-4-vision-preview")',
          'CONTEXT = {"gpt-4": 8192, "gpt-3.5-turbo": 4096}',
          'def check(model):',
          '    if model == "gpt-3.5-turbo-0301":',
          '        raise ValueError("gpt-4-32k is not supported")',
          '',
        ].join('\n'),
        // v4: `createChatCompletion` on a stream helper and `fileBatches.listFiles` are current methods.
        'stream.ts': [
          'import OpenAI from "openai";',
          'import { ChatCompletionStream } from "openai/lib/ChatCompletionStream";',
          'const client = new OpenAI();',
          'const s = ChatCompletionStream.createChatCompletion(client, { model: "gpt-5.5", messages: [] });',
          'await client.vectorStores.fileBatches.listFiles("vs", "b");',
          '',
        ].join('\n'),
        // A chat model in one call and the legacy completions URL in another string: unrelated.
        'two_strings.py': [
          'from openai import OpenAI',
          'client = OpenAI()',
          'LEGACY_URL = "https://api.openai.com/v1/completions"',
          'client.chat.completions.create(model="gpt-5.5", messages=[])',
          'client.completions.create(model="my-instruct-model", prompt="x")',
          '',
        ].join('\n'),
        // Headers forwarded by a proxy, or added to a client's own requests: its own headers hold the version.
        'proxy.js': [
          'const headers = { ...request.headers, "x-api-key": apiKey };',
          'await fetch(`https://api.anthropic.com${request.url}`, { method: "POST", headers });',
          '',
        ].join('\n'),
        'transform.ts': [
          'export const t = createCredentialRequestTransformation({',
          '  baseUrl: "https://api.anthropic.com",',
          '  headers: { "x-api-key": process.env.ANTHROPIC_API_KEY },',
          '});',
          '',
        ].join('\n'),
        'auth.ts': [
          'const headers: Record<string, string> = {};',
          'if (env.ANTHROPIC_API_KEY) headers["x-api-key"] = env.ANTHROPIC_API_KEY;',
          'export const transform = { baseUrl: "https://api.anthropic.com", headers };',
          '',
        ].join('\n'),
        // A bearer OAuth token to Anthropic is how OAuth clients authenticate.
        '.github/workflows/data.yml': 'on: push\njobs: {}\n',
        'website/_data/leaderboard.yml':
          '- model: gpt-4-0613\n  command: aider --model openai/gpt-4-0613\n  dirname: openai run\n',
        'oauth.ts': [
          'const headers = {',
          '  Authorization: `Bearer ${authToken}`,',
          '  "anthropic-version": "2023-06-01",',
          '};',
          'await fetch("https://api.anthropic.com/v1/messages", { headers });',
          '',
        ].join('\n'),
      },
      TODAY,
    );
    expect(where(lintFindings(r))).toEqual([]);
  });

  test('the true shapes beside them are found', async () => {
    const r = await lintProject(
      {
        'env_default.py':
          'import os\nfrom openai import OpenAI\nkey = os.getenv("OPENAI_API_KEY", "not-set-yet")\n',
        'v3.js': [
          'const { Configuration, OpenAIApi } = require("openai");',
          'const openai = new OpenAIApi(new Configuration({}));',
          'await openai.createChatCompletion({ model: "gpt-5.5", messages: [] });',
          '',
        ].join('\n'),
        'completions.py': [
          'import requests',
          'from openai import OpenAI',
          'client = OpenAI()',
          'client.completions.create(model="gpt-5.5", prompt="x")',
          'requests.post("https://api.openai.com/v1/completions", json={"model": "gpt-5.5"})',
          '',
        ].join('\n'),
        'defaults.py': [
          'import os',
          'from openai import OpenAI',
          'MODEL = os.getenv("OPENAI_MODEL", "gpt-4")',
          'def ask(prompt, model: str = "gpt-3.5-turbo"):',
          '    pass',
          '',
        ].join('\n'),
      },
      TODAY,
    );
    expect(where(lintFindings(r))).toEqual([
      'lint/chat-model-on-completions completions.py:4',
      'lint/key-default-literal env_default.py:3',
      'lint/removed-sdk-call v3.js:2',
      'lint/retired-model defaults.py:3',
    ]);
    const completions = lintFindings(r).find((f) => f.ruleId === 'lint/chat-model-on-completions')!;
    expect(completions.relatedLocations).toEqual([
      { path: 'completions.py', line: 5, column: expect.any(Number) },
    ]);
    const defaults = lintFindings(r).find((f) => f.location?.path === 'defaults.py')!;
    expect(defaults.message).toContain(
      'The same at line 4 of this file (also: Model gpt-3.5-turbo was shut down',
    );
  });

  test('a list of models: each retired one alike; a table of many is one low finding', async () => {
    const r = await lintProject(
      {
        'few.py': 'from openai import OpenAI\nFALLBACK_MODELS = ["gpt-4", "gpt-3.5-turbo"]\n',
        'table.py': [
          'from openai import OpenAI',
          'MODELS = [',
          '    "gpt-5.5",',
          '    "gpt-4",',
          '    "gpt-5.4",',
          '    "o1-mini",',
          '    "gpt-5.4-mini",',
          ']',
          '',
        ].join('\n'),
        // A registry: models registered one call and one loop at a time are one table.
        'registry.py': [
          'import openai',
          'for model_id in ("gpt-4.1-nano", "gpt-5.5"):',
          '    register(Chat(model_id))',
          'register(Chat("gpt-3.5-turbo"))',
          'register(Chat("gpt-4"))',
          'register(Chat("gpt-5.4"))',
          '',
        ].join('\n'),
      },
      TODAY,
    );
    const found = lintFindings(r);
    const registry = found.filter((f) => f.location?.path === 'registry.py');
    expect(registry.map((f) => [f.severity, f.location?.line])).toEqual([['low', 2]]);
    expect(registry[0]!.message).toContain(
      'gpt-4.1-nano (shut down), gpt-3.5-turbo (shut down), gpt-4 (shut down)',
    );
    const few = found.find((f) => f.location?.path === 'few.py')!;
    expect(few.severity).toBe('high');
    expect(few.relatedLocations).toHaveLength(1);
    expect(few.message).toContain('gpt-3.5-turbo');
    const table = found.filter((f) => f.location?.path === 'table.py');
    expect(table).toHaveLength(1);
    expect(table[0]!.severity).toBe('low');
    expect(table[0]!.message).toContain('gpt-4 (shut down), o1-mini (shut down)');
  });
});

describe("a client given another server: its models are that server's", () => {
  // As AnythingLLM's providers write them: a proxy's host, an OpenAI-compatible server set at run time.
  const js = (server: string) =>
    `const { OpenAI: OpenAIApi } = require("openai");\nconst openai = new OpenAIApi({ ${server}apiKey: process.env.KEY });\nconst model = process.env.MODEL_PREF || "gpt-4.1-nano";\nawait openai.chat.completions.create({ model, messages: [] });\n`;

  test("another host, or one set at run time, is not OpenAI's: its retirements do not apply", async () => {
    const found = lintFindings(
      await lintProject(
        {
          'proxy.js': js('baseURL: "https://api.cometapi.com/v1", '),
          'generic.js': js('baseURL: process.env.GENERIC_OPEN_AI_BASE_PATH, '),
          'self-hosted.py':
            'from openai import OpenAI\nclient = OpenAI(base_url="https://llm.internal.example/v1")\nclient.chat.completions.create(model="gpt-4.1-nano", messages=[])\n',
        },
        TODAY,
      ),
    );
    expect(where(found)).toEqual([]);
  });

  test("no server, OpenAI's own, or the SDK's own override variable: OpenAI's retirements apply", async () => {
    const found = lintFindings(
      await lintProject(
        {
          'plain.js': js(''),
          'own.js': js('baseURL: "https://api.openai.com/v1", '),
          'override.js': js('baseURL: process.env.OPENAI_BASE_URL, '),
          // Two clients, one of them OpenAI's: the model may go to either.
          'both.py':
            'from openai import OpenAI\nlocal = OpenAI(base_url="https://gateway.example.com/v1")\nremote = OpenAI()\nremote.chat.completions.create(model="gpt-4.1-nano", messages=[])\n',
        },
        TODAY,
      ),
    );
    expect(where(found.filter((f) => f.ruleId === 'lint/retired-model'))).toEqual([
      'lint/retired-model both.py:4',
      'lint/retired-model override.js:3',
      'lint/retired-model own.js:3',
      'lint/retired-model plain.js:3',
    ]);
  });
});

describe('one finding per file and rule', () => {
  const assistants = [
    'from openai import OpenAI',
    'client = OpenAI()',
    'a = client.beta.assistants.create(model="gpt-5.5")',
    't = client.beta.threads.create()',
    'client.beta.threads.runs.create(thread_id=t.id, assistant_id=a.id)',
    '',
  ].join('\n');

  test('every Assistants call of a file is one finding listing its lines', async () => {
    const found = lintFindings(await lintProject({ 'bot.py': assistants }, TODAY));
    expect(where(found)).toEqual(['lint/retired-endpoint bot.py:3']);
    expect(found[0]!.relatedLocations!.map((l) => l.line)).toEqual([4, 5]);
    expect(found[0]!.message).toContain('The same at lines 4, 5 of this file');
  });

  test("the SDK's type modules are not calls: the finding starts at the first call", async () => {
    const typed = [
      'from openai import AsyncOpenAI',
      'from openai.types.beta.threads.message import Message',
      'from openai.types.beta.assistant import Assistant',
      'import openai.types.beta.threads as thread_types',
      'from openai.resources.beta.threads import AsyncThreads',
      '',
      'async def post(client: AsyncOpenAI, thread_id: str) -> Message:',
      '    return await client.beta.threads.messages.create(thread_id=thread_id, role="user", content="hi")',
      '',
    ].join('\n');
    const found = lintFindings(
      await lintProject({ 'agent.py': typed, 'types_only.py': typed.split('\n\n')[0]! }, TODAY),
    );
    expect(where(found)).toEqual(['lint/retired-endpoint agent.py:8']);
    expect(found[0]!.relatedLocations ?? []).toEqual([]);
  });

  test('SARIF: one result with relatedLocations', () => {
    const repo = project({ 'bot.py': assistants });
    try {
      const r = runCli([repo.dir, '--format', 'sarif', '--fail-on', 'none'], {
        env: { KEYLINT_TODAY: TODAY },
      });
      const sarif = JSON.parse(r.stdout) as {
        runs: Array<{
          results: Array<{
            ruleId: string;
            relatedLocations?: Array<{ physicalLocation: { region: { startLine: number } } }>;
          }>;
        }>;
      };
      const results = sarif.runs[0]!.results.filter((x) => x.ruleId === 'lint/retired-endpoint');
      expect(results).toHaveLength(1);
      expect(results[0]!.relatedLocations!.map((l) => l.physicalLocation.region.startLine)).toEqual([4, 5]);
    } finally {
      repo.cleanup();
    }
  });
});

describe('misses closed', () => {
  test("the API's own token counts send the model: a retired one fails there too", async () => {
    const found = lintFindings(
      await lintProject(
        {
          'count.py':
            'from openai import OpenAI\nclient = OpenAI()\nclient.responses.input_tokens.count(model="gpt-4-0613", input="hi")\n',
          'count_claude.py':
            'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.count_tokens(model="claude-3-7-sonnet-20250219", messages=[])\n',
        },
        TODAY,
      ),
    );
    expect(where(found)).toEqual(['lint/retired-model count.py:3', 'lint/retired-model count_claude.py:3']);
  });

  test('notebooks, configs naming models, SDK wrappers, more manifests', async () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Use gpt-4\n', 'model="gpt-4" in prose\n'] },
          {
            cell_type: 'code',
            metadata: {},
            source: [
              '!pip install openai\n',
              'from openai import OpenAI\n',
              'client = OpenAI()\n',
              'r = client.chat.completions.create(model="gpt-4", messages=[])\n',
            ],
            outputs: [],
            execution_count: null,
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const nbLine = notebook.split('\n').findIndex((l) => l.includes('client.chat.completions')) + 1;
    const r = await lintProject(
      {
        'notebooks/demo.ipynb': notebook,
        'promptfooconfig.yaml':
          'providers:\n  - openai:chat:gpt-3.5-turbo\n  - anthropic:messages:claude-3-5-sonnet-20241022\n',
        'proxy/config.yaml':
          'model_list:\n  - model_name: gpt-4\n    litellm_params:\n      model: openai/gpt-4\n',
        '.github/workflows/eval.yml':
          'on: push\njobs:\n  e:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n    steps:\n      - run: llm -m gpt-4 "hello"\n',
        'lc.py': 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-3.5-turbo")\n',
        'router.py': 'import litellm\nlitellm.completion(model="openai/gpt-4-turbo", messages=[])\n',
        'sdk.ts':
          'import { openai } from "@ai-sdk/openai";\nconst model = openai("o3-mini");\nawait generateText({ model: customProvider("gpt-4-0613"), prompt: "hi" });\n',
        'conda/environment.yml': 'name: x\ndependencies:\n  - python=3.11\n  - pip:\n    - openai==0.28.1\n',
        'pipenv/Pipfile': '[packages]\nopenai = "==0.28"\n',
        'setuppy/setup.py':
          'from setuptools import setup\nsetup(name="x", install_requires=["requests", "openai<1"])\n',
        'setupcfg/setup.cfg': '[options]\ninstall_requires =\n    openai==0.27.8\n',
      },
      TODAY,
    );
    expect(where(lintFindings(r))).toEqual(
      [
        `lint/retired-model notebooks/demo.ipynb:${nbLine}`,
        'lint/openai-sdk-outdated conda/environment.yml:5',
        'lint/retired-model .github/workflows/eval.yml:8',
        'lint/openai-sdk-outdated pipenv/Pipfile:2',
        'lint/openai-sdk-outdated setupcfg/setup.cfg:3',
        'lint/openai-sdk-outdated setuppy/setup.py:2',
        'lint/retired-model lc.py:2',
        'lint/retired-model promptfooconfig.yaml:2',
        'lint/retired-model proxy/config.yaml:4',
        'lint/retired-model router.py:2',
        'lint/retired-model sdk.ts:2',
      ].sort(),
    );
    const sdk = lintFindings(r).find((f) => f.location?.path === 'sdk.ts')!;
    expect(sdk.relatedLocations?.map((l) => l.line)).toEqual([3]);
    const promptfoo = lintFindings(r).find((f) => f.location?.path === 'promptfooconfig.yaml')!;
    expect(promptfoo.relatedLocations?.map((l) => l.line)).toEqual([3]);
  });
});

describe('model data', () => {
  test('no recommendation is itself scheduled for shutdown (nor an alias of a scheduled snapshot)', () => {
    const scheduled = new Set(MODEL_RETIREMENTS.flatMap((r) => r.models));
    for (const r of MODEL_RETIREMENTS) {
      if (!r.replacement) continue;
      expect([r.replacement, scheduled.has(r.replacement)]).toEqual([r.replacement, false]);
      const snapshot = [...scheduled].find((m) => m.startsWith(`${r.replacement}-20`));
      expect([r.replacement, snapshot]).toEqual([r.replacement, undefined]);
    }
  });

  test('every entry names its source, and the table is dated', () => {
    expect(MODEL_DATA_AS_OF).toMatch(/^\d{4}-\d\d-\d\d$/);
    for (const r of MODEL_RETIREMENTS) expect(r.source).toMatch(/^https:\/\//);
  });

  test('within 90 days is medium with the date; further is nothing; shut down is high', async () => {
    const code =
      'from openai import OpenAI\nc = OpenAI()\nc.responses.create(model="gpt-5")\nc.responses.create(model="o1")\n';
    const near = lintFindings(await lintProject({ 'a.py': code }, '2026-09-01'));
    expect(near.map((f) => [f.ruleId, f.severity])).toEqual([['lint/retiring-model', 'medium']]);
    expect(near[0]!.message).toContain('shuts down on 2026-10-23 (in 52 days)');
    const far = lintFindings(await lintProject({ 'a.py': code }, '2026-07-01'));
    expect(far).toEqual([]);
    const after = lintFindings(await lintProject({ 'a.py': code }, TODAY));
    expect(after.map((f) => [f.ruleId, f.severity])).toEqual([
      ['lint/retired-model', 'high'],
      ['lint/retiring-model', 'medium'],
    ]);
  });

  test('a table older than 60 days is one notice, not findings', async () => {
    const late = new Date(Date.parse(`${MODEL_DATA_AS_OF}T00:00:00Z`) + 61 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const r = await lintProject({ 'a.py': 'print("no provider here")\n' }, late);
    const notices = r.report.notices.filter((n) => n.message.includes('model retirement table'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain(`as of ${MODEL_DATA_AS_OF}`);
    const fresh = await lintProject({ 'a.py': 'print("no provider here")\n' }, MODEL_DATA_AS_OF);
    expect(fresh.report.notices.filter((n) => n.message.includes('model retirement table'))).toEqual([]);
  });
});

describe('a dummy key literal is not a secret to mask', () => {
  // A literal given to a client is masked piece by piece when it looks random; a dummy made of words
  // would otherwise cut `-stream-` out of every path that holds it, in every report.
  const dummy = ['sk', 'synthetic', 'chat', 'stream', 'api', 'key'].join('-');
  const files = {
    'app/client.py': `from openai import OpenAI\nclient = OpenAI(api_key="${dummy}")\n`,
    'examples/chat-stream-demo.py':
      'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
  };

  test('paths and messages keep every word of the dummy', async () => {
    const r = await lintProject(files, TODAY);
    expect(where(lintFindings(r))).toContain('lint/retired-model examples/chat-stream-demo.py:3');
    expect(r.output).not.toContain('****');
  });

  test('a random-looking literal is still masked wherever a piece of it appears', async () => {
    const random = ['sk', 'live', `${'Zq7'}${'Lm2Wx9'}${'Rt4Kp8Vn3Bc6'}`].join('-');
    const piece = random.slice(8, 20);
    const r = await lintProject(
      {
        'app/client.py': `from openai import OpenAI\nclient = OpenAI(api_key="${random}")\n`,
        [`notes/${piece}.py`]:
          'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4", messages=[])\n',
      },
      TODAY,
    );
    expect(r.output).not.toContain(piece);
    expect(r.output).toContain('notes/****.py');
  });
});
