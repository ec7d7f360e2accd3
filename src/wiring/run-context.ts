import { booleanField, objectField, stringField } from '../event.js';
import type { GitHubRun } from '../options.js';

/** What about this run decides whether secrets reach it at all. */
export interface RunContext {
  /** A pull request from another repository: GitHub passes it no secrets. */
  fork: boolean;
  /** Started by Dependabot: only Dependabot secrets are passed. */
  dependabot: boolean;
  /** The pull request's head repository, for messages. */
  headRepo?: string;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
const DEPENDABOT = 'dependabot[bot]';

export function runContext(gh: GitHubRun | undefined): RunContext {
  if (!gh) return { fork: false, dependabot: false };
  const pr = objectField(gh.event.pull_request);
  const head = objectField(pr?.head);
  // null (a deleted fork) is kept apart from a missing or mistyped field.
  const repo = head?.repo === null ? null : objectField(head?.repo);
  const headRepo = stringField(repo?.full_name);
  // `head.repo.fork` alone misleads when the repository itself is a fork: compare the names when known.
  // A deleted fork leaves `head.repo` null.
  const foreign =
    pr !== undefined &&
    (repo === null ||
      (headRepo && gh.repository
        ? headRepo.toLowerCase() !== gh.repository.toLowerCase()
        : booleanField(repo?.fork) === true));
  return {
    fork: PR_EVENTS.has(gh.eventName) && foreign,
    dependabot: gh.actor === DEPENDABOT || stringField(objectField(pr?.user)?.login) === DEPENDABOT,
    headRepo,
  };
}
