import type { Finding } from '../finding.js';
import type { GitHubRun } from '../options.js';

/** A link to the finding's file and line at the scanned commit (or at the commit that holds it). */
export function findingLink(f: Finding, gh: GitHubRun | undefined): string | undefined {
  if (!gh || !f.location || !gh.repository) return undefined;
  const sha = f.commit?.sha ?? gh.sha;
  if (!sha) return undefined;
  const filePath = f.commit?.path ?? f.location.path;
  const line = f.commit?.line ?? f.location.line;
  return `${gh.serverUrl}/${gh.repository}/blob/${sha}/${filePath.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

export function whereText(f: Finding): string {
  if (!f.location) return 'environment';
  return `${f.location.path}:${f.location.line}`;
}
