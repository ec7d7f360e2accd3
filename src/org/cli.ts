import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors.js';
import { parseFailOn } from '../inputs.js';
import { expandInputs, loadReports, mergeReports, scannedCommits } from './merge.js';
import { planSweep, parseRepoList, type Plan, type PlanSource } from './plan.js';
import { renderMerged, type MergedFormat } from './render.js';
import { scanShard } from './scan.js';

export const ORG_HELP = `Sweep many repositories: plan shards for a GitHub Actions matrix, scan a shard, merge the reports.

Usage:
  keylint org plan (--org NAME | --user NAME | --repos FILE) [options]
  keylint org scan SHARD [options]
  keylint merge REPORT... [options]

org plan: list the repositories through the REST API (GITHUB_API_URL, token from GITHUB_TOKEN or
GH_TOKEN) and print shards for a matrix as JSON (under Actions, also the outputs matrix and count).
  --org NAME              an organisation's repositories
  --user NAME             a user's own repositories
  --repos FILE            a file of owner/name lines (each looked up; one the token cannot see is skipped)
  --include GLOB          keep only names matching (repeatable, or comma-separated; "owner/x-*" or "x-*")
  --exclude GLOB          drop names matching (repeatable, or comma-separated)
  --topic TOPIC           keep repositories with one of these topics (repeatable)
  --archived              keep archived repositories (skipped by default)
  --forks                 keep forks (skipped by default)
  --empty                 keep empty repositories (skipped by default)
  --shards N              number of shards, 1 to 256 (default: one per 5 repositories)
  --max-wait SECONDS      longest wait for a spent rate limit to reset (default 3600)

org scan SHARD: clone and scan each repository of a shard, writing one JSON report per repository.
SHARD is a list of owner/name (space- or comma-separated), or "-" with --plan FILE --shard N.
  --out DIR               where the reports go (default: keylint-reports)
  --no-history            scan the files of the default branch only (default: every commit too)
  --state FILE            a previous sweep's merged report: scan only the commits after the ones it saw
  --verify-leaked         ask each provider whether each leaked key is live
  --repo-timeout SECONDS  one repository's budget for clone and scan (default 1200)
  --budget SECONDS        the shard's budget; repositories it leaves are reported (default 19800)
  --clone-base URL        where to clone from (default: GITHUB_SERVER_URL or https://github.com)

merge REPORT...: merge reports (files or directories of *.json) into one; the same key in several
repositories is one key with every place listed.
  --format FORMAT         text (default), json, markdown or sarif
  --output FILE           write the report to FILE instead of standard output
  --baseline FILE         a previous merged report: list only what it did not hold
  --fail-on LEVEL         critical, high (default), medium, low or none: exit 1 at or above it

A repository that cannot be cloned or runs out of time is a line in the report, not a failed sweep.
`;

function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true as const, strict: true as const, options });
  } catch (err) {
    throw new UserError(`${(err as Error).message.split('\n')[0]} (see keylint org --help)`);
  }
}

/** Workflow inputs arrive as one string: "a-*, b-*" is two globs. */
function list(values: unknown): string[] {
  const all = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return all.flatMap((v) => String(v).split(/[\s,]+/)).filter(Boolean);
}

/** Sets a step output the way the runner reads `GITHUB_OUTPUT` (a heredoc that no value can close). */
function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  const delim = `keylint_${Date.now().toString(36)}_${Math.random().toString(36).slice(2)}`;
  appendFileSync(file, `${name}<<${delim}\n${value}\n${delim}\n`);
}

function token(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Seconds for a budget: any positive number up to a day (a job runs at most six hours). */
function seconds(value: unknown, flag: string): number {
  const n = Number(String(value).trim());
  if (!Number.isFinite(n) || n <= 0 || n > 86400)
    throw new UserError(
      `${flag} must be a number of seconds above 0 and at most 86400 (got "${String(value)}")`,
    );
  return n;
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function plan(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values: v } = parse(argv, {
    org: { type: 'string' },
    user: { type: 'string' },
    repos: { type: 'string' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    topic: { type: 'string', multiple: true },
    archived: { type: 'boolean' },
    forks: { type: 'boolean' },
    empty: { type: 'boolean' },
    shards: { type: 'string' },
    'max-wait': { type: 'string' },
  });
  const given = [v.org, v.user, v.repos].filter((x) => x !== undefined && x !== '');
  if (given.length !== 1) throw new UserError('org plan takes one of --org, --user or --repos');
  let source: PlanSource;
  if (v.org) source = { org: String(v.org) };
  else if (v.user) source = { user: String(v.user) };
  else {
    const file = path.resolve(String(v.repos));
    source = {
      names: parseRepoList(readText(file, 'repository list'), String(v.repos)),
      file: String(v.repos),
    };
  }
  let shards: number | undefined;
  if (v.shards !== undefined) {
    shards = Number(v.shards);
    if (!Number.isInteger(shards)) throw new UserError(`--shards must be a whole number (got "${v.shards}")`);
  }
  const result: Plan = await planSweep(
    {
      apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      token: token(env),
      maxWaitSec: seconds(v['max-wait'] ?? '3600', '--max-wait'),
      say,
    },
    source,
    {
      include: list(v.include),
      exclude: list(v.exclude),
      topics: list(v.topic).map((t) => t.toLowerCase()),
      archived: v.archived === true,
      forks: v.forks === true,
      empty: v.empty === true,
    },
    shards,
  );
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  setOutput(env, 'matrix', JSON.stringify(result.matrix));
  setOutput(env, 'count', String(result.repositories));
  say(
    `Planned ${result.repositories} repositories in ${result.matrix.include.length} shards; ${result.skipped.length} skipped.`,
  );
  return 0;
}

function shardRepos(positional: string | undefined, planFile: unknown, shard: unknown): string[] {
  if (planFile !== undefined) {
    const p = JSON.parse(readText(path.resolve(String(planFile)), 'plan')) as Partial<Plan>;
    const entry = p.matrix?.include?.find((s) => s.shard === String(shard));
    if (!entry) throw new UserError(`the plan has no shard "${String(shard)}"`);
    return list(entry.repositories);
  }
  const names = list(positional);
  for (const n of names)
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(n))
      throw new UserError(`expected owner/name, got "${n.slice(0, 80)}"`);
  return names;
}

async function scan(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    out: { type: 'string' },
    'no-history': { type: 'boolean' },
    state: { type: 'string' },
    'verify-leaked': { type: 'boolean' },
    'repo-timeout': { type: 'string' },
    budget: { type: 'string' },
    'clone-base': { type: 'string' },
    plan: { type: 'string' },
    shard: { type: 'string' },
  });
  if (positionals.length > 1) throw new UserError('org scan takes one SHARD (quote a list of repositories)');
  const repositories = shardRepos(positionals[0] === '-' ? undefined : positionals[0], v.plan, v.shard);
  const previous = v.state
    ? scannedCommits(loadReports([path.resolve(String(v.state))]))
    : new Map<string, string>();
  const results = await scanShard({
    repositories,
    outDir: path.resolve(String(v.out ?? 'keylint-reports')),
    cloneBase: String(v['clone-base'] ?? (env.GITHUB_SERVER_URL || 'https://github.com')),
    token: token(env),
    history: v['no-history'] !== true,
    verifyLeaked: v['verify-leaked'] === true,
    previous,
    repoTimeoutMs: seconds(v['repo-timeout'] ?? '1200', '--repo-timeout') * 1000,
    shardBudgetMs: seconds(v.budget ?? '19800', '--budget') * 1000,
    cliPath: process.argv[1] ?? '',
    env,
    say,
  });
  const failed = results.filter((r) => r.status !== 'scanned').length;
  say(`Shard done: ${results.length - failed} scanned, ${failed} not scanned (listed in their reports).`);
  return 0;
}

async function merge(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    baseline: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  const format = String(v.format ?? 'text') as MergedFormat;
  if (!['text', 'json', 'markdown', 'sarif'].includes(format))
    throw new UserError(`--format must be text, json, markdown or sarif (got "${String(v.format)}")`);
  if (!positionals.length) throw new UserError('merge needs at least one report file or directory');
  const baselineFile = v.baseline ? path.resolve(String(v.baseline)) : undefined;
  // The baseline may sit in the directory being merged: it is history, not input.
  const files = expandInputs(positionals).filter((f) => path.resolve(f) !== baselineFile);
  const merged = mergeReports(loadReports(files), {
    failOn: parseFailOn(String(v['fail-on'] ?? 'high'), '--fail-on'),
    baseline: baselineFile ? { file: baselineFile, loaded: loadReports([baselineFile]) } : undefined,
  });
  const text = renderMerged(merged, format, env.GITHUB_SERVER_URL || 'https://github.com');
  if (v.output) {
    try {
      writeFileSync(path.resolve(String(v.output)), text);
    } catch (err) {
      throw new UserError(
        `cannot write ${String(v.output)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  } else process.stdout.write(text);
  setOutput(env, 'verdict', merged.verdict);
  setOutput(env, 'keys', String(merged.totals.keys));
  setOutput(env, 'live-keys', String(merged.totals.liveKeys));
  return merged.verdict === 'fail' ? 1 : 0;
}

/** `keylint org plan|scan …` and `keylint merge …`. */
export async function orgMain(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === 'merge') {
    if (second === '--help' || second === '-h') return help();
    return merge(argv.slice(1), env);
  }
  if (second === 'plan') return plan(rest, env);
  if (second === 'scan') return scan(rest, env);
  if (second === undefined || second === '--help' || second === '-h' || second === 'help') return help();
  throw new UserError(`unknown org command "${second}": use org plan or org scan (see keylint org --help)`);
}

function help(): number {
  process.stdout.write(ORG_HELP);
  return 0;
}
