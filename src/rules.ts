import { DETECTORS } from './detect/detectors.js';
import type { Category, Severity } from './finding.js';
import { LINT_RULES } from './lint/rules.js';
import { LIVE_RULES } from './live/rules.js';
import { HISTORY_RULES } from './sources/rules.js';
import { WIRING_RULES } from './wiring/rules.js';

/** What SARIF, the README and the reports say about a rule. Ids are public: never rename one. */
export interface RuleMeta {
  id: string;
  category: Category;
  severity: Severity;
  /** One line. */
  short: string;
  /** What the rule finds and why it matters. */
  full: string;
  /** How to fix what it finds. */
  help: string;
  helpUri?: string;
  tags: string[];
}

const LEAK_RULES: RuleMeta[] = DETECTORS.map((d) => ({
  id: `leak/${d.id}`,
  category: 'leak',
  severity: d.severity,
  short: `${d.kind} committed`,
  full:
    `${d.kind} committed to the repository. Anyone with read access to the repository or its history can use it.` +
    (d.context
      ? ` (Found only as the value of a name that mentions ${d.provider}: the key has no unique prefix.)`
      : ''),
  help: `Revoke the key at ${d.revokeUrl}, create a new one, store it as a secret and read it from the environment; remove it from history if the repository is shared.`,
  helpUri: d.revokeUrl,
  tags: ['security', 'secret', d.provider.toLowerCase().replace(/\s+/g, '-')],
}));

const CONFIG_RULES: RuleMeta[] = [
  {
    id: 'config/invalid',
    category: 'config',
    severity: 'high',
    short: 'A configuration or workflow file keylint reads is not valid',
    full: 'keylint could not use a configuration or workflow file; the rest of the scan went on without it.',
    help: 'Fix the file at the line given in the message.',
    tags: ['configuration'],
  },
];

const ALL: RuleMeta[] = [
  ...LEAK_RULES,
  ...HISTORY_RULES,
  ...WIRING_RULES,
  ...LIVE_RULES,
  ...LINT_RULES,
  ...CONFIG_RULES,
];
const BY_ID = new Map(ALL.map((r) => [r.id, r]));

export function allRules(): readonly RuleMeta[] {
  return ALL;
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}
