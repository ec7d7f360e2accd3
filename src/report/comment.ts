import type { ScanResult } from '../pipeline.js';
import { VERSION } from '../version.js';
import type { GitHubApi } from './github-api.js';
import { repoPrefix, runLink } from './links.js';
import { findingRow, layout, severityGroups, unlistedLines, utf16Chars } from './markdown.js';
import { listPerFile } from './per-file.js';
import type { PullRequestRef } from './pull-request.js';
import { silencedByChangeLines } from './policy-changes.js';
import { plural, severityCounts, suppressedLine, verdictReason } from './verdict.js';

/** How keylint finds its own comment again on the next run. Never change it: old comments would be orphaned. */
export const COMMENT_MARKER = '<!-- keylint:comment -->';

/** One comment per scanned directory: two keylint steps on different `path`s keep their own. */
export function commentMarker(r: ScanResult): string {
  const prefix = repoPrefix(r.options).replace(/\/$/, '');
  return prefix ? `<!-- keylint:comment path=${prefix.replace(/--/g, '-')} -->` : COMMENT_MARKER;
}
/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
export const COMMENT_LIMIT = 65536 - 536;

export interface CommentContext {
  /** The pull request's head commit, named in the footer so a reader knows which push the comment describes. */
  headSha?: string;
}

/**
 * The pull request comment (and, without the marker, the check run's summary): the verdict, then the
 * findings by severity, cut with a line that points at the job summary.
 */
export function renderComment(
  r: ScanResult,
  ctx: CommentContext = {},
  opts: { marker?: boolean; limit?: number } = {},
): string {
  const gh = r.options.github;
  const prefix = repoPrefix(r.options);
  const run = runLink(gh);
  const summaryRef = run ? `the [job summary](${run})` : 'the job summary';
  const head: string[] = opts.marker === false ? [] : [commentMarker(r)];
  if (r.findings.length === 0) {
    head.push(
      '### ✅ keylint: no findings',
      '',
      'This pull request is clean: no leaked key and no other finding. Anything reported here before is resolved.',
    );
  } else {
    head.push(r.verdict === 'fail' ? '### ❌ keylint: fail' : '### ✅ keylint: pass', '', verdictReason(r));
  }
  const suppressed = suppressedLine(r);
  if (suppressed) head.push('', suppressed);
  const silenced = silencedByChangeLines(r, prefix);
  if (silenced.length) head.push('', ...silenced);
  const sha = ctx.headSha ?? gh?.sha;
  const kept = opts.marker === false ? '' : ' · this comment is updated on every push';
  const listing = listPerFile(r.findings);
  const tail = [
    ...unlistedLines(listing, prefix),
    `<sub>keylint ${VERSION}${sha ? ` · commit ${sha.slice(0, 7)}` : ''}${run ? ` · [run](${run})` : ''}${kept}</sub>`,
  ];
  const text = layout(
    {
      head,
      groups: severityGroups(
        listing.listed,
        (f) => findingRow(f, gh, prefix),
        '####',
        severityCounts(r.findings),
      ),
      tail,
      more: (n) => `**…and ${plural(n, 'more finding')}**: see ${summaryRef} and the JSON report.`,
    },
    opts.limit ?? COMMENT_LIMIT,
    utf16Chars,
  );
  return text;
}

interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: unknown } | null;
}

/** Who `GITHUB_TOKEN` writes as: its comments carry this login, and `GET /user` refuses it. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * The login the token writes comments as: the user of a personal token (`GET /user`), the bot of
 * an app's installation token (GraphQL `viewer`), else `github-actions[bot]`, the `GITHUB_TOKEN`'s.
 */
export async function tokenLogin(api: GitHubApi): Promise<string> {
  for (const ask of [
    async () => (await api.get<{ login?: unknown }>('/user')).data?.login,
    async () =>
      (await api.graphql<{ data?: { viewer?: { login?: unknown } } }>('query { viewer { login } }')).data
        ?.data?.viewer?.login,
  ]) {
    try {
      const login = await ask();
      if (typeof login === 'string' && login) return login;
    } catch {
      // Installation tokens cannot ask who they are here: the next way, or the Actions bot.
    }
  }
  return ACTIONS_BOT;
}

export type CommentOutcome = 'created' | 'updated' | 'not-needed';

const PER_PAGE = 100;
/** 30 pages of 100 comments: a pull request with more than that is not worth more requests. */
const MAX_PAGES = 30;

/**
 * Finds keylint's comment on the pull request: its marker opens the body, and the token's own
 * identity wrote it. Anyone can post a comment with the marker; keylint never edits theirs.
 */
async function findComment(
  api: GitHubApi,
  repo: string,
  pr: number,
  marker: string,
): Promise<IssueComment | undefined> {
  let me: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await api.get<IssueComment[]>(
      `/repos/${repo}/issues/${pr}/comments?per_page=${PER_PAGE}&page=${page}`,
    );
    const list = Array.isArray(res.data) ? res.data : [];
    // The marker opens keylint's own body; a reply that quotes it ("> <!-- …") is someone else's.
    const marked = list.filter(
      (c) => typeof c.body === 'string' && c.body.trimStart().split('\n', 1)[0] === marker,
    );
    if (marked.length > 0) {
      me ??= (await tokenLogin(api)).toLowerCase();
      const mine = marked.find((c) => typeof c.user?.login === 'string' && c.user.login.toLowerCase() === me);
      if (mine) return mine;
    }
    if (list.length < PER_PAGE) return undefined;
  }
  return undefined;
}

/**
 * Keeps one comment per pull request current: edits the marked comment in place, creates it only when
 * there is something to say. A pull request that was always clean gets no comment; one that becomes
 * clean gets its comment updated to say so.
 */
export async function upsertComment(
  api: GitHubApi,
  repo: string,
  pr: PullRequestRef,
  body: string,
  clean: boolean,
): Promise<CommentOutcome> {
  // The body opens with its marker (one per scanned directory).
  const existing = await findComment(api, repo, pr.number, body.split('\n', 1)[0]!);
  if (existing) {
    await api.patch(`/repos/${repo}/issues/comments/${existing.id}`, { body });
    return 'updated';
  }
  if (clean) return 'not-needed';
  await api.post(`/repos/${repo}/issues/${pr.number}/comments`, { body });
  return 'created';
}
