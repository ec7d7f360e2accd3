import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../src/finding.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { runAction, runCli } from './helpers/run-action.js';

function scan(dir: string): { code: number; findings: Finding[]; out: string } {
  const r = runCli([dir, '--format', 'json', '--fail-on', 'none']);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as { findings: Finding[] };
  return { code: r.code, findings: report.findings, out: r.stdout + r.stderr };
}

function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

describe('static wiring over a repository with workflows', () => {
  const arrange = () => {
    const repo = new TempRepo();
    repo.write(
      'app/main.py',
      [
        'import os',
        'from openai import OpenAI',
        '',
        '# os.environ["COMMENTED_OUT_KEY"]',
        'client = OpenAI()',
        'anthropic_key = os.environ["ANTHROPIC_API_KEY"]',
        'base = os.getenv("OPENAI_API_BASE")',
        '',
      ].join('\n'),
    );
    repo.write('requirements.txt', 'openai>=1.40\n');
    repo.write(
      '.github/workflows/ci.yml',
      [
        'name: ci',
        'on: [push, pull_request]',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      OPEN_AI_API_KEY: ${{ secrets.OPENAI_KEY }}',
        '    steps:',
        '      - uses: actions/checkout@v5',
        '      - run: |',
        '          echo start',
        '          curl -H "Authorization: Bearer ${{ secrets.OPENAI_KEY }}" https://example.test',
        '      - run: python app/main.py',
        '        env:',
        '          A: ${{ secrets.GITHUB_KEY }}',
        "          B: ${{ secrets['OPENAI-KEY'] }}",
        '          GATEWAY_TOKEN: q8Zr1tY7uXw2vB9nM4kLp3',
        '          CACHE_KEY: v1-deps-cache-linux-x64',
        '',
      ].join('\n'),
    );
    repo.write(
      '.github/workflows/broken.yml',
      'name: broken\non: push\njobs:\n  x:\n    steps:\n      - run: echo "hi\n       bad: [\n',
    );
    repo.commit('init');
    const { findings } = scan(repo.dir);
    return { repo, findings };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let findings: ReturnType<typeof arrange>['findings'];
  beforeAll(() => {
    ({ repo, findings } = arrange());
  });
  afterAll(() => repo.cleanup());

  test('a near-miss name: at the workflow line, naming both names and where the code reads it', () => {
    const [f] = byRule(findings, 'wiring/name-mismatch');
    expect(f?.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 7, column: 7 });
    expect(f?.message).toContain('sets `OPEN_AI_API_KEY`');
    expect(f?.message).toContain('reads `OPENAI_API_KEY` at app/main.py:5 (through `OpenAI()`');
    expect(f?.severity).toBe('high');
  });

  test('an LLM key the code reads and no workflow provides, where a step runs that code', () => {
    const f = byRule(findings, 'wiring/key-not-provided');
    expect(f.map((x) => x.facts?.codeName)).toEqual(['ANTHROPIC_API_KEY']);
    expect(f[0]?.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 13 });
    expect(f[0]?.message).toContain('app/main.py:6');
    expect(f[0]?.message).toContain('runs app/main.py (`python app/main.py`)');
  });

  test('secret names GitHub cannot store', () => {
    const f = byRule(findings, 'wiring/invalid-secret-name');
    expect(f.map((x) => x.location?.line)).toEqual([15, 16]);
    expect(f[0]?.message).toContain('`secrets.GITHUB_KEY`');
    expect(f[0]?.message).toContain('reserved');
    expect(f[1]?.message).toContain('only letters, digits and underscores');
  });

  test('a secret interpolated into a run script, at its line inside the block', () => {
    const [f] = byRule(findings, 'wiring/secret-in-run');
    expect(f?.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 12 });
    expect(f?.fix).toContain('env: OPENAI_KEY: ${{ secrets.OPENAI_KEY }}');
  });

  test('a literal key in a workflow env that the leak detectors do not know', () => {
    const all = byRule(findings, 'wiring/literal-key-in-workflow');
    expect(all).toHaveLength(1);
    const [f] = all;
    expect(f?.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 17 });
    expect(f?.severity).toBe('high');
    expect(JSON.stringify(findings)).not.toContain('q8Zr1tY7uXw2vB9nM4kLp3');
  });

  test('a 0.x variable name the code reads itself is passed on explicitly: not a finding', () => {
    expect(byRule(findings, 'wiring/legacy-openai-name')).toHaveLength(0);
  });

  test('an invalid workflow is one finding at the parser line, and the scan went on', () => {
    const f = byRule(findings, 'config/invalid');
    expect(f).toHaveLength(1);
    expect(f[0]?.location).toMatchObject({ path: '.github/workflows/broken.yml', line: 7 });
    expect(byRule(findings, 'wiring/name-mismatch')).toHaveLength(1);
  });

  test('reading keys from the environment alone does not ask for a .gitignore', () => {
    expect(byRule(findings, 'wiring/env-not-ignored')).toHaveLength(0);
  });

  test('no comment is read as code', () => {
    expect(JSON.stringify(findings)).not.toContain('COMMENTED_OUT_KEY');
  });
});

describe('static wiring: other languages, .env files and literal keys', () => {
  const arrange = () => {
    const repo = new TempRepo();
    const leaked = keys.openaiProject();
    repo.write(
      'web/index.ts',
      'const { ANTHROPIC_API_KEY } = process.env;\nconst g = new GoogleGenAI({});\n',
    );
    repo.write('svc/main.go', 'package main\nimport "os"\nvar k = os.Getenv("GROQ_API_KEY")\n');
    repo.write('bin/run.sh', '#!/bin/sh\n# $IGNORED_IN_COMMENT\ncurl -H "x: ${MISTRAL_API_KEY}" "$HOME"\n');
    repo.write('lib/app.rb', 'key = ENV.fetch("XAI_API_KEY")\n');
    repo.write('.env', `DEBUG=1\nSERVICE_TOKEN=${'q8Zr1tY7' + 'uXw2vB9nM4kLp3'}\n`);
    repo.write('.gitignore', 'node_modules/\n');
    repo.write(
      '.github/workflows/ci.yml',
      [
        'on: push',
        'env:',
        `  OPENAI_API_KEY: ${leaked}`,
        'jobs:',
        '  t:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      ANTHROPIC_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
        '      GEMINI_API_KEY: ${{ secrets.GEMINI }}',
        '      GROQ_API_KEY: ${{ vars.GROQ }}',
        '      MISTRAL_API_KEY: ${{ secrets.MISTRAL }}',
        '    steps:',
        '      - run: npm test',
        '      - run: ruby lib/app.rb && bash bin/run.sh && go run ./svc',
        '',
      ].join('\n'),
    );
    repo.commit('init');
    const { findings, out } = scan(repo.dir);
    return { repo, leaked, findings, out };
  };
  let repo: ReturnType<typeof arrange>['repo'];
  let leaked: ReturnType<typeof arrange>['leaked'];
  let findings: ReturnType<typeof arrange>['findings'];
  let out: ReturnType<typeof arrange>['out'];
  beforeAll(() => {
    ({ repo, leaked, findings, out } = arrange());
  });
  afterAll(() => repo.cleanup());

  test('TypeScript destructuring is read, and the mismatch found', () => {
    const [f] = byRule(findings, 'wiring/name-mismatch');
    expect(f?.message).toContain(
      'sets `ANTHROPIC_KEY`, but the code reads `ANTHROPIC_API_KEY` at web/index.ts:1',
    );
    expect(f?.location).toMatchObject({ path: '.github/workflows/ci.yml', line: 8 });
  });

  test('names provided by env, vars and an SDK alternative count as provided; Ruby and shell reads are seen', () => {
    const missing = byRule(findings, 'wiring/key-not-provided').map((f) => f.facts?.codeName);
    expect(missing).toEqual(['XAI_API_KEY']);
  });

  test('a tracked .env file: the names it holds, never the values', () => {
    const [f] = byRule(findings, 'wiring/env-file-tracked');
    expect(f?.location).toMatchObject({ path: '.env', line: 1 });
    expect(f?.fix).toContain('git rm --cached .env');
    expect(f?.message).toContain('sets `SERVICE_TOKEN`, besides settings (`DEBUG`)');
    expect(out).not.toContain('uXw2vB9nM4kLp3');
  });

  test('a literal key the leak check reports is not reported twice', () => {
    expect(byRule(findings, 'leak/openai-project-key')[0]?.location).toMatchObject({
      path: '.github/workflows/ci.yml',
      line: 3,
    });
    expect(byRule(findings, 'wiring/literal-key-in-workflow')).toHaveLength(0);
    expect(out).not.toContain(leaked);
  });
});

describe('.gitignore that does not ignore .env', () => {
  test('is found where the code loads a .env file and there is no .gitignore', () => {
    const repo = new TempRepo();
    repo.write('app.py', 'from dotenv import load_dotenv\nload_dotenv()\n');
    repo.commit('init');
    const [f] = byRule(scan(repo.dir).findings, 'wiring/env-not-ignored');
    expect(f?.message).toContain('no .gitignore');
    expect(f?.location).toMatchObject({ path: 'app.py', line: 1 });
    repo.cleanup();
  });

  test('is found when there is a template, and not once .env is ignored', () => {
    const repo = new TempRepo();
    repo.write('.env.example', 'OPENAI_API_KEY=\n');
    repo.write('.gitignore', 'dist/\n');
    repo.commit('init');
    const before = byRule(scan(repo.dir).findings, 'wiring/env-not-ignored');
    expect(before[0]?.location).toMatchObject({ path: '.gitignore', line: 1 });
    repo.write('.gitignore', 'dist/\n.env*\n!.env.example\n');
    repo.commit('ignore');
    expect(byRule(scan(repo.dir).findings, 'wiring/env-not-ignored')).toHaveLength(0);
    repo.cleanup();
  });
});

describe('the key names the live check reads', () => {
  test('derived from the code when key-env is empty, with no runtime check in the CLI', () => {
    const repo = new TempRepo();
    repo.write('a.py', 'import anthropic\nc = anthropic.Anthropic()\n');
    repo.write('.gitignore', '.env\n');
    repo.commit('init');
    const run = runAction({ workspace: repo.dir });
    expect(run.outputs['key-status']).toBe('ANTHROPIC_API_KEY=missing');
    expect(run.summary).toContain('the names the code reads');
    const cli = runCli([repo.dir, '--format', 'json']);
    expect(cli.stdout).not.toContain('wiring/key-missing');
    repo.cleanup();
  });

  test('OPENAI_API_KEY when the code names none: a status, not a finding', () => {
    const repo = new TempRepo();
    repo.write('main.py', 'print("hello")\n');
    repo.commit('init');
    const run = runAction({ workspace: repo.dir });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
    expect(run.outputs.findings).toBe('0');
    repo.cleanup();
  });
});

describe('reusable workflows', () => {
  test('a secret the called workflow reads but the caller does not pass', () => {
    const repo = new TempRepo();
    repo.write(
      '.github/workflows/reusable.yml',
      'on: workflow_call\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n      TOKEN: ${{ secrets.GITHUB_TOKEN }}\n    steps:\n      - run: echo\n',
    );
    repo.write(
      '.github/workflows/caller.yml',
      [
        'on: push',
        'jobs:',
        '  explicit:',
        '    uses: ./.github/workflows/reusable.yml',
        '    secrets:',
        '      OTHER: ${{ secrets.OTHER }}',
        '  inherit:',
        '    uses: ./.github/workflows/reusable.yml',
        '    secrets: inherit',
        '',
      ].join('\n'),
    );
    repo.commit('init');
    const f = byRule(scan(repo.dir).findings, 'wiring/secret-not-passed');
    repo.cleanup();
    expect(f).toHaveLength(1);
    expect(f[0]?.location).toMatchObject({ path: '.github/workflows/caller.yml', line: 3 });
    expect(f[0]?.message).toContain(
      'without passing `OPENAI_API_KEY`, which it reads at .github/workflows/reusable.yml:6',
    );
  });

  test('a secret the called workflow declares optional is its own choice; an undeclared one is not', () => {
    // As Continue's release workflow: one reusable workflow, provider keys optional per package.
    const repo = new TempRepo();
    repo.write(
      '.github/workflows/reusable.yml',
      [
        'on:',
        '  workflow_call:',
        '    secrets:',
        '      NPM_TOKEN:',
        '        required: true',
        '      OPENAI_API_KEY:',
        '        required: false',
        '      ANTHROPIC_API_KEY:',
        '        description: no required key at all',
        'jobs:',
        '  t:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        '      ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
        '      GEMINI_API_KEY: ${{ secrets.GEMINI_API_KEY }}',
        '      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
        '    steps:',
        '      - run: npm test',
        '',
      ].join('\n'),
    );
    repo.write(
      '.github/workflows/caller.yml',
      'on: push\njobs:\n  release:\n    uses: ./.github/workflows/reusable.yml\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    );
    repo.commit('init');
    const f = byRule(scan(repo.dir).findings, 'wiring/secret-not-passed');
    repo.cleanup();
    expect(f.map((x) => x.message.match(/passing `(\w+)`/)?.[1])).toEqual(['GEMINI_API_KEY']);
  });
});
