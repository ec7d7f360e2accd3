import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { passEngine, passFile } from '../src/pass/file.js';
import { listFiles } from '../src/sources/tree.js';
import { codeReadsOf } from './helpers/code-reads.js';
import type { CodeRead } from '../src/wiring/code-names.js';
import { keyNamesFromCode } from '../src/wiring/check.js';
import { readWorkflows } from '../src/wiring/workflows.js';
import { TempRepo } from './helpers/git-repo.js';

describe('names the code reads, with file and line', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write(
      'a.py',
      [
        'import os',
        'k = os.environ["PY_INDEX"]',
        'g = os.environ.get("PY_GET")',
        'e = os.getenv("PY_GETENV")',
        '# os.getenv("PY_COMMENT")',
        'c = OpenAI(api_key=k)',
        'd = AsyncAnthropic(',
        '    max_retries=2,',
        ')',
        '',
      ].join('\n'),
    );
    repo.write(
      'b.mjs',
      'const a = process.env.JS_DOT;\nconst b = process.env["JS_INDEX"];\nconst c = import.meta.env.VITE_KEY;\nconst d = Deno.env.get("DENO_KEY");\n// process.env.JS_COMMENT\n',
    );
    repo.write('c.go', 'package main\nimport "os"\nvar x = os.Getenv("GO_KEY")\n');
    repo.write('d.rb', 'a = ENV["RB_INDEX"]\nb = ENV.fetch("RB_FETCH")\n');
    repo.write('e.sh', 'echo "$SH_PLAIN ${SH_BRACED} $lower $$"\n');
    repo.write('.env.example', 'TEMPLATE_KEY=\nexport OTHER_TEMPLATE=x\n');
    repo.write(
      'docker-compose.yml',
      'services:\n  app:\n    environment:\n      - COMPOSE_LIST=1\n  db:\n    environment:\n      COMPOSE_MAP: x\n',
    );
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());
  let reads: CodeRead[] = [];
  beforeAll(async () => {
    reads = await codeReadsOf(repo.dir);
  });
  const at = (name: string): string | undefined => {
    const r = reads.find((x) => x.name === name);
    return r && `${r.path}:${r.line}:${r.via}`;
  };

  test.each([
    ['PY_INDEX', 'a.py:2:code'],
    ['PY_GET', 'a.py:3:code'],
    ['PY_GETENV', 'a.py:4:code'],
    ['ANTHROPIC_API_KEY', 'a.py:7:sdk'],
    ['JS_DOT', 'b.mjs:1:code'],
    ['JS_INDEX', 'b.mjs:2:code'],
    ['VITE_KEY', 'b.mjs:3:code'],
    ['DENO_KEY', 'b.mjs:4:code'],
    ['GO_KEY', 'c.go:3:code'],
    ['RB_INDEX', 'd.rb:1:code'],
    ['RB_FETCH', 'd.rb:2:code'],
    ['SH_PLAIN', 'e.sh:1:code'],
    ['SH_BRACED', 'e.sh:1:code'],
    ['TEMPLATE_KEY', '.env.example:1:template'],
    ['OTHER_TEMPLATE', '.env.example:2:template'],
    ['COMPOSE_LIST', 'docker-compose.yml:4:compose'],
    ['COMPOSE_MAP', 'docker-compose.yml:7:compose'],
  ])('%s at %s', (name, where) => {
    expect(at(name)).toBe(where);
  });

  test('comments, lower-case shell locals and clients given a key are not reads', () => {
    for (const name of ['PY_COMMENT', 'JS_COMMENT', 'lower', 'OPENAI_API_KEY'])
      expect(at(name)).toBeUndefined();
  });

  test('the key names derived for the live check', () => {
    expect(keyNamesFromCode(reads)).toEqual(['ANTHROPIC_API_KEY']);
  });
});

describe('workflow mappings', () => {
  test('env at three levels, reusable-workflow secrets and environments, with lines', async () => {
    const repo = new TempRepo();
    repo.write(
      '.github/workflows/w.yml',
      [
        'on: push',
        'env:',
        '  TOP: ${{ vars.TOP }}',
        'jobs:',
        '  call:',
        '    uses: ./.github/workflows/r.yml',
        '    secrets: inherit',
        '  pass:',
        '    uses: ./.github/workflows/r.yml',
        '    secrets:',
        '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        '  run:',
        '    environment:',
        '      name: staging',
        '    env:',
        '      JOB: x',
        '    steps:',
        '      - env:',
        '          STEP: ${{ secrets.S }}',
        '        run: echo',
        '',
      ].join('\n'),
    );
    repo.commit('init');
    const { workflows, invalid } = readWorkflows(await listFiles(repo.dir));
    repo.cleanup();
    expect(invalid).toEqual([]);
    const [w] = workflows;
    expect(w?.env.map((e) => `${e.level}:${e.name}:${e.line}`)).toEqual([
      'workflow:TOP:3',
      'job:JOB:16',
      'step:STEP:19',
    ]);
    expect(w?.env[0]?.vars).toEqual(['TOP']);
    expect(w?.env[2]?.secrets).toEqual(['S']);
    expect(w?.jobs.find((j) => j.id === 'call')?.secretsInherit).toBe(true);
    expect(w?.jobs.find((j) => j.id === 'pass')?.passedSecrets).toEqual(['OPENAI_API_KEY']);
    expect(w?.jobs.find((j) => j.id === 'run')?.environment).toBe('staging');
  });
});

describe('what is code and what is text about code', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write(
      'doc.py',
      [
        'import os',
        'def f():',
        '    """Reads the key:',
        '',
        '    key = os.environ["IN_DOCSTRING"]',
        '    """',
        '    h = f"Bearer {os.environ[\'IN_FSTRING\']}"',
        '    s = "os.environ[\'IN_PLAIN_STRING\']"',
        '    return os.getenv("REAL_READ")',
        '',
      ].join('\n'),
    );
    repo.write(
      'tpl.ts',
      [
        '/*',
        ' * process.env.IN_BLOCK_COMMENT',
        ' */',
        'const h = `Bearer ${process.env.IN_TEMPLATE}`;',
        "const t = 'process.env.IN_QUOTES';",
        '',
      ].join('\n'),
    );
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());
  let names: string[] = [];
  beforeAll(async () => {
    names = (await codeReadsOf(repo.dir)).map((r) => `${r.name} ${r.path}:${r.line}`);
  });

  test('reads in f-strings and template literals are code, at their line', () => {
    expect(names).toEqual(
      expect.arrayContaining(['IN_FSTRING doc.py:7', 'REAL_READ doc.py:9', 'IN_TEMPLATE tpl.ts:4']),
    );
  });

  test('docstrings, block comments and plain strings are not reads', () => {
    const text = names.join('\n');
    for (const n of ['IN_DOCSTRING', 'IN_PLAIN_STRING', 'IN_BLOCK_COMMENT', 'IN_QUOTES'])
      expect(text).not.toContain(n);
  });
});

describe('vendored and generated code is not the project’s', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write('app.js', 'const k = process.env.OWN_KEY;\n');
    repo.write('node_modules/openai/index.js', 'const k = process.env.OPENAI_API_KEY;\n');
    repo.write('vendor/bundle.min.js', 'var k=process.env.BUNDLED_KEY;\n');
    repo.write('types/env.d.ts', 'declare const k: typeof process.env.DECLARED_KEY;\n');
    repo.write('.venv/lib/site-packages/x.py', 'import os\nk = os.environ["VENV_KEY"]\n');
    repo.write('node_modules/dotenv/lib/main.js', 'function dotenv() { return require("dotenv"); }\n');
    // Builds committed beside their source: a file with a source map, TypeScript's CommonJS, a bundle.
    repo.write('lib/mapped.js', 'const k = process.env.MAPPED_KEY;\n//# sourceMappingURL=mapped.js.map\n');
    repo.write(
      'lib/index.js',
      '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst k = process.env.EMITTED_KEY;\n',
    );
    repo.write('public/app.js', `var a=${'f(1),'.repeat(6000)}k=process.env.MINIFIED_KEY;\n`);
    // Source that only looks like it: a TypeScript test that mocks a module, a long data file with lines.
    repo.write(
      'src/mock.test.ts',
      'jest.mock("x", () => ({ __esModule: true }));\nconst k = process.env.TEST_KEY;\n',
    );
    repo.write(
      'src/table.js',
      `${'const row = [1, 2, 3];\n'.repeat(2000)}const k = process.env.TABLE_KEY;\n`,
    );
    repo.commit('init');
  });
  afterAll(() => repo.cleanup());

  test('reads in installed packages, bundles, builds and declarations do not count', async () => {
    expect((await codeReadsOf(repo.dir)).map((r) => r.name).sort()).toEqual([
      'OWN_KEY',
      'TABLE_KEY',
      'TEST_KEY',
    ]);
  });

  test('the dotenv package itself is not code that loads a .env file', async () => {
    const engine = passEngine({ leaks: false, wiring: true, lintDay: null });
    const lines = (await listFiles(repo.dir)).files.map((f) => {
      const r = passFile(f.path, f.abs, engine);
      return r.status === 'text' ? r.dotenvLine : undefined;
    });
    expect(lines.filter((l) => l !== undefined)).toEqual([]);
  });
});

describe('reads far apart in a long file', () => {
  const arrange = () => {
    const repo = new TempRepo();
    const filler = 'const x = [1, 2, 3].map((n) => n * 2); // "quoted" `text`\n'.repeat(5000);
    repo.write(
      'long.js',
      'const a = process.env.TOP_KEY;\n' +
        filler +
        '/* process.env.IN_COMMENT\n*/\nconst b = process.env.BOTTOM_KEY;\n' +
        'const s = "process.env.IN_STRING";\n' +
        filler,
    );
    repo.commit('init');
    return { repo };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  beforeAll(() => {
    ({ repo } = arrange());
  });
  afterAll(() => repo.cleanup());

  test('are all found, and the ones in comments and strings are not', async () => {
    expect((await codeReadsOf(repo.dir)).map((r) => `${r.name}:${r.line}`)).toEqual([
      'TOP_KEY:1',
      'BOTTOM_KEY:5004',
    ]);
  });
});

describe('reads the raw text hides', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = new TempRepo();
    repo.write('env.js', 'const {\n  A_KEY, // {not a brace pair}\n  B_KEY,\n} = process.env;\n');
    repo.write('index.js', 'const c = process.env[ /* the key */ "C_KEY" ];\n');
    repo.write(
      'co.py',
      `import cohere\nsync = cohere.Client(api_key=k)\n${'x = 1\n'.repeat(2000)}late = cohere.AsyncClient()\n`,
    );
    repo.commit('init');
  });
  const arrange = () => {
    // The literal `cohere.Client` is far above the call that reads the key.
  };
  beforeAll(arrange);
  afterAll(() => repo.cleanup());

  test('a destructure with braces in a comment, an index with a comment in it, and a client call far below the name it is gated on', async () => {
    const reads = (await codeReadsOf(repo.dir)).map((r) => `${r.path}:${r.name}:${r.line}`);
    expect(reads).toEqual(
      expect.arrayContaining([
        'env.js:A_KEY:1',
        'env.js:B_KEY:1',
        'index.js:C_KEY:1',
        'co.py:CO_API_KEY:2003',
      ]),
    );
  });
});

describe('reads in C#, Java, Kotlin and Rust, and which reads are optional', () => {
  const repo = new TempRepo();
  repo.write(
    'A.cs',
    'var k = Environment.GetEnvironmentVariable("CS_KEY");\nvar t = Environment.GetEnvironmentVariable("CS_THROW") ?? throw new Exception("unset");\n',
  );
  repo.write('B.java', 'String k = System.getenv("JAVA_KEY");\n');
  repo.write('C.kt', 'val k = System.getenv("KT_KEY")\n');
  repo.write(
    'd.rs',
    'let k = std::env::var("RS_KEY").unwrap();\nlet o = env::var("RS_OPT").unwrap_or_default();\n',
  );
  repo.write(
    'opt.py',
    [
      'import os, pytest',
      'a = os.getenv("PY_DEFAULT", "")',
      'b = os.environ["PY_REQUIRED"]',
      'c = os.getenv("PY_FALLBACK") or "x"',
      'if os.getenv("PY_GUARD"):',
      '    d = os.environ["PY_GUARD"]',
      '@pytest.mark.skipif(not os.getenv("PY_SKIP"), reason="")',
      'def test_x():',
      '    e = os.environ["PY_SKIP"]',
      'class OpenAI(Base):',
      '    pass',
      '',
    ].join('\n'),
  );
  repo.write('opt.ts', "const a = process.env.JS_DEFAULT ?? '';\nconst b = process.env.JS_REQUIRED!;\n");
  repo.write('opt.sh', 'echo "${SH_DEFAULT:-none} $SH_REQUIRED"\n');
  repo.write(
    'G.cs',
    '[ApiKeyFact("CS_GUARD")]\npublic void T() { var k = Environment.GetEnvironmentVariable("CS_GUARD"); }\n',
  );
  repo.commit('init');
  afterAll(() => repo.cleanup());
  let reads: CodeRead[] = [];
  beforeAll(async () => {
    reads = await codeReadsOf(repo.dir);
  });
  const optional = (name: string): boolean | undefined => {
    const all = reads.filter((x) => x.name === name);
    return all.length ? all.every((x) => x.optional === true) : undefined;
  };

  test.each([
    ['CS_KEY', false],
    ['CS_THROW', false],
    ['JAVA_KEY', false],
    ['KT_KEY', false],
    ['RS_KEY', false],
    ['RS_OPT', true],
    ['PY_DEFAULT', true],
    ['PY_REQUIRED', false],
    ['PY_FALLBACK', true],
    ['PY_GUARD', true],
    ['PY_SKIP', true],
    ['JS_DEFAULT', true],
    ['JS_REQUIRED', false],
    ['SH_DEFAULT', true],
    ['SH_REQUIRED', false],
    ['CS_GUARD', true],
  ])('%s read, optional: %s', (name, isOptional) => {
    expect(optional(name)).toBe(isOptional);
  });

  test('a class named like a client defines it; it does not build one', () => {
    expect(reads.some((r) => r.via === 'sdk' && r.path === 'opt.py')).toBe(false);
  });
});
