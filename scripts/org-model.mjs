// The org sweep on paper: 1,000 repositories of a realistic size spread, planned by the real
// `keylint org plan` (dist/cli.js) against a GitHub API on 127.0.0.1, then timed with the
// throughput assumptions below. Prints the tables of docs/org-sweep.md.
//   node scripts/org-model.mjs [REPOS]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const N = Number(process.argv[2] ?? 1000);

/** Assumptions (seconds, MB): see docs/org-sweep.md for where each comes from. */
const JOB_OVERHEAD_S = 45; // runner start, setup-node, npx fetching keylint
const REPO_FIXED_S = 2; // a clone's round trips and keylint's start
const CLONE_MB_S = 20; // packfile download and indexing
const SCAN_MB_S = 3; // keylint --history, per MB of packed history
const CONCURRENCY = [20, 60];

// A seeded generator, so the doc's numbers can be reproduced.
let seed = 0x2545f491;
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
// Log-normal sizes in KiB: median 2 MiB, one in ten over ~20 MiB, one in a hundred over ~130 MiB, at most 5 GiB.
const repos = Array.from({ length: N }, (_, i) => ({
  full_name: `model/repo-${String(i).padStart(4, '0')}`,
  size: Math.min(5 * 1024 * 1024, Math.round(2048 * Math.exp(1.8 * normal()))),
}));

let requests = 0;
const server = createServer((req, res) => {
  requests++;
  const url = new URL(req.url, 'http://127.0.0.1');
  const page = Number(url.searchParams.get('page') ?? '1');
  const base = `http://127.0.0.1:${server.address().port}`;
  const last = Math.ceil(repos.length / 100);
  const headers = { 'content-type': 'application/json', 'x-ratelimit-remaining': String(5000 - requests) };
  if (page < last)
    headers.link = `<${base}/orgs/model/repos?type=all&per_page=100&page=${page + 1}>; rel="next"`;
  res.writeHead(200, headers);
  res.end(JSON.stringify(repos.slice((page - 1) * 100, page * 100)));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));

const cli = path.join(root, 'dist', 'cli.js');
const api = `http://127.0.0.1:${server.address().port}`;
// Asynchronous: the API answers from this very process.
const plan = async (shards) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'org', 'plan', '--org', 'model', '--shards', String(shards)],
    { env: { ...process.env, GITHUB_API_URL: api, GITHUB_TOKEN: 'model-token', GITHUB_OUTPUT: '' } },
  );
  return JSON.parse(stdout);
};

const sizeOf = new Map(repos.map((r) => [r.full_name, r.size / 1024]));
const shardSeconds = (s) =>
  JOB_OVERHEAD_S +
  s.repositories
    .split(' ')
    .reduce((t, name) => t + REPO_FIXED_S + sizeOf.get(name) / CLONE_MB_S + sizeOf.get(name) / SCAN_MB_S, 0);

/** Jobs start in matrix order as slots free up, as the runner queues them. */
function wallSeconds(times, slots) {
  const free = Array(slots).fill(0);
  for (const t of times) {
    free.sort((a, b) => a - b);
    free[0] += t;
  }
  return Math.max(...free);
}

const sizes = repos.map((r) => r.size / 1024).sort((a, b) => a - b);
const pct = (p) => sizes[Math.min(sizes.length - 1, Math.floor((p / 100) * sizes.length))].toFixed(1);
console.log(
  `${N} repositories, ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(1)} GiB in all; ` +
    `median ${pct(50)} MiB, p90 ${pct(90)} MiB, p99 ${pct(99)} MiB, largest ${sizes.at(-1).toFixed(0)} MiB\n`,
);
const before = requests;
const defaultPlan = await plan(200);
console.log(`API requests for one plan: ${requests - before} (of the 5,000 an hour a token has)\n`);
console.log(
  `| shards | largest shard | ${CONCURRENCY.map((c) => `wall time at ${c} jobs`).join(' | ')} | runner minutes (billed per job, rounded up) |`,
);
console.log(`|---|---|${CONCURRENCY.map(() => '---').join('|')}|---|`);
for (const shards of [20, 50, 100, 200, 256]) {
  const p = shards === 200 ? defaultPlan : await plan(shards);
  const times = p.matrix.include.map(shardSeconds);
  const minutes = (s) => `${(s / 60).toFixed(0)} min`;
  console.log(
    `| ${p.matrix.include.length} | ${minutes(Math.max(...times))} | ${CONCURRENCY.map((c) => minutes(wallSeconds(times, c))).join(' | ')} | ${times.reduce((a, t) => a + Math.ceil(t / 60), 0)} |`,
  );
}
server.close();
