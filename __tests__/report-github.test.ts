import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { TempRepo } from './helpers/git-repo.js';
import { GitHubServer, type GitHubState, type RecordedRequest } from './helpers/github-server.js';
import { refusingPort, TEST_BACKOFF_SCALE } from './helpers/hermetic.js';
import { body, HEX, keys } from './helpers/keys.js';
import { everything, runAction, type ActionRun } from './helpers/run-action.js';
import { realKey } from './helpers/scan-result.js';

const MARKER = '<!-- keylint:comment -->';

const TOKEN = `test-token-${body(24, HEX)}`;
const HEAD_SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';
const PR = 7;

function prEvent(opts: { fork?: boolean; user?: string } = {}): Record<string, unknown> {
  const head = opts.fork ? 'someone/app' : 'acme/app';
  return {
    action: 'synchronize',
    number: PR,
    pull_request: {
      number: PR,
      user: { login: opts.user ?? 'dev' },
      head: { sha: HEAD_SHA, ref: 'feature', repo: { full_name: head, fork: Boolean(opts.fork) } },
      base: { sha: '0'.repeat(40), ref: 'main', repo: { full_name: 'acme/app', fork: false } },
    },
    repository: { full_name: 'acme/app' },
  };
}

function run(
  server: GitHubServer,
  workspace: string,
  extra: {
    inputs?: Record<string, string>;
    event?: Record<string, unknown>;
    eventName?: string;
    env?: Record<string, string>;
  } = {},
): ActionRun {
  return runAction({
    workspace,
    eventName: extra.eventName ?? 'pull_request',
    event: extra.event ?? prEvent(),
    inputs: { 'github-token': TOKEN, scan: 'tree', ...extra.inputs },
    env: { GITHUB_API_URL: server.url, GITHUB_RUN_ID: '4242', ...extra.env },
  });
}

const writes = (s: GitHubState, pathPart: string): RecordedRequest[] =>
  s.requests.filter((r) => r.method !== 'GET' && r.url.includes(pathPart));

/** Every byte that went to GitHub except the Authorization header, which must carry the token. */
function wireText(s: GitHubState): string {
  return s.requests
    .map((r) => {
      const { authorization: _auth, ...rest } = r.headers;
      return `${r.method} ${r.url}\n${JSON.stringify(rest)}\n${r.body}`;
    })
    .join('\n');
}

describe('the pull request comment, kept current', () => {
  let server: GitHubServer;
  const repo = new TempRepo();
  const secret = realKey(keys.openaiProject);
  beforeAll(async () => {
    server = await GitHubServer.start({ token: TOKEN });
  });
  afterAll(async () => {
    await server.stop();
    repo.cleanup();
  });

  test('first run creates one comment, second edits it, a clean run says so; nothing secret is sent', async () => {
    repo.write('app/config.py', `import os\n\nclient = OpenAI(api_key="${secret}")\n`);
    repo.commit('add key');
    await server.seedComments(PR, [{ body: 'LGTM', user: 'reviewer' }]);

    const first = run(server, repo.dir);
    expect(first.outputs.verdict).toBe('fail');
    let s = await server.state();
    const mine = () => s.comments.filter((c) => c.issue === PR && c.body.includes(MARKER));
    expect(mine()).toHaveLength(1);
    expect(writes(s, '/issues/')).toHaveLength(1);
    expect(writes(s, '/issues/')[0]!.method).toBe('POST');
    const body1 = mine()[0]!.body;
    expect(body1).toContain('keylint: fail');
    expect(body1).toContain('leak/openai-project-key');
    expect(body1).toContain('app/config.py:3');
    expect(body1).toContain(`commit ${HEAD_SHA.slice(0, 7)}`);
    expect(body1).toContain('https://github.com/acme/app/actions/runs/4242');

    const second = run(server, repo.dir);
    expect(second.outputs.verdict).toBe('fail');
    s = await server.state();
    expect(mine()).toHaveLength(1);
    expect(s.comments).toHaveLength(2); // the reviewer's and keylint's
    const w = writes(s, '/issues/');
    expect(w.map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(w[1]!.url).toBe(`/repos/acme/app/issues/comments/${mine()[0]!.id}`);

    repo.write('app/config.py', 'import os\n\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
    repo.commit('read the key from the environment');
    const clean = run(server, repo.dir);
    expect(clean.code).toBe(0);
    s = await server.state();
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toContain('no findings');
    expect(mine()[0]!.body).not.toContain('leak/openai-project-key');
    expect(writes(s, '/issues/').map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);

    // The token travels only in the Authorization header; no key travels at all.
    for (const r of s.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const wire = wireText(s);
    expect(wire).not.toContain(TOKEN);
    expect(wire).not.toContain(secret);
    expect(wire).not.toContain(secret.slice(8, 40));
    for (const r of [first, second, clean]) {
      const logs = everything(r).replace(/^::add-mask::.*$/gm, '');
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(TOKEN);
    }
    expect(JSON.parse(first.report).github.comment).toEqual({ state: 'created' });
    expect(JSON.parse(second.report).github.comment).toEqual({ state: 'updated' });
  });

  test('a pull request that was always clean gets no comment', async () => {
    await server.reset();
    const fresh = new TempRepo();
    fresh.write('main.py', 'print("hello")\n');
    fresh.commit('init');
    const r = run(server, fresh.dir);
    fresh.cleanup();
    expect(r.code).toBe(0);
    const s = await server.state();
    expect(s.comments).toHaveLength(0);
    expect(s.requests.map((q) => q.method)).toEqual(['GET']);
    expect(JSON.parse(r.report).github.comment).toEqual({ state: 'not-needed' });
  });

  test('finds its comment past the first page of 100', async () => {
    await server.reset();
    await server.seedComments(
      PR,
      Array.from({ length: 130 }, (_, i) => ({ body: `comment ${i}`, user: 'someone' })),
    );
    await server.seedComments(PR, [{ body: `> ${MARKER}\n> quoted by a reviewer`, user: 'reviewer' }]);
    await server.seedComments(PR, [{ body: `${MARKER}\nold findings`, user: 'github-actions[bot]' }]);
    run(server, repo.dir);
    const s = await server.state();
    expect(
      s.requests.filter((q) => q.method === 'GET' && q.url.includes('/issues/')).map((q) => q.url),
    ).toEqual([
      `/repos/acme/app/issues/${PR}/comments?per_page=100&page=1`,
      `/repos/acme/app/issues/${PR}/comments?per_page=100&page=2`,
    ]);
    expect(s.comments.filter((c) => c.body.startsWith(MARKER))).toHaveLength(1);
    expect(s.comments.find((c) => c.user.login === 'reviewer')!.body).toContain('quoted by a reviewer');
    expect(writes(s, '/issues/').map((q) => q.method)).toEqual(['PATCH']);
  });

  test('never edits a comment that carries the marker but was written by someone else', async () => {
    await server.reset();
    repo.write('app/leak.py', `KEY = "${secret}"\n`);
    repo.commit('a key again');
    const forged = `${MARKER}\nkeylint: pass, nothing to see`;
    await server.seedComments(PR, [{ body: forged, user: 'mallory' }]);
    run(server, repo.dir);
    let s = await server.state();
    expect(s.comments.find((c) => c.user.login === 'mallory')!.body).toBe(forged);
    expect(writes(s, '/issues/').map((q) => q.method)).toEqual(['POST']);
    expect(writes(s, '/issues/comments/')).toHaveLength(0);
    // The next run finds its own comment (written as github-actions[bot]) and edits that one.
    run(server, repo.dir);
    s = await server.state();
    expect(s.comments.find((c) => c.user.login === 'mallory')!.body).toBe(forged);
    const mine = s.comments.filter((c) => c.user.login === 'github-actions[bot]');
    expect(mine).toHaveLength(1);
    expect(writes(s, '/issues/').map((q) => q.method)).toEqual(['POST', 'PATCH']);
    expect(writes(s, '/issues/comments/')[0]!.url).toContain(`/issues/comments/${mine[0]!.id}`);
  });

  test("with a personal token, keylint's comment is the one its user wrote, not the Actions bot's", async () => {
    const pat = await GitHubServer.start({ token: TOKEN, login: 'keylint-bot' });
    try {
      const botBody = `${MARKER}\nan older comment by the Actions bot`;
      await pat.seedComments(PR, [
        { body: botBody, user: 'github-actions[bot]' },
        { body: `${MARKER}\nold findings`, user: 'keylint-bot' },
      ]);
      run(pat, repo.dir);
      const s = await pat.state();
      expect(s.requests.some((q) => q.url === '/user')).toBe(true);
      expect(s.comments.find((c) => c.user.login === 'github-actions[bot]')!.body).toBe(botBody);
      const own = s.comments.find((c) => c.user.login === 'keylint-bot')!;
      expect(own.body).toContain('keylint: fail');
      expect(writes(s, '/issues/').map((q) => `${q.method} ${q.url}`)).toEqual([
        `PATCH /repos/acme/app/issues/comments/${own.id}`,
      ]);
    } finally {
      await pat.stop();
    }
  });
});

describe('the check run', () => {
  let server: GitHubServer;
  const repo = new TempRepo();
  const secrets = Array.from({ length: 120 }, () => realKey(keys.openaiProject));
  repo.write('keys.txt', secrets.map((k, i) => `KEY_${i}="${k}"`).join('\n') + '\n');
  repo.commit('120 keys');
  beforeAll(async () => {
    server = await GitHubServer.start({ token: TOKEN });
  });
  afterAll(async () => {
    await server.stop();
    repo.cleanup();
  });

  test('120 findings make 3 check-run requests of at most 50 annotations, on the head commit', async () => {
    const r = run(server, repo.dir, { inputs: { 'check-run': 'true', comment: 'false' } });
    expect(r.outputs.findings).toBe('120');
    const s = await server.state();
    const calls = s.requests.filter((q) => q.url.includes('/check-runs'));
    expect(calls.map((q) => q.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    const counts = calls.map(
      (q) => (JSON.parse(q.body) as { output: { annotations: unknown[] } }).output.annotations.length,
    );
    expect(counts).toEqual([50, 50, 20]);
    expect(s.checkRuns).toHaveLength(1);
    const cr = s.checkRuns[0]!;
    expect(cr.head_sha).toBe(HEAD_SHA);
    expect(cr.name).toMatch(/^keylint/);
    expect(cr.status).toBe('completed');
    expect(cr.conclusion).toBe('failure');
    expect(cr.annotations).toHaveLength(120);
    expect(cr.annotations[0]).toMatchObject({
      path: 'keys.txt',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
    });
    expect(new Set(cr.annotations.map((a) => a.start_line)).size).toBe(120);
    expect(cr.output.summary!.length).toBeLessThanOrEqual(65535);
    // Step annotations stay within GitHub's 10 errors (9 findings and the step's failure) and one
    // notice pointing at the summary.
    expect(r.annotations.filter((a) => a.level === 'error' && a.file)).toHaveLength(9);
    expect(r.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(r.annotations.some((a) => a.level === 'notice' && /111 more .*job summary/.test(a.message))).toBe(
      true,
    );
    const wire = wireText(s);
    for (const k of secrets) expect(wire).not.toContain(k);
    expect(s.comments).toHaveLength(0);
  });
});

describe('degrade, never break', () => {
  let server: GitHubServer;
  const repo = new TempRepo();
  const secret = realKey(keys.anthropic);
  repo.write('src/llm.ts', `const key = "${secret}";\n`);
  repo.commit('key');
  beforeAll(async () => {
    server = await GitHubServer.start({ token: TOKEN });
  });
  beforeEach(async () => {
    await server.reset();
  });
  afterAll(async () => {
    await server.stop();
    repo.cleanup();
  });

  const skippedNotice = (r: ActionRun, what: RegExp): string | undefined =>
    r.annotations.find((a) => a.level === 'notice' && what.test(a.message))?.message;

  test('403 "Resource not accessible by integration" on a fork: notice, same verdict, same exit code', async () => {
    await server.fail({ status: 403, message: 'Resource not accessible by integration' });
    const r = run(server, repo.dir, { event: prEvent({ fork: true }), inputs: { 'check-run': 'true' } });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    expect(r.outputs.findings).toBe('1');
    const comment = skippedNotice(r, /skipped the pull request comment/);
    expect(comment).toContain('403');
    expect(comment).toContain('Resource not accessible by integration');
    expect(comment).toMatch(/fork/);
    expect(skippedNotice(r, /skipped the check run/)).toContain('403');
    expect(r.summary).toContain('skipped the pull request comment');
    expect(r.annotations.find((a) => a.level === 'error')?.title).toContain('leak/anthropic-api-key');
    expect(JSON.parse(r.report).github.comment.state).toBe('skipped');
    expect(everything(r).replace(/^::add-mask::.*$/gm, '')).not.toContain(secret);
  });

  test('403 for Dependabot names Dependabot; 403 elsewhere names the permission to add', async () => {
    await server.fail({ status: 403, message: 'Resource not accessible by integration' });
    const dep = run(server, repo.dir, { env: { GITHUB_ACTOR: 'dependabot[bot]' } });
    expect(skippedNotice(dep, /skipped the pull request comment/)).toMatch(/Dependabot/);
    const plain = run(server, repo.dir, { inputs: { 'check-run': 'true' } });
    expect(skippedNotice(plain, /skipped the pull request comment/)).toContain('pull-requests: write');
    expect(skippedNotice(plain, /skipped the check run/)).toContain('checks: write');
    expect(plain.outputs.verdict).toBe('fail');
  });

  test('404: notice, verdict unchanged', async () => {
    await server.fail({ status: 404, message: 'Not Found' });
    const r = run(server, repo.dir);
    expect(r.code).toBe(1);
    expect(skippedNotice(r, /skipped the pull request comment/)).toMatch(/404.*not visible/);
  });

  test('429 with retry-after: waits and tries again, one write at a time', async () => {
    await server.fail({
      method: 'POST',
      status: 429,
      message: 'secondary rate limit',
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const r = run(server, repo.dir);
    const s = await server.state();
    expect(s.requests.map((q) => q.method)).toEqual(['GET', 'POST', 'POST']);
    // It waited as asked before the second POST (retry-after: 1 s, at the suite's backoff scale).
    expect(s.requests[2]!.at - s.requests[1]!.at).toBeGreaterThanOrEqual(1000 * TEST_BACKOFF_SCALE);
    expect(s.comments).toHaveLength(1);
    expect(r.annotations.some((a) => /skipped/.test(a.message))).toBe(false);
  });

  test('a rate limit longer than keylint waits: notice, no hang', async () => {
    await server.fail({
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'retry-after': '3600' },
    });
    const r = run(server, repo.dir);
    expect(r.code).toBe(1);
    expect(skippedNotice(r, /skipped the pull request comment/)).toMatch(/rate limit/);
    expect((await server.state()).requests).toHaveLength(1);
  });

  test('an event without a pull request: notice, no request at all', async () => {
    const r = run(server, repo.dir, { eventName: 'push', event: { ref: 'refs/heads/main' } });
    expect(r.code).toBe(1);
    expect(skippedNotice(r, /skipped the pull request comment/)).toMatch(/push event has no pull request/);
    expect((await server.state()).requests).toHaveLength(0);
  });

  test('an unreachable GITHUB_API_URL: notice, verdict unchanged', async () => {
    const closed = await refusingPort();
    const r = runAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      event: prEvent(),
      inputs: { 'github-token': TOKEN },
      env: { GITHUB_API_URL: `http://127.0.0.1:${closed.port}` },
    });
    await closed.close();
    expect(r.outputs.verdict).toBe('fail');
    expect(skippedNotice(r, /skipped the pull request comment/)).toMatch(/cannot reach/);
  });

  test('a token GitHub does not accept: notice, verdict unchanged', () => {
    const r = run(server, repo.dir, { inputs: { 'github-token': 'not-the-right-token' } });
    expect(r.outputs.verdict).toBe('fail');
    expect(skippedNotice(r, /skipped the pull request comment/)).toMatch(/401.*not a valid token/);
  });

  test('comment: false sends nothing', async () => {
    run(server, repo.dir, { inputs: { comment: 'false' } });
    expect((await server.state()).requests).toHaveLength(0);
  });
});

describe('GitHub Enterprise Server', () => {
  test('every call goes to GITHUB_API_URL, base path included', async () => {
    const server = await GitHubServer.start({ token: TOKEN, basePath: '/api/v3' });
    const repo = new TempRepo();
    repo.write('a.env', `OPENAI_API_KEY=${realKey(keys.openaiProject)}\n`);
    repo.commit('key');
    try {
      const r = run(server, repo.dir, { env: { GITHUB_SERVER_URL: 'https://ghe.example.test' } });
      const s = await server.state();
      expect(s.requests.length).toBeGreaterThan(0);
      for (const q of s.requests) expect(q.url.startsWith('/api/v3/repos/acme/app/')).toBe(true);
      expect(s.comments).toHaveLength(1);
      expect(s.comments[0]!.body).toContain('https://ghe.example.test/acme/app/blob/');
      expect(r.annotations.some((a) => /skipped/.test(a.message))).toBe(false);
    } finally {
      await server.stop();
      repo.cleanup();
    }
  });
});
