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
  {
    id: 'config/check-failed',
    category: 'config',
    severity: 'critical',
    short: 'A check of keylint crashed, so its findings are missing',
    full: "One of keylint's checks stopped with an internal error. What it would have found is unknown, so the verdict is fail rather than a pass nobody earned.",
    help: 'Report the error message to keylint. To pass the step anyway, set fail-on: none.',
    tags: ['configuration'],
  },
  {
    id: 'config/policy-change',
    category: 'config',
    severity: 'high',
    short: "The change under review weakens keylint's own policy",
    full: "A pull request or push turns a check off, lowers a severity below fail-on, or adds an ignore entry, baseline entry or inline marker that silences a finding. A change must not decide its own verdict: the base commit's policy judges it.",
    help: "Have a maintainer review the policy change; to accept such changes on purpose, set `policy-changes: allow` in the base branch's .keylint.yml.",
    tags: ['security', 'configuration'],
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
