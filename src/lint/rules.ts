import type { RuleMeta } from '../rules.js';

export const LINT_RULES: RuleMeta[] = [];
