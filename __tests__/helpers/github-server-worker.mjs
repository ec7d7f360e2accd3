// The fake GitHub REST API behind __tests__/helpers/github-server.ts. It runs in a worker thread so it
// keeps answering while a test blocks its own thread on spawnSync (runAction). Plain JavaScript: a
// worker loads it without Jest's transform.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { token, basePath, login } = workerData;
const COMMENT_LIMIT = 65536;
const OUTPUT_LIMIT = 65535;
const ANNOTATIONS_LIMIT = 50;

const state = { requests: [], comments: [], checkRuns: [], faults: [] };
let nextId = 1000;

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function fault(req, path) {
  for (const f of state.faults) {
    if (f.times <= 0) continue;
    if (f.method && f.method !== req.method) continue;
    if (f.path && !new RegExp(f.path).test(path)) continue;
    f.times--;
    return f;
  }
  return undefined;
}

function validateOutput(output) {
  if (!output) return undefined;
  if (typeof output.summary === 'string' && output.summary.length > OUTPUT_LIMIT)
    return 'output.summary is too long (maximum is 65535 characters)';
  if (typeof output.text === 'string' && output.text.length > OUTPUT_LIMIT)
    return 'output.text is too long (maximum is 65535 characters)';
  if (Array.isArray(output.annotations) && output.annotations.length > ANNOTATIONS_LIMIT)
    return 'Only 50 annotations are allowed per request';
  for (const a of output.annotations ?? [])
    if (!a.path || !a.start_line || !a.end_line || !a.annotation_level || !a.message)
      return 'annotation is missing a required field';
  return undefined;
}

function route(req, path, query, json) {
  let m;
  // A personal token's user; GITHUB_TOKEN (no login given) is refused here, as GitHub refuses it.
  if (path === '/user' && req.method === 'GET')
    return login ? [200, { login }] : [403, { message: 'Resource not accessible by integration' }];
  if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
    const issue = Number(m[3]);
    if (req.method === 'GET') {
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
      const page = Number(query.get('page') ?? 1);
      const all = state.comments.filter((c) => c.issue === issue);
      return [200, all.slice((page - 1) * perPage, page * perPage)];
    }
    if (req.method === 'POST') {
      if (typeof json?.body !== 'string') return [422, { message: 'Validation Failed: body' }];
      if (json.body.length > COMMENT_LIMIT)
        return [422, { message: 'Body is too long (maximum is 65536 characters)' }];
      const c = { id: nextId++, issue, body: json.body, user: { login: login ?? 'github-actions[bot]' } };
      state.comments.push(c);
      return [201, c];
    }
  }
  if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path)) && req.method === 'PATCH') {
    const c = state.comments.find((x) => x.id === Number(m[3]));
    if (!c) return [404, { message: 'Not Found' }];
    if (typeof json?.body !== 'string') return [422, { message: 'Validation Failed: body' }];
    if (json.body.length > COMMENT_LIMIT)
      return [422, { message: 'Body is too long (maximum is 65536 characters)' }];
    c.body = json.body;
    return [200, c];
  }
  if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path)) && req.method === 'POST') {
    if (!json?.name || !json?.head_sha) return [422, { message: 'Validation Failed: name, head_sha' }];
    const invalid = validateOutput(json.output);
    if (invalid) return [422, { message: invalid }];
    const run = {
      id: nextId++,
      name: json.name,
      head_sha: json.head_sha,
      status: json.status ?? 'queued',
      conclusion: json.conclusion ?? null,
      output: { title: json.output?.title, summary: json.output?.summary, text: json.output?.text },
      annotations: [...(json.output?.annotations ?? [])],
    };
    state.checkRuns.push(run);
    return [201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status }];
  }
  if ((m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path)) && req.method === 'PATCH') {
    const run = state.checkRuns.find((x) => x.id === Number(m[3]));
    if (!run) return [404, { message: 'Not Found' }];
    const invalid = validateOutput(json?.output);
    if (invalid) return [422, { message: invalid }];
    if (json.status) run.status = json.status;
    if (json.conclusion) run.conclusion = json.conclusion;
    if (json.output) {
      run.output = { title: json.output.title, summary: json.output.summary, text: json.output.text };
      // The Checks API appends the annotations of every update.
      run.annotations.push(...(json.output.annotations ?? []));
    }
    return [200, { id: run.id, status: run.status }];
  }
  return [404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }];
}

const server = http.createServer((req, res) => {
  const at = performance.now();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, body, at });
    if (!url.pathname.startsWith(basePath)) return send(res, 404, { message: 'Not Found' });
    const path = url.pathname.slice(basePath.length) || '/';
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { message: 'Bad credentials' });
    const f = fault(req, path);
    if (f) return send(res, f.status, { message: f.message ?? '' }, f.headers ?? {});
    let json;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      return send(res, 400, { message: 'Problems parsing JSON' });
    }
    const [status, out] = route(req, path, url.searchParams, json);
    send(res, status, out);
  });
});

parentPort.on('message', (msg) => {
  const reply = (data) => parentPort.postMessage({ id: msg.id, data });
  switch (msg.type) {
    case 'state':
      return reply(state);
    case 'fault':
      state.faults.push({ ...msg.fault, times: msg.fault.times ?? Number.MAX_SAFE_INTEGER });
      return reply(true);
    case 'seed':
      for (const b of msg.comments)
        state.comments.push({ id: nextId++, issue: msg.issue, body: b.body, user: { login: b.user } });
      return reply(true);
    case 'reset':
      state.requests = [];
      state.comments = [];
      state.checkRuns = [];
      state.faults = [];
      return reply(true);
    case 'stop':
      server.closeAllConnections();
      return server.close(() => reply(true));
  }
});

server.listen(0, '127.0.0.1', () =>
  parentPort.postMessage({ type: 'listening', port: server.address().port }),
);
