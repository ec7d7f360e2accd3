import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Finding } from '../src/finding.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction, runCli, type CliRun } from './helpers/run-action.js';

/** Line and column (1-based) of `needle` in `text`, counting `\n` as the line end (CRLF keeps `\r` on the line). */
function where(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error('needle not in text');
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

interface Planted {
  path: string;
  content: string;
  secret: string;
  /** What the finding points at: the key, or its base64 form in a Kubernetes Secret. */
  at: string;
  rule: string;
}

function plant(): Planted[] {
  const env = keys.openaiProject();
  const nb = keys.anthropic();
  const yaml = keys.mistral();
  const docker = keys.groq();
  const k8s = keys.openaiServiceAccount(46);
  const k8sB64 = Buffer.from(k8s + '\n').toString('base64');
  const crlf = keys.google();
  const bundle = keys.xai();
  const filler = 'function(a,b){return a.concat(b)},'.repeat(30000);
  return [
    {
      path: '.env',
      content: `# local settings\nDEBUG=true\nOPENAI_API_KEY=${env}\n`,
      secret: env,
      at: env,
      rule: 'leak/openai-project-key',
    },
    {
      path: 'notebooks/explore.ipynb',
      content: JSON.stringify(
        {
          cells: [
            { cell_type: 'markdown', source: ['# Explore\n'] },
            {
              cell_type: 'code',
              source: ['import anthropic\n', `client = anthropic.Anthropic(api_key="${nb}")\n`],
            },
          ],
          nbformat: 4,
        },
        null,
        1,
      ),
      secret: nb,
      at: nb,
      rule: 'leak/anthropic-api-key',
    },
    {
      path: 'deploy/values.yaml',
      content: `app:\n  image: acme/app:1.2\n  env:\n    MISTRAL_API_KEY: "${yaml}"\n`,
      secret: yaml,
      at: yaml,
      rule: 'leak/mistral-api-key',
    },
    {
      path: 'Dockerfile',
      content: `FROM node:20-slim\nWORKDIR /app\nENV GROQ_API_KEY=${docker}\nCMD ["node", "index.js"]`,
      secret: docker,
      at: docker,
      rule: 'leak/groq-api-key',
    },
    {
      path: 'k8s/secret.yaml',
      content:
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-keys\n  namespace: prod\ntype: Opaque\n' +
        `data:\n  OPENAI_API_KEY: ${k8sB64}\n`,
      secret: k8s,
      at: k8sB64,
      rule: 'leak/openai-service-account-key',
    },
    {
      path: 'config/windows.ini',
      content: `[maps]\r\nregion=eu\r\ngoogle_key = ${crlf}\r\nzoom=3\r\n`,
      secret: crlf,
      at: crlf,
      rule: 'leak/google-api-key',
    },
    {
      path: 'public/bundle.min.js',
      content: `!function(){var e={${filler}cfg:{apiKey:"${bundle}"},${filler}}}();`,
      secret: bundle,
      at: bundle,
      rule: 'leak/xai-api-key',
    },
  ];
}

describe('keys in the files people commit, through the built CLI and action', () => {
  // The planted files name the tests (test.each), so they are made while the tests are collected.
  const planted = plant();
  let repo: TempRepo;
  let cli: CliRun;
  let leaks: Finding[];
  beforeAll(() => {
    repo = new TempRepo();
    for (const p of planted) repo.write(p.path, p.content);
    repo.write('README.md', '# app\n\nSet `OPENAI_API_KEY=sk-...` or `${{ secrets.OPENAI_API_KEY }}`.\n');
    repo.commit('init');
    cli = runCli([repo.dir, '--format', 'json', '--fail-on', 'high']);
    const report = JSON.parse(cli.stdout || '{}') as { findings?: Finding[] };
    leaks = (report.findings ?? []).filter((f) => f.category === 'leak');
  });
  afterAll(() => repo?.cleanup());

  test('the CLI fails and reports one leak per planted key, nothing else', () => {
    expect(cli.code).toBe(1);
    expect(leaks.map((f) => f.location?.path).sort()).toEqual(planted.map((p) => p.path).sort());
  });

  test.each(planted.map((p) => [p.path, p.rule]))('%s: %s at the right line and column', (path, rule) => {
    const p = planted.find((x) => x.path === path)!;
    const f = leaks.find((x) => x.location?.path === path);
    expect(f?.ruleId).toBe(rule);
    expect({ line: f?.location?.line, column: f?.location?.column }).toEqual(where(p.content, p.at));
  });

  test('every secret is redacted and fingerprinted, never printed', () => {
    const out = everything(cli);
    for (const p of planted) {
      expect(out).not.toContain(p.secret);
      expect(out).not.toContain(p.secret.slice(-24, -4));
      const f = leaks.find((x) => x.location?.path === p.path)!;
      expect(f.evidence!.endsWith(p.secret.slice(-4))).toBe(true);
      expect(f.evidence!.length).toBeLessThanOrEqual(20);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(new Set(leaks.map((f) => f.fingerprint)).size).toBe(planted.length);
  });

  test('the action annotates the notebook, the CRLF file and the Kubernetes Secret at line and column', () => {
    const run = runAction({ workspace: repo.dir });
    expect(run.code).toBe(1);
    for (const path of ['notebooks/explore.ipynb', 'config/windows.ini', 'k8s/secret.yaml']) {
      const p = planted.find((x) => x.path === path)!;
      const a = run.annotations.find((x) => x.level === 'error' && x.file === path);
      const w = where(p.content, p.at);
      expect({ path, line: a?.line, col: a?.col }).toEqual({ path, line: w.line, col: w.column });
    }
    const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
    for (const p of planted) expect(logs).not.toContain(p.secret);
    for (const p of planted) expect(run.masked).toContain(p.secret);
  });
});
