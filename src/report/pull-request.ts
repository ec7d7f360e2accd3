import type { GitHubRun } from '../options.js';

/** The facts of the event's pull request the reports need. */
export interface PullRequestRef {
  number: number;
  /** The pull request's head commit: check runs belong there, not on the merge commit the job checked out. */
  headSha: string;
  /** Pull requests from forks run with a read-only token. */
  fromFork: boolean;
  /** Dependabot's runs get a read-only token too. */
  byDependabot: boolean;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function pullRequestOf(gh: GitHubRun | undefined): PullRequestRef | undefined {
  const pr = obj(gh?.event.pull_request);
  const number = pr?.number;
  if (!gh || !pr || typeof number !== 'number' || !Number.isInteger(number) || number <= 0) return undefined;
  const head = obj(pr.head);
  const headRepo = obj(head?.repo);
  const baseRepo = obj(obj(pr.base)?.repo);
  const headName = str(headRepo?.full_name);
  const baseName = str(baseRepo?.full_name) || gh.repository;
  const dependabot = 'dependabot[bot]';
  return {
    number,
    headSha: str(head?.sha) || gh.sha,
    fromFork: headRepo?.fork === true || (headName !== '' && headName !== baseName),
    byDependabot: gh.actor === dependabot || str(obj(pr.user)?.login) === dependabot,
  };
}
