import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { everything, runAction, type ActionRun, type Annotation } from './helpers/run-action.js';

const REPO = 'acme/app';

/** The code reads OPENAI_API_KEY through `OpenAI()`; the workflow maps a near-miss name. */
const MISWIRED = `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      OPENAI_APIKEY: \${{ secrets.OPENAI_KEY }}
    steps:
      - uses: actions/checkout@v5
      - run: pytest
`;

/** Mapped correctly, from a secret with another name; a second job holds an environment. */
const WIRED = `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      OPENAI_API_KEY: \${{ secrets.OPENAI_KEY }}
    steps:
      - uses: actions/checkout@v5
      - run: pytest
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: make lint
  deploy:
    runs-on: ubuntu-latest
    environment: production
    env:
      ANTHROPIC_API_KEY: \${{ secrets.ANTHROPIC_API_KEY }}
    steps:
      - run: make deploy
`;

function fixture(workflow: string): TempRepo {
  const repo = new TempRepo();
  repo.write('app/main.py', 'import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n');
  repo.write('requirements.txt', 'openai>=1.40\n');
  repo.write('.gitignore', '.env\n');
  repo.write('.github/workflows/ci.yml', workflow);
  repo.commit('init');
  return repo;
}

function pullRequest(head: string, login = 'octocat', fork = head !== REPO): Record<string, unknown> {
  return {
    action: 'opened',
    number: 7,
    pull_request: { number: 7, user: { login }, head: { ref: 'feature', repo: { full_name: head, fork } } },
    repository: { full_name: REPO },
  };
}

function keyMissing(run: ActionRun): Annotation | undefined {
  return run.annotations.find((a) => a.title?.startsWith('wiring/key-missing'));
}

function noValueIn(run: ActionRun, ...values: string[]): void {
  const logs = everything(run).replace(/^::add-mask::.*$/gm, '');
  for (const v of values) {
    expect(logs).not.toContain(v);
    const inner = v.trim();
    if (inner.length > 24) expect(logs).not.toContain(inner.slice(10, 30));
  }
}

describe('wiring in the action: a near-miss mapping, over each kind of event', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = fixture(MISWIRED);
  });
  afterAll(() => repo?.cleanup());

  test('push: the static mismatch and the missing key both name both names, at the mapping line', () => {
    const run = runAction({
      workspace: repo.dir,
      eventName: 'push',
      event: { ref: 'refs/heads/main' },
      inputs: { 'key-env': 'OPENAI_API_KEY' },
    });
    const mismatch = run.annotations.find((a) => a.title?.startsWith('wiring/name-mismatch'));
    expect(mismatch).toMatchObject({ level: 'error', file: '.github/workflows/ci.yml', line: 7, col: 7 });
    expect(mismatch?.message).toContain('`OPENAI_APIKEY`');
    expect(mismatch?.message).toContain('`OPENAI_API_KEY` at app/main.py:4');
    const missing = keyMissing(run);
    expect(missing).toMatchObject({ file: '.github/workflows/ci.yml', line: 7 });
    expect(missing?.message).toMatch(
      /`OPENAI_API_KEY` is not set in this step: the workflow maps `OPENAI_APIKEY`/,
    );
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
    expect(run.summary).toContain('### Key status');
    expect(run.summary).toMatch(/\| `OPENAI_API_KEY` \| missing \|/);
  });

  test('push without key-env: the names come from the code, and a missing one is a status, not a finding', () => {
    const run = runAction({ workspace: repo.dir, eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(keyMissing(run)).toBeUndefined();
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
    expect(run.summary).toContain('Checked names from the names the code reads');
    expect(run.summary).toMatch(/\| `OPENAI_API_KEY` \| missing \| the workflow maps `OPENAI_APIKEY`/);
  });

  test('same-repository pull request: not blamed on a fork', () => {
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: pullRequest(REPO),
      inputs: { 'key-env': 'OPENAI_API_KEY' },
    });
    expect(keyMissing(run)?.message).not.toMatch(/fork/);
    expect(keyMissing(run)?.message).toContain('`OPENAI_APIKEY`');
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
  });

  test('fork pull request: no secrets are passed, said as such, and the step does not fail for it', () => {
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: pullRequest('someone/app'),
      inputs: { 'key-env': 'OPENAI_API_KEY', 'fail-on': 'medium' },
    });
    const missing = keyMissing(run);
    expect(missing?.level).toBe('notice');
    expect(missing?.message).toContain('pull request from a fork (someone/app)');
    expect(missing).toMatchObject({ file: '.github/workflows/ci.yml' });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
  });

  test('a repository that is itself a fork: its own branches are not fork pull requests', () => {
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: pullRequest(REPO, 'octocat', true),
      inputs: { 'key-env': 'OPENAI_API_KEY' },
    });
    expect(keyMissing(run)?.level).toBe('error');
    expect(keyMissing(run)?.message).not.toMatch(/from a fork/);
  });

  test('Dependabot pull request: only Dependabot secrets', () => {
    const run = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: pullRequest(REPO, 'dependabot[bot]'),
      env: { GITHUB_ACTOR: 'dependabot[bot]' },
      inputs: { 'key-env': 'OPENAI_API_KEY' },
    });
    const missing = keyMissing(run);
    expect(missing?.level).toBe('warning');
    expect(missing?.message).toContain('started by Dependabot');
    expect(missing?.message).toContain('Settings → Secrets and variables → Dependabot');
    expect(missing?.message).toContain('`OPENAI_KEY`');
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=missing');
  });
});

describe('wiring in the action: the value in the step', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = fixture(WIRED);
  });
  afterAll(() => repo?.cleanup());
  const key = keys.openaiProject();
  const ZWSP = String.fromCodePoint(0x200b);

  test('a good key: ok, with its provider and kind, and never printed', () => {
    const run = runAction({ workspace: repo.dir, env: { OPENAI_API_KEY: key } });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=ok');
    const note = run.annotations.find((a) => a.message.includes('holds an OpenAI project key'));
    expect(note?.message).toContain('the shape is valid');
    expect(run.masked).toContain(key);
    expect(run.code).toBe(0);
    noValueIn(run, key);
  });

  const malformed: [string, () => string, string, RegExp][] = [
    ['a trailing newline', () => `${key}\n`, 'malformed', /a trailing newline/],
    ['leading whitespace', () => `  ${key}`, 'malformed', /leading whitespace/],
    ['wrapping quotes', () => `'${key}'`, 'malformed', /wrapping quotes/],
    ['a Bearer prefix', () => `Bearer ${key}`, 'malformed', /`Bearer ` prefix/],
    ['a NAME= prefix', () => `OPENAI_API_KEY=${key}`, 'malformed', /`OPENAI_API_KEY=` prefix/],
    [
      'a zero-width space',
      () => key.slice(0, 40) + ZWSP + key.slice(40),
      'malformed',
      /zero-width character/,
    ],
    [
      'a non-ASCII character',
      () => key.slice(0, 40) + 'ß' + key.slice(40),
      'malformed',
      /non-ASCII character/,
    ],
    ['a truncated key', () => key.slice(0, 30), 'malformed', /truncated: 30 characters/],
    ['a placeholder', () => 'sk-your-openai-key-here', 'placeholder', /placeholder/],
    [
      'an Anthropic key',
      () => keys.anthropic(),
      'wrong-provider',
      /is an Anthropic API key, where an OpenAI key is expected/,
    ],
  ];

  test.each(malformed)(
    '%s: annotated at the mapping, status word set, value in no output',
    (_w, make, status, msg) => {
      const value = make();
      const run = runAction({ workspace: repo.dir, env: { OPENAI_API_KEY: value } });
      expect(run.outputs['key-status']).toBe(`OPENAI_API_KEY=${status}`);
      const a = run.annotations.find((x) => x.title?.startsWith(`wiring/key-`) && x.title.includes(status));
      expect(a).toMatchObject({ level: 'error', file: '.github/workflows/ci.yml', line: 7 });
      expect(a?.message).toMatch(msg);
      expect(a?.message).toContain('`OPENAI_API_KEY`');
      expect(run.code).toBe(1);
      noValueIn(run, value);
      expect(run.summary).toMatch(new RegExp(`\\| \`OPENAI_API_KEY\` \\| ${status} \\|`));
    },
  );

  test('empty: the secret the workflow maps it from is named', () => {
    const run = runAction({
      workspace: repo.dir,
      env: { OPENAI_API_KEY: '' },
      inputs: { 'key-env': 'OPENAI_API_KEY' },
    });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=empty');
    const missing = keyMissing(run);
    expect(missing).toMatchObject({ level: 'error', file: '.github/workflows/ci.yml', line: 7 });
    expect(missing?.message).toContain('maps it from `secrets.OPENAI_KEY`');
  });

  test('a job without the environment that holds the secret', () => {
    const run = runAction({
      workspace: repo.dir,
      env: { GITHUB_WORKFLOW: 'ci', GITHUB_JOB: 'lint' },
      inputs: { 'key-env': 'ANTHROPIC_API_KEY' },
    });
    const missing = keyMissing(run);
    expect(missing).toMatchObject({ file: '.github/workflows/ci.yml', line: 11 });
    expect(missing?.message).toContain('`environment: production`');
    expect(missing?.message).toContain('this job (`lint`) has no `environment:`');
    expect(run.outputs['key-status']).toBe('ANTHROPIC_API_KEY=missing');
  });

  test('several names: one word each, comma-separated', () => {
    const anthropic = keys.anthropic();
    const run = runAction({
      workspace: repo.dir,
      env: { OPENAI_API_KEY: key, ANTHROPIC_API_KEY: anthropic },
      inputs: { 'key-env': 'OPENAI_API_KEY, ANTHROPIC_API_KEY, GROQ_API_KEY' },
    });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=ok,ANTHROPIC_API_KEY=ok,GROQ_API_KEY=missing');
    noValueIn(run, key, anthropic);
  });

  test('an admin key is over-privileged', () => {
    const admin = keys.openaiAdmin();
    const run = runAction({ workspace: repo.dir, env: { OPENAI_API_KEY: admin } });
    expect(run.outputs['key-status']).toBe('OPENAI_API_KEY=ok');
    const a = run.annotations.find((x) => x.title?.startsWith('wiring/admin-key-in-ci'));
    expect(a).toMatchObject({ file: '.github/workflows/ci.yml', line: 7 });
    expect(a?.message).toContain('OpenAI admin key');
    noValueIn(run, admin);
  });

  test('organisation and project ids, and base URLs', () => {
    const run = runAction({
      workspace: repo.dir,
      env: {
        OPENAI_API_KEY: key,
        OPENAI_ORG_ID: 'org-abc',
        OPENAI_PROJECT_ID: 'proj_abc',
        OPENAI_BASE_URL: 'http://api.openai.com',
        ANTHROPIC_BASE_URL: 'https://api.anthropic.com/v1',
      },
    });
    const titles = run.annotations.map((a) => a.title ?? '');
    const org = run.annotations[titles.findIndex((t) => t.startsWith('wiring/openai-org-project-set'))];
    expect(org?.message).toContain('`OPENAI_ORG_ID` and `OPENAI_PROJECT_ID` are set');
    expect(org?.message).toContain('mismatched_organization');
    const urls = run.annotations.filter((a) => a.title?.startsWith('wiring/invalid-base-url'));
    expect(urls.map((u) => u.message).join('\n')).toMatch(
      /`OPENAI_BASE_URL` \(host `api.openai.com`\) uses http, not https; does not end in `\/v1`/,
    );
    expect(urls.map((u) => u.message).join('\n')).toMatch(/`ANTHROPIC_BASE_URL` .* ends in `\/v1`/);
  });
});
