import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';
import { startReposApi, type ApiRepoFixture, type ReposApi } from './helpers/repos-api.js';
import { parseOutputFile, runCli, runCliAsync } from './helpers/run-action.js';

const TOKEN = ['ghs', 'orgsweeptesttoken'].join('_');

interface PlanJson {
  repositories: number;
  matrix: { include: { shard: string; repositories: string; count: number; sizeKB: number }[] };
  skipped: { repository: string; reason: string }[];
}

describe('keylint org plan against a GitHub API on 127.0.0.1', () => {
  const org = 'acme';
  // 5 pages of 10: every third archived, every seventh a fork, one empty, two with a topic.
  const repos: ApiRepoFixture[] = Array.from({ length: 50 }, (_, i) => ({
    full_name: `${org}/svc-${String(i).padStart(2, '0')}`,
    size: (i + 1) * 1000,
    archived: i % 3 === 2,
    fork: i % 7 === 6,
    topics: i === 10 || i === 12 ? ['llm'] : [],
  }));
  repos.push({ full_name: `${org}/empty-one`, size: 0 });
  let api: ReposApi;
  let foreign: ReposApi;
  let tmp: string;

  beforeAll(async () => {
    foreign = await startReposApi({ token: TOKEN, org, repos: [], perPage: 10 });
    api = await startReposApi({
      token: TOKEN,
      org,
      repos,
      perPage: 11,
      limitOnPage: 3,
      foreignNext: `${foreign.url}/orgs/${org}/repos?page=9`,
      hidden: [`${org}/secret-sauce`],
    });
    tmp = mkdtempSync(path.join(tmpdir(), 'keylint-org-plan-'));
  });
  afterAll(async () => {
    await api.close();
    await foreign.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('lists every page, waits out a spent rate limit, filters, and writes a balanced matrix', async () => {
    const outputFile = path.join(tmp, 'output');
    writeFileSync(outputFile, '');
    const run = await runCliAsync(['org', 'plan', '--org', org, '--shards', '4'], {
      env: { GITHUB_API_URL: api.url, GITHUB_TOKEN: TOKEN, GITHUB_OUTPUT: outputFile },
    });
    expect(run.stderr).toMatch(
      /GitHub API rate limit reached on \/orgs\/acme\/repos\?[^:]*page=3: waiting \d+ s/,
    );
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as PlanJson;
    // Five pages (one asked twice after the rate limit), all with the token; the foreign host never asked.
    const pages = api.seen.filter((s) => s.path.startsWith(`/orgs/${org}/repos`));
    expect(pages.map((s) => new URL(s.path, api.url).searchParams.get('page') ?? '1')).toEqual([
      '1',
      '2',
      '3',
      '3',
      '4',
      '5',
    ]);
    expect(pages.every((s) => s.authorized)).toBe(true);
    expect(foreign.seen).toEqual([]);

    const kept = repos.filter((r) => !r.archived && !r.fork && r.size > 0).map((r) => r.full_name);
    const planned = plan.matrix.include.flatMap((s) => s.repositories.split(' '));
    expect(planned.sort()).toEqual(kept.sort());
    expect(plan.repositories).toBe(kept.length);
    expect(plan.skipped.find((s) => s.repository === `${org}/empty-one`)?.reason).toBe('empty');
    expect(plan.skipped.find((s) => s.repository === `${org}/svc-02`)?.reason).toMatch(/^archived/);
    expect(plan.skipped.find((s) => s.repository === `${org}/svc-06`)?.reason).toMatch(/^a fork/);
    // Balanced by size: four shards whose sizes differ by less than the largest repository.
    expect(plan.matrix.include).toHaveLength(4);
    const sizes = plan.matrix.include.map((s) => s.sizeKB);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(50_000);
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    expect(JSON.parse(outputs.matrix ?? '{}')).toEqual(plan.matrix);
    expect(outputs.count).toBe(String(kept.length));
  });

  test('include, exclude and topic filters; archived and forks kept on request', async () => {
    const run = await runCliAsync(
      [
        'org',
        'plan',
        '--org',
        org,
        '--include',
        'svc-1*',
        '--exclude',
        'acme/svc-11',
        '--topic',
        'LLM',
        '--archived',
        '--forks',
      ],
      { env: { GITHUB_API_URL: api.url, GITHUB_TOKEN: TOKEN } },
    );
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.matrix.include.flatMap((s) => s.repositories.split(' ')).sort()).toEqual([
      `${org}/svc-10`,
      `${org}/svc-12`,
    ]);
    expect(plan.skipped.find((s) => s.repository === `${org}/svc-11`)?.reason).toBe('matched by --exclude');
  });

  test('a file of names: one the token cannot see is skipped with the reason, the rest planned', async () => {
    const list = path.join(tmp, 'repos.txt');
    writeFileSync(list, `# the team's repositories\n${org}/svc-00\n\n${org}/secret-sauce\n${org}/svc-01\n`);
    const run = await runCliAsync(['org', 'plan', '--repos', list], {
      env: { GITHUB_API_URL: api.url, GITHUB_TOKEN: TOKEN },
    });
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as PlanJson;
    expect(plan.repositories).toBe(2);
    expect(plan.skipped).toEqual([
      {
        repository: `${org}/secret-sauce`,
        reason: expect.stringMatching(/not visible to the token \(HTTP 403/),
      },
    ]);
  });

  test('mistakes are one line and exit 2: no source, a bad shard count, a bad list, an unknown org', async () => {
    const env = { GITHUB_API_URL: api.url, GITHUB_TOKEN: TOKEN };
    const none = runCli(['org', 'plan'], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('keylint: org plan takes one of --org, --user or --repos\n');
    const shards = runCli(['org', 'plan', '--org', org, '--shards', '300'], { env });
    expect(shards.stderr).toMatch(/--shards must be from 1 to 256/);
    const bad = path.join(tmp, 'bad.txt');
    writeFileSync(bad, 'acme/ok\nnot a name\n');
    const list = runCli(['org', 'plan', '--repos', bad], { env });
    expect(list.stderr).toBe(`keylint: ${bad}:2: expected owner/name, got "not a name"\n`);
    const unknown = await runCliAsync(['org', 'plan', '--org', 'nobody'], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/organisation nobody not found/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});

interface RepoScanJson {
  repository: string;
  status: string;
  error: string | null;
  mode: string;
  since: string | null;
  commit: string | null;
  report: { findings: { ruleId: string; fingerprint: string }[] } | null;
}

interface MergedJson {
  verdict: string;
  totals: { repositories: number; scanned: number; notScanned: number; keys: number };
  repositories: { repository: string; status: string; error: string | null; counts: { leaked: number } }[];
  keys: {
    fingerprint: string;
    repositories: string[];
    places: {
      repository: string;
      path: string;
      line: number;
      commit: string | null;
      inTree: boolean | null;
    }[];
  }[];
}

describe('keylint org scan and merge on 30 repositories served as local bare repositories', () => {
  let server: string;
  let out: string;
  const shared = keys.openaiProject();
  const treeKey = keys.anthropic();
  const historyKey = keys.groq();
  const names = Array.from({ length: 30 }, (_, i) => `acme/repo-${String(i).padStart(2, '0')}`);
  const scans: { code: number; stderr: string }[] = [];

  beforeAll(async () => {
    server = mkdtempSync(path.join(tmpdir(), 'keylint-org-server-'));
    out = mkdtempSync(path.join(tmpdir(), 'keylint-org-out-'));
    for (const [i, name] of names.entries()) {
      const repo = new TempRepo();
      repo.write('README.md', `# ${name}\n`);
      repo.write('app.py', 'import os\nprint(os.environ.get("HOME"))\n');
      if (i === 1) repo.write('config.py', `ANTHROPIC_KEY = "${treeKey}"\n`);
      if (i >= 3 && i <= 5) repo.write(`deploy/settings-${i}.env`, `OPENAI_API_KEY=${shared}\n`);
      repo.commit('first');
      if (i === 2) {
        repo.write('notes.txt', `groq: ${historyKey}\n`);
        repo.commit('add notes');
        rmSync(path.join(repo.dir, 'notes.txt'));
        repo.commit('remove notes');
      }
      execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, path.join(server, `${name}.git`)], {
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      });
      rmSync(repo.dir, { recursive: true, force: true });
    }
    // Three shards scanned side by side, as three matrix jobs would; the last also names a missing repository.
    const shards = [names.slice(0, 10), names.slice(10, 20), [...names.slice(20), 'acme/missing']];
    const runs = await Promise.all(
      shards.map((s) =>
        runCliAsync(['org', 'scan', s.join(' '), '--out', out, '--clone-base', `file://${server}`], {
          env: { GITHUB_TOKEN: TOKEN, KEYLINT_TODAY: '2026-12-06' },
          timeoutMs: 240_000,
        }),
      ),
    );
    scans.push(...runs);
  }, 300_000);
  afterAll(() => {
    rmSync(server, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const report = (name: string): RepoScanJson =>
    JSON.parse(readFileSync(path.join(out, `${name.replace('/', '__')}.json`), 'utf8')) as RepoScanJson;

  test('every repository gets a report; a repository that cannot be cloned is a line, not a failed sweep', () => {
    expect(scans.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(31);
    const missing = report('acme/missing');
    expect(missing.status).toBe('clone-failed');
    expect(missing.error).toMatch(/does not appear to be a git repository|not found|does not exist/i);
    expect(scans[2]!.stderr).toMatch(/acme\/missing: clone failed/);
    expect(report('acme/repo-07').status).toBe('scanned');
    expect(report('acme/repo-07').mode).toBe('history');
  });

  test('merge: the same key in three repositories is one key with three places; a key only in history is found', () => {
    const run = runCli(['merge', out, '--format', 'json', '--fail-on', 'high']);
    expect(run.code).toBe(1);
    const merged = JSON.parse(run.stdout) as MergedJson;
    expect(merged.totals).toMatchObject({ repositories: 31, scanned: 30, notScanned: 1, keys: 3 });
    const three = merged.keys.find((k) => k.places.length === 3);
    expect(three?.repositories).toEqual(['acme/repo-03', 'acme/repo-04', 'acme/repo-05']);
    expect(three?.places.map((p) => p.path)).toEqual([
      'deploy/settings-3.env',
      'deploy/settings-4.env',
      'deploy/settings-5.env',
    ]);
    const historyOnly = merged.keys.find((k) => k.repositories[0] === 'acme/repo-02');
    expect(historyOnly?.places).toEqual([
      {
        repository: 'acme/repo-02',
        path: 'notes.txt',
        line: 1,
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        inTree: false,
      },
    ]);
    expect(merged.repositories.find((r) => r.repository === 'acme/missing')?.status).toBe('clone-failed');
    expect(merged.repositories.find((r) => r.repository === 'acme/repo-04')?.counts.leaked).toBe(1);
    for (const k of [shared, treeKey, historyKey]) expect(run.stdout + run.stderr).not.toContain(k);
  });

  test('merge renders markdown, text and SARIF without a raw key', () => {
    const md = runCli(['merge', out, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^## ❌ keylint org sweep: fail/);
    expect(md.stdout).toContain('### Leaked keys (3)');
    expect(md.stdout).toMatch(/\| `acme\/missing` \| clone failed: /);
    const text = runCli(['merge', out]);
    expect(text.stdout).toMatch(/31 repositories \(30 scanned, 1 not scanned\): 3 distinct leaked keys/);
    const sarif = JSON.parse(runCli(['merge', out, '--format', 'sarif']).stdout) as {
      version: string;
      runs: {
        results: { properties: { repository: string } }[];
        originalUriBaseIds: Record<string, { uri: string }>;
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const leakResults = sarif.runs[0]!.results.filter((r) =>
      /acme\/repo-0[1-5]/.test(r.properties.repository),
    );
    expect(leakResults.length).toBeGreaterThanOrEqual(5);
    for (const k of [shared, treeKey, historyKey])
      expect(md.stdout + text.stdout + JSON.stringify(sarif)).not.toContain(k);
  });

  test('a previous merged report as --baseline leaves only what is new', () => {
    const base = path.join(mkdtempSync(path.join(tmpdir(), 'keylint-org-base-')), 'merged.json');
    runCli(['merge', out, '--format', 'json', '--output', base, '--fail-on', 'none']);
    const again = runCli(['merge', out, '--format', 'json', '--baseline', base]);
    expect(again.code).toBe(0);
    const merged = JSON.parse(again.stdout) as MergedJson;
    expect(merged.keys).toEqual([]);
    expect(merged.verdict).toBe('pass');

    // With --state, the next sweep scans only the commits after the ones the baseline saw.
    const next = mkdtempSync(path.join(tmpdir(), 'keylint-org-next-'));
    const run = runCli(
      ['org', 'scan', 'acme/repo-02', '--out', next, '--clone-base', `file://${server}`, '--state', base],
      { timeoutMs: 120_000 },
    );
    expect(run.code).toBe(0);
    const r = JSON.parse(readFileSync(path.join(next, 'acme__repo-02.json'), 'utf8')) as RepoScanJson;
    expect(r.mode).toBe('since');
    expect(r.since).toBe(report('acme/repo-02').commit);
    expect(r.report?.findings ?? []).toEqual([]);
    rmSync(path.dirname(base), { recursive: true, force: true });
    rmSync(next, { recursive: true, force: true });
  });

  test('a shard over its time budget: what it could not reach is reported, and the shard still ends 0', () => {
    const tight = mkdtempSync(path.join(tmpdir(), 'keylint-org-tight-'));
    const run = runCli(
      [
        'org',
        'scan',
        names.slice(0, 3).join(','),
        '--out',
        tight,
        '--clone-base',
        `file://${server}`,
        '--budget',
        '0.001',
      ],
      { timeoutMs: 60_000 },
    );
    expect(run.code).toBe(0);
    const statuses = names
      .slice(0, 3)
      .map(
        (n) =>
          JSON.parse(readFileSync(path.join(tight, `${n.replace('/', '__')}.json`), 'utf8')) as RepoScanJson,
      )
      .map((r) => r.status);
    expect(statuses.every((s) => s === 'timeout' || s === 'not-started')).toBe(true);
    expect(statuses).toContain('not-started');
    expect(run.stderr).toMatch(/not scanned: the shard's time budget ran out/);
    expect(existsSync(path.join(tight, 'acme__repo-00.json'))).toBe(true);
    rmSync(tight, { recursive: true, force: true });
  });

  test('org scan and merge mistakes are one line and exit 2', () => {
    expect(runCli(['org', 'scan', 'not-a-name', '--out', out]).stderr).toBe(
      'keylint: expected owner/name, got "not-a-name"\n',
    );
    expect(runCli(['merge']).stderr).toBe('keylint: merge needs at least one report file or directory\n');
    const notReport = path.join(out, '..', `not-a-report-${process.pid}.json`);
    writeFileSync(notReport, '{"hello": 1}');
    expect(runCli(['merge', notReport]).stderr).toBe(
      `keylint: ${notReport} is not a keylint report (no "tool": "keylint")\n`,
    );
    rmSync(notReport);
    expect(runCli(['org', 'frobnicate']).stderr).toMatch(/unknown org command "frobnicate"/);
  });
});
