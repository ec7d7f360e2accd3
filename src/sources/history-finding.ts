import { asRedacted, redact, type Finding } from '../finding.js';
import { leakSeverity, publishedNote } from '../detect/leak-finding.js';
import { registerSecret } from '../secrets.js';
import type { SecretInHistory } from './history-scan.js';

const day = (iso: string): string => iso.slice(0, 10);

function firstSeen(h: SecretInHistory): string {
  const f = h.first;
  return `commit ${f.sha.slice(0, 12)} (${day(f.date)}, ${f.path}:${f.line})`;
}

function inCommits(h: SecretInHistory): string {
  return h.commits > 1 ? ` It is added by ${h.commits} commits.` : '';
}

const isUrl = (s: string): boolean => /^https?:\/\//.test(s);

/** A key that git history holds and the tree no longer does. */
export function historyFinding(h: SecretInHistory): Finding {
  registerSecret(h.secret);
  const d = h.detector;
  const evidence = redact(h.secret);
  const f = h.first;
  return {
    ruleId: `history/${d.id}`,
    category: 'leak',
    severity: leakSeverity(d, h.published),
    title: `${d.kind} in git history`,
    message: asRedacted(
      `${d.kind} ${evidence} was added by ${firstSeen(h)} and is no longer in the tree, but it is still in git history: anyone who can clone the repository can read it.${inCommits(h)}${publishedNote(d, h.published)}`,
    ),
    fix:
      `Revoke the key at ${d.revokeUrl} and create a new one: deleting it from the files does not un-leak it. ` +
      'Then, only if the history must stop carrying it, rewrite history (git filter-repo) and force-push.',
    location: { path: f.path, line: f.line, column: f.column, endColumn: f.endColumn },
    evidence,
    fingerprint: h.fingerprint,
    ...(isUrl(d.revokeUrl) ? { helpUri: d.revokeUrl } : {}),
    provider: d.provider,
    keyKind: d.kind,
    commit: { sha: f.sha, date: f.date, author: f.author, path: f.path, line: f.line },
    commitCount: h.commits,
    inTree: false,
    ...(h.allowedInline ? { suppressed: 'inline' as const } : {}),
  };
}

/** A tree finding for a key that history also holds: the same finding, with where it came from. */
export function withHistory(tree: Finding, h: SecretInHistory): Finding {
  const f = h.first;
  return {
    ...tree,
    message: asRedacted(
      `${tree.message} It has been in git history since ${firstSeen(h)}: removing it from the file will not remove it from history, so revoke it.${inCommits(h)}`,
    ),
    commit: { sha: f.sha, date: f.date, author: f.author, path: f.path, line: f.line },
    commitCount: h.commits,
    inTree: true,
  };
}
