import { DETECTORS } from '../detect/detectors.js';
import type { RuleMeta } from '../rules.js';

/**
 * Keys found only in git history: one rule per key kind, `history/<kind>`, so a team can lower or
 * silence history findings (`history: false`, `history/openai-project-key: medium`) apart from keys
 * in the tree. A key that is still in the tree stays a `leak/…` finding, with the commit facts added.
 */
export const HISTORY_RULES: RuleMeta[] = DETECTORS.map((d) => ({
  id: `history/${d.id}`,
  category: 'leak',
  severity: d.severity,
  short: `${d.kind} in git history`,
  full: `${d.kind} added by a commit and no longer in the tree. Deleting a key does not remove it from history: anyone who can clone the repository, or any fork, can still read it.`,
  help: `Revoke the key at ${d.revokeUrl} and create a new one. Then, only if the history must stop carrying it, rewrite history (git filter-repo) and force-push.`,
  helpUri: d.revokeUrl,
  tags: ['security', 'secret', 'history', d.provider.toLowerCase().replace(/\s+/g, '-')],
}));
