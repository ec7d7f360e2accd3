import path from 'node:path';
import type { Finding } from '../finding.js';
import type { GitHubRun, ScanOptions } from '../options.js';

/**
 * Where the scanned directory sits in the repository, with a trailing slash ('' when it is the
 * workspace itself). Finding paths are relative to the scanned directory; GitHub places annotations
 * and code-scanning alerts by repository-relative paths.
 */
export function repoPrefix(options: Pick<ScanOptions, 'inAction' | 'env' | 'root'>): string {
  const ws = options.env.GITHUB_WORKSPACE;
  if (!options.inAction || !ws) return '';
  const rel = path.relative(path.resolve(ws), path.resolve(options.root));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/') + '/';
}

/** A link to the finding's file and line at the scanned commit (or at the commit that holds it). */
export function findingLink(f: Finding, gh: GitHubRun | undefined, prefix = ''): string | undefined {
  if (!gh || !f.location || !gh.repository) return undefined;
  const sha = f.commit?.sha ?? gh.sha;
  if (!sha) return undefined;
  // Git reports commit paths from the repository's top level already.
  const filePath = f.commit?.path ?? prefix + f.location.path;
  const line = f.commit?.line ?? f.location.line;
  return `${gh.serverUrl}/${gh.repository}/blob/${sha}/${filePath.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

export function whereText(f: Finding, prefix = ''): string {
  if (!f.location) return 'environment';
  const at = `${prefix}${f.location.path}:${f.location.line}`;
  return f.commit ? `${at} @ ${f.commit.sha.slice(0, 7)}` : at;
}

/** The run's page, where the job summary is. */
export function runLink(gh: GitHubRun | undefined): string | undefined {
  if (!gh?.repository || !gh.runId) return undefined;
  return `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}`;
}

/**
 * Hosts of the provider pages keylint itself points to (revoke pages, dashboards, status pages,
 * documentation): the only links the Markdown reports render. A custom detector's `revoke-url`,
 * or any URL a repository puts in a message, is shown as text.
 */
export const DOCUMENTED_HOSTS: ReadonlySet<string> = new Set([
  'platform.openai.com',
  'status.openai.com',
  'console.anthropic.com',
  'docs.anthropic.com',
  'status.anthropic.com',
  'aistudio.google.com',
  'console.cloud.google.com',
  'console.groq.com',
  'groqstatus.com',
  'huggingface.co',
  'openrouter.ai',
  'status.openrouter.ai',
  'console.x.ai',
  'status.x.ai',
  'www.perplexity.ai',
  'replicate.com',
  'platform.deepseek.com',
  'status.deepseek.com',
  'console.mistral.ai',
  'dashboard.cohere.com',
  'portal.azure.com',
  'ai.azure.com',
  'docs.github.com',
]);

export function isDocumentedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' && u.username === '' && u.password === '' && DOCUMENTED_HOSTS.has(u.hostname)
    );
  } catch {
    return false;
  }
}
