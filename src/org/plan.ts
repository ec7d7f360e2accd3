import { UserError } from '../errors.js';
import { apiGet, apiMessage, type ApiClient } from './github-api.js';
import { balanceShards, defaultShardCount, MAX_MATRIX_JOBS, type PlannedRepo, type Shard } from './shard.js';

/** Whose repositories to sweep. */
export type PlanSource = { org: string } | { user: string } | { names: string[]; file: string };

export interface PlanFilters {
  include: string[];
  exclude: string[];
  archived: boolean;
  forks: boolean;
  empty: boolean;
  /** A repository is kept when it has one of these topics (none: no topic filter). */
  topics: string[];
}

/** The fields of GitHub's repository object the plan reads. */
interface ApiRepo {
  full_name?: unknown;
  size?: unknown;
  archived?: unknown;
  fork?: unknown;
  topics?: unknown;
  disabled?: unknown;
}

export interface Skipped {
  repository: string;
  reason: string;
}

export interface Plan {
  tool: 'keylint';
  kind: 'org-plan';
  source: string;
  repositories: number;
  sizeKB: number;
  /** What a matrix takes: `strategy.matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}`. */
  matrix: { include: Shard[] };
  skipped: Skipped[];
}

/** `*` (any run but `/`) and `?`, matched against `owner/name` when the pattern has a slash, else the name. */
export function globMatch(pattern: string, fullName: string): boolean {
  const subject = pattern.includes('/') ? fullName : fullName.slice(fullName.indexOf('/') + 1);
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`, 'i').test(subject);
}

const NAME_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** A file of `owner/name` lines (blank lines and `#` comments allowed). */
export function parseRepoList(text: string, file: string): string[] {
  const names: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    if (!NAME_RE.test(line))
      throw new UserError(`expected owner/name, got "${line.slice(0, 80)}"`, { path: file, line: i + 1 });
    names.push(line);
  });
  return names;
}

/** Why a listed repository is left out, or `undefined` to keep it. */
function filterReason(r: ApiRepo, name: string, f: PlanFilters): string | undefined {
  if (r.disabled === true) return 'disabled';
  if (r.archived === true && !f.archived) return 'archived (--archived keeps archived repositories)';
  if (r.fork === true && !f.forks) return 'a fork (--forks keeps forks)';
  if (r.size === 0 && !f.empty) return 'empty';
  if (f.include.length && !f.include.some((p) => globMatch(p, name))) return 'not matched by --include';
  if (f.exclude.some((p) => globMatch(p, name))) return 'matched by --exclude';
  if (f.topics.length) {
    const topics = Array.isArray(r.topics) ? r.topics.map(String) : [];
    if (!f.topics.some((t) => topics.includes(t.toLowerCase()))) return 'has none of the --topic topics';
  }
  return undefined;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Every page of a listing, following `Link: rel="next"` only while it stays on the API's host. */
async function listAll(client: ApiClient, first: string, what: string): Promise<ApiRepo[]> {
  const repos: ApiRepo[] = [];
  let url: string | undefined = first;
  while (url) {
    const answer: Awaited<ReturnType<typeof apiGet<ApiRepo[]>>> = await apiGet<ApiRepo[]>(client, url);
    if (answer.status === 404) throw new UserError(`${what} not found on ${client.apiUrl}`);
    if (answer.status !== 200 || !Array.isArray(answer.body))
      throw new UserError(`listing ${what} failed: HTTP ${answer.status} (${apiMessage(answer.body)})`);
    repos.push(...answer.body);
    // The token goes only to GITHUB_API_URL, whatever a Link header says.
    url = answer.next && sameOrigin(answer.next, client.apiUrl) ? answer.next : undefined;
  }
  return repos;
}

async function listSource(client: ApiClient, source: PlanSource, skipped: Skipped[]): Promise<ApiRepo[]> {
  if ('org' in source)
    return listAll(
      client,
      `${client.apiUrl}/orgs/${encodeURIComponent(source.org)}/repos?type=all&per_page=100`,
      `organisation ${source.org}`,
    );
  if ('user' in source)
    return listAll(
      client,
      `${client.apiUrl}/users/${encodeURIComponent(source.user)}/repos?type=owner&per_page=100`,
      `user ${source.user}`,
    );
  const repos: ApiRepo[] = [];
  for (const name of source.names) {
    const answer = await apiGet<ApiRepo>(client, `${client.apiUrl}/repos/${name}`);
    if (answer.status === 200 && answer.body) repos.push({ ...answer.body, full_name: name });
    else
      skipped.push({
        repository: name,
        reason:
          answer.status === 404 || answer.status === 403
            ? `not visible to the token (HTTP ${answer.status}: ${apiMessage(answer.body)})`
            : `HTTP ${answer.status}: ${apiMessage(answer.body)}`,
      });
  }
  return repos;
}

function sourceText(source: PlanSource): string {
  return 'org' in source
    ? `org:${source.org}`
    : 'user' in source
      ? `user:${source.user}`
      : `file:${source.file}`;
}

export async function planSweep(
  client: ApiClient,
  source: PlanSource,
  filters: PlanFilters,
  shards?: number,
): Promise<Plan> {
  if (shards !== undefined && (shards < 1 || shards > MAX_MATRIX_JOBS))
    throw new UserError(
      `--shards must be from 1 to ${MAX_MATRIX_JOBS} (a matrix runs at most ${MAX_MATRIX_JOBS} jobs)`,
    );
  const skipped: Skipped[] = [];
  const kept: PlannedRepo[] = [];
  const seen = new Set<string>();
  for (const r of await listSource(client, source, skipped)) {
    const name = typeof r.full_name === 'string' ? r.full_name : '';
    if (!NAME_RE.test(name) || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const reason = filterReason(r, name, filters);
    if (reason) skipped.push({ repository: name, reason });
    else kept.push({ repository: name, sizeKB: typeof r.size === 'number' && r.size > 0 ? r.size : 0 });
  }
  const include = kept.length ? balanceShards(kept, shards ?? defaultShardCount(kept.length)) : [];
  return {
    tool: 'keylint',
    kind: 'org-plan',
    source: sourceText(source),
    repositories: kept.length,
    sizeKB: kept.reduce((s, r) => s + r.sizeKB, 0),
    matrix: { include },
    skipped,
  };
}
