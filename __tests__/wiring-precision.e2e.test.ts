import { afterAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../src/finding.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runCli } from './helpers/run-action.js';

interface Report {
  findings: Finding[];
  notices: { level: string; message: string }[];
}

function scan(dir: string, ...args: string[]): { report: Report; out: string } {
  const r = runCli([dir, '--format', 'json', '--fail-on', 'none', ...args]);
  expect(r.stderr).toBe('');
  return { report: JSON.parse(r.stdout) as Report, out: r.stdout };
}

function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

const repos: TempRepo[] = [];
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}
afterAll(() => repos.forEach((r) => r.cleanup()));

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('key-not-provided: only where a step provably runs code that reads the key', () => {
  const r = repo();
  r.write(
    'app/agent.py',
    lines(
      'import os',
      'key = os.environ["ANTHROPIC_API_KEY"]',
      'groq = os.getenv("GROQ_API_KEY", "")',
      'if os.getenv("MISTRAL_API_KEY"):',
      '    mistral = os.environ["MISTRAL_API_KEY"]',
      'hook = os.environ["OPENAI_WEBHOOK_SECRET"]',
      'org = os.environ["OPENAI_ORG_ID"]',
    ),
  );
  r.write('app/__init__.py', '');
  r.write('app/cli.py', lines('from app import agent', '', 'def main():', '    print(agent.key)'));
  r.write('app/__main__.py', lines('from app.cli import main', 'main()'));
  r.write('scripts/report.py', lines('import json', 'print(json.dumps({"ok": True}))'));
  r.write(
    'scripts/call.sh',
    lines('#!/bin/sh', 'curl -H "Authorization: Bearer $GEMINI_API_KEY" https://example.test'),
  );
  r.write(
    'scripts/smoke.js',
    lines('const key = process.env.OPENROUTER_API_KEY;', "const co = process.env.COHERE_API_KEY ?? '';"),
  );
  r.write(
    'package.json',
    JSON.stringify({ name: 'demo', scripts: { smoke: 'node scripts/smoke.js', fmt: 'prettier -w .' } }),
  );
  r.write(
    'pyproject.toml',
    lines('[project]', 'name = "demo"', '[project.scripts]', 'agent-cli = "app.cli:main"'),
  );
  r.write(
    'tests/test_chat.py',
    lines('import os', 'def test_chat():', '    assert os.environ["XAI_API_KEY"]'),
  );
  r.write(
    'tests/test_mocked.py',
    lines('import respx', 'from openai import OpenAI', 'def test_chat(respx_mock):', '    OpenAI()'),
  );
  r.write(
    'tests/test_guarded.py',
    lines(
      'import os, pytest',
      '@pytest.mark.skipif(not os.getenv("DEEPSEEK_API_KEY"), reason="no key")',
      'def test_real():',
      '    assert os.environ["DEEPSEEK_API_KEY"]',
    ),
  );
  // As instructor's tests: a test that always skips, and a suite `-k` deselects by its package's name.
  r.write(
    'tests/test_skipped.py',
    lines(
      'import pytest',
      'import cohere',
      '@pytest.mark.skip(reason="no Cohere account")',
      'def test_cohere():',
      '    cohere.Client()',
      '',
      'def test_after():',
      '    assert True',
    ),
  );
  r.write(
    'tests/llm/test_perplexity.py',
    lines('import os', 'def test_live():', '    assert os.environ["PERPLEXITY_API_KEY"]'),
  );
  r.write(
    '.github/workflows/ci.yml',
    lines(
      'on: push',
      'jobs:',
      '  unit:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      "      - run: uv run pytest tests/ -k 'not llm and not openai'",
      '  lint:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: ruff check . && mypy app && npm run fmt',
      '      - run: python scripts/report.py',
      '  run:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: uv run python app/agent.py',
      '  tests:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: uv run pytest tests',
      '  smoke:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm run smoke',
      '  cli:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: agent-cli --help',
      '      - run: python -m app',
      '      - run: bash scripts/call.sh',
    ),
  );
  r.commit('init');
  const { report } = scan(r.dir);
  const found = byRule(report.findings, 'wiring/key-not-provided');
  const pairs = found.map((f) => `${f.facts?.job}:${f.facts?.codeName}`).sort();

  test('each job is blamed for the names the code it runs needs, and for no other', () => {
    expect(pairs).toEqual([
      'cli:ANTHROPIC_API_KEY',
      'cli:GEMINI_API_KEY',
      'run:ANTHROPIC_API_KEY',
      'smoke:OPENROUTER_API_KEY',
      'tests:PERPLEXITY_API_KEY',
      'tests:XAI_API_KEY',
      'unit:XAI_API_KEY',
    ]);
  });

  test('the message says which step runs which file', () => {
    const run = found.find((f) => f.facts?.job === 'run')!;
    expect(run.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 15 });
    expect(run.message).toContain('runs app/agent.py (`uv run python app/agent.py`)');
    expect(run.message).toContain('app/agent.py:2');
    const smoke = found.find((f) => f.facts?.job === 'smoke')!;
    expect(smoke.message).toContain(
      'runs scripts/smoke.js (`npm run smoke` → `smoke`: `node scripts/smoke.js`)',
    );
    const tests = found.find((f) => f.facts?.job === 'tests' && f.facts?.codeName === 'XAI_API_KEY')!;
    expect(tests.message).toContain('runs the tests under tests (`uv run pytest tests`)');
    expect(tests.message).toContain('tests/test_chat.py:3');
    expect(tests.message).toContain('does not mock the provider');
  });

  test('a console script and a module run the modules they import', () => {
    const cli = found.filter((f) => f.facts?.job === 'cli' && f.facts?.codeName === 'ANTHROPIC_API_KEY');
    expect(cli).toHaveLength(1);
    expect(cli[0]!.message).toContain('runs app/cli.py (`agent-cli --help`), which imports app/agent.py');
    const shell = found.find((f) => f.facts?.codeName === 'GEMINI_API_KEY')!;
    expect(shell.message).toContain('runs scripts/call.sh (`bash scripts/call.sh`)');
  });
});

describe('names a job gets from elsewhere than env:', () => {
  const r = repo();
  r.write('app.py', lines('import os', 'key = os.environ["ANTHROPIC_API_KEY"]'));
  r.write(
    '.github/actions/setup/action.yml',
    lines(
      'name: setup',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - shell: bash',
      '      run: echo "ANTHROPIC_API_KEY=${KEY}" >> "$GITHUB_ENV"',
    ),
  );
  r.write(
    '.github/workflows/reusable.yml',
    lines(
      'on:',
      '  workflow_call:',
      '    secrets:',
      '      ANTHROPIC_API_KEY:',
      '        required: true',
      'jobs:',
      '  called:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
      '    steps:',
      '      - run: python app.py',
    ),
  );
  r.write(
    '.github/workflows/ci.yml',
    lines(
      'on: push',
      'jobs:',
      '  vault:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: hashicorp/vault-action@v3',
      '        with:',
      '          secrets: secret/data/ci anthropic | ANTHROPIC_API_KEY',
      '      - run: python app.py',
      '  ghenv:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "ANTHROPIC_API_KEY=$(cat key.txt)" >> $GITHUB_ENV',
      '      - run: python app.py',
      '  composite:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: ./.github/actions/setup',
      '      - run: python app.py',
      '  unknown:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: example/load-secrets@v1',
      '        with:',
      '          export-env: true',
      '      - run: python app.py',
      '  reuse:',
      '    uses: ./.github/workflows/reusable.yml',
      '    secrets: inherit',
      '  plain:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: python app.py',
      // As khoj's eval workflow does: the script sets the key from the event, then masks it.
      '  own:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          ANTHROPIC_API_KEY=$(jq -r .inputs.key "$GITHUB_EVENT_PATH")',
      '          echo "::add-mask::$ANTHROPIC_API_KEY"',
      '          echo "ANTHROPIC_API_KEY=$ANTHROPIC_API_KEY" >> "$GITHUB_ENV"',
      '  unset:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          curl -H "x-api-key: $ANTHROPIC_API_KEY" https://example.test',
      '          ANTHROPIC_API_KEY=later',
    ),
  );
  r.commit('init');
  const { report } = scan(r.dir);

  test('a secret manager, a $GITHUB_ENV write, a composite action, a reusable workflow and the script itself provide it', () => {
    const jobs = byRule(report.findings, 'wiring/key-not-provided').map((f) => f.facts?.job);
    expect(jobs).toEqual(['plain', 'unset']);
    expect(byRule(report.findings, 'wiring/secret-not-passed')).toHaveLength(0);
  });

  test('an unknown action that exports variables: no finding, one notice', () => {
    const notices = report.notices.filter((n) => n.message.includes('example/load-secrets@v1'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('may export variables');
  });
});

describe('legacy-openai-name only where the 1.x SDK would read it implicitly', () => {
  const setup = (extra: Record<string, string>): Finding[] => {
    const r = repo();
    r.write('requirements.txt', 'openai>=1.40\n');
    r.write(
      '.github/workflows/ci.yml',
      lines(
        'on: push',
        'jobs:',
        '  t:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      OPENAI_API_BASE: https://gw.example.test/v1',
        '    steps:',
        '      - run: python main.py',
      ),
    );
    for (const [p, t] of Object.entries(extra)) r.write(p, t);
    r.commit('init');
    return byRule(scan(r.dir).report.findings, 'wiring/legacy-openai-name');
  };

  test('set in a workflow for a client built without it: a finding at the workflow line', () => {
    const f = setup({ 'main.py': lines('from openai import OpenAI', 'client = OpenAI()') });
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 6 });
    expect(f[0]!.message).toContain('reads `OPENAI_BASE_URL` instead');
  });

  test('passed explicitly by the code, or set for litellm: not a finding', () => {
    expect(
      setup({
        'main.py': lines(
          'import os',
          'from openai import OpenAI',
          'client = OpenAI(base_url=os.getenv("OPENAI_API_BASE"))',
        ),
      }),
    ).toHaveLength(0);
    expect(
      setup({
        'main.py': lines('from openai import OpenAI', 'client = OpenAI()'),
        'requirements.txt': 'openai>=1.40\nlitellm\n',
      }),
    ).toHaveLength(0);
  });
});

describe('.env files: templates, settings and secrets', () => {
  const r = repo();
  r.write('.env.example', 'OPENAI_API_KEY=\n');
  r.write('svc/.env.default', 'OPENAI_API_KEY=sk-your-key-here\n');
  r.write('web/.env', '');
  r.write('api/.env', 'PORT=8080\nBASE_URL=https://api.example.test\nDEBUG=true\n');
  r.write('.gitignore', '.env\n');
  r.commit('init');
  r.git('add', '-f', 'web/.env', 'api/.env');
  r.commit('force');
  const { report } = scan(r.dir);

  test('a template, an empty .env and one of settings only are not a committed secret', () => {
    expect(byRule(report.findings, 'wiring/env-file-tracked')).toHaveLength(0);
  });

  test('a .env file the checked-out commit holds is committed even when the index is emptied', () => {
    const c = repo();
    c.write('.env', `SERVICE_TOKEN=${'q8Zr1tY7' + 'uXw2vB9nM4kLp3'}\n`);
    c.commit('init');
    c.git('rm', '-r', '-q', '--cached', '.');
    const f = byRule(scan(c.dir).report.findings, 'wiring/env-file-tracked');
    expect(f.map((x) => x.location?.path)).toEqual(['.env']);
    expect(byRule(scan(c.dir).report.findings, 'wiring/env-not-ignored')).toHaveLength(0);
  });
});

describe('env-not-ignored asks git from the repository root', () => {
  const r = repo();
  r.write('.gitignore', '.env\n');
  r.write('svc/app.py', lines('from dotenv import load_dotenv', 'load_dotenv()'));
  r.write('svc/.env.example', 'ANTHROPIC_API_KEY=\n');
  r.write('tool/index.ts', lines("import { parse } from './dotenv';", 'parse();'));
  r.write('tool/dotenv.ts', 'export function parse(): void {}\n');
  r.commit('init');

  test('scanning a subdirectory of a repository whose root .gitignore ignores .env', () => {
    expect(byRule(scan(path.join(r.dir, 'svc')).report.findings, 'wiring/env-not-ignored')).toHaveLength(0);
  });

  test('outside git, the .gitignore of the scanned root counts', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'keylint-nogit-'));
    try {
      cpSync(path.join(r.dir, 'svc'), copy, { recursive: true });
      cpSync(path.join(r.dir, '.gitignore'), path.join(copy, '.gitignore'));
      expect(byRule(scan(copy).report.findings, 'wiring/env-not-ignored')).toHaveLength(0);
      unlinkSync(path.join(copy, '.gitignore'));
      const [f] = byRule(scan(copy).report.findings, 'wiring/env-not-ignored');
      expect(f?.message).toContain('no .gitignore');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test('a module of the project named dotenv.ts is not a use of a .env file', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'keylint-nogit-'));
    try {
      cpSync(path.join(r.dir, 'tool'), copy, { recursive: true });
      expect(byRule(scan(copy).report.findings, 'wiring/env-not-ignored')).toHaveLength(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('workflow env values and run scripts', () => {
  const r = repo();
  r.write('main.py', lines('import os', 'key = os.environ["ANTHROPIC_API_KEY"]'));
  r.write(
    '.github/workflows/ci.yml',
    lines(
      'on: push',
      'jobs:',
      '  t:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      ANTHROPIC_API_KEY: os.environ["ANTHROPIC_API_KEY"]',
      '      SERVICE_API_KEY: process.env.SERVICE_API_KEY',
      '    steps:',
      '      - run: |',
      '          curl -H "x: ${{ secrets.GITHUB_TOKEN }}" -H "y: ${{ github.token }}" https://example.test',
      '          npm publish --token ${{ secrets.NPM_TOKEN }}',
      '          curl -H "Authorization: Bearer ${{ secrets.OPENAI_API_KEY }}" https://example.test',
      '          echo "OPENAI_API_KEY=${{ secrets.OPENAI_API_KEY }}" >> .env',
      '          echo "ANTHROPIC_API_KEY=${{ secrets.ANTHROPIC_API_KEY }}" >> .env',
      '          echo "OPENAI_API_KEY=${{ secrets.OPENAI_API_KEY }}" >> ../.env',
    ),
  );
  r.commit('init');
  const { report } = scan(r.dir);

  test('code of another language as a value: its own medium finding pointing to secrets', () => {
    const f = byRule(report.findings, 'wiring/env-value-is-code');
    expect(f.map((x) => x.location?.line)).toEqual([6, 7]);
    expect(f[0]!.severity).toBe('medium');
    expect(f[0]!.fix).toContain('${{ secrets.ANTHROPIC_API_KEY }}');
    expect(byRule(report.findings, 'wiring/literal-key-in-workflow')).toHaveLength(0);
  });

  test('secret-in-run only for an LLM key secret, once per workflow and secret', () => {
    const f = byRule(report.findings, 'wiring/secret-in-run');
    expect(f.map((x) => [x.location?.line, x.message.match(/secrets\.(\w+)/)?.[1]])).toEqual([
      [12, 'OPENAI_API_KEY'],
      [14, 'ANTHROPIC_API_KEY'],
    ]);
    expect(f[0]!.message).toContain('.github/workflows/ci.yml:12 (and at lines 13, 15)');
    expect(f[0]!.relatedLocations?.map((l) => l.line)).toEqual([13, 15]);
    expect(f[1]!.relatedLocations).toBeUndefined();
    expect(f[1]!.message).not.toContain('and at');
    // GitHub masks the value in its logs: the finding is about the script's text, not the log.
    expect(f[0]!.message).toContain('a quote, `$` or backtick in it changes what the script runs');
  });
});

describe('history: one unreadable object', () => {
  const r = repo();
  const first = keys.openaiProject();
  const last = keys.anthropic();
  r.write('a.txt', 'start\n');
  const base = r.commit('init');
  r.write('old.py', `k = "${first}"\n`);
  r.commit('add first');
  r.write('old.py', 'k = None\n');
  r.write('broken.txt', 'this blob goes missing\n');
  const broken = r.commit('break');
  r.write('new.py', `k = "${last}"\n`);
  r.commit('add last');
  const blob = r.git('rev-parse', `${broken}:broken.txt`);
  unlinkSync(path.join(r.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  r.write('broken.txt', 'restored in the tree\n');
  const { report, out } = scan(r.dir, '--since', base);

  test('the other commits are still scanned, and the skipped one is named', () => {
    const ids = report.findings.map((f) => f.ruleId);
    expect(ids).toContain('history/openai-project-key');
    expect(ids.some((id) => id.startsWith('leak/anthropic'))).toBe(true);
    const warning = report.notices.find((n) => n.message.includes('could not be read'));
    expect(warning?.message).toContain(broken.slice(0, 12));
    expect(out).not.toContain(first);
  });
});
