import path from 'node:path';
import type { Notice } from '../check.js';
import { parseBaseline } from '../config/baseline.js';
import { IGNORE_FILE, parseIgnoreFile, type IgnoreFile } from '../config/ignore-file.js';
import { CONFIG_FILE_NAMES, parseConfig } from '../config/load.js';
import { POLICY_FILE_LIMIT } from '../config/read-file.js';
import { DEFAULT_CONFIG, type KeylintConfig } from '../config/types.js';
import { objectField, stringField } from '../event.js';
import type { ScanOptions } from '../options.js';
import { fetchCommit } from '../sources/fetch.js';
import { FULL_SHA, git, repoState, resolveCommit, ZERO_SHA } from '../sources/git.js';
import { spawnGitSync } from '../sources/git-process.js';

/** The policy files as the base commit has them: what a pull request or push is judged by. */
export interface BasePolicy {
  sha: string;
  config: KeylintConfig;
  ignore: IgnoreFile | null;
  /** `.keylintignore`'s lines at the base, trimmed. */
  ignoreLines: Set<string>;
  /** The baseline's finding identities at the base; null when the baseline is not a file of the repository. */
  baseline: Set<string> | null;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The commit a pull request or push is compared with, from the event; null for anything else. */
function baseSha(options: ScanOptions): string | null {
  const gh = options.github;
  if (!gh || options.since) return null;
  if (PR_EVENTS.has(gh.eventName)) {
    const sha = stringField(objectField(objectField(gh.event.pull_request)?.base)?.sha) ?? '';
    return FULL_SHA.test(sha) && !ZERO_SHA.test(sha) ? sha : null;
  }
  if (gh.eventName === 'push') {
    const before = stringField(gh.event.before) ?? '';
    // A new branch has no before: nothing in it is a change to a policy it had.
    return FULL_SHA.test(before) && !ZERO_SHA.test(before) ? before : null;
  }
  return null;
}

/**
 * A file of `sha`, relative to `root`: only a regular file (a link in the base tree is not a policy
 * file), at most the policy files' size limit. null when absent.
 */
export function fileAtCommit(root: string, sha: string, rel: string): string | null {
  const listed = git(root, ['ls-tree', '-l', '-z', '--end-of-options', sha, '--', rel]);
  const m = /^(100644|100755) blob ([0-9a-f]+)\s+(\d+)\t/.exec(listed.stdout);
  if (!listed.ok || !m || Number(m[3]) > POLICY_FILE_LIMIT) return null;
  const blob = spawnGitSync(root, ['cat-file', 'blob', m[2]!], {
    encoding: 'utf8',
    maxBuffer: POLICY_FILE_LIMIT + 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return blob.status === 0 ? blob.stdout : null;
}

const inside = (root: string, file: string): string | null => {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
};

/**
 * The base commit's policy, when this run is a pull request or push whose base this clone holds (or
 * can fetch); null otherwise, with a warning when a base was named but cannot be read.
 */
export function loadBasePolicy(options: ScanOptions, notices: Notice[]): BasePolicy | null {
  const sha = baseSha(options);
  if (!sha) return null;
  const root = options.root;
  if (repoState(root).kind !== 'git') return null;
  if (!resolveCommit(root, sha) && fetchCommit(root, sha) !== 'present') {
    notices.push({
      level: 'warning',
      message: `The base commit ${sha.slice(0, 12)} is not in this clone and could not be fetched: this change's edits to keylint's policy (.keylint.yml, .keylintignore, the baseline, inline markers) were not compared with the base's.`,
    });
    return null;
  }
  const explicit = options.configPath ? inside(root, options.configPath) : null;
  const configNames = options.configPath ? (explicit ? [explicit] : []) : CONFIG_FILE_NAMES;
  let config: KeylintConfig = structuredClone(DEFAULT_CONFIG);
  for (const name of configNames) {
    const text = fileAtCommit(root, sha, name);
    if (text === null) continue;
    try {
      config = parseConfig(text, name);
    } catch {
      // The base's config did not load: it silenced nothing, so the defaults are what it enforced.
    }
    break;
  }
  const ignoreText = fileAtCommit(root, sha, IGNORE_FILE);
  const baselineRel = options.baselinePath ? inside(root, options.baselinePath) : null;
  let baseline: Set<string> | null = null;
  if (baselineRel) {
    const text = fileAtCommit(root, sha, baselineRel);
    try {
      baseline = text === null ? new Set() : parseBaseline(text, baselineRel);
    } catch {
      baseline = new Set();
    }
  }
  return {
    sha,
    config,
    ignore: ignoreText === null ? null : parseIgnoreFile(ignoreText),
    ignoreLines: new Set((ignoreText ?? '').split(/\r?\n/).map((l) => l.trim())),
    baseline,
  };
}
